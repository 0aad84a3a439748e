import assert from 'node:assert/strict';
import { commonEnds, IncrementalLinter } from '../../../server/src/engine/incremental';
import { byteLength, lint, type LintResult } from '../../../server/src/engine/lint';
import { SourceFile } from '../../../server/src/engine/source';
import { testConfig } from '../../rule-tester';

/** A deterministic PRNG (mulberry32), so failures can be replayed from the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CRD-like document: deep block maps and sequences, like the multi-MB bundles. */
function crd(name: string, width: number): string {
  let props = '';
  for (let i = 0; i < width; i++) {
    props += `                field${i}:\n                  description: Field ${i} of ${name}.\n                  type: string\n`;
    if (i % 7 === 0) props += `                list${i}:\n                  items:\n                    type: integer\n                  type: array\n`;
  }
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${name}.example.com
  annotations:
    note: "with # not a comment"
spec:
  group: example.com
  names: {kind: ${name}, plural: ${name}s}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
${props}`;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  # bulkhead-ignore namespace-default -- example
  namespace: default
spec:
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: api
      containers:
        - name: api
          image: nginx:latest
          securityContext:
            privileged: true
          env:
            - name: API_TOKEN
              value: "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"
          ports:
            - containerPort: 22
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  type: LoadBalancer
  selector: {app: api}
  ports: [{port: 80}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api}
automountServiceAccountToken: false
`;

function normalize(r: LintResult): unknown {
  return r.findings.map((f) => ({
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    span: f.span,
    fix: f.fix,
    suggestions: f.suggestions,
    related: f.related?.map((x) => ({ path: x.file.path, text: x.file.text.length, span: x.span, message: x.message })),
    suppressed: f.suppressed,
  }));
}

const LINES = ['    # a comment', 'x: 1', '  - item', '                newField:', '                  type: boolean', '---', '  privileged: yes', '\t', ': :', '"unterminated', '          image: redis'];

/** Mostly the edits of someone typing in a valid file; one in five is disruptive. */
function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const pick = (n: number): number => Math.floor(next() * n);
  const at = pick(lines.length);
  if (next() < 0.8) {
    switch (pick(4)) {
      case 0: // type into a value
        lines[at] = (lines[at] ?? '').replace(/: (\S+)$/, (_m, v: string) => `: ${v}${'xyz0'[pick(4)]}`);
        return lines.join('\n');
      case 1: // a comment line, indented like its neighbour
        lines.splice(at, 0, `${/^ */.exec(lines[at] ?? '')![0]}# note ${pick(1000)}`);
        return lines.join('\n');
      case 2: // a new key next to an existing one
        lines.splice(at, 0, (lines[at] ?? '').replace(/^( *)(- )?[\w.-]+:.*$/, `$1$2added${pick(1000)}: value`));
        return lines.join('\n');
      default: // change a value
        lines[at] = (lines[at] ?? '').replace(/: [^{[\s].*$/, `: changed${pick(100)}`);
        return lines.join('\n');
    }
  }
  switch (pick(8)) {
    case 0: { // type one character somewhere
      const pos = pick(text.length + 1);
      return text.slice(0, pos) + 'abc: -"#\n '[pick(10)] + text.slice(pos);
    }
    case 1: { // delete a few characters
      const pos = pick(text.length);
      return text.slice(0, pos) + text.slice(pos + 1 + pick(4));
    }
    case 2: // insert a line like those around, or a hostile one
      lines.splice(at, 0, next() < 0.7 ? (lines[at] ?? '').replace(/\S.*/, 'added: value') : LINES[pick(LINES.length)]!);
      return lines.join('\n');
    case 3: // delete a line
      lines.splice(at, 1);
      return lines.join('\n');
    case 4: // change a value on a line
      lines[at] = (lines[at] ?? '').replace(/: .*$/, `: changed${pick(100)}`);
      return lines.join('\n');
    case 5: // change indentation
      lines[at] = next() < 0.5 ? ` ${lines[at]}` : (lines[at] ?? '').replace(/^ /, '');
      return lines.join('\n');
    case 6: // a comment line in the middle of a block
      lines.splice(at, 0, `${/^ */.exec(lines[at] ?? '')![0]}# edit ${pick(1000)}`);
      return lines.join('\n');
    default: // duplicate a line (often a duplicate key)
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
  }
}

describe('incremental analysis', () => {
  const config = testConfig();

  // Seeds 7 and 8: Helm's rendered output, where `# Source:` comments between markers make an
  // empty document ahead of each real one in the same chunk.
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`equals a from-scratch lint after every step of a random edit sequence (seed ${seed}${seed > 6 ? ', Helm output' : ''})`, function () {
      this.timeout(120000);
      const next = random(seed);
      const documents = [crd('Widget', 60), DEPLOYMENT, crd('Gadget', 40), SERVICE];
      const original = seed > 6 ? `---\n${documents.map((d, i) => `# Source: chart/templates/t${i}.yaml\n---\n${d}`).join('---\n')}` : documents.join('---\n');
      let text = original;
      const linter = new IncrementalLinter();
      const totals = { reused: 0, patched: 0, parsed: 0 };
      for (let step = 0; step < 150; step++) {
        // Now and then the user undoes everything (a big jump back to a valid file).
        text = step % 25 === 24 ? original : mutate(text, next);
        const source = new SourceFile('bundle.yaml', text);
        const incremental = linter.lint(source, { config, kind: 'k8s' });
        const scratch = lint(source, { config, kind: 'k8s' });
        assert.deepEqual(normalize(incremental), normalize(scratch), `seed ${seed}, step ${step}`);
        totals.reused += linter.stats.reused;
        totals.patched += linter.stats.patched;
        totals.parsed += linter.stats.parsed;
      }
      // The shortcuts must actually be taken, or this test proves nothing about them.
      assert.ok(totals.reused > 100, `reused ${totals.reused}`);
      assert.ok(totals.patched > 15, `patched ${totals.patched}`);
    });
  }

  it('re-parses only the edited block when a comment line goes above a block\'s first entry, or the chunk starts with an empty document', () => {
    const text = `---\n# Source: chart/templates/crd.yaml\n---\n${crd('Widget', 400)}`;
    const linter = new IncrementalLinter();
    linter.lint(new SourceFile('b.yaml', text), { config });
    const edited = text.replace('                field200:\n', '                # the next field\n                field200:\n').replace('    served: true', '    # served\n    served: true');
    const result = linter.lint(new SourceFile('b.yaml', edited), { config });
    assert.deepEqual(linter.stats, { reused: 0, patched: 1, parsed: 0 });
    assert.deepEqual(normalize(result), normalize(lint(new SourceFile('b.yaml', edited), { config })));
  });

  it('re-parses only the edited block of a large document', () => {
    const text = [DEPLOYMENT, crd('Widget', 400)].join('---\n');
    const linter = new IncrementalLinter();
    linter.lint(new SourceFile('b.yaml', text), { config });
    const edited = text.replace('description: Field 200 of Widget.', 'description: Field two hundred.');
    const result = linter.lint(new SourceFile('b.yaml', edited), { config });
    assert.deepEqual(linter.stats, { reused: 1, patched: 1, parsed: 0 });
    assert.deepEqual(normalize(result), normalize(lint(new SourceFile('b.yaml', edited), { config })));
  });

  it('in steps: a pause after each document and after its cross-document rules; giving up at any pause leaves nothing half-done', () => {
    const v1 = [DEPLOYMENT, crd('Widget', 10), SERVICE].join('---\n');
    const v2 = v1.replace('description: Field 3 of Widget.', 'description: Field three.');
    const all = new IncrementalLinter().steps(new SourceFile('b.yaml', v1), { config });
    let pauses = 0;
    while (!all.next().done) pauses++;
    assert.equal(pauses, 8); // four documents (SERVICE holds two)
    for (let stop = 0; stop <= pauses; stop++) {
      const linter = new IncrementalLinter();
      linter.lint(new SourceFile('b.yaml', v1), { config });
      const abandoned = linter.steps(new SourceFile('b.yaml', v2), { config });
      for (let i = 0; i < stop; i++) abandoned.next();
      abandoned.return(undefined as never);
      const result = linter.lint(new SourceFile('b.yaml', v2), { config });
      assert.deepEqual(normalize(result), normalize(lint(new SourceFile('b.yaml', v2), { config })), `given up after ${stop} steps`);
      // Not started: the edit is patched as usual. While documents are analysed: starts over. Once
      // every document is analysed, giving up during the cross-document rules keeps them.
      const expected = stop === 0 ? { reused: 3, patched: 1, parsed: 0 } : stop <= 4 ? { reused: 0, patched: 0, parsed: 4 } : { reused: 4, patched: 0, parsed: 0 };
      assert.deepEqual(linter.stats, expected, `given up after ${stop} steps`);
    }
  });

  it('counts maxFileSize in UTF-8 bytes, like lint (it used to count characters)', () => {
    const source = new SourceFile('c.yaml', `# ${'é'.repeat(600)}\nservices: {web: {image: nginx}}\n`);
    const small = testConfig({ maxFileSize: 1000 });
    const result = new IncrementalLinter().lint(source, { config: small, kind: 'compose' });
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.message]), [['analysis-limit', 'File is 1235 bytes, over the 1000-byte limit (maxFileSize); it was not analysed.']]);
    assert.deepEqual(normalize(result), normalize(lint(source, { config: small, kind: 'compose' })));
  });

  it('counts UTF-8 bytes exactly: ASCII, 2-, 3- and 4-byte characters, lone surrogates (written as U+FFFD)', () => {
    const next = random(9);
    const texts = ['', 'abc', 'é', '€', '😀', '\ud800', 'x\udc00', 'a\ud83d\ude00\ud83d'];
    for (let i = 0; i < 500; i++) texts.push(Array.from({ length: 30 }, () => String.fromCharCode(Math.floor(next() * 65536))).join(''));
    for (const text of texts) assert.equal(byteLength(text, 0), new TextEncoder().encode(text).length, JSON.stringify(text));
  });

  it('finds the common prefix and suffix of two versions, across block boundaries', () => {
    const base = 'x'.repeat(10_000);
    assert.deepEqual(commonEnds(base, `${base.slice(0, 5000)}yy${base.slice(5000)}`), { prefix: 5000, suffix: 5000 });
    assert.deepEqual(commonEnds(base, base), { prefix: 10_000, suffix: 0 });
    assert.deepEqual(commonEnds(`a${base}`, `b${base}`), { prefix: 0, suffix: 10_000 });
    assert.deepEqual(commonEnds('abcabc', 'abc'), { prefix: 3, suffix: 0 });
  });

  it('starts over when the configuration changes', () => {
    const linter = new IncrementalLinter();
    const source = new SourceFile('d.yaml', DEPLOYMENT);
    linter.lint(source, { config });
    linter.lint(source, { config: testConfig({ profile: 'pss-baseline' }) });
    assert.deepEqual(linter.stats, { reused: 0, patched: 0, parsed: 1 });
  });
});
