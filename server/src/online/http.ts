import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

/** One HTTP exchange with a registry or token realm. Bodies are small JSON documents or signature payloads. */
export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'HEAD';
  readonly headers?: Readonly<Record<string, string>>;
  /** The whole exchange (connect, proxy tunnel, TLS, response body) must finish within this. */
  readonly timeoutMs: number;
  /** `http://host:port` of a forward proxy (VS Code's `http.proxy`). */
  readonly proxy?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

export type RequestFn = (request: HttpRequest) => Promise<HttpResponse>;

/** A network failure worded for a person: which host, what happened; never headers or credentials. */
export class OnlineError extends Error {
  constructor(
    message: string,
    readonly host: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 4 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/**
 * GET or HEAD with one deadline for the whole exchange, redirects followed (registries send blobs
 * to storage hosts; credentials are dropped when the host changes) and bodies capped.
 */
export async function request(req: HttpRequest): Promise<HttpResponse> {
  const deadline = Date.now() + req.timeoutMs;
  let url = new URL(req.url);
  let headers = { ...req.headers };
  for (let hop = 0; ; hop++) {
    const response = await once({ ...req, url: url.href, headers, timeoutMs: Math.max(1, deadline - Date.now()) }, req.timeoutMs);
    const location = response.headers.location;
    if (![301, 302, 303, 307, 308].includes(response.status) || typeof location !== 'string') return response;
    if (hop === MAX_REDIRECTS) throw new OnlineError(`${url.host} redirected more than ${MAX_REDIRECTS} times`, url.host);
    const next = new URL(location, url);
    if (next.host !== url.host) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
    url = next;
  }
}

function once(req: HttpRequest, budgetMs: number): Promise<HttpResponse> {
  const url = new URL(req.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new OnlineError(`unsupported URL scheme ${url.protocol}`, url.host));
  return new Promise((resolve, reject) => {
    let settled = false;
    const sockets: { destroy(): void }[] = [];
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      reject(error instanceof OnlineError ? error : new OnlineError(describe(error, url.host), url.host));
    };
    const timer = setTimeout(() => fail(new OnlineError(`${url.host} did not answer within ${budgetMs} ms`, url.host)), req.timeoutMs);
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) fail(new OnlineError(`${url.host} sent more than ${MAX_BODY} bytes`, url.host));
        else chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url: url.href });
      });
    };
    const options: https.RequestOptions = { method: req.method ?? 'GET', headers: { 'user-agent': 'bulkhead', ...req.headers } };
    const proxy = req.proxy ? parseProxy(req.proxy) : undefined;
    if (proxy === null) return fail(new OnlineError(`the proxy setting "${req.proxy}" is not an http:// URL`, url.host));
    if (!proxy) {
      const r = (url.protocol === 'https:' ? https : http).request(url, options, onResponse);
      sockets.push(r);
      r.on('error', fail).end();
    } else if (url.protocol === 'http:') {
      // Plain HTTP through a forward proxy: the absolute URL as the request target.
      const r = http.request({ ...options, host: proxy.hostname, port: proxy.port || 80, path: url.href, headers: { ...options.headers, host: url.host, ...proxyAuth(proxy) } }, onResponse);
      sockets.push(r);
      r.on('error', fail).end();
    } else {
      const port = url.port || '443';
      const connect = http.request({ host: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: `${url.hostname}:${port}`, headers: { host: `${url.hostname}:${port}`, ...proxyAuth(proxy) } });
      sockets.push(connect);
      connect.on('error', fail);
      connect.on('connect', (res, socket) => {
        sockets.push(socket);
        if (res.statusCode !== 200) return fail(new OnlineError(`the proxy refused to connect to ${url.host} (HTTP ${res.statusCode})`, url.host));
        const r = https.request(url, { ...options, createConnection: () => tls.connect({ socket, servername: url.hostname }) }, onResponse);
        sockets.push(r);
        r.on('error', fail).end();
      });
      connect.end();
    }
  });
}

/** `null` when the setting is not an http(s):// URL. */
function parseProxy(value: string): URL | null {
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(user).toString('base64')}` };
}

function describe(error: Error, host: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED': return `${host} refused the connection`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `${host} could not be resolved`;
    case 'ECONNRESET': return `${host} closed the connection`;
    case 'EHOSTUNREACH': case 'ENETUNREACH': return `${host} is unreachable`;
    default: return code?.startsWith('ERR_TLS') || code?.includes('CERT') ? `TLS with ${host} failed (${code})` : `request to ${host} failed (${code ?? error.message.split('\n')[0]})`;
  }
}
