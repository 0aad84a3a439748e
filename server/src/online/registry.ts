import { createHash } from 'node:crypto';
import type { Credentials } from './docker-config';
import { OnlineError, request as defaultRequest, type HttpResponse, type RequestFn } from './http';

/** Manifest types a tag may resolve to; indexes and lists first, so the registry never down-converts. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface RegistryOptions {
  readonly timeoutMs: number;
  readonly proxy?: string;
  /** Credentials per registry (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
  readonly credentials?: ReadonlyMap<string, Credentials>;
  /** The transport (tests count requests through it). */
  readonly request?: RequestFn;
}

export interface Manifest {
  readonly digest: string;
  readonly mediaType: string | undefined;
  readonly json: unknown;
}

/**
 * A read-only client of the OCI distribution API v2: manifests and blobs, anonymous or with the
 * `WWW-Authenticate` challenge flow (Bearer tokens from the realm, or Basic), tokens kept per
 * registry and scope. Registries on loopback addresses are spoken to over plain HTTP, like Docker's
 * default insecure range; Docker Hub (`docker.io`) is `registry-1.docker.io`.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private readonly send: RequestFn;

  constructor(private readonly options: RegistryOptions) {
    this.send = options.request ?? defaultRequest;
  }

  /** The digest a tag (or digest) resolves to: `HEAD` for `Docker-Content-Digest`, `GET` when a registry omits it. */
  async resolve(registry: string, repository: string, reference: string): Promise<string> {
    const path = `/v2/${repository}/manifests/${reference}`;
    const head = await this.call(registry, repository, path, 'HEAD', MANIFEST_ACCEPT);
    const digest = header(head, 'docker-content-digest');
    if (head.status === 200 && digest && /^sha256:[0-9a-f]{64}$/.test(digest)) return digest;
    if (head.status === 404) throw new OnlineError(`${registry} has no tag "${reference}" for ${repository}`, registry);
    this.check(head, registry, repository);
    return (await this.manifest(registry, repository, reference)).digest;
  }

  /** A manifest, `undefined` when the registry says it does not exist. */
  async manifest(registry: string, repository: string, reference: string): Promise<Manifest>;
  async manifest(registry: string, repository: string, reference: string, missingOk: true): Promise<Manifest | undefined>;
  async manifest(registry: string, repository: string, reference: string, missingOk = false): Promise<Manifest | undefined> {
    const res = await this.call(registry, repository, `/v2/${repository}/manifests/${reference}`, 'GET', MANIFEST_ACCEPT);
    if (res.status === 404 && missingOk) return undefined;
    if (res.status === 404) throw new OnlineError(`${registry} has no manifest "${reference}" for ${repository}`, registry);
    this.check(res, registry, repository);
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new OnlineError(`${registry} sent a manifest that is not JSON`, registry);
    }
    const digest = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    return { digest, mediaType: (json as { mediaType?: string }).mediaType ?? (header(res, 'content-type') || undefined), json };
  }

  /** A blob's bytes, checked against its digest. */
  async blob(registry: string, repository: string, digest: string): Promise<Buffer> {
    const res = await this.call(registry, repository, `/v2/${repository}/blobs/${digest}`, 'GET', '*/*');
    this.check(res, registry, repository);
    const actual = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    if (actual !== digest) throw new OnlineError(`${registry} sent blob content that does not match ${digest}`, registry);
    return res.body;
  }

  private check(res: HttpResponse, registry: string, repository: string): void {
    if (res.status === 200) return;
    if (res.status === 401 || res.status === 403) throw new OnlineError(`${registry} denied access to ${repository} (HTTP ${res.status}); add credentials with "docker login ${registry}"`, registry);
    throw new OnlineError(`${registry} answered HTTP ${res.status} for ${repository}`, registry);
  }

  private async call(registry: string, repository: string, path: string, method: 'GET' | 'HEAD', accept: string): Promise<HttpResponse> {
    const base = registryBase(registry);
    const scopeKey = `${registry} repository:${repository}:pull`;
    const url = `${base}${path}`;
    const send = (authorization?: string): Promise<HttpResponse> =>
      this.send({ url, method, headers: { accept, ...(authorization ? { authorization } : {}) }, timeoutMs: this.options.timeoutMs, ...(this.options.proxy ? { proxy: this.options.proxy } : {}) });
    const cached = this.tokens.get(scopeKey);
    let res = await send(cached);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(header(res, 'www-authenticate'));
    const credentials = this.options.credentials?.get(registry);
    let authorization: string | undefined;
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      authorization = `Bearer ${await this.token(registry, repository, challenge.params, credentials)}`;
    } else if (challenge?.scheme === 'basic' && credentials) {
      authorization = basic(credentials);
    }
    if (!authorization || authorization === cached) return res;
    res = await send(authorization);
    if (res.status !== 401) this.tokens.set(scopeKey, authorization);
    return res;
  }

  /** Fetches a token from the challenge's realm, with Basic credentials when the registry has some and the realm is safe to send them to. */
  private async token(registry: string, repository: string, params: Record<string, string>, credentials: Credentials | undefined): Promise<string> {
    let realm: URL;
    try {
      realm = new URL(params.realm!);
    } catch {
      throw new OnlineError(`${registry} named an invalid token realm`, registry);
    }
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? `repository:${repository}:pull`);
    const canSendSecret = realm.protocol === 'https:' || isLoopback(realm.hostname);
    const res = await this.send({
      url: realm.href,
      method: 'GET',
      headers: { accept: 'application/json', ...(credentials && canSendSecret ? { authorization: basic(credentials) } : {}) },
      timeoutMs: this.options.timeoutMs,
      ...(this.options.proxy ? { proxy: this.options.proxy } : {}),
    });
    if (res.status === 401 || res.status === 403) throw new OnlineError(`the token service of ${registry} refused ${credentials ? 'the credentials from Docker\'s config.json' : 'anonymous access'} (HTTP ${res.status})`, registry);
    if (res.status !== 200) throw new OnlineError(`the token service of ${registry} answered HTTP ${res.status}`, registry);
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body;
    } catch {
      throw new OnlineError(`the token service of ${registry} sent no JSON`, registry);
    }
    const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : undefined;
    if (!token) throw new OnlineError(`the token service of ${registry} sent no token`, registry);
    return token;
  }
}

/** `https://registry-1.docker.io` for Docker Hub, `http://` for loopback registries, `https://host` otherwise. */
export function registryBase(registry: string): string {
  if (registry === 'docker.io') return 'https://registry-1.docker.io';
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return `${isLoopback(host) ? 'http' : 'https'}://${registry}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '[::1]';
}

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"`. */
export function parseChallenge(value: string | undefined): { scheme: string; params: Record<string, string> } | undefined {
  const m = value ? /^\s*(\w+)\s*(.*)$/s.exec(value) : null;
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) params[p[1]!.toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  return { scheme: m[1]!.toLowerCase(), params };
}
