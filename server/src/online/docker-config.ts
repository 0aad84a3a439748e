import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Registry credentials from the plain `auths` entries of Docker's `config.json`
 * (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`). `credsStore` and `credHelpers`
 * are ignored on purpose: they would mean running programs named by a file.
 */
export function readDockerCredentials(dir: string = process.env.DOCKER_CONFIG || join(homedir(), '.docker')): Map<string, Credentials> {
  const out = new Map<string, Credentials>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    return out; // no file or not JSON: anonymous access
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (typeof auths !== 'object' || auths === null) return out;
  for (const [key, entry] of Object.entries(auths as Record<string, unknown>)) {
    const credentials = entryCredentials(entry);
    if (credentials) out.set(registryOfAuthKey(key), credentials);
  }
  return out;
}

function entryCredentials(entry: unknown): Credentials | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { auth, username, password } = entry as Record<string, unknown>;
  if (typeof auth === 'string' && auth !== '') {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof username === 'string' && typeof password === 'string' && username !== '') return { username, password };
  return undefined;
}

/** `https://index.docker.io/v1/` → `docker.io`; `https://ghcr.io` → `ghcr.io`; `localhost:5000` stays. */
export function registryOfAuthKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}
