/**
 * A finding never prints the secret it found: every output (CLI formats, diagnostics, code
 * actions, the server's log and notifications, the audit and its exports) is searched for the
 * planted values of test/planted-secrets.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditFilesBatch } from '../../server/src/protocol';
import { plantedSecrets, secretValues, writeSecretsWorkspace } from '../planted-secrets';
import { ROOT } from '../rule-tester';
import { applyLspEdits, LspClient, type CodeAction, type Diagnostic } from './lsp-client';

const CLI = join(ROOT, 'dist', 'cli.js');
const SECRET_RULES = new Set(['secret-in-env', 'secret-in-configmap']);
/** Secret findings per file: every planted value where the rules look (the broken files keep those before their syntax error). */
const EXPECTED_SECRET_FINDINGS = { Dockerfile: 8, 'compose.yaml': 8, 'deploy.yaml': 8, 'configmap.yaml': 7, 'broken/Dockerfile': 1, 'broken/compose.yaml': 1, 'broken/deploy.yaml': 1 };

describe('secret redaction in every output', function () {
  this.timeout(120000);
  const values = secretValues(plantedSecrets());
  let dir: string;
  let files: Record<string, string>;
  const leaks = (text: string): string[] => Object.entries(values).filter(([, v]) => text.includes(v)).map(([name]) => name);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bulkhead-secrets-'));
    files = writeSecretsWorkspace(dir, plantedSecrets());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the planted values are in the files, so a leak would be seen', () => {
    assert.deepEqual(leaks(Object.values(files).join('\n')).sort(), Object.keys(values).sort());
  });

  it('CLI: stylish, json, sarif, markdown and html report every secret and print none', () => {
    // The safe fixes' diff shows context lines around each change: none may be a secret's line.
    const dryRun = spawnSync(process.execPath, [CLI, '.', '--fix-dry-run'], { cwd: dir, encoding: 'utf8' });
    assert.match(dryRun.stdout, /^\+COPY \. \/app$/m, 'the dry run shows a fix next to the secrets');
    assert.match(dryRun.stdout, /^ \[line not shown: it may hold a secret\]$/m);
    assert.deepEqual(leaks(dryRun.stdout + dryRun.stderr), [], '--fix-dry-run');
    for (const format of ['stylish', 'json', 'sarif', 'markdown', 'html']) {
      const r = spawnSync(process.execPath, [CLI, '.', '--profile', 'strict', '--format', format, '--fail-on', 'never'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(leaks(r.stdout + r.stderr), [], format);
      if (format === 'json') {
        const json = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
        const secrets = Object.fromEntries(json.files.map((f) => [f.path, f.findings.filter((x) => SECRET_RULES.has(x.ruleId)).length]));
        assert.deepEqual(secrets, EXPECTED_SECRET_FINDINGS);
      }
    }
  });

  it('language server: diagnostics, quick fixes, suggestions, fix-all, log and notifications', async () => {
    const client = new LspClient();
    client.settings = { profile: 'strict' };
    try {
      const init = (await client.initialize(pathToFileURL(dir).href)) as { capabilities: Record<string, unknown> };
      assert.equal(init.capabilities.hoverProvider, undefined, 'no hovers, so none can show a value');
      const sent: unknown[] = [];
      let secretFindings = 0;
      const suggested: string[] = [];
      for (const [name, text] of Object.entries(files)) {
        const uri = pathToFileURL(join(dir, name)).href;
        await client.open(uri, name.endsWith('Dockerfile') ? 'dockerfile' : 'yaml', text);
        const { items } = await client.diagnostics(uri);
        const secretDiagnostics = items.filter((d) => SECRET_RULES.has(d.code));
        secretFindings += secretDiagnostics.length;
        const actions: CodeAction[] = [];
        for (const d of items) actions.push(...(await client.codeActions(uri, [d])));
        actions.push(...(await client.codeActions(uri, [], ['source.fixAll'])));
        sent.push(items, actions);
        for (const d of secretDiagnostics) suggested.push(...assertSuggestionsRemoveTheValue(text, uri, d, actions));
      }
      assert.equal(secretFindings, Object.values(EXPECTED_SECRET_FINDINGS).reduce((a, b) => a + b));
      assert.deepEqual(suggested, [
        'Remove ENV AWS_ACCESS_KEY_ID (provide it at run time instead)',
        'Remove ENV AWS_SECRET_ACCESS_KEY (provide it at run time instead)',
        'Use a build secret for GITHUB_TOKEN in its RUN (build with --secret id=github_token,env=GITHUB_TOKEN)',
        'Remove ENV DATABASE_URL (provide it at run time instead)',
        'Use a build secret for API_SECRET in its RUN (build with --secret id=api_secret,env=API_SECRET; provide it at run time if the app reads it)',
        'Remove ENV SESSION_JWT (provide it at run time instead)',
        'Remove ENV DB_PASSWORD (provide it at run time instead)',
        'Remove ENV SSH_PRIVATE_KEY (provide it at run time instead)',
        'Move AWS_ACCESS_KEY_ID to secret "aws_access_key_id" (create ./secrets/aws_access_key_id.txt holding the value; keep it out of version control; the application must read /run/secrets/aws_access_key_id instead)',
        'Move AWS_SECRET_ACCESS_KEY to secret "aws_secret_access_key" (create ./secrets/aws_secret_access_key.txt holding the value; keep it out of version control; the application must read /run/secrets/aws_secret_access_key instead)',
        'Move DATABASE_URL to secret "database_url" (create ./secrets/database_url.txt holding the value; keep it out of version control; the application must read /run/secrets/database_url instead)',
        'Move API_SECRET to secret "api_secret" (create ./secrets/api_secret.txt holding the value; keep it out of version control; the application must read /run/secrets/api_secret instead)',
        'Move SESSION_JWT to secret "session_jwt" (create ./secrets/session_jwt.txt holding the value; keep it out of version control; the application must read /run/secrets/session_jwt instead)',
        'Move DB_PASSWORD to secret "db_password" (create ./secrets/db_password.txt holding the value; keep it out of version control; the application must read /run/secrets/db_password instead)',
        'Move TLS_KEY to secret "tls_key" (create ./secrets/tls_key.txt holding the value; keep it out of version control; the application must read /run/secrets/tls_key instead)',
        'Read AWS_ACCESS_KEY_ID from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=aws_access_key_id=./aws_access_key_id.txt)',
        'Read AWS_SECRET_ACCESS_KEY from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=aws_secret_access_key=./aws_secret_access_key.txt)',
        'Read DATABASE_URL from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=database_url=./database_url.txt)',
        'Read API_SECRET from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=api_secret=./api_secret.txt)',
        'Read SESSION_JWT from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=session_jwt=./session_jwt.txt)',
        'Read DB_PASSWORD from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=db_password=./db_password.txt)',
        'Read GITHUB_TOKEN from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=github_token=./github_token.txt)',
        'Read PRIVATE_KEY from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets --from-file=private_key=./private_key.txt)',
        'Remove ENV API_TOKEN (provide it at run time instead)',
        'Move API_TOKEN to secret "api_token" (create ./secrets/api_token.txt holding the value; keep it out of version control; the application must read /run/secrets/api_token instead)',
        'Read API_SECRET from Secret p-secrets (create it first, e.g. kubectl create secret generic p-secrets --from-file=api_secret=./api_secret.txt)',
      ]);
      assert.deepEqual(leaks(JSON.stringify(sent)), []);
      assert.deepEqual(leaks(JSON.stringify(client.notifications) + client.stderr), []);
    } finally {
      await client.stop();
    }
  });

  it('workspace audit: streamed results, the report and the JSON, SARIF, Markdown and HTML exports', async () => {
    const client = new LspClient();
    const batches: AuditFilesBatch[] = [];
    client.connection.onNotification('bulkhead/auditFiles', (b: AuditFilesBatch) => void batches.push(b));
    client.settings = { profile: 'strict' };
    try {
      await client.initialize(pathToFileURL(dir).href);
      const result = await client.connection.sendRequest('bulkhead/audit', { auditId: 1, folders: [{ uri: pathToFileURL(dir).href, exclude: [] }] });
      const exports = await Promise.all(['json', 'sarif', 'markdown', 'html'].map((format) => client.connection.sendRequest('bulkhead/exportReport', { format })));
      const diagnostics = batches.flatMap((b) => b.files.flatMap((f) => f.diagnostics as Diagnostic[]));
      assert.equal(diagnostics.filter((d) => SECRET_RULES.has(d.code)).length, Object.values(EXPECTED_SECRET_FINDINGS).reduce((a, b) => a + b));
      assert.ok(exports.every((e) => typeof e === 'string' && e.length > 1000));
      assert.deepEqual(leaks(JSON.stringify([batches, result, exports, client.notifications]) + client.stderr), []);
    } finally {
      await client.stop();
    }
  });

  it('no output file of the CLI keeps a value either (--output)', () => {
    const out = join(dir, 'report.sarif');
    spawnSync(process.execPath, [CLI, '.', '--format', 'sarif', '--output', out], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(leaks(readFileSync(out, 'utf8')), []);
  });
});

/** A suggestion for a secret moves it out of the file: applied, the value is removed where it was and written nowhere else. */
function assertSuggestionsRemoveTheValue(text: string, uri: string, d: Diagnostic, actions: readonly CodeAction[]): string[] {
  const line = text.split('\n')[d.range.start.line]!;
  const value = line.slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined);
  const count = (t: string): number => t.split(value).length - 1;
  const suggestions = actions.filter((a) => a.diagnostics?.[0]?.code === d.code && JSON.stringify(a.diagnostics[0].range) === JSON.stringify(d.range) && !a.title.startsWith('Ignore '));
  for (const s of suggestions) {
    const edits = s.edit!.changes[uri]!;
    assert.equal(count(applyLspEdits(text, edits)), count(text) - 1, `"${s.title}" removes the value once`);
    assert.ok(edits.every((e) => !e.newText.includes(value)), `"${s.title}" writes the value elsewhere`);
  }
  return suggestions.map((s) => s.title);
}
