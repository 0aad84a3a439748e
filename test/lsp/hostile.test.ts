import assert from 'node:assert/strict';
import { LspClient, type Diagnostic } from './lsp-client';

/** What the server says about limits and syntax, with 0-based LSP ranges. */
const LIMITS = new Set(['analysis-limit', 'syntax-error', 'internal-error']);
const limits = (items: Diagnostic[]) => items.filter((d) => LIMITS.has(d.code)).map(show);
const show = (d: Diagnostic): [string, number, number, number, number, string] => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message];

function aliasBomb(): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a [x,x,x,x,x,x,x,x,x]\n';
  for (const k of 'bcdefghij') text += `  ${k}: &${k} [${Array(9).fill(`*${String.fromCharCode(k.charCodeAt(0) - 1)}`).join(',')}]\n`;
  return text;
}

/** 300 nested block mappings under `data`. */
function deepNesting(): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n';
  for (let i = 0; i < 300; i++) text += `${' '.repeat(2 * (i + 1))}k${i}:\n`;
  return `${text}${' '.repeat(602)}v\n`;
}

/**
 * The server never dies from a document: hostile texts arrive through didOpen and didChange, each
 * gets the diagnostics the limits promise (exact ids, messages and ranges), and the server keeps
 * answering normal documents afterwards, without a word on stderr.
 */
