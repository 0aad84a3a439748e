/**
 * A real OCI registry for tests: Debian's `docker-registry` started on 127.0.0.1 with a temporary
 * config and storage folder, stopped by its PID. Images are built with `umoci` and pushed with
 * `skopeo`; indexes and cosign-style signatures are pushed through the registry API. Also: a
 * token-auth front (the test's own reverse proxy answering 401 + `WWW-Authenticate: Bearer` and
 * checking the tokens its realm issues: docker-registry's own `auth.token` needs a certificate
 * chain), a forward proxy, and a socket that accepts and never answers.
 *
 * Entry point for other suites (e2e): `const registry = await startRegistry(); const digest =
 * await registry.pushImage('team/app', '1.0'); ... await registry.stop();` Images are then
 * `${registry.host}/team/app:1.0`. `bash test/online/install-tools.sh` installs the tools.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>`: the registry part of image references. */
  readonly host: string;
  readonly pid: number;
  /** Builds a one-file image (its content decides the digest) and pushes it as `repository:tag`; returns the manifest digest. */
  pushImage(repository: string, tag: string, content?: string): Promise<string>;
  /** Puts a manifest (index, signature, ...) under a tag or digest through the API; returns its digest. */
  putManifest(repository: string, reference: string, mediaType: string, body: string): Promise<string>;
  /** Uploads a blob (monolithic upload); returns its digest. */
  putBlob(repository: string, data: Buffer): Promise<string>;
  /** Pushes a cosign-style signature (`sha256-<hex>.sig`) for `digest`, signed with `key` over a simple-signing payload naming `signedDigest`. */
  pushSignature(repository: string, digest: string, key: KeyObject, signedDigest?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<TestRegistry> {
  for (const tool of ['docker-registry', 'umoci', 'skopeo']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`${tool} is missing: run "bash test/online/install-tools.sh"`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(join(dir, 'config.yml'), [
    'version: 0.1',
    'log: {level: error, accesslog: {disabled: true}}',
    `storage: {filesystem: {rootdirectory: ${join(dir, 'storage')}}, delete: {enabled: true}}`,
    `http: {addr: "${host}", secret: ${randomBytes(8).toString('hex')}}`,
    '',
  ].join('\n'));
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(async () => (await fetchStatus(`http://${host}/v2/`)) === 200, 10000, () => `docker-registry did not start on ${host}: ${stderr}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const api = `http://${host}`;
  const registry: TestRegistry = {
    host,
    pid: child.pid!,
    async pushImage(repository, tag, content = `${repository}:${tag}`) {
      const layout = join(dir, `oci-${randomBytes(4).toString('hex')}`);
      const file = join(dir, `file-${randomBytes(4).toString('hex')}`);
      const digestFile = `${file}.digest`;
      writeFileSync(file, content);
      try {
        run('umoci', ['init', '--layout', layout]);
        run('umoci', ['new', '--image', `${layout}:img`]);
        run('umoci', ['insert', '--rootless', '--image', `${layout}:img`, file, '/content.txt']);
        run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', '--digestfile', digestFile, `oci:${layout}:img`, `docker://${host}/${repository}:${tag}`]);
        return readFileSync(digestFile, 'utf8').trim();
      } finally {
        rmSync(layout, { recursive: true, force: true });
        rmSync(file, { force: true });
        rmSync(digestFile, { force: true });
      }
    },
    async putManifest(repository, reference, mediaType, body) {
      const res = await send('PUT', `${api}/v2/${repository}/manifests/${reference}`, Buffer.from(body), { 'content-type': mediaType });
      if (res.status !== 201) throw new Error(`manifest PUT answered ${res.status}: ${res.body}`);
      return sha256(body);
    },
    async putBlob(repository, data) {
      const digest = sha256(data);
      const start = await send('POST', `${api}/v2/${repository}/blobs/uploads/`);
      if (start.status !== 202 || !start.location) throw new Error(`blob upload answered ${start.status}`);
      const url = new URL(start.location, api);
      url.searchParams.set('digest', digest);
      const done = await send('PUT', url.href, data, { 'content-type': 'application/octet-stream' });
      if (done.status !== 201) throw new Error(`blob PUT answered ${done.status}: ${done.body}`);
      return digest;
    },
    async pushSignature(repository, digest, key, signedDigest = digest) {
      const payload = Buffer.from(JSON.stringify({
        critical: { identity: { 'docker-reference': `${host}/${repository}` }, image: { 'docker-manifest-digest': signedDigest }, type: 'cosign container image signature' },
        optional: null,
      }));
      const signature = key.asymmetricKeyType === 'ed25519' ? sign(null, payload, key) : sign('sha256', payload, key);
      const config = Buffer.from('{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}}');
      const configDigest = await registry.putBlob(repository, config);
      const payloadDigest = await registry.putBlob(repository, payload);
      const manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: configDigest },
        layers: [{ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json', size: payload.length, digest: payloadDigest, annotations: { 'dev.cosignproject.cosign/signature': signature.toString('base64') } }],
      };
      await registry.putManifest(repository, `${digest.replace(':', '-')}.sig`, OCI_MANIFEST, JSON.stringify(manifest));
    },
    stop,
  };
  return registry;
}

/** The OCI index of one platform manifest (a multi-arch tag), as pushed by `putManifest`. */
export async function indexOf(registry: TestRegistry, repository: string, manifestDigest: string): Promise<string> {
  const res = await send('GET', `http://${registry.host}/v2/${repository}/manifests/${manifestDigest}`, undefined, { accept: OCI_MANIFEST });
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [{ mediaType: OCI_MANIFEST, size: Buffer.byteLength(res.body), digest: manifestDigest, platform: { architecture: 'amd64', os: 'linux' } }],
  });
}

/** A server of the test, on 127.0.0.1, that counts requests; `stop` closes it and its sockets. */
export interface TestServer {
  readonly host: string;
  readonly requests: string[];
  stop(): Promise<void>;
}

/**
 * A registry front that demands Bearer tokens: 401 with `WWW-Authenticate: Bearer realm=...,
 * service=...,scope=...` without one; its realm `/token` issues tokens for `username:password`
 * (Basic), or to anyone when no user is given. Valid requests are forwarded to `backend`.
 */
export async function startTokenFront(backend: string, user?: { username: string; password: string }): Promise<TestServer & { readonly tokenRequests: string[] }> {
  const tokens = new Set<string>();
  const requests: string[] = [];
  const tokenRequests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://front');
    if (url.pathname === '/token') {
      tokenRequests.push(`${url.searchParams.get('service')} ${url.searchParams.get('scope')} ${req.headers.authorization ? 'basic' : 'anonymous'}`);
      const expected = user ? `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` : undefined;
      if (expected && req.headers.authorization !== expected) return void res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      const token = randomBytes(16).toString('hex');
      tokens.add(token);
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
    }
    requests.push(`${req.method} ${url.pathname}`);
    const bearer = /^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) {
      const repo = /^\/v2\/(.+?)\/(?:manifests|blobs|tags)\//.exec(url.pathname)?.[1];
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${front}/token",service="bulkhead-test"${repo ? `,scope="repository:${repo}:pull"` : ''}`, 'content-type': 'application/json' });
      return void res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    forward(req, res, backend, url.pathname + url.search);
  });
  const front = await listen(server);
  return { host: front, requests, tokenRequests, stop: () => close(server) };
}

