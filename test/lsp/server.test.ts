import assert from 'node:assert/strict';
import { applyLspEdits, LspClient, waitFor } from './lsp-client';

const DOCS = 'https://github.com/bulkhead-dev/bulkhead/blob/main/docs/rules';
/** The plumbing under test is shown with these rules; other rules' findings are filtered out so new rules do not change the expectations. */
const FOCUS = new Set(['image-tag-latest', 'add-instead-of-copy', 'analysis-limit']);
const focus = <T extends { code: string }>(items: T[]): T[] => items.filter((d) => FOCUS.has(d.code));

describe('language server over JSON-RPC', function () {
  this.timeout(20000);
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('announces pull diagnostics and code actions', async () => {
    const fresh = new LspClient();
    try {
      const result = (await fresh.initialize()) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
      assert.deepEqual(result.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
      assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.bulkhead'] });
      assert.equal(result.serverInfo.name, 'bulkhead');
    } finally {
      await fresh.stop();
    }
  });

  it('reports Dockerfile findings with rule id, docs link and 0-based range', async () => {
    const uri = 'file:///work/Dockerfile';
    await client.open(uri, 'dockerfile', 'FROM ubuntu\nADD app.py /app/\n');
    const report = await client.diagnostics(uri);
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      focus(report.items).map((d) => ({ code: d.code, source: d.source, severity: d.severity, range: d.range, href: d.codeDescription?.href })),
      [
        { code: 'image-tag-latest', source: 'bulkhead', severity: 2, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } }, href: `${DOCS}/image-tag-latest.md` },
        { code: 'add-instead-of-copy', source: 'bulkhead', severity: 2, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, href: `${DOCS}/add-instead-of-copy.md` },
      ],
    );
  });

  it('re-lints on every change (new version)', async () => {
    const uri = 'file:///work/Dockerfile';
    await client.open(uri, 'dockerfile', 'FROM ubuntu:24.04\n');
    assert.deepEqual(focus((await client.diagnostics(uri)).items), []);
    await client.change(uri, 2, 'FROM ubuntu:latest\n');
    assert.deepEqual(focus((await client.diagnostics(uri)).items).map((d) => d.code), ['image-tag-latest']);
  });

  it('lints compose and k8s YAML by content and ignores other YAML', async () => {
    await client.open('file:///w/stack.yml', 'yaml', 'services:\n  web:\n    image: nginx\n');
    await client.open('file:///w/deploy.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n');
    await client.open('file:///w/.github/workflows/ci.yml', 'yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{uses: actions/checkout@v4}]\n');
    const tagged = (items: { code: string; range: { start: { line: number } } }[]) => items.filter((d) => d.code === 'image-tag-latest').map((d) => [d.code, d.range.start.line]);
    assert.deepEqual(tagged((await client.diagnostics('file:///w/stack.yml')).items), [['image-tag-latest', 2]]);
    assert.ok((await client.diagnostics('file:///w/deploy.yaml')).items.some((d) => d.code === 'image-tag-latest' && d.range.start.line === 6));
    assert.deepEqual((await client.diagnostics('file:///w/.github/workflows/ci.yml')).items, []);
  });

  it('offers the fix, fix-all, and documentation; applying the fix removes the finding', async () => {
    const uri = 'file:///work/Dockerfile';
    const text = 'FROM alpine:3.20\nADD a.txt /a\nADD b.txt /b\n';
    await client.open(uri, 'dockerfile', text);
    const [first] = focus((await client.diagnostics(uri)).items);
    const actions = await client.codeActions(uri, [first!]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Replace ADD with COPY', 'quickfix', true],
      ['Fix all add-instead-of-copy problems in this file', 'quickfix', false],
      ['Ignore add-instead-of-copy here (add a suppression comment)', 'quickfix', false],
      ['Ignore add-instead-of-copy in this file', 'quickfix', false],
      ['Show documentation for add-instead-of-copy', 'quickfix', false],
    ]);
    assert.deepEqual(actions[4]!.command, { title: 'Show documentation for add-instead-of-copy', command: 'bulkhead.showRuleDocs', arguments: ['add-instead-of-copy'] });
    assert.equal(applyLspEdits(text, actions[2]!.edit!.changes[uri]!), 'FROM alpine:3.20\n# bulkhead-ignore add-instead-of-copy -- TODO: explain why this is acceptable\nADD a.txt /a\nADD b.txt /b\n');
    const fixed = applyLspEdits(text, actions[0]!.edit!.changes[uri]!);
    assert.equal(fixed, 'FROM alpine:3.20\nCOPY a.txt /a\nADD b.txt /b\n');
    assert.equal(applyLspEdits(text, actions[1]!.edit!.changes[uri]!), 'FROM alpine:3.20\nCOPY a.txt /a\nCOPY b.txt /b\n');
    await client.change(uri, 2, fixed);
    assert.deepEqual(focus((await client.diagnostics(uri)).items).map((d) => [d.code, d.range.start.line]), [['add-instead-of-copy', 2]]);
  });

  it('source.fixAll.bulkhead applies every safe fix, editing only the changed lines', async () => {
    const uri = 'file:///work/Dockerfile';
    const text = 'FROM alpine:3.20\nADD a.txt /a\nRUN true\nadd b.txt /b\n';
    await client.open(uri, 'dockerfile', text);
    const actions = await client.codeActions(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.bulkhead');
    const edits = actions[0]!.edit!.changes[uri]!;
    assert.deepEqual(edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: 'COPY a.txt /a\n' },
      { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: 'copy b.txt /b\n' },
    ]);
    assert.equal(applyLspEdits(text, edits), 'FROM alpine:3.20\nCOPY a.txt /a\nRUN true\ncopy b.txt /b\n');
  });

  it('reads settings per resource and re-lints after a configuration change', async () => {
    const uri = 'file:///work/Dockerfile';
    await client.open(uri, 'dockerfile', 'FROM ubuntu\n');
    assert.equal(focus((await client.diagnostics(uri)).items).length, 1);
    client.settings = { rules: { 'image-tag-latest': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => client.refreshes.length > 0);
    assert.deepEqual(focus((await client.diagnostics(uri)).items), []);
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.change(uri, 2, 'FROM ubuntu:latest\nADD x /x\n');
    assert.deepEqual((await client.diagnostics(uri)).items, []);
  });

  it('survives hostile documents and keeps answering', async () => {
    const uri = 'file:///work/bad.yaml';
    let bomb = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &a [x,x,x,x,x,x,x,x,x]\n';
    for (const k of 'bcdefghij') bomb += `  ${k}: &${k} [${Array(9).fill('*' + String.fromCharCode(k.charCodeAt(0) - 1)).join(',')}]\n`;
    await client.open(uri, 'yaml', bomb);
    assert.deepEqual(focus((await client.diagnostics(uri)).items).map((d) => d.code), ['analysis-limit']);
    await client.open('file:///work/Dockerfile', 'dockerfile', '\u0000\u0001FROM\n' + 'RUN echo \\\n'.repeat(10000));
    await client.diagnostics('file:///work/Dockerfile');
    await client.open('file:///work/ok/Dockerfile', 'dockerfile', 'FROM ubuntu\n');
    assert.equal(focus((await client.diagnostics('file:///work/ok/Dockerfile')).items).length, 1);
    assert.equal(client.stderr, '');
  });
});
