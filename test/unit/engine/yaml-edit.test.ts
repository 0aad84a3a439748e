import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { YamlEditor, type YValue } from '../../../server/src/engine/fix/yaml-edit';
import { isMap, isSeq, type YMap } from '../../../server/src/engine/model/yaml';
import { parseYamlStream } from '../../../server/src/engine/parse/yaml';
import { SourceFile } from '../../../server/src/engine/source';

/** Applies `edit(editor, root)` to the first document of `text` and returns the new text. */
function edit(text: string, fn: (e: YamlEditor, root: YMap) => ReturnType<YamlEditor['ensure']>): string {
  const [doc] = parseYamlStream(new SourceFile('x.yaml', text));
  const out = applyEdits(doc!.source.text, fn(new YamlEditor(doc!.source), doc!.contents as YMap));
  assert.equal(parseYamlStream(new SourceFile('x.yaml', out)).flatMap((d) => d.problems).length, 0, `output must parse:\n${out}`);
  return out;
}
const at = (root: YMap, ...path: (string | number)[]): YMap => {
  let node: unknown = root;
  for (const p of path) node = typeof p === 'number' ? (isSeq(node as never) ? (node as { items: unknown[] }).items[p] : undefined) : (node as YMap).get(p);
  assert.ok(isMap(node as never));
  return node as YMap;
};
const ensure = (value: Record<string, YValue>, ...path: (string | number)[]) => (e: YamlEditor, root: YMap) => e.ensure(at(root, ...path), value, { overwrite: true });

describe('YamlEditor', () => {
  it('adds nested keys in block style with the document indentation (2 spaces, indentless lists)', () => {
    const text = 'spec:\n  containers:\n  - name: app\n    image: x:1\n    ports:\n    - containerPort: 80\n';
    assert.equal(edit(text, ensure({ securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } }, 'spec', 'containers', 0)),
      'spec:\n  containers:\n  - name: app\n    image: x:1\n    ports:\n    - containerPort: 80\n    securityContext:\n      runAsNonRoot: true\n      capabilities:\n        drop:\n        - ALL\n');
  });

  it('follows 4-space indentation and indented lists', () => {
    const text = 'spec:\n    containers:\n        -   name: app\n            image: x:1\n            args:\n                - a\n';
    assert.equal(edit(text, ensure({ resources: { limits: { memory: '512Mi' } }, command: ['run'] }, 'spec', 'containers', 0)),
      'spec:\n    containers:\n        -   name: app\n            image: x:1\n            args:\n                - a\n            resources:\n                limits:\n                    memory: 512Mi\n            command:\n                - run\n');
  });

  it('merges into existing maps, appends missing list items, replaces differing scalars', () => {
    const text = 'securityContext:\n  allowPrivilegeEscalation: true  # was needed once\n  capabilities:\n    drop:\n      - NET_RAW\n';
    assert.equal(edit(text, ensure({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true } })),
      'securityContext:\n  allowPrivilegeEscalation: false  # was needed once\n  capabilities:\n    drop:\n      - NET_RAW\n      - ALL\n  runAsNonRoot: true\n');
  });

  it('writes into flow maps and sequences in flow style', () => {
    assert.equal(edit('c: {name: a, securityContext: {privileged: true}}\n', ensure({ securityContext: { privileged: false, capabilities: { drop: ['ALL'] } } }, 'c')),
      'c: {name: a, securityContext: {privileged: false, capabilities: {drop: [ALL]}}}\n');
    assert.equal(edit('c: {}\n', ensure({ read_only: true }, 'c')), 'c: {read_only: true}\n');
    assert.equal(edit('c:\n  cap_drop: [NET_RAW]\n', ensure({ cap_drop: ['ALL'] }, 'c')), 'c:\n  cap_drop: [NET_RAW, ALL]\n');
    assert.equal(edit('c:\n  cap_drop: []\n', ensure({ cap_drop: ['ALL'] }, 'c')), 'c:\n  cap_drop: [ALL]\n');
  });

  it('fills keys that have no value', () => {
    assert.equal(edit('s:\n  securityContext:\n  image: x\n', ensure({ securityContext: { runAsNonRoot: true } }, 's')), 's:\n  securityContext:\n    runAsNonRoot: true\n  image: x\n');
    assert.equal(edit('s:\n  read_only:\n', ensure({ read_only: true }, 's')), 's:\n  read_only: true\n');
  });

  it('keeps CRLF line endings, comments and quotes', () => {
    const text = 'services:\r\n  web:\r\n    image: "nginx:1.27"  # pinned\r\n    # trailing comment\r\n';
    assert.equal(edit(text, ensure({ security_opt: ['no-new-privileges:true'] }, 'services', 'web')),
      'services:\r\n  web:\r\n    image: "nginx:1.27"  # pinned\r\n    security_opt:\r\n      - no-new-privileges:true\r\n    # trailing comment\r\n');
    assert.equal(edit("a: {v: 'x'}\n", (e, root) => [e.set(at(root, 'a').get('v')!, 'y')]), "a: {v: 'y'}\n");
  });

  it('quotes strings YAML would read otherwise', () => {
    const e = new YamlEditor(new SourceFile('x', ''));
    assert.deepEqual(['yes', 'on', '0.5', '1e3', '', 'a: b', '127.0.0.1:8080:80', 'ALL', 'RuntimeDefault', '512Mi', '${X}'].map((v) => e.inline(v)),
      ['"yes"', '"on"', '"0.5"', '"1e3"', '""', '"a: b"', '127.0.0.1:8080:80', 'ALL', 'RuntimeDefault', '512Mi', '"${X}"']);
  });

  it('removes keys whole-line in block style and with their comma in flow style', () => {
    assert.equal(edit('web:\n  privileged: true\n  image: x\n', (e, root) => [e.remove(at(root, 'web'), 'privileged')!]), 'web:\n  image: x\n');
    assert.equal(edit('web:\n  image: x\n  sc:\n    a: 1\n    b: 2\n', (e, root) => [e.remove(at(root, 'web'), 'sc')!]), 'web:\n  image: x\n');
    assert.equal(edit('web: {image: x, privileged: true}\n', (e, root) => [e.remove(at(root, 'web'), 'privileged')!]), 'web: {image: x}\n');
    assert.equal(edit('web: {privileged: true, image: x}\n', (e, root) => [e.remove(at(root, 'web'), 'privileged')!]), 'web: {image: x}\n');
  });

  it('appends items to sequences of maps', () => {
    assert.equal(edit('volumes:\n  - name: a\n    emptyDir: {}\n', (e, root) => e.appendItems(root.get('volumes') as never, [{ name: 'tmp', emptyDir: {} }])),
      'volumes:\n  - name: a\n    emptyDir: {}\n  - name: tmp\n    emptyDir: {}\n');
  });
});
