import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rule-tester';
import { LspClient, waitFor, type Diagnostic } from './lsp-client';

const CLI = join(ROOT, 'dist', 'cli.js');
const CROSS_FILE_RULES = ['secret-file-in-image', 'container-runs-as-root', 'run-as-non-root-unverifiable', 'dockerignore-missing'];

/** Two workspace folders: an application (compose + Dockerfiles) and the manifests that deploy it. */
const FILES: Record<string, string> = {
  'app/compose.yaml': 'services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:1.4\n    user: "10001"\n  worker:\n    build:\n      context: .\n      dockerfile: worker/Dockerfile\n',
  'app/api/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN useradd --uid 10001 app\nUSER app\nCMD ["node", "server.js"]\n',
  'app/api/server.js': '',
  'app/api/.env': 'SESSION_SECRET=planted\n',
  'app/worker/Dockerfile': 'FROM python:3.12-slim\nCOPY worker/ /srv/\nCMD ["python", "/srv/main.py"]\n',
  'app/worker/main.py': '',
  'app/.dockerignore': '**/.env\n',
  'ops/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.4\n',
};

/** Expected cross-file findings, `path:line:column ruleId` (1-based). */
const EXPECTED = [
  'app/api/Dockerfile:3:6 dockerignore-missing',
  'app/api/Dockerfile:3:6 secret-file-in-image',
  'app/compose.yaml:6:3 container-runs-as-root',
  'app/worker/Dockerfile:1:6 container-runs-as-root',
  'ops/deploy.yaml:13:23 run-as-non-root-unverifiable',
];

describe('cross-file analysis: the CLI and the language server agree, and edits re-lint dependants', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspClient;
  const uri = (path: string): string => pathToFileURL(join(dir, path)).href;
  const language = (path: string): string => (path.endsWith('Dockerfile') ? 'dockerfile' : 'yaml');
  const keys = (path: string, items: Diagnostic[]): string[] =>
    items.filter((d) => CROSS_FILE_RULES.includes(String(d.code))).map((d) => `${path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`);

  beforeEach(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-xfile-')));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    client = new LspClient();
    await client.initialize(null, undefined, [uri('app'), uri('ops')]);
  });
  afterEach(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serverFindings(): Promise<string[]> {
    const out: string[] = [];
    for (const path of Object.keys(FILES).filter((p) => /Dockerfile$|\.ya?ml$/.test(p))) {
      await client.open(uri(path), language(path), readFileSync(join(dir, path), 'utf8'));
      out.push(...keys(path, (await client.diagnostics(uri(path))).items));
    }
    return out.sort();
  }

  it('the same findings at the same places, across two workspace folders', async () => {
    const r = spawnSync(process.execPath, [CLI, 'app', 'ops', '--format', 'json', '--only', CROSS_FILE_RULES.join(','), '--fail-on', 'never'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; range: { start: { line: number; column: number } } }[] }[] };
    const cli = json.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.range.start.line}:${x.range.start.column} ${x.ruleId}`)).sort();
    assert.deepEqual(cli, EXPECTED);
    assert.deepEqual(await serverFindings(), EXPECTED);
    // The secret's value is never shown; its file is named in the related information.
    const [secret] = (await client.diagnostics(uri('app/api/Dockerfile'))).items.filter((d) => d.code === 'secret-file-in-image');
    assert.deepEqual(secret?.relatedInformation?.map((i) => [i.location.uri, i.message]), [[uri('app/api/.env'), '.env: a .env file, in the build context and not excluded by .dockerignore']]);
    assert.ok(!r.stdout.includes('planted') && !JSON.stringify(secret).includes('planted'));
  });

  it('a .dockerignore written on disk clears the finding once the watcher reports it', async () => {
    const dockerfile = 'app/api/Dockerfile';
    await serverFindings();
    writeFileSync(join(dir, 'app/api/.dockerignore'), '.env\n');
    const refreshes = client.refreshes.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('app/api/.dockerignore'), type: 1 }] });
    await waitFor(() => client.refreshes.length > refreshes);
    assert.deepEqual(keys(dockerfile, (await client.diagnostics(uri(dockerfile))).items), []);
    // Deleting it brings both findings back.
    unlinkSync(join(dir, 'app/api/.dockerignore'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('app/api/.dockerignore'), type: 3 }] });
    await waitFor(() => client.refreshes.length > refreshes + 1);
    assert.deepEqual(keys(dockerfile, (await client.diagnostics(uri(dockerfile))).items), ['app/api/Dockerfile:3:6 dockerignore-missing', 'app/api/Dockerfile:3:6 secret-file-in-image']);
  });

  it('typing in an open Dockerfile re-lints the compose file and the manifest that depend on it (unsaved text wins)', async () => {
    await serverFindings();
    const refreshes = client.refreshes.length;
    // The worker gets a USER; the api's USER becomes numeric. Nothing is saved.
    await client.change(uri('app/worker/Dockerfile'), 2, 'FROM python:3.12-slim\nCOPY worker/ /srv/\nUSER 10001\nCMD ["python", "/srv/main.py"]\n');
    await client.change(uri('app/api/Dockerfile'), 2, FILES['app/api/Dockerfile']!.replace('USER app', 'USER 10001'));
    await waitFor(() => client.refreshes.length > refreshes);
    assert.deepEqual(keys('app/compose.yaml', (await client.diagnostics(uri('app/compose.yaml'))).items), []);
    assert.deepEqual(keys('ops/deploy.yaml', (await client.diagnostics(uri('ops/deploy.yaml'))).items), []);
  });
});
