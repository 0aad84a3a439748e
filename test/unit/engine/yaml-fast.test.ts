import assert from 'node:assert/strict';
import { parseYamlDocument, parseYamlFile, parseYamlRegion, yamlFastPath } from '../../../server/src/engine/parse/yaml';
import { MAX_FAST_DEPTH, parseOrThrow, parseSimpleYaml } from '../../../server/src/engine/parse/yaml-fast';
import { SourceFile } from '../../../server/src/engine/source';

/** What `run` gives without the fast path: the library's result. */
function withLibrary<T>(run: () => T): T {
  yamlFastPath.enabled = false;
  try {
    return run();
  } finally {
    yamlFastPath.enabled = true;
  }
}

const whole = (text: string) => ({ start: 0, end: text.length });
const slow = (text: string) => withLibrary(() => parseYamlDocument(new SourceFile('x.yaml', text), whole(text), 0));

/** The fast path accepts `text` and gives the library path's documents exactly. */
function same(text: string): void {
  const fast = parseOrThrow(text);
  assert.ok(fast, `declined: ${JSON.stringify(text)}`);
  const docs = slow(text);
  for (const doc of docs) {
    assert.deepEqual(doc.problems, [], `the library reports a problem in ${JSON.stringify(text)}`);
    assert.equal(doc.anchors, false);
  }
  assert.deepStrictEqual(
    fast,
    docs.map((d) => d.contents),
  );
}

function declined(text: string): void {
  assert.equal(parseOrThrow(text), undefined, `accepted: ${JSON.stringify(text)}`);
}

