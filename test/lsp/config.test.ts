import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rule-tester';
import { LspClient } from './lsp-client';

const WS = join(ROOT, 'test', 'fixtures', 'config-ws');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEVERITY = ['', 'error', 'warning', 'info'];
const FILES: [string, string][] = [
  ['compose.yaml', 'yaml'],
  ['deploy/pod.yaml', 'yaml'],
  ['services/api/Dockerfile', 'dockerfile'],
  ['services/legacy/Dockerfile', 'dockerfile'],
  ['vendor/Dockerfile', 'dockerfile'],
];

describe('configuration: the CLI and the language server agree', function () {
  this.timeout(30000);
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    await client.initialize(pathToFileURL(WS).href);
  });
  afterEach(() => client.stop());

  it('on every file of a workspace with nested .bulkhead.yaml files, overrides, ignorePaths and forbidden suppressions', async () => {
    const cli = spawnSync(process.execPath, [CLI, '.', '--format', 'json'], { cwd: WS, encoding: 'utf8' });
    const report = JSON.parse(cli.stdout) as { files: { path: string; findings: { ruleId: string; severity: string; message: string; range: { start: { line: number; column: number } }; suppressed: boolean }[] }[] };
    const fromCli: Record<string, string[]> = {};
    for (const f of report.files) fromCli[f.path] = f.findings.filter((x) => !x.suppressed).map((x) => `${x.range.start.line}:${x.range.start.column} ${x.severity} ${x.ruleId} ${x.message}`);
    const fromServer: Record<string, string[]> = {};
    for (const [path, languageId] of FILES) {
      const uri = pathToFileURL(join(WS, path)).href;
      await client.open(uri, languageId, readFileSync(join(WS, path), 'utf8'));
      const items = (await client.diagnostics(uri)).items;
      if (items.length || fromCli[path]) fromServer[path] = items.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]} ${d.code} ${d.message}`);
    }
    assert.deepEqual(fromServer, fromCli);
    // What the fixture is built to show, for the two rules its config tunes:
    const tuned = Object.fromEntries(Object.entries(fromCli).map(([p, lines]) => [p, lines!.filter((l) => / (image-tag-latest|add-instead-of-copy) /.test(l))]).filter(([, lines]) => lines!.length > 0));
    assert.deepEqual(tuned, {
      'compose.yaml': ['3:12 error image-tag-latest Image "redis" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.'],
      'deploy/pod.yaml': ['7:20 error image-tag-latest Image "nginx:latest" uses the mutable "latest" tag; pin a version tag or a digest.'],
      'services/api/Dockerfile': ['1:6 error image-tag-latest Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.'],
      'services/legacy/Dockerfile': ['2:6 warning image-tag-latest Image "node" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest. (Not suppressed: image-tag-latest cannot be suppressed in this project.)'],
    });
  });

  it('reports problems of an open .bulkhead.yaml at the exact key', async () => {
    const uri = pathToFileURL(join(WS, 'services', '.bulkhead.yaml')).href;
    await client.open(uri, 'yaml', 'rules:\n  add-instead-of-copy: of\nprofle: strict\n');
    assert.deepEqual((await client.diagnostics(uri)).items.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]), [
      ['invalid-config', 1, 23, 'Invalid configuration: "rules.add-instead-of-copy" must be off, info, warning or error.'],
      ['invalid-config', 2, 0, 'Invalid configuration: unknown key "profle" (allowed: profile, rules, trustedRegistries, deniedImages, ignorePaths, secrets, defaults, suppressions, maxFileSize, overrides, verification, images, root).'],
    ]);
  });

  it('re-reads config files when they change on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-cfg-'));
    try {
      writeFileSync(join(dir, '.bulkhead.yaml'), 'root: true\n');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu\n');
      const fresh = new LspClient();
      await fresh.initialize(pathToFileURL(dir).href);
      const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
      await fresh.open(uri, 'dockerfile', 'FROM ubuntu\n');
      const tagged = async () => (await fresh.diagnostics(uri)).items.filter((d) => d.code === 'image-tag-latest').map((d) => d.severity);
      assert.deepEqual(await tagged(), [2]);
      writeFileSync(join(dir, '.bulkhead.yaml'), 'root: true\nrules: {image-tag-latest: error}\n');
      await fresh.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.bulkhead.yaml')).href, type: 2 }] });
      assert.deepEqual(await tagged(), [1]);
      await fresh.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration: CLI', function () {
  this.timeout(30000);
  const run = (args: string[], cwd = WS) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

  it('a bad config file stops the run with exit 2 and one line naming the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-bad-cfg-'));
    try {
      writeFileSync(join(dir, '.bulkhead.yaml'), 'root: true\nrules:\n  image-tag-lates: error\n');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu\n');
      const r = run(['.'], dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'bulkhead: invalid configuration .bulkhead.yaml:3:3: unknown rule id "image-tag-lates" in "rules"\n');
      const missing = run(['.', '--config', 'nope.yaml'], dir);
      assert.equal(missing.status, 2);
      assert.equal(missing.stderr, 'bulkhead: config file not found: nope.yaml\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--config replaces discovery, and --profile wins over the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-explicit-'));
    try {
      writeFileSync(join(dir, 'policy.yaml'), 'rules: {image-tag-latest: off}\n');
      const r = run(['services/api', '--config', join(dir, 'policy.yaml'), '--format', 'json', '--only', 'image-tag-latest,add-instead-of-copy']);
      assert.deepEqual((JSON.parse(r.stdout) as { files: { findings: { ruleId: string }[] }[] }).files[0]!.findings.map((f) => f.ruleId), ['add-instead-of-copy']);
      const strict = run(['services/api', '--config', join(dir, 'policy.yaml'), '--profile', 'pss-baseline', '--format', 'json', '--only', 'image-tag-latest,add-instead-of-copy']);
      assert.deepEqual((JSON.parse(strict.stdout) as { files: { findings: unknown[] }[] }).files[0]!.findings, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
