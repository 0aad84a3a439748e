/**
 * Every input the fuzz harness (npm run fuzz) ever failed on, minimized (`--replay I --minimize`).
 * Each must pass the harness's check: no exception, no internal-error, every span inside the
 * text. The mutation that found it is in the name.
 */
import assert from 'node:assert/strict';
import { check } from '../../../scripts/fuzz/check';
import type { FuzzInput, InputKind } from '../../../scripts/fuzz/inputs';
import { runFuzz } from '../../../scripts/fuzz/run';
import { lint } from '../../../server/src/engine/lint';
import { SourceFile } from '../../../server/src/engine/source';
import { testConfig } from '../../rule-tester';

const PATHS: Record<InputKind, string> = { dockerfile: '/fuzz/Dockerfile', compose: '/fuzz/compose.yaml', k8s: '/fuzz/manifest.yaml', config: '/fuzz/.bulkhead.yaml' };
const input = (kind: InputKind, text: string, index = 0): FuzzInput => ({ seed: 0, index, families: ['regression'], origin: 'regression', path: PATHS[kind], kind, forceKind: true, config: 0, text });
const findings = (kind: InputKind, text: string): [string, string, number, number][] =>
  lint(new SourceFile(PATHS[kind], text), { config: testConfig(), kind: kind as 'k8s' }).findings.map((f) => [f.ruleId, f.message, f.span.start, f.span.end]);

/** Aliases the parser used to resolve by walking the whole document each time (quadratic). */
function manyAliases(n: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\nx-anchor: &k [1]\nv: [${Array(n).fill('*k').join(',')}]\n`;
}

describe('fuzz regressions', function () {
  this.timeout(60000);

  const cases: { readonly name: string; readonly kind: InputKind; readonly text: string }[] = [
    { name: 'lineEndings: a lone CR after a continuation (dockerfile-ast getHeredocs threw)', kind: 'dockerfile', text: 'RUN\t\\\r#6\n' },
    { name: 'lineEndings: the same after a space', kind: 'dockerfile', text: 'RUN \\\r#h\n' },
    { name: 'a heredoc followed by a lone CR continuation', kind: 'dockerfile', text: 'RUN <<EOF \\\r#h\nEOF\n\n\n' },
    { name: 'truncate: an unterminated double quote at the end of the file (span past the end)', kind: 'k8s', text: '"' },
    { name: 'tokens: an unterminated single quote at the end of the file', kind: 'k8s', text: "'" },
    { name: 'tokens: an unterminated flow map at the end of the file', kind: 'compose', text: '{' },
    {
      name: 'valueSwap: "Harden container" on a half-read block scalar made an insertion inside a replaced value',
      kind: 'k8s',
      text: 'apiVersion: e\nkind: Pod\nspec: containers:\n  - image:\n    securityContext: allowPrivilegeEscalation: |\n',
    },
    // Suggestions overwrote an empty block scalar with its line break, overlapping the key added after it.
    { name: 'byteFlip (seed 7 #6233): pod runAsNonRoot: | (overlapping edits)', kind: 'k8s', text: 'apiVersion: 1\nkind: Pod\nspec: containers:\n- :\nsecurityContext: runAsNonRoot: |\n' },
    { name: 'valueSwap (seed 20261124 #25659): container capabilities: >', kind: 'k8s', text: 'apiVersion: 1\nkind: Pod\nspec: containers:\n  - image:\n    securityContext: capabilities: >\n' },
    { name: 'valueSwap (seed 20261124 #32661): pod runAsNonRoot: >', kind: 'k8s', text: 'apiVersion: 1\nkind: Pod\nspec: containers:\n  - :\n   :\nsecurityContext: runAsNonRoot: >\n' },
    { name: 'valueSwap (seed 20261124 #38382): container allowPrivilegeEscalation: >', kind: 'k8s', text: 'apiVersion: 1\nkind: Pod\nspec: containers:\n  - image:\n    securityContext: allowPrivilegeEscalation: >\n' },
    // secret-in-env removed a service's only key (leaving `{}`) and added `secrets:` inside it.
    { name: 'lineEndings+lineShuffle (seed 31337 #3753): a service holding only its secret variable', kind: 'compose', text: 'services: :\n environment: MYSQL_ROOT_PASSWORD: h\n' },
    { name: 'the same in valid YAML', kind: 'compose', text: 'services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: whalehello\n' },
    { name: 'charRun (seed 777 #185713): a Dockerfile of one comment line, no line break (dockerfile-ast took 4 s for 35,000 characters)', kind: 'dockerfile', text: `${'#'.repeat(35_000)} x` },
    { name: 'a one-line parser directive without a line break', kind: 'dockerfile', text: '# syntax=docker/dockerfile:1' },
    { name: 'the same in valid YAML: an empty folded runAsNonRoot before containers', kind: 'k8s', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: >\n  containers:\n  - name: c\n    image: x\n' },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(check(input(c.kind, c.text)), []));

  it('a heredoc the library cannot read is a syntax error, not a crash', () => {
    assert.deepEqual(findings('dockerfile', 'RUN <<EOF \\\r#h\nEOF\n\n\n').filter(([id]) => id === 'syntax-error'), [
      ['syntax-error', 'Dockerfile syntax error: Heredoc could not be read (check the line breaks of this instruction)', 4, 9],
    ]);
  });

  it('a YAML error at the end of the input points at the end, not past it', () => {
    assert.deepEqual(findings('k8s', '"'), [['syntax-error', 'YAML syntax error: Missing closing "quote', 1, 1]]);
  });

  it('charRun: a document of garbage lines reports 50 syntax errors and how many more there are', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: \\\n' + ' \\\n'.repeat(2000);
    const syntax = findings('k8s', text).filter(([id]) => id === 'syntax-error' || id === 'analysis-limit');
    assert.equal(syntax.filter(([id]) => id === 'syntax-error').length, 50);
    assert.deepEqual(syntax.filter(([id]) => id === 'analysis-limit').map(([, message]) => message), ['2949 more YAML syntax errors in this document are not shown.']);
  });

  it('aliasBomb, hugeScalar: thousands of aliases, a line of 690,000 blanks, a one-line comment of 515,000 characters finish under the watchdog (all were super-linear)', async () => {
    const texts = [manyAliases(30_000), `${manyAliases(5)}merged: {<<: [${Array(30_000).fill('*k').join(', ')}]}\n`];
    // hugeScalar+kindSwap (seed 31337 #668): a Dockerfile line of 690,000 blanks read as Compose. Each
    // syntax error message quoted it and a regex over it backtracked: 17 minutes, now milliseconds.
    texts.push(`ARG REPO=x\n\n# c\nFROM mcr.microsoft.com/a/RUN${' '.repeat(690_000)}\nbase/core:4.0 AS installer\n\nRUN dnf\n`);
    // generated+hugeScalar (seed 777 #155191): a Dockerfile that is one comment line of 515,000
    // characters, no line break. dockerfile-ast rescanned it once per character: 7 minutes.
    texts.push(`${'#'.repeat(515_000)} MAINTAINER chmod build ["a",`);
    const kinds: InputKind[] = ['k8s', 'k8s', 'compose', 'dockerfile'];
    const summary = await runFuzz({ seed: 0, count: texts.length, timeoutMs: 20_000, workers: 2, make: (i) => input(kinds[i]!, texts[i]!, i) });
    assert.deepEqual(summary.failures.map((f) => [f.input.index, f.type, f.problems]), []);
  });
});
