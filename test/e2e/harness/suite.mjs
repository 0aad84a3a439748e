// The extension-host suite: its bundle (esbuild, test/e2e/suite/*.ts -> out/e2e/suite/*.js, loaded
// inside the extension host) and the runs both runners make of it.
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stopOnInterrupt, tempDirCleanup } from './codeserver.mjs';
import { ROOT } from './tools.mjs';

export const SUITE_DIR = join(ROOT, 'out/e2e/suite');
export const SUITE_INDEX = join(SUITE_DIR, 'index.js');
export const FIXTURE_WORKSPACE = join(ROOT, 'test/e2e/fixtures/ws');

/**
 * One extension host per run. The first run is the whole suite with a Dockerfile opened first;
 * the other two only re-run `activation` in a fresh extension host, opening a compose file
 * (language dockercompose) or a Kubernetes manifest (yaml) first: each activation event is proven
 * by a host in which nothing else activated the extension. BULKHEAD_E2E=1 makes the extension
 * register its test-only command (bulkhead.e2e.serverPid, for the server-restart test).
 */
export const RUNS = [
  // registry: the harness starts a local registry for the `online` test (see runResources).
  { label: 'suite', registry: true, env: { BULKHEAD_E2E: '1', BULKHEAD_E2E_OPEN_FIRST: 'Dockerfile' } },
  { label: 'activation-compose', env: { BULKHEAD_E2E: '1', BULKHEAD_E2E_OPEN_FIRST: 'compose.yaml', BULKHEAD_E2E_GREP: '^activation ' } },
  { label: 'activation-k8s', env: { BULKHEAD_E2E: '1', BULKHEAD_E2E_OPEN_FIRST: 'k8s/deployment.yaml', BULKHEAD_E2E_GREP: '^activation ' } },
];

export async function buildSuite() {
  rmSync(SUITE_DIR, { recursive: true, force: true });
  const src = join(ROOT, 'test/e2e/suite');
  const entryPoints = readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(src, f));
  await build({
    entryPoints,
    outdir: SUITE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'], // provided by the extension host; mocha is bundled (ESM -> CJS, runs on any Node)
    logLevel: 'warning',
    // mocha's parallel mode (worker files found with require.resolve) is never used here
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

/**
 * A fresh copy of the fixture workspace (the tests write settings, .bulkhead.yaml and files):
 * { dir, remove() }; also removed if the run is interrupted.
 */
export function copyFixtureWorkspace(label) {
  const dir = mkdtempSync(join(tmpdir(), `bhe2e-ws-${label}-`));
  const remove = tempDirCleanup(dir);
  cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  return { dir, remove };
}

const REGISTRY_FIXTURE = join(ROOT, 'out/e2e/registry-fixture.mjs');

/**
 * What a run needs outside VS Code, started by the harness (plain Node): with `run.registry`,
 * Debian's docker-registry on 127.0.0.1 (test/online/registry-fixture.ts) with one image pushed,
 * `team/web:1.0`. Resolves { env, stop() }: `env` goes to the extension host
 * (BULKHEAD_E2E_REGISTRY = host:port, BULKHEAD_E2E_REGISTRY_DIGEST = the pushed manifest's
 * digest); stop() ends the registry by its PID (also on Ctrl+C).
 */
export async function runResources(run) {
  if (!run.registry) return { env: {}, stop: async () => {} };
  await build({ entryPoints: [join(ROOT, 'test/online/registry-fixture.ts')], outfile: REGISTRY_FIXTURE, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  const { startRegistry } = await import(pathToFileURL(REGISTRY_FIXTURE).href);
  const registry = await startRegistry(); // throws, naming test/online/install-tools.sh, when the tools are missing
  const forget = stopOnInterrupt(() => registry.stop());
  const stop = async () => {
    forget();
    await registry.stop();
  };
  try {
    const digest = await registry.pushImage('team/web', '1.0', 'bulkhead e2e: team/web 1.0');
    return { env: { BULKHEAD_E2E_REGISTRY: registry.host, BULKHEAD_E2E_REGISTRY_DIGEST: digest }, stop, pid: registry.pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