describe('fast YAML path', () => {
  it('block maps: plain, quoted and odd keys, values on the key line and below', () => {
    same('a: 1\nb: two\n');
    same('"a b": 1\n\'c\': 2\nkey : spaced\n');
    same('a:b: 1\nurl: http://x:80/y\nkey:: v\n-x: 1\n?y: 2\n:z: 3\n');
    same('outer:\n  inner:\n    deep: x\n  next: y\nlast: z');
    same('a:\n  b\n');
    same('root:\n  a: 1\n');
    same('  indented: root\n  map: 2\n');
  });

  it('empty values, where the library puts them', () => {
    same('a:\nb: 1\n');
    same('a:   \nb:\n\n\nc: 1\n');
    same('x:\n  a:\n  b:\ny: 1');
    same('a:');
    same('- \n-\n- x\n');
  });

  it('block sequences: items, compact maps, sequences at their key\'s indentation, items below the dash', () => {
    same('- a\n- b\n');
    same('items:\n- a\n- b\nnext: 1\n');
    same('items:\n  - name: a\n    value: 1\n  - name: b\n');
    same('- a: 1\n  b:\n  - x\n  c: 2\n');
    same('-\n  a: 1\n-\n  - nested\n');
    same('-   wide: 1\n    more: 2\n');
    same('args:\n- --port=80\n- -v\n- "-q"\n');
  });

  it('plain scalars over several lines, with blank lines folded', () => {
    same('description: one\n  two\n\n  three\n\n\n  four\nnext: 1\n');
    same('- item that\n  goes on\n- x\n');
    same('a:\n  text on\n  its own lines\nb: 1\n');
    same('a: b\n\n#c\nd: e\n');
  });

  it('quoted scalars: escapes, doubled quotes, folding', () => {
    same('a: "tab\\tnl\\nq\\"bs\\\\u\\u00e9x\\x41U\\U0001F600 sl\\/"\nb: \'it\'\'s\'\n');
    same('a: "one\n  two\n\n  three  \n  four"\nb: \'x\n  y\'\n');
    same('a: "line \\\n    joined"\n');
    same('a: "trailing   "\nb: "  lead"\n');
    same('"k": "v" # comment\n');
  });

  it('resolves plain scalars as the YAML 1.2 core schema', () => {
    const values = ['1', '-2', '+3', '007', '0o17', '0x1F', '1.5', '-.5', '2.', '1e3', '-1.5E-3', '.inf', '-.Inf', '.nan', '.NaN', '~', 'null', 'Null', 'NULL', 'true', 'False', 'TRUE', 'yes', 'on', '1.2.3', '0x', '0o8', '+', '.', '-', '12345678901234567890', '1_000', '0b101', 'nULL', 'tRue'];
    same(values.map((v, i) => `k${i}: ${v === '-' ? '"-"' : v}`).join('\n') + '\n');
    const keys = ['1', '-2', '0o17', '0x1F', '1.5', '1e3', '.inf', '-.Inf', '.nan', '~', 'true', 'False', 'yes', '1.2.3', '0x', '12345678901234567890', 'nULL'];
    same(keys.map((v) => `${v}: x`).join('\n') + '\n');
  });

  it('declines keys equal in value, as the library reports them', () => {
    declined('1: a\n01: b\n');
    declined('0x10: a\n16: b\n');
    declined('null: a\n~: b\n');
    declined('true: a\nTrue: b\n');
    declined('1: a\n"1": b\n'); // the library lets these be (1 and '1'): same text is only conservative
    declined(Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk7: again\n');
    same('.nan: a\n.NaN: b\n'); // NaN !== NaN for the library too
  });

  it('block scalars: chomping, indentation indicators, folding, trailing lines', () => {
    same('a: |\n  one\n  two\nb: 1\n');
    same('a: |-\n  one\n\n\nb: 1\n');
    same('a: |+\n  one\n\n\nb: 1\n');
    same('a: >\n  one\n  two\n\n  three\n    more\n  back\nb: 1\n');
    same('a: >-\n  one\n   two\n');
    same('a: |2\n    indented\n  base\n');
    same('a: |+2\n  x\n   \n');
    same('- |\n  item\n- >\n  folded\n');
    same('a: |\n\n  after blank\n  # not a comment\nb: 1\n');
    same('a: |\n  x\n      \n  y\n');
    same('a: | # header comment\n  x\n');
    same('a:\n  b: |\n    x\n  # comment\nc: 1\n');
  });

  it('comments: merged into a value\'s end, left at a collection\'s end, between items', () => {
    same('a:\n  b: 1\n    # deeper, joins the value\n\n      # and this\nc: 2\n');
    same('a:\n  b: 1\n  # at the map\'s column, stays with it\nc: 2\n');
    same('a:\n  b:\n    x: 1\n    # stays with the inner map\n  c: 2\n');
    same('a:\n  b:\n    x: 1\n  # moves out\n  c: 2\n');
    same('a:\n  b:\n  - x\n  # stays with the sequence\n  d: 1\n');
    same('a:\n  b:\n  - x\n  # stays with the sequence\n');
    same('- a: 1\n  # c\n- b: 2\n');
    same('- a\n   # more indented\n- b\n');
    same('a: # comment\n  b: 1\n');
    same('# head\n\na: 1 # tail\n# end\n');
    same('a:\n  b: 1\n\n  # after a blank line\n');
    same('a:\n  b: 1\n  # one\n    # deeper after\nc: 1\n');
  });

  it('one-line flow collections', () => {
    same('a: []\nb: {}\nc: [ ]\nd: { }\n');
    same('a: [x, "y", \'z\', 1, true]\nb: {k: v, "q": 2, n: [1, {m: n}]}\n');
    same('- [a , b]\n- {x: 1}\n');
    same('a: {"k":1}\nb: [a b, c:d]\n');
    same('a: [x]\n    # deeper comment joins it\nb: 1\n');
  });

  it('documents: a leading marker, empty documents before the content', () => {
    same('---\na: 1\n');
    same('# head\n---   # c\na: 1\n');
    same('---\n# Source: x\n---\na: 1\n');
    same('---   # c\n\n---\n---\na: 1');
    same('---\n');
    same('---\n# only a comment\n');
  });

  it('declines what it does not handle', () => {
    declined('a:\tb\n');
    declined('a: 1\r\nb: 2\r\n');
    declined('\ufeffa: 1\n');
    declined('a: &x 1\nb: *x\n');
    declined('a: !tag 1\n');
    declined('%YAML 1.2\n---\na: 1\n');
    declined('? a\n: b\n');
    declined('<<: {a: 1}\n');
    declined('a: 1\na: 2\n');
    declined('1: a\n01: b\n');
    declined('a: 1\n...\n');
    declined('a: 1\n---\nb: 2\n');
    declined('a\nb: 1\n');
    declined('a: b: c\n');
    declined('just a scalar\n');
    declined('- - a\n');
    declined('a: [x,\n  y]\n');
    declined('a: [x, ]\n');
    declined('a: "open\n');
    declined('a: "\\q"\n');
    declined('--- a: 1\n');
    declined('# only comments\n');
    declined('a: |\n  x\n b: 1\n');
  });

  it('empty values with comments after them (or before the dash) reach the next content when their collection ends there', () => {
    same('#c\n- 1.5  \n# - x: y\n-\n'); // found by generation, once declined
    same('- a:\n    b: 1\n# c\n-\n- x\n');
    same('- a:\n    b: 1\n  # c, left with the map of a\n-\n- x\n');
    same('- 1.5\n  # merged into 1.5\n-\n');
    same('a: # comment\nb: 1\n');
    same('a:\n  c:\n  # x\nb: 1\n');
    same('a:\n  c: # x\n\n    # y\n  d: 1\n');
    same('env:\n# - name: X\n#   value: y\nports:\n- 80\n');
    same('- a:\n  # c\n- b\n');
    same('x:\n  - # c\n  -\n    # d\ny: 1\n');
  });

  it('declines a byte order mark anywhere (found by mutation)', () => {
    declined('  \n\ufeffk0:\n');
    declined(' # x\n\ufeff        path: /etc/pki\n');
    declined('a: x\ufeffy\n');
  });

  it('declines keys whose colon is on another line (found by mutation)', () => {
    declined('apiVersion: v1\nkind\n\n: Pod\n');
    declined('a: 1\nb\n:\n');
  });

  it('parseYamlDocument, parseYamlFile and parseYamlRegion use it and give what the library gives', () => {
    const text = 'pre: 1\n---\n# Source: x\n---\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx:1\n';
    const file = new SourceFile('x.yaml', text);
    const chunk = { start: 7, end: text.length };
    assert.ok(parseSimpleYaml(text.slice(chunk.start)));
    assert.deepStrictEqual(parseYamlDocument(file, chunk, 3), withLibrary(() => parseYamlDocument(file, chunk, 3)));
    assert.deepStrictEqual(parseYamlFile(file), withLibrary(() => parseYamlFile(file)));
    const region = '  containers:\n  - name: a\n    image: nginx:1\n';
    assert.ok(parseYamlRegion(region, 40, 1));
    assert.deepStrictEqual(parseYamlRegion(region, 40, 1), withLibrary(() => parseYamlRegion(region, 40, 1)));
    for (const odd of ['---\n  a: 1\n', '# c\n---\na: 1\n', 'scalar\n', '---\n---\na: 1\n']) assert.equal(parseYamlRegion(odd, 0, 1), withLibrary(() => parseYamlRegion(odd, 0, 1)), odd);
  });

  it('leaves collections nested deeper than MAX_FAST_DEPTH to the library', () => {
    const nested = (n: number) => 'a: ' + '['.repeat(n - 1) + ']'.repeat(n - 1) + '\n';
    same(nested(MAX_FAST_DEPTH));
    declined(nested(MAX_FAST_DEPTH + 1));
    const block = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x\n';
    same(block(MAX_FAST_DEPTH));
    declined(block(MAX_FAST_DEPTH + 1));
  });

  it('offsets spans by base', () => {
    const [node] = parseSimpleYaml('a: 1\n', 100)!;
    assert.deepEqual(node!.span, { start: 100, end: 105 });
  });
});