/** A forward HTTP proxy (absolute-URI requests only, as used for plain-HTTP registries). */
export async function startForwardProxy(): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    forward(req, res, target.host, target.pathname + target.search);
  });
  return { host: await listen(server), requests, stop: () => close(server) };
}

/** Accepts connections and never answers (the timeout case); `requests` counts connections. */
export async function startSilentServer(): Promise<TestServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    requests.push('connection');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const host = await listen(server);
  return {
    host,
    requests,
    stop: () => {
      for (const s of sockets) s.destroy();
      return close(server);
    },
  };
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, backend: string, path: string): void {
  const headers = { ...req.headers, host: backend };
  delete headers.authorization;
  const out = http.request(`http://${backend}${path}`, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end());
  req.pipe(out);
}

function listen(server: net.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as net.AddressInfo).port}`));
  });
}

function close(server: net.Server): Promise<void> {
  (server as http.Server).closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  const host = await listen(server);
  await close(server);
  return Number(host.split(':')[1]);
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => { if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL'); }, 3000);
  await exited;
  clearTimeout(timer);
}

function send(method: string, url: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function fetchStatus(url: string): Promise<number> {
  try {
    return (await send('GET', url)).status;
  } catch {
    return 0;
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, message: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(message());
    await new Promise((r) => setTimeout(r, 50));
  }
}