describe('language server: hostile documents', function () {
  this.timeout(60000);
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.stop());
  afterEach(async () => {
    // After each hostile input, a plain Dockerfile is still analysed.
    const uri = 'file:///work/ok/Dockerfile';
    await client.open(uri, 'dockerfile', 'FROM ubuntu\n');
    assert.deepEqual((await client.diagnostics(uri)).items.filter((d) => d.code === 'image-tag-latest').map((d) => d.range.start.character), [5]);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.ok(client.alive, 'the server process is running');
    assert.equal(client.stderr, '');
    assert.deepEqual(client.notifications.filter((n) => n.method === 'window/logMessage'), []);
  });

  it('an alias bomb: one analysis-limit finding, on open and after an edit turns a good file into one', async () => {
    const uri = 'file:///work/bomb.yaml';
    const expected = [['analysis-limit', 0, 0, 0, 14, 'YAML aliases expand this document beyond a safe size (alias bomb?); it was not analysed.']];
    await client.open(uri, 'yaml', aliasBomb());
    assert.deepEqual(limits((await client.diagnostics(uri)).items), expected);
    const changed = 'file:///work/changed.yaml';
    await client.open(changed, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata: {a: b}\n');
    assert.deepEqual(limits((await client.diagnostics(changed)).items), []);
    await client.change(changed, 2, aliasBomb());
    assert.deepEqual(limits((await client.diagnostics(changed)).items), expected);
  });

  it('300 levels of nesting, in block and in flow style: one analysis-limit finding at the first node too deep', async () => {
    const block = 'file:///work/deep.yaml';
    const text = deepNesting();
    await client.open(block, 'yaml', text);
    // The key k199 (line 203, column 400) is 201 levels below the document's top mapping.
    assert.equal(text.split('\n')[203], `${' '.repeat(400)}k199:`);
    assert.deepEqual(limits((await client.diagnostics(block)).items), [['analysis-limit', 203, 400, 203, 404, 'YAML nesting deeper than 200 levels; the deeper part was not analysed.']]);
    const flow = 'file:///work/flow.yaml';
    // The 201st bracket (column 206) is 201 levels deep; its span ends at its closing bracket.
    await client.open(flow, 'yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`);
    assert.deepEqual(limits((await client.diagnostics(flow)).items), [['analysis-limit', 3, 206, 3, 406, 'YAML nesting deeper than 200 levels; the deeper part was not analysed.']]);
  });

  it('bytes that are not UTF-8, NUL bytes and lone surrogates are read as characters, not a reason to fail', async () => {
    const uri = 'file:///work/bytes/Dockerfile';
    const head = '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"' + uri + '","languageId":"dockerfile","version":1,"text":"FROM ubuntu\\nRUN echo ';
    client.sendRaw(Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(' \\u0000 \\ud800 done\\nADD a.txt /a\\n"}}}')]));
    const items = (await client.diagnostics(uri)).items;
    assert.deepEqual(limits(items), []);
    assert.deepEqual(items.filter((d) => d.code === 'image-tag-latest' || d.code === 'add-instead-of-copy').map(show).map((d) => d.slice(0, 5)), [
      ['image-tag-latest', 0, 5, 0, 11],
      ['add-instead-of-copy', 2, 0, 2, 3],
    ]);
    const yaml = 'file:///work/bytes/compose.yaml';
    await client.open(yaml, 'dockercompose', 'services:\n  web:\n    image: "nginx\u0000:1.27"\n    command: \ud800\u0000\n');
    assert.deepEqual(limits((await client.diagnostics(yaml)).items), []);
  });

  it('a file over maxFileSize (counted in UTF-8 bytes): one analysis-limit finding; edited under it, it is analysed', async () => {
    const uri = 'file:///work/big/compose.yaml';
    // 2,700,016 characters, 5,400,016 bytes: over the 5 MiB default only when counted in bytes.
    const text = `# ${'é'.repeat(2_700_000)}\nservices: {}\n`;
    await client.open(uri, 'dockercompose', text);
    assert.deepEqual(limits((await client.diagnostics(uri)).items), [['analysis-limit', 0, 0, 0, 0, 'File is 5400016 bytes, over the 5242880-byte limit (maxFileSize); it was not analysed.']]);
    await client.change(uri, 2, 'services:\n  web:\n    image: nginx\n');
    const items = (await client.diagnostics(uri)).items;
    assert.deepEqual(limits(items), []);
    assert.deepEqual(items.filter((d) => d.code === 'image-tag-latest').map(show).map((d) => d.slice(0, 5)), [['image-tag-latest', 2, 11, 2, 16]]);
  });

  it('a heredoc continued with a lone CR: a syntax error at the heredoc, the rest analysed', async () => {
    const uri = 'file:///work/heredoc/Dockerfile';
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nRUN <<EOF \\\r#h\nEOF\n\n\n');
    assert.deepEqual(limits((await client.diagnostics(uri)).items), [
      ['syntax-error', 1, 4, 1, 9, 'Dockerfile syntax error: Heredoc could not be read (check the line breaks of this instruction)'],
    ]);
  });

  it('a Compose file of garbage: a syntax error at each bad token, at most 50 and a count of the others', async () => {
    const uri = 'file:///work/garbage/compose.yaml';
    await client.open(uri, 'dockercompose', 'services:\n  web: [}\n  :{: ]]\n\t- - -: "\n');
    // The parser's messages end at the token's kind: the range shows the text (which could be a secret).
    const unexpected = (token: string) => `YAML syntax error: Unexpected ${token} token in YAML stream`;
    assert.deepEqual(limits((await client.diagnostics(uri)).items), [
      ['syntax-error', 1, 8, 1, 9, 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ['syntax-error', 2, 6, 2, 7, unexpected('flow-seq-end')],
      ['syntax-error', 2, 7, 2, 8, unexpected('flow-seq-end')],
      ['syntax-error', 3, 1, 3, 2, unexpected('seq-item-ind')],
      ['syntax-error', 3, 3, 3, 4, unexpected('seq-item-ind')],
      ['syntax-error', 3, 5, 3, 6, unexpected('scalar')],
      ['syntax-error', 3, 6, 3, 7, unexpected('map-value-ind')],
      ['syntax-error', 3, 8, 4, 0, unexpected('double-quoted-scalar')],
    ]);
    await client.change(uri, 2, `services:\n${']\n'.repeat(80)}`);
    const items = limits((await client.diagnostics(uri)).items);
    assert.deepEqual(items.filter(([code]) => code === 'syntax-error'), Array.from({ length: 50 }, (_, i) => ['syntax-error', i + 1, 0, i + 1, 1, unexpected('flow-seq-end')]));
    assert.deepEqual(items.filter(([code]) => code === 'analysis-limit'), [['analysis-limit', 50, 0, 50, 1, '30 more YAML syntax errors in this document are not shown.']]);
  });

  it('a 1 MB single line: analysed like any other', async () => {
    const uri = 'file:///work/line/compose.yaml';
    const text = `services: {web: {image: nginx, command: "${'x'.repeat(1_000_000)}"}}`;
    await client.open(uri, 'dockercompose', text);
    const items = (await client.diagnostics(uri)).items;
    assert.deepEqual(limits(items), []);
    assert.deepEqual(items.filter((d) => d.code === 'image-tag-latest').map(show).map((d) => d.slice(0, 5)), [['image-tag-latest', 0, 24, 0, 29]]);
  });
});

describe('language server: a client that refuses requests', function () {
  this.timeout(30000);

  it('a refused diagnostics refresh (after a settings change) does not end the server', async () => {
    const client = new LspClient();
    try {
      let refused = 0;
      client.connection.onRequest('workspace/diagnostic/refresh', () => {
        refused++;
        throw new Error('no refresh here');
      });
      await client.initialize();
      const uri = 'file:///work/Dockerfile';
      await client.open(uri, 'dockerfile', 'FROM ubuntu\n');
      client.settings = { rules: { 'image-tag-latest': 'off' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      while (refused === 0) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual((await client.diagnostics(uri)).items.filter((d) => d.code === 'image-tag-latest'), []);
      assert.ok(client.alive);
      assert.equal(client.stderr, '');
    } finally {
      await client.stop();
    }
  });
});
