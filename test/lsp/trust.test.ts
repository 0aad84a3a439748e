import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rule-tester';
import { LspClient } from './lsp-client';

const MESSAGE = 'Bulkhead: this workspace is not trusted, so online registry checks and paths in .bulkhead.yaml files that lead outside the workspace are ignored. Trust the workspace to use them.';
const INFO = 3;
const ONLINE = { online: { enabled: true, timeout: 200 } };

/**
 * Workspace trust beyond online checks: in an untrusted workspace, `bulkhead.online.*` and paths
 * that .bulkhead.yaml files name outside the workspace are ignored, analysis runs as usual, and
 * the reason is shown once per session, only when something was ignored.
 */
describe('language server: workspace trust', function () {
  this.timeout(30000);
  let top: string;
  let ws: string;
  let client: LspClient | undefined;
  beforeEach(() => {
    top = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-trust-ws-')));
    ws = join(top, 'ws');
    mkdirSync(join(ws, 'keys'), { recursive: true });
    writeFileSync(join(ws, 'Dockerfile'), 'FROM ubuntu\n');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(top, { recursive: true, force: true });
  });

  it('package.json: limited support in untrusted workspaces, every online setting restricted', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } }; contributes: { configuration: { properties: Record<string, unknown> } } };
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual(untrusted.restrictedConfigurations, Object.keys(pkg.contributes.configuration.properties).filter((k) => k.startsWith('bulkhead.online.')));
    assert.deepEqual(untrusted.restrictedConfigurations, ['bulkhead.online.enabled', 'bulkhead.online.timeout', 'bulkhead.online.cacheTtl']);
  });

  /** A server for the workspace: opens its Dockerfile and returns the image-tag-latest findings (analysis runs either way). */
  async function start(trusted: boolean, settings: Record<string, unknown>, config: string | undefined): Promise<{ client: LspClient; lint: () => Promise<string[]> }> {
    if (config !== undefined) writeFileSync(join(ws, '.bulkhead.yaml'), config);
    client = new LspClient();
    client.settings = settings;
    await client.initialize(pathToFileURL(ws).href, { workspaceTrusted: trusted });
    const uri = pathToFileURL(join(ws, 'Dockerfile')).href;
    await client.open(uri, 'dockerfile', 'FROM ubuntu\n');
    const c = client;
    return { client: c, lint: async () => (await c.diagnostics(uri)).items.filter((d) => d.code === 'image-tag-latest').map((d) => d.message) };
  }

  /** A settings change and a config file change on disk, each followed by a new pull. */
  async function reconfigure(c: LspClient, lint: () => Promise<string[]>): Promise<void> {
    c.settings = { ...c.settings, rules: { 'image-digest-missing': 'off' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await lint()).length, 1);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, '.bulkhead.yaml')).href, type: 2 }] });
    assert.equal((await lint()).length, 1);
  }

  const TAG = 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.';

  it('untrusted, online checks enabled: ignored, the reason shown once, also after re-configuration', async () => {
    const { client: c, lint } = await start(false, ONLINE, undefined);
    assert.deepEqual(await lint(), [TAG]);
    assert.deepEqual(c.messages, [{ type: INFO, message: MESSAGE }]);
    await reconfigure(c, lint);
    assert.deepEqual(c.messages, [{ type: INFO, message: MESSAGE }]);
  });

  it('untrusted, a .bulkhead.yaml naming a key file outside the workspace: ignored, the reason shown once, also after re-configuration', async () => {
    writeFileSync(join(top, 'elsewhere.pub'), 'x');
    const { client: c, lint } = await start(false, {}, 'verification:\n  keys: [keys/release.pub, ../elsewhere.pub]\n');
    assert.deepEqual(await lint(), [TAG]);
    assert.deepEqual(c.messages, [{ type: INFO, message: MESSAGE }]);
    await reconfigure(c, lint);
    assert.deepEqual(c.messages, [{ type: INFO, message: MESSAGE }]);
  });

  it('untrusted, both: still one message', async () => {
    const { client: c, lint } = await start(false, ONLINE, 'verification:\n  keys: [/etc/release.pub]\n');
    assert.deepEqual(await lint(), [TAG]);
    await reconfigure(c, lint);
    assert.deepEqual(c.messages, [{ type: INFO, message: MESSAGE }]);
  });

  it('untrusted, nothing that needs trust (online off, paths inside): no message', async () => {
    const { client: c, lint } = await start(false, {}, 'verification:\n  keys: [keys/release.pub]\n');
    assert.deepEqual(await lint(), [TAG]);
    await reconfigure(c, lint);
    assert.deepEqual(c.messages, []);
  });

  it('trusted: paths outside the workspace are allowed (see the resolver tests) and nothing is said', async () => {
    const { client: c, lint } = await start(true, {}, 'verification:\n  keys: [../elsewhere.pub, /etc/release.pub]\n');
    assert.deepEqual(await lint(), [TAG]);
    await reconfigure(c, lint);
    assert.deepEqual(c.messages, []);
  });
});
