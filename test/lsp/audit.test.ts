import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { AuditFile, AuditFilesBatch, AuditProgress, AuditResult } from '../../server/src/protocol';
import type { ReportModel } from '../../server/src/report/model';
import { ROOT } from '../rule-tester';
import { LspClient } from './lsp-client';

const WS = join(ROOT, 'test', 'fixtures', 'audit-ws');
const folder = (name: string, exclude: string[] = []) => ({ uri: pathToFileURL(join(WS, name)).href, exclude });

describe('workspace audit over JSON-RPC', function () {
  this.timeout(60000);
  let client: LspClient;
  let batches: AuditFile[];
  let progress: AuditProgress[];
  beforeEach(async () => {
    client = new LspClient();
    batches = [];
    progress = [];
    client.connection.onNotification('bulkhead/auditFiles', (b: AuditFilesBatch) => void batches.push(...b.files));
    client.connection.onNotification('bulkhead/auditProgress', (p: AuditProgress) => void progress.push(p));
    await client.initialize(pathToFileURL(WS).href);
  });
  afterEach(() => client.stop());

  it('discovers container files in every folder, honouring .gitignore, .bulkheadignore, files.exclude and ignorePaths', async () => {
    const result = (await client.connection.sendRequest('bulkhead/audit', { auditId: 7, folders: [folder('one', ['**/excluded']), folder('two')] })) as AuditResult;
    assert.equal(result.cancelled, false);
    assert.deepEqual(batches.map((f) => [f.path, f.kind]).sort(), [
      ['one/compose.yaml', 'compose'],
      ['one/deploy/pod.yaml', 'k8s'],
      ['one/services/api/Dockerfile', 'dockerfile'],
      ['two/Containerfile', 'dockerfile'],
    ]);
    assert.equal(result.files, 4);
    // Progress counts candidates by name (8, YAML included); 4 of them turn out to be container files.
    assert.deepEqual(progress[progress.length - 1], { auditId: 7, done: 8, total: 8 });
    const api = batches.find((f) => f.path === 'one/services/api/Dockerfile')!;
    assert.equal(api.uri, pathToFileURL(join(WS, 'one/services/api/Dockerfile')).href);
    assert.ok((api.diagnostics as { code: string }[]).some((d) => d.code === 'add-instead-of-copy'));
    const report = result.report as ReportModel;
    assert.equal(report.root, WS);
    assert.equal(report.totals.files, 4);
    assert.deepEqual(report.byKind.map((k) => [k.kind, k.files]).sort(), [['compose', 1], ['dockerfile', 2], ['k8s', 1]]);
    assert.deepEqual(report.images.map((i) => [i.key, i.pinned, i.uses.map((u) => `${u.path}:${u.line} ${u.context}`)]).sort(), [
      ['alpine:3.20', false, ['two/Containerfile:1 stage 0']],
      ['nginx:1.27', false, ['one/deploy/pod.yaml:7 Pod/p container a']],
      ['redis:latest', false, ['one/compose.yaml:3 service web']],
      ['ubuntu', false, ['one/services/api/Dockerfile:1 stage 0']],
    ]);
    const totals = batches.reduce((n, f) => n + f.diagnostics.length, 0);
    assert.equal(report.totals.findings, totals, 'the report counts what the Problems panel shows');
  });

  it('exports the last audit as JSON, SARIF, Markdown and self-contained HTML', async () => {
    assert.equal(await client.connection.sendRequest('bulkhead/exportReport', { format: 'json' }), null, 'nothing before an audit');
    await client.connection.sendRequest('bulkhead/audit', { auditId: 1, folders: [folder('two')] });
    const json = JSON.parse((await client.connection.sendRequest('bulkhead/exportReport', { format: 'json' })) as string) as { files: { path: string }[] };
    assert.deepEqual(json.files.map((f) => f.path), ['two/Containerfile'].map((p) => p.replace('two/', '')));
    const sarif = JSON.parse((await client.connection.sendRequest('bulkhead/exportReport', { format: 'sarif' })) as string) as { version: string };
    assert.equal(sarif.version, '2.1.0');
    const md = (await client.connection.sendRequest('bulkhead/exportReport', { format: 'markdown' })) as string;
    assert.match(md, /^# Bulkhead audit report\n/);
    assert.match(md, /\| `alpine:3\.20` \| docker\.io \| 3\.20 \| not pinned \| — \| Containerfile:1 \(stage 0\) \|/);
    const html = (await client.connection.sendRequest('bulkhead/exportReport', { format: 'html' })) as string;
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'; img-src data:">/);
    assert.ok(!/https?:\/\/(?!github\.com\/bulkhead-dev)/.test(html.replace(/http:\/\/json-schema[^"]*/g, '')), 'no remote resources');
  });

  it('audits one file from disk (a document that was closed)', async () => {
    const uri = pathToFileURL(join(WS, 'one', 'compose.yaml')).href;
    const file = (await client.connection.sendRequest('bulkhead/auditFile', { uri, path: 'one/compose.yaml', folderUri: folder('one').uri })) as AuditFile;
    assert.equal(file.path, 'one/compose.yaml');
    assert.ok((file.diagnostics as { code: string }[]).some((d) => d.code === 'image-tag-latest'));
    assert.equal(await client.connection.sendRequest('bulkhead/auditFile', { uri: pathToFileURL(join(WS, 'gone.yaml')).href, path: 'gone.yaml', folderUri: folder('one').uri }), null);
  });

  it('cancellation mid-way answers "cancelled" and leaves the previous audit as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-audit-'));
    try {
      for (let i = 0; i < 600; i++) {
        mkdirSync(join(dir, `svc${i}`));
        writeFileSync(join(dir, `svc${i}`, 'Dockerfile'), `FROM ubuntu:2${i % 10}.04\nADD a /a\n`);
      }
      await client.connection.sendRequest('bulkhead/audit', { auditId: 1, folders: [folder('two')] });
      const before = await client.connection.sendRequest('bulkhead/exportReport', { format: 'json' });
      const source = new CancellationTokenSource();
      client.connection.onNotification('bulkhead/auditProgress', (p: AuditProgress) => {
        if (p.auditId === 2 && p.done > 0 && p.done < p.total) source.cancel();
      });
      const result = (await client.connection.sendRequest('bulkhead/audit', { auditId: 2, folders: [{ uri: pathToFileURL(dir).href, exclude: [] }] }, source.token)) as AuditResult;
      assert.equal(result.cancelled, true);
      assert.ok(result.files < 600, `stopped early (${result.files} of 600)`);
      assert.equal(await client.connection.sendRequest('bulkhead/exportReport', { format: 'json' }), before, 'the last completed audit is unchanged');
      // The server stays healthy and answers other requests afterwards.
      await client.open('file:///x/Dockerfile', 'dockerfile', 'FROM ubuntu\n');
      assert.ok((await client.diagnostics('file:///x/Dockerfile')).items.length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
