import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint, SourceFile, type EngineConfig, type Finding, type OnlineSnapshot } from '../../server/src/engine';
import { OnlineChecks, type OnlineOptions } from '../../server/src/online/checks';
import { request, type RequestFn } from '../../server/src/online/http';
import { RegistryClient } from '../../server/src/online/registry';
import { testConfig } from '../rule-tester';
import { freePort, indexOf, OCI_INDEX, sha256, startForwardProxy, startRegistry, startSilentServer, startTokenFront, type TestRegistry } from './registry-fixture';

/** Online checks against a real registry (docker-registry on 127.0.0.1), images pushed with skopeo. */
describe('online checks against a real OCI registry', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let tmp: string;
  let v1: string;
  before(async () => {
    registry = await startRegistry();
    tmp = mkdtempSync(join(tmpdir(), 'bulkhead-online-'));
    v1 = await registry.pushImage('team/app', '1.0', 'first build');
  });
  after(async () => {
    await registry?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** A request function that records what was asked, to count network use. */
  const counting = (log: string[]): RequestFn => (req) => {
    log.push(`${req.method ?? 'GET'} ${new URL(req.url).pathname}`);
    return request(req);
  };
  const checks = (options: Partial<OnlineOptions> = {}, problems: string[] = []) =>
    new OnlineChecks({ timeoutMs: 5000, cacheTtlMs: 60000, dockerConfigDir: join(tmp, 'no-docker-config'), ...options }, { changed: () => undefined, problem: (m) => problems.push(m) });
  const findings = (code: string, online: OnlineSnapshot, config: Partial<EngineConfig> = {}): string[] =>
    lint(new SourceFile('Dockerfile', code), { config: testConfig({ ...config, online }) }).findings
      .filter((f: Finding) => f.ruleId.startsWith('image-digest') || f.ruleId.startsWith('image-signature') || f.ruleId === 'image-tag-latest')
      .map((f) => `${f.ruleId} ${f.severity}: ${f.message}${f.suggestions ? ` [${f.suggestions.map((s) => s.title).join(', ')}]` : ''}`);

  it('resolves a tag anonymously with HEAD and the manifest Accept headers; the digest is the one skopeo pushed', async () => {
    const log: string[] = [];
    const client = new RegistryClient({ timeoutMs: 5000, request: counting(log) });
    assert.equal(await client.resolve(registry.host, 'team/app', '1.0'), v1);
    assert.deepEqual(log, ['HEAD /v2/team/app/manifests/1.0']);
    await assert.rejects(client.resolve(registry.host, 'team/app', 'nope'), { message: `${registry.host} has no tag "nope" for team/app` });
  });

  it('a tag on an OCI index resolves to the index digest (what a multi-arch pin must name)', async () => {
    const index = await indexOf(registry, 'team/app', v1);
    const indexDigest = await registry.putManifest('team/app', 'multi', OCI_INDEX, index);
    assert.equal(indexDigest, sha256(index));
    const client = new RegistryClient({ timeoutMs: 5000 });
    assert.equal(await client.resolve(registry.host, 'team/app', 'multi'), indexDigest);
    const manifest = await client.manifest(registry.host, 'team/app', 'multi');
    assert.deepEqual([manifest.digest, manifest.mediaType], [indexDigest, OCI_INDEX]);
  });

  it('"Pin to digest": the snapshot carries the digest and the suggestion writes it after the tag', async () => {
    const online = checks();
    const ref = `${registry.host}/team/app:1.0`;
    const code = `FROM ${ref}\n`;
    assert.deepEqual(findings(code, online.snapshot([])).filter((f) => f.includes('[')), []);
    await online.prefetch(lint(new SourceFile('Dockerfile', code), { inventory: true }).images!.map((i) => i.ref), []);
    const result = lint(new SourceFile('Dockerfile', code), { config: testConfig({ online: online.snapshot([]) }) });
    const pin = result.findings.find((f) => f.ruleId === 'image-digest-missing')!.suggestions![0]!;
    assert.equal(pin.title, `Pin to digest ${v1.slice(0, 19)}`);
    assert.equal(code.slice(0, pin.edits[0]!.span.start) + pin.edits[0]!.newText + code.slice(pin.edits[0]!.span.end), `FROM ${ref}@${v1}\n`);
  });

  it('a moved tag is image-digest-drift with the new digest, once the cache entry expires; within the TTL nothing is asked again', async () => {
    await registry.pushImage('team/drift', '2', 'before');
    const pinned = await registry.pushImage('team/drift', '2', 'before'); // same content: same digest
    const log: string[] = [];
    const online = checks({ cacheTtlMs: 200, request: counting(log) });
    const code = `FROM ${registry.host}/team/drift:2@${pinned}\n`;
    const refs = lint(new SourceFile('Dockerfile', code), { inventory: true }).images!.map((i) => i.ref);
    await online.prefetch(refs, []);
    assert.deepEqual(findings(code, online.snapshot([])), []);
    await online.prefetch(refs, []);
    assert.equal(log.length, 1, 'answered from the cache');

    const moved = await registry.pushImage('team/drift', '2', 'rebuilt with a fix');
    assert.notEqual(moved, pinned);
    await new Promise((r) => setTimeout(r, 250));
    await online.prefetch(refs, []);
    assert.equal(log.length, 2);
    assert.deepEqual(findings(code, online.snapshot([])), [
      `image-digest-drift info: Image "${registry.host}/team/drift:2" is pinned to ${pinned}, but the tag now points to ${moved}: the image was rebuilt or the tag moved; review the new image and update the digest. [Update the digest to ${moved.slice(0, 19)}]`,
    ]);
  });

  describe('signatures', () => {
    const keyPair = (type: 'ec' | 'ed25519'): { privateKey: KeyObject; pem: string } => {
      const { privateKey, publicKey } = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
      return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    };
    const keyFile = (name: string, pem: string): string => {
      const path = join(tmp, name);
      writeFileSync(path, pem);
      return path;
    };

    it('ECDSA P-256 and Ed25519 signatures verify; an unsigned image, a foreign key and a signature for another digest are reported', async () => {
      const ec = keyPair('ec');
      const ed = keyPair('ed25519');
      const stranger = keyPair('ec');
      const [signedEc, signedEd, unsigned, foreign, copied] = await Promise.all(['ec', 'ed', 'unsigned', 'foreign', 'copied'].map((t) => registry.pushImage('team/signed', t, `image ${t}`)));
      await registry.pushSignature('team/signed', signedEc!, ec.privateKey);
      await registry.pushSignature('team/signed', signedEd!, ed.privateKey);
      await registry.pushSignature('team/signed', foreign!, stranger.privateKey);
      // A valid signature of another image copied next to this one.
      await registry.pushSignature('team/signed', copied!, ec.privateKey, signedEc);

      const keys = [keyFile('ec.pub', ec.pem), keyFile('ed.pub', ed.pem)];
      const problems: string[] = [];
      const online = checks({}, problems);
      const image = (d: string) => `${registry.host}/team/signed@${d}`;
      const code = [signedEc, signedEd, unsigned, foreign, copied].map((d) => `FROM ${image(d!)}\n`).join('');
      await online.prefetch(lint(new SourceFile('Dockerfile', code), { inventory: true }).images!.map((i) => i.ref), keys);
      assert.deepEqual(problems, []);
      assert.deepEqual(findings(code, online.snapshot(keys), { verification: { keys } }), [
        `image-signature-missing warning: Image "${image(unsigned!)}" has no signature in its registry (no cosign signature tag "${unsigned!.replace(':', '-')}.sig"), so nothing shows it was published by a holder of the configured keys.`,
        `image-signature-invalid warning: The signature of image "${image(foreign!)}" does not verify: no configured key verifies the signature; the image may not come from the holder of the configured keys.`,
        `image-signature-invalid warning: The signature of image "${image(copied!)}" does not verify: the signed payload names ${signedEc}, not this image; the image may not come from the holder of the configured keys.`,
      ]);
      // The same registry answers, judged with only the Ed25519 key: the ECDSA signature no longer verifies.
      const edOnly = [keys[1]!];
      assert.deepEqual(findings(`FROM ${image(signedEc!)}\n`, online.snapshot(edOnly), { verification: { keys: edOnly } }).map((f) => f.split(':')[0]), ['image-signature-invalid warning']);
    });

    it('an unusable key file is reported once, naming the file, and signatures are then not judged', async () => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const rsa = keyFile('rsa.pub', publicKey.export({ type: 'spki', format: 'pem' }).toString());
      const problems: string[] = [];
      const online = checks({}, problems);
      const digest = await registry.pushImage('team/signed', 'rsa', 'rsa');
      await online.prefetch(lint(new SourceFile('Dockerfile', `FROM ${registry.host}/team/signed@${digest}\n`), { inventory: true }).images!.map((i) => i.ref), [rsa]);
      assert.deepEqual(online.snapshot([rsa]).signatures, {});
      online.snapshot([rsa]);
      const missing = join(tmp, 'missing.pub');
      online.snapshot([missing]);
      assert.deepEqual(problems, [
        `Bulkhead online checks: verification key ${rsa} is rsa; use ECDSA P-256 or Ed25519; signatures are not checked.`,
        `Bulkhead online checks: verification key ${missing} cannot be read; signatures are not checked.`,
      ]);
    });
  });

  describe('token authentication (Bearer challenge) and credentials from Docker config.json', () => {
    it('follows the challenge to the realm with the config.json credentials, then reuses the token', async () => {
      const front = await startTokenFront(registry.host, { username: 'ci', password: 's3cret' });
      try {
        const dockerDir = join(tmp, 'docker');
        rmSync(dockerDir, { recursive: true, force: true });
        mkdirSync(dockerDir);
        // A credential helper entry is never run; the plain auths entry is used.
        writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [`http://${front.host}`]: { auth: Buffer.from('ci:s3cret').toString('base64') } }, credsStore: 'definitely-not-a-program' }));
        const online = checks({ dockerConfigDir: dockerDir });
        assert.deepEqual(await online.resolveTag({ registry: front.host, repository: 'team/app', tag: '1.0' }), { digest: v1 });
        assert.deepEqual(await online.resolveTag({ registry: front.host, repository: 'team/app', tag: 'multi' }).then((t) => t.digest.startsWith('sha256:')), true);
        assert.deepEqual(front.tokenRequests, ['bulkhead-test repository:team/app:pull basic']);
        assert.deepEqual(front.requests, ['HEAD /v2/team/app/manifests/1.0', 'HEAD /v2/team/app/manifests/1.0', 'HEAD /v2/team/app/manifests/multi']);

        const anonymous = checks();
        await assert.rejects(anonymous.resolveTag({ registry: front.host, repository: 'team/app', tag: '1.0' }), { message: `the token service of ${front.host} refused anonymous access (HTTP 401)` });
      } finally {
        await front.stop();
      }
    });
  });

  it('goes through the http.proxy forward proxy', async () => {
    const proxy = await startForwardProxy();
    try {
      const online = checks({ proxy: `http://${proxy.host}` });
      assert.deepEqual(await online.resolveTag({ registry: registry.host, repository: 'team/app', tag: '1.0' }), { digest: v1 });
      assert.deepEqual(proxy.requests, [`HEAD http://${registry.host}/v2/team/app/manifests/1.0`]);
    } finally {
      await proxy.stop();
    }
  });

  describe('unreachable registries', () => {
    it('a registry that accepts and never answers: the timeout message, once per registry', async () => {
      const silent = await startSilentServer();
      try {
        const problems: string[] = [];
        const online = checks({ timeoutMs: 300 }, problems);
        const code = `FROM ${silent.host}/team/app:1.0\nFROM ${silent.host}/team/other:2\n`;
        const started = Date.now();
        await online.prefetch(lint(new SourceFile('Dockerfile', code), { inventory: true }).images!.map((i) => i.ref), []);
        assert.ok(Date.now() - started < 3000, 'bounded by the timeout');
        assert.deepEqual(problems, [`Bulkhead online checks: ${silent.host} did not answer within 300 ms; digest and signature checks skip images of ${silent.host} until it answers.`]);
        assert.deepEqual(online.snapshot([]), { tags: {}, signatures: {} });
        assert.equal(silent.requests.length, 2);
      } finally {
        await silent.stop();
      }
    });

    it('a registry that answers nonsense: a clear message, no crash', async () => {
      const server = http.createServer((req, res) => {
        // HEAD without Docker-Content-Digest sends the client to GET, which gets no JSON.
        if (req.method === 'HEAD') return void res.writeHead(200).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('<html>maintenance</html>');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        await assert.rejects(checks().resolveTag({ registry: host, repository: 'a', tag: '1' }), { message: `${host} sent a manifest that is not JSON` });
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    });

    it('a closed port: connection refused', async () => {
      const port = await freePort();
      await assert.rejects(checks().resolveTag({ registry: `127.0.0.1:${port}`, repository: 'a', tag: '1' }), { message: `127.0.0.1:${port} refused the connection` });
    });
  });
});
