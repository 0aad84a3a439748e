/**
 * Hostile charts and overlays: deep nesting, alias bombs in values.yaml, kustomizations that
 * multiply their bases, and seeded random templates. Each analysis must return (never throw or
 * hang), and every finding must lie inside its own file.
 */
import assert from 'node:assert/strict';
import { lintChart } from '../../../server/src/engine/helm/chart';
import { lintKustomization } from '../../../server/src/engine/kustomize/lint';
import type { UnitResult } from '../../../server/src/engine/unit';
import { SourceFile } from '../../../server/src/engine/source';
import { testConfig } from '../../rule-tester';

const chart = (template: string, values = 'a: 1\n'): UnitResult =>
  lintChart({ root: '/c', chart: new SourceFile('/c/Chart.yaml', 'name: c\nversion: 1.0.0\n'), values: new SourceFile('/c/values.yaml', values), templates: [new SourceFile('/c/templates/t.yaml', template)] }, { config: testConfig() });

function inBounds(result: UnitResult): void {
  for (const file of result.files) {
    for (const f of file.findings) {
      assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= file.source.text.length, `${f.ruleId} ${JSON.stringify(f.span)} in ${file.source.path}`);
      for (const s of [f.fix, ...(f.suggestions ?? [])]) for (const e of s?.edits ?? []) assert.ok(e.span.end <= file.source.text.length, `edit of ${f.ruleId}`);
    }
  }
}

const ids = (result: UnitResult, path: string): string[] => result.files.find((f) => f.source.path === path)!.findings.map((f) => `${f.ruleId}/${f.messageId}`);

describe('robustness: Helm charts and Kustomize overlays', function () {
  this.timeout(60000);

  it('a template nested too deep is one finding; an action nested too deep is opaque', () => {
    const deep = `${'{{ if .Values.a }}'.repeat(100_000)}x${'{{ end }}'.repeat(100_000)}`;
    const result = chart(deep);
    inBounds(result);
    assert.deepEqual(ids(result, '/c/templates/t.yaml'), ['analysis-limit/helmTemplate']);
    assert.match(result.files[0]!.findings[0]!.message, /actions nested deeper than 500 levels/);
    const parens = chart(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ ${'('.repeat(100_000)}.Values.a${')'.repeat(100_000)} }}\n`);
    inBounds(parens);
    // Rendered and analysed, with the name opaque (the strict profile wants a namespace).
    assert.deepEqual(ids(parens, '/c/templates/t.yaml'), ['namespace-default/missing']);
  });

  it('ranges and output are bounded', () => {
    const result = chart('{{ range until 1000 }}{{ range until 1000 }}{{ range until 1000 }}- x\n{{ end }}{{ end }}{{ end }}');
    inBounds(result);
    assert.deepEqual(ids(result, '/c/templates/t.yaml'), []);
  });

  it('an alias bomb in values.yaml is not expanded by toYaml', () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
    const result = chart('apiVersion: v1\nkind: ConfigMap\ndata:\n  x: |\n    {{- toYaml .Values.f | nindent 4 }}\n', bomb);
    inBounds(result);
    assert.deepEqual(ids(result, '/c/values.yaml'), ['analysis-limit/yamlLimit']);
  });

  it('kustomizations that include a base twice, or each other, are built once', () => {
    const files = new Map<string, string>();
    for (let level = 0; level < 20; level++) files.set(`/k/${level}/kustomization.yaml`, `resources:\n- ../${level + 1}\n- ../${level + 1}\n`);
    files.set('/k/20/kustomization.yaml', 'resources:\n- pod.yaml\n');
    files.set('/k/20/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n');
    const read = (p: string): SourceFile | undefined => (files.has(p) ? new SourceFile(p, files.get(p)!) : undefined);
    const result = lintKustomization({ kustomization: read('/k/0/kustomization.yaml')!, read }, { config: testConfig() });
    inBounds(result);
    assert.deepEqual(ids(result, '/k/0/kustomization.yaml'), ['analysis-limit/kustomization']);
    const cycle = new Map([['/a/kustomization.yaml', 'resources: [../b]\n'], ['/b/kustomization.yaml', 'resources: [../a]\n']]);
    const readCycle = (p: string): SourceFile | undefined => (cycle.has(p) ? new SourceFile(p, cycle.get(p)!) : undefined);
    inBounds(lintKustomization({ kustomization: readCycle('/a/kustomization.yaml')!, read: readCycle }, { config: testConfig() }));
  });

  it('seeded random templates and values never throw and keep findings in their files', () => {
    const pieces = ['{{', '}}', '{{-', '-}}', ' ', '\n', '  ', 'if', 'else', 'end', 'range', 'with', 'define "x"', '.Values.a', '.Values.b.c', '$x :=', '$x', '|', 'toYaml', 'nindent 4', 'indent 2',
      'include "x" .', 'default "d"', 'quote', '(', ')', '"s"', '`raw`', 'apiVersion: v1\n', 'kind: Pod\n', 'spec:\n', '  containers:\n', '  - name: c\n', '    image: ', 'securityContext:', ': ', '- ', '#', '---\n', '/*', '*/', 'printf "%s"', 'tpl', 'lookup'];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      let template = '';
      for (let j = 0, n = 5 + next(60); j < n; j++) template += pieces[next(pieces.length)];
      const values = ['a: 1\n', 'a: {}\nb: {c: [1, 2]}\n', 'a: [x\n', '', 'b:\n  c: {privileged: true}\n'][next(5)]!;
      inBounds(chart(template, values));
    }
  });
});
