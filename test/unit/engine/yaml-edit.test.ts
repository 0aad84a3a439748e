import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { YamlEditor, type YValue } from '../../../server/src/engine/fix/yaml-edit';
import { isMap, isSeq, type YMap } from '../../../server/src/engine/model/yaml';
import { parseYamlStream } from '../../../server/src/engine/parse/yaml';
import { SourceFile } from '../../../server/src/engine/source';

/** Applies `edit(editor, root)` to the first document of `text` and returns the new text; `withRoot` gives the editor the document tree. */
function edit(text: string, fn: (e: YamlEditor, root: YMap) => ReturnType<YamlEditor['ensure']>, withRoot = false): string {
  const [doc] = parseYamlStream(new SourceFile('x.yaml', text));
  const out = applyEdits(doc!.source.text, fn(new YamlEditor(doc!.source, withRoot ? doc!.contents : undefined), doc!.contents as YMap));
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

  it('takes the indentation step from keys, not from the column after a list dash', () => {
    const text = 'spec:\n    containers:\n        - name: app\n          image: x:1\n          env:\n              - name: A\n                value: b\n';
    assert.equal(edit(text, ensure({ securityContext: { runAsNonRoot: true } }, 'spec', 'containers', 0)), `${text}          securityContext:\n              runAsNonRoot: true\n`);
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

  it('overwrites a quoted "true" or "1" with the boolean or number (a quoted one is a string)', () => {
    assert.equal(edit('c:\n  runAsNonRoot: "true"\n  runAsUser: \'1\'\n', ensure({ runAsNonRoot: true, runAsUser: 1 }, 'c')), 'c:\n  runAsNonRoot: true\n  runAsUser: 1\n');
    assert.equal(edit('c:\n  runAsNonRoot: true\n  name: "x"\n', ensure({ runAsNonRoot: true, name: 'x' }, 'c')), 'c:\n  runAsNonRoot: true\n  name: "x"\n');
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
    assert.deepEqual(['yes', 'on', '0.5', '1e3', '', 'a: b', '127.0.0.1:8080:80', 'ALL', 'RuntimeDefault', '512Mi', '${X}', '@x'].map((v) => e.inline(v)),
      ['"yes"', '"on"', '"0.5"', '"1e3"', '""', '"a: b"', '127.0.0.1:8080:80', 'ALL', 'RuntimeDefault', '512Mi', '"${X}"', '"@x"']);
  });

  it('removes keys whole-line in block style and with their comma in flow style', () => {
    assert.equal(edit('web:\n  privileged: true\n  image: x\n', (e, root) => [e.remove(at(root, 'web'), 'privileged')!]), 'web:\n  image: x\n');
    assert.equal(edit('web:\n  image: x\n  sc:\n    a: 1\n    b: 2\n', (e, root) => [e.remove(at(root, 'web'), 'sc')!]), 'web:\n  image: x\n');
    assert.equal(edit('web: {image: x, privileged: true}\n', (e, root) => [e.remove(at(root, 'web'), 'privileged')!]), 'web: {image: x}\n');
    assert.equal(edit('web: {privileged: true, image: x}\n', (e, root) => [e.remove(at(root, 'web'), 'privileged')!]), 'web: {image: x}\n');
  });

  it('replaces an explicit null with the new value', () => {
    assert.equal(edit('s:\n  securityContext: null\n  image: x\n', ensure({ securityContext: { runAsNonRoot: true } }, 's')), 's:\n  securityContext:\n    runAsNonRoot: true\n  image: x\n');
    assert.equal(edit('s:\n  read_only: ~  # unset\n', ensure({ read_only: true }, 's')), 's:\n  read_only: true  # unset\n');
  });

  it('keeps a plain scalar plain when YAML reads the new text back as the same string', () => {
    const setPort = (text: string, value: string, withRoot = false) =>
      edit(text, (e, root) => {
        const ports = root.get('ports');
        assert.ok(isSeq(ports));
        return [e.set(ports.items[0]!, value)];
      }, withRoot);
    // Braces inside a plain scalar are fine in block context; the editor needs the root to know the context.
    assert.equal(setPort('ports:\n  - ${PORT}:80\n', '127.0.0.1:${PORT}:80', true), 'ports:\n  - 127.0.0.1:${PORT}:80\n');
    assert.equal(setPort('ports: [8080:80]\n', '127.0.0.1:${PORT}:80', true), 'ports: ["127.0.0.1:${PORT}:80"]\n');
    // Without the root such a value is quoted.
    assert.equal(setPort('ports:\n  - ${PORT}:80\n', '127.0.0.1:${PORT}:80'), 'ports:\n  - "127.0.0.1:${PORT}:80"\n');
    assert.equal(setPort('ports: [8080:80]\n', '127.0.0.1:8080:80'), 'ports: [127.0.0.1:8080:80]\n');
    assert.equal(setPort("ports: ['8080:80']\n", '127.0.0.1:8080:80'), "ports: ['127.0.0.1:8080:80']\n");
    assert.equal(setPort('ports: ["8080:80"]\n', '127.0.0.1:8080:80'), 'ports: ["127.0.0.1:8080:80"]\n');
    // A plain scalar whose new text YAML would read as a number or boolean is quoted.
    assert.equal(setPort('ports:\n  - a\n', '8080'), 'ports:\n  - "8080"\n');
    assert.equal(setPort('ports:\n  - a\n', 'on'), 'ports:\n  - "on"\n');
  });

  it('replaces a block scalar (| or >) and its lines, keeping the line break after it (found by the fuzzer)', () => {
    assert.equal(edit('c:\n  runAsNonRoot: >\n  image: x\n', ensure({ runAsNonRoot: true, runAsUser: 10001 }, 'c')), 'c:\n  runAsNonRoot: true\n  image: x\n  runAsUser: 10001\n');
    // Last in its map: the new key goes right after the replaced value.
    assert.equal(edit('c:\n  image: x\n  runAsNonRoot: >\nd: 1\n', ensure({ runAsNonRoot: true, runAsUser: 10001 }, 'c')), 'c:\n  image: x\n  runAsNonRoot: true\n  runAsUser: 10001\nd: 1\n');
    assert.equal(edit('c:\n  capabilities: |\n    not a map\n\n  image: x\n', ensure({ capabilities: { drop: ['ALL'] } }, 'c')), 'c:\n  capabilities: {drop: [ALL]}\n\n  image: x\n');
  });

  it('replaces the alias, not the anchored value, when a scalar came through an alias', () => {
    assert.equal(edit('a: &t true\nb:\n  privileged: *t\n', (e, root) => [e.set(at(root, 'b').get('privileged')!, false)]), 'a: &t true\nb:\n  privileged: false\n');
  });

  it('removes the first pair of a sequence item up to the next pair, and the only one as {}', () => {
    assert.equal(edit('c:\n- name: a\n  privileged: true\n', (e, root) => [e.remove(at(root, 'c', 0), 'name')!]), 'c:\n- privileged: true\n');
    assert.equal(edit('c:\n-   privileged: true  # why\n', (e, root) => [e.remove(at(root, 'c', 0), 'privileged')!]), 'c:\n-   {}  # why\n');
    assert.equal(edit('c:\n- name: a\n  privileged: true\n  image: x\n', (e, root) => [e.remove(at(root, 'c', 0), 'privileged')!]), 'c:\n- name: a\n  image: x\n');
  });

  it('leaves an empty collection under its key when the only entry is removed', () => {
    assert.equal(edit('spec:\n  hostIPC: true\nkind: x\n', (e, root) => [e.remove(at(root, 'spec'), 'hostIPC')!]), 'spec: {}\nkind: x\n');
    assert.equal(edit('spec:  # pod\r\n  # why\r\n  hostIPC: true\r\n', (e, root) => [e.remove(at(root, 'spec'), 'hostIPC')!]), 'spec: {}  # pod\r\n  # why\r\n');
    assert.equal(edit('l:\n- x\n', (e, root) => {
      const l = root.get('l');
      assert.ok(isSeq(l));
      return [e.removeItem(l, l.items[0]!)!];
    }), 'l: []\n');
  });

  it('removes sequence items whole-line in block style and with their comma in flow style', () => {
    const removeCap = (text: string, cap: string) =>
      edit(text, (e, root) => {
        const seq = root.get('cap_add');
        assert.ok(isSeq(seq));
        return [e.removeItem(seq, seq.items.find((i) => (i as { text?: string }).text === cap)!)!];
      });
    assert.equal(removeCap('cap_add:\n  - NET_ADMIN\n  - SYS_ADMIN  # for mounts\n  - CHOWN\nimage: x\n', 'SYS_ADMIN'), 'cap_add:\n  - NET_ADMIN\n  - CHOWN\nimage: x\n');
    assert.equal(removeCap('cap_add:\n- NET_ADMIN\n- SYS_ADMIN\n', 'SYS_ADMIN'), 'cap_add:\n- NET_ADMIN\n');
    assert.equal(removeCap('cap_add:\r\n  - SYS_ADMIN\r\n  - CHOWN\r\n', 'SYS_ADMIN'), 'cap_add:\r\n  - CHOWN\r\n');
    assert.equal(removeCap('cap_add: [NET_ADMIN, SYS_ADMIN, CHOWN]\n', 'SYS_ADMIN'), 'cap_add: [NET_ADMIN, CHOWN]\n');
    assert.equal(removeCap('cap_add: [NET_ADMIN, SYS_ADMIN]\n', 'SYS_ADMIN'), 'cap_add: [NET_ADMIN]\n');
    assert.equal(removeCap('cap_add: [SYS_ADMIN]\n', 'SYS_ADMIN'), 'cap_add: []\n');
    assert.equal(edit('m:\n- - a\n  - b\n', (e, root) => {
      const outer = root.get('m');
      assert.ok(isSeq(outer) && isSeq(outer.items[0]));
      return [e.removeItem(outer.items[0], outer.items[0].items[0]!)!];
    }), 'm:\n- - b\n');
  });

  it('removes a path and the maps it leaves empty, up to the owner', () => {
    const text = 'c:\n  securityContext:\n    capabilities:\n      add: [SYS_ADMIN]\n    runAsNonRoot: true\n  image: x\n';
    assert.equal(edit(text, (e, root) => {
      const add = at(root, 'c', 'securityContext', 'capabilities').get('add');
      assert.ok(isSeq(add));
      return [e.removeIn(at(root, 'c'), ['securityContext', 'capabilities', 'add'], add.items[0])!];
    }), 'c:\n  securityContext:\n    runAsNonRoot: true\n  image: x\n');
    assert.equal(edit('c:\n  securityContext: {privileged: true}\n  image: x\n', (e, root) => [e.removeIn(at(root, 'c'), ['securityContext', 'privileged'])!]), 'c:\n  image: x\n');
    assert.equal(edit('c:\n  securityContext: {privileged: true, runAsNonRoot: true}\n', (e, root) => [e.removeIn(at(root, 'c'), ['securityContext', 'privileged'])!]),
      'c:\n  securityContext: {runAsNonRoot: true}\n');
    assert.equal(edit('c:\n  cap_add:\n    - A\n    - B\n', (e, root) => {
      const add = at(root, 'c').get('cap_add');
      assert.ok(isSeq(add));
      return [e.removeIn(at(root, 'c'), ['cap_add'], add.items[1])!];
    }), 'c:\n  cap_add:\n    - A\n');
  });

  it('refuses fixes that would change a node shared through an anchor', () => {
    const editor = (text: string) => {
      const [doc] = parseYamlStream(new SourceFile('x.yaml', text));
      return { e: new YamlEditor(doc!.source, doc!.contents), root: doc!.contents as YMap };
    };
    // Ensure into a map that is an alias of another one.
    let { e, root } = editor('a:\n  sc: &sc\n    privileged: true\nb:\n  sc: *sc\n');
    assert.equal(e.fix('t', e.ensure(at(root, 'b'), { sc: { privileged: false } }, { overwrite: true })), undefined);
    // ... and into the anchored original.
    ({ e, root } = editor('a:\n  sc: &sc\n    privileged: true\nb:\n  sc: *sc\n'));
    assert.equal(e.fix('t', e.ensure(at(root, 'a'), { sc: { privileged: false } }, { overwrite: true })), undefined);
    // A merged base.
    ({ e, root } = editor('x-base: &base\n  cap_add: [SYS_ADMIN]\nweb:\n  <<: *base\n  image: x\n'));
    const capAdd = at(root, 'web').get('cap_add');
    assert.ok(isSeq(capAdd));
    assert.equal(e.fix('t', [e.removeItem(capAdd, capAdd.items[0]!)]), undefined);
    // Setting an anchored scalar that an alias uses; removing the pair that defines a used anchor.
    ({ e, root } = editor('a:\n  privileged: &t true\nb:\n  privileged: *t\n'));
    assert.equal(e.fix('t', [e.set(at(root, 'a').get('privileged')!, false)]), undefined);
    ({ e, root } = editor('a:\n  privileged: &t true\nb:\n  privileged: *t\n'));
    assert.equal(e.fix('t', [e.remove(at(root, 'a'), 'privileged')]), undefined);
    // The alias side can be changed: only its own text is replaced.
    ({ e, root } = editor('a:\n  privileged: &t true\nb:\n  privileged: *t\n'));
    assert.equal(applyEdits('a:\n  privileged: &t true\nb:\n  privileged: *t\n', e.fix('t', [e.set(at(root, 'b').get('privileged')!, false)])!.edits), 'a:\n  privileged: &t true\nb:\n  privileged: false\n');
    // An anchor nobody uses does not block anything; adding a key next to a shared map is fine.
    ({ e, root } = editor('a:\n  sc: &sc\n    privileged: true\n'));
    assert.equal(e.fix('t', e.ensure(at(root, 'a'), { sc: { privileged: false } }, { overwrite: true }))?.edits.length, 1);
    ({ e, root } = editor('a:\n  sc: &sc {privileged: true}\nb:\n  sc: *sc\n'));
    assert.equal(e.fix('t', e.ensure(at(root, 'b'), { readOnly: true }))?.edits.length, 1);
    // Nothing to do.
    assert.equal(e.fix('t', []), undefined);
  });

  it('overrides a merged scalar with an own key, but refuses to replace a merged map or list whole', () => {
    const editor = (text: string) => {
      const [doc] = parseYamlStream(new SourceFile('x.yaml', text));
      return { e: new YamlEditor(doc!.source, doc!.contents), root: doc!.contents as YMap, text };
    };
    const base = 'x: &x\n  privileged: true\n  securityContext: {runAsNonRoot: true}\n  cap_drop: [NET_RAW]\nweb:\n  <<: *x\n  image: a\n';
    let { e, root } = editor(base);
    assert.equal(applyEdits(base, e.fix('t', e.ensure(at(root, 'web'), { privileged: false }, { overwrite: true }))!.edits), base + '  privileged: false\n');
    ({ e, root } = editor(base));
    assert.equal(e.fix('t', e.ensure(at(root, 'web'), { securityContext: { readOnlyRootFilesystem: true } })), undefined);
    ({ e, root } = editor(base));
    assert.equal(e.fix('t', e.ensure(at(root, 'web'), { cap_drop: ['ALL'] })), undefined);
    // A list that repeats the merged items loses nothing.
    ({ e, root } = editor(base));
    assert.equal(applyEdits(base, e.fix('t', e.ensure(at(root, 'web'), { cap_drop: ['NET_RAW', 'ALL'] }))!.edits), base + '  cap_drop:\n    - NET_RAW\n    - ALL\n');
  });

  it('appends strings with the quotes of the last item', () => {
    assert.equal(edit('c:\n  security_opt: ["label:disable"]\n', ensure({ security_opt: ['no-new-privileges:true'] }, 'c')), 'c:\n  security_opt: ["label:disable", "no-new-privileges:true"]\n');
    assert.equal(edit("c:\n  cap_drop:\n  - 'NET_RAW'\n", ensure({ cap_drop: ['ALL'] }, 'c')), "c:\n  cap_drop:\n  - 'NET_RAW'\n  - 'ALL'\n");
    assert.equal(edit('c:\n  cap_drop: [NET_RAW]\n', ensure({ cap_drop: ['ALL'] }, 'c')), 'c:\n  cap_drop: [NET_RAW, ALL]\n');
  });

  it('refuses to edit a sequence around an item written elsewhere through an alias', () => {
    const [doc] = parseYamlStream(new SourceFile('x.yaml', 'a: &m {x: 1}\nl:\n- *m\n'));
    const e = new YamlEditor(doc!.source, doc!.contents);
    const l = (doc!.contents as YMap).get('l');
    assert.ok(isSeq(l));
    assert.equal(e.fix('t', e.appendItems(l, ['y'])), undefined);
  });

  it('replaces a pair, key and value, where it stands', () => {
    const ref = { secretKeyRef: { name: 's', key: 'k' } };
    const replace = (path: (string | number)[], key: string, newKey: string, value: YValue) => (e: YamlEditor, root: YMap) => [e.replacePair(at(root, ...path), key, newKey, value)!];
    assert.equal(edit('e:\n- name: A\n  value: x  # old\n  other: 1\n', replace(['e', 0], 'value', 'valueFrom', ref)),
      'e:\n- name: A\n  valueFrom:\n    secretKeyRef:\n      name: s\n      key: k  # old\n  other: 1\n');
    assert.equal(edit('e:\r\n- value: x\r\n  name: A\r\n', replace(['e', 0], 'value', 'valueFrom', ref)),
      'e:\r\n- valueFrom:\r\n    secretKeyRef:\r\n      name: s\r\n      key: k\r\n  name: A\r\n');
    assert.equal(edit('e: [{name: A, value: x}]\n', replace(['e', 0], 'value', 'valueFrom', ref)),
      'e: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n');
    // The new key and a scalar value keep the quote style of the old ones.
    assert.equal(edit('env:\n  "PW": \'x\'\n  B: c\n', replace(['env'], 'PW', 'PW_FILE', '/run/secrets/pw')), 'env:\n  "PW_FILE": \'/run/secrets/pw\'\n  B: c\n');
    assert.equal(edit('env: {PW: x, B: c}\n', replace(['env'], 'PW', 'PW_FILE', '/run/secrets/pw')), 'env: {PW_FILE: /run/secrets/pw, B: c}\n');
    // Not in a map shared through an anchor; not when it deletes an anchor still in use.
    const editor = (text: string) => {
      const [doc] = parseYamlStream(new SourceFile('x.yaml', text));
      return { e: new YamlEditor(doc!.source, doc!.contents), root: doc!.contents as YMap };
    };
    let { e, root } = editor('a: &env\n  PW: x\nb: *env\n');
    assert.equal(e.fix('t', [e.replacePair(at(root, 'a'), 'PW', 'PW_FILE', 'y')]), undefined);
    ({ e, root } = editor('a:\n  PW: &pw x\nb:\n  PW: *pw\n'));
    assert.equal(e.fix('t', [e.replacePair(at(root, 'a'), 'PW', 'PW_FILE', 'y')]), undefined);
  });

  it('appends items to sequences of maps', () => {
    assert.equal(edit('volumes:\n  - name: a\n    emptyDir: {}\n', (e, root) => e.appendItems(root.get('volumes') as never, [{ name: 'tmp', emptyDir: {} }])),
      'volumes:\n  - name: a\n    emptyDir: {}\n  - name: tmp\n    emptyDir: {}\n');
  });
});
