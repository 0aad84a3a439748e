import assert from 'node:assert/strict';
import { applyLspEdits, LspClient, waitFor, type Diagnostic } from './lsp-client';
import { startForwardProxy, startRegistry, startSilentServer, type TestRegistry, type TestServer } from '../online/registry-fixture';

const TRUSTED = { workspaceTrusted: true };
const ONLINE = { online: { enabled: true, timeout: 2000 } };

/** The language server's online checks, end to end: a real server process, a real registry on 127.0.0.1. */
describe('language server: online registry checks', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let client: LspClient | undefined;
  let pinned: string;
  before(async () => {
    registry = await startRegistry();
    pinned = await registry.pushImage('team/web', '1.0', 'web 1.0');
  });
  after(() => registry?.stop());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const start = async (settings: Record<string, unknown>, init?: unknown): Promise<LspClient> => {
    client = new LspClient();
    client.settings = settings;
    await client.initialize(null, init);
    return client;
  };
  const codes = (items: Diagnostic[]) => items.filter((d) => d.code.startsWith('image-')).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

  describe('off: no network request at all', () => {
    let listener: TestServer;
    beforeEach(async () => {
      listener = await startSilentServer();
    });
    afterEach(() => listener.stop());

    for (const [name, settings, init] of [
      ['by default (bulkhead.online.enabled is false)', {}, TRUSTED],
      ['when enabled in a workspace that is not trusted', ONLINE, { workspaceTrusted: false }],
      ['when enabled but the client says nothing about trust', ONLINE, undefined],
    ] as const) {
      it(name, async () => {
        const c = await start(settings, init);
        const uri = 'file:///w/Dockerfile';
        await c.open(uri, 'dockerfile', `FROM ${listener.host}/team/web:1.0\nFROM ${listener.host}/team/web:1.0@sha256:${'a'.repeat(64)}\n`);
        assert.deepEqual(codes((await c.diagnostics(uri)).items), ['0:5 image-digest-missing']);
        await c.codeActions(uri, (await c.diagnostics(uri)).items);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(listener.requests, []);
        assert.deepEqual(c.refreshes, []);
      });
    }

    it('the same document with online checks on does connect (the listener would see it)', async () => {
      const c = await start({ online: { enabled: true, timeout: 200 } }, TRUSTED);
      const uri = 'file:///w/Dockerfile';
      await c.open(uri, 'dockerfile', `FROM ${listener.host}/team/web:1.0\n`);
      await c.diagnostics(uri);
      await waitFor(() => c.messages.length > 0);
      assert.deepEqual(listener.requests, ['connection']);
      assert.deepEqual(c.messages, [{ type: 2, message: `Bulkhead online checks: ${listener.host} did not answer within 200 ms; digest and signature checks skip images of ${listener.host} until it answers.` }]);
    });
  });

  it('"Pin to digest": diagnostics refresh when the registry answers, and the quick-fix pins the image', async () => {
    const c = await start(ONLINE, TRUSTED);
    const uri = 'file:///w/Dockerfile';
    const text = `FROM ${registry.host}/team/web:1.0\nUSER app\n`;
    await c.open(uri, 'dockerfile', text);
    await c.diagnostics(uri);
    await waitFor(() => c.refreshes.length > 0);
    const [finding] = (await c.diagnostics(uri)).items.filter((d) => d.code === 'image-digest-missing');
    const actions = await c.codeActions(uri, [finding!]);
    const pin = actions.find((a) => a.title.startsWith('Pin to digest'))!;
    assert.equal(pin.title, `Pin to digest ${pinned.slice(0, 19)}`);
    const fixed = applyLspEdits(text, pin.edit!.changes[uri]!);
    assert.equal(fixed, `FROM ${registry.host}/team/web:1.0@${pinned}\nUSER app\n`);
    await c.change(uri, 2, fixed);
    assert.deepEqual(codes((await c.diagnostics(uri)).items), []);
  });

  it('with cacheTtl 0 every lint asks again, but an unchanged answer triggers no further refresh', async () => {
    const c = await start({ online: { enabled: true, timeout: 2000, cacheTtl: 0 } }, TRUSTED);
    const uri = 'file:///w/Dockerfile';
    await c.open(uri, 'dockerfile', `FROM ${registry.host}/team/web:1.0\n`);
    await c.diagnostics(uri);
    await waitFor(() => c.refreshes.length > 0);
    await c.diagnostics(uri);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(c.refreshes.length, 1);
  });

  it('a moved tag shows image-digest-drift with an "Update the digest" quick-fix; http.proxy carries the requests', async () => {
    const proxy = await startForwardProxy();
    try {
      const old = await registry.pushImage('team/api', '3', 'api before');
      const now = await registry.pushImage('team/api', '3', 'api after');
      const c = await start(ONLINE, TRUSTED);
      c.sections = { http: { proxy: `http://${proxy.host}` } };
      const uri = 'file:///w/compose.yaml';
      const text = `services:\n  api:\n    image: "${registry.host}/team/api:3@${old}"\n`;
      await c.open(uri, 'yaml', text);
      await c.diagnostics(uri);
      await waitFor(() => c.refreshes.length > 0);
      const drift = (await c.diagnostics(uri)).items.filter((d) => d.code === 'image-digest-drift');
      const at = text.indexOf(old) - text.lastIndexOf('\n', text.indexOf(old)) - 1; // the pinned digest's column
      assert.deepEqual(drift.map((d) => [d.severity, d.message, d.range]), [[3, `Image "${registry.host}/team/api:3" is pinned to ${old}, but the tag now points to ${now}: the image was rebuilt or the tag moved; review the new image and update the digest.`, { start: { line: 2, character: at }, end: { line: 2, character: at + old.length } }]]);
      const update = (await c.codeActions(uri, drift)).find((a) => a.title === `Update the digest to ${now.slice(0, 19)}`)!;
      assert.equal(applyLspEdits(text, update.edit!.changes[uri]!), `services:\n  api:\n    image: "${registry.host}/team/api:3@${now}"\n`);
      assert.deepEqual(proxy.requests, [`HEAD http://${registry.host}/v2/team/api/manifests/3`]);
    } finally {
      await proxy.stop();
    }
  });
});
