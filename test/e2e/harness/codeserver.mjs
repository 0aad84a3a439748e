// A throw-away code-server (the real VS Code server + web workbench) on 127.0.0.1, and the
// Debian chromium that Playwright drives as its window. Plain Node (runs on the project's Node 20);
// code-server itself runs on the Node 24 that install-tools.sh puts in the tools dir.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CS_ENTRY, NODE24, PLAYWRIGHT } from './tools.mjs';

// Settings that keep the workbench quiet and deterministic on an offline 2-core machine.
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
};

/** Servers, browsers and temp folders still live: stopped/removed on Ctrl+C or SIGTERM. */
const live = new Set();
let handlersInstalled = false;
function track(resource) {
  live.add(resource);
  if (!handlersInstalled) {
    handlersInstalled = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, async () => {
        console.error(`[e2e] ${signal}: stopping ${live.size} code-server/chromium instance(s) and temp folders`);
        await Promise.allSettled([...live].map((r) => r.stop()));
        process.exit(130);
      });
    }
  }
  return resource;
}

/** Runs `stop` if the run is interrupted (Ctrl+C, SIGTERM); the returned function forgets it. */
export function stopOnInterrupt(stop) {
  const resource = track({ stop });
  return () => live.delete(resource);
}

/** Removes `dir` if the run is interrupted; call the returned function to remove it normally. */
export function tempDirCleanup(dir) {
  const resource = track({ stop: async () => rmSync(dir, { recursive: true, force: true }) });
  return () => {
    live.delete(resource);
    rmSync(dir, { recursive: true, force: true });
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// code-server writes ~/.local/share/code-server/coder-logs and reads ~/.config: point the XDG dirs
// into the throw-away user-data dir. TMPDIR: VS Code leaves vscode-ipc-*.sock there; a short
// private folder (unix socket paths must stay < 108 chars) that stop() removes.
function serverEnv(userDataDir, tmpDir) {
  const xdg = join(userDataDir, 'xdg');
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    ...(tmpDir ? { TMPDIR: tmpDir } : {}),
    EXTENSIONS_GALLERY: '{}', // no extension gallery at all: no marketplace queries
  };
}

const baseArgs = (userDataDir, extensionsDir) => [CS_ENTRY, '--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

/** Installs a .vsix with code-server's own CLI (the same code path as `code --install-extension`). */
export function installVsix(vsix, { userDataDir, extensionsDir }) {
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  return execFileSync(NODE24, [...baseArgs(userDataDir, extensionsDir), '--force', '--install-extension', vsix], {
    encoding: 'utf8',
    env: serverEnv(userDataDir),
  });
}

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group.
 * opts: { workDir, userDataDir?, extensionsDir?, smokeTestDriver?, settings? }
 * smokeTestDriver: needed for extensionDevelopmentPath/extensionTestsPath in the URL payload (the
 * built web workbench ignores them otherwise).
 */
export async function startCodeServer(opts) {
  for (const f of [NODE24, CS_ENTRY]) if (!existsSync(f)) throw new Error(`${f} is missing: run bash test/e2e/install-tools.sh`);
  const { workDir } = opts;
  const userDataDir = opts.userDataDir ?? join(workDir, 'user-data');
  const extensionsDir = opts.extensionsDir ?? join(workDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(opts.settings ?? {}) }, null, 2));
  const port = await freePort();
  const args = [
    ...baseArgs(userDataDir, extensionsDir),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const logFile = join(workDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const tmpDir = mkdtempSync(join(tmpdir(), 'bhe2e-'));
  const started = Date.now();
  // detached: its own process group, so stop() ends code-server AND its children (extension host,
  // file watcher, agent host) by group id.
  const child = spawn(NODE24, args, { detached: true, stdio: ['ignore', out, out], env: serverEnv(userDataDir, tmpDir) });
  closeSync(out);
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  const url = `http://127.0.0.1:${port}`;

  async function stop() {
    live.delete(server);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        process.kill(-child.pid, 0); // throws once the group is empty
      } catch {
        break;
      }
      if (Date.now() > deadline) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        break;
      }
      await new Promise((r) => setTimeout(r, 100)); // polling process exit: there is no event for a group
    }
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const server = track({ url, port, pid: child.pid, workDir, userDataDir, extensionsDir, logFile, stop });

  // Ready when /healthz answers (about 1-1.5 s). No event exists for that, so poll it.
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}`);
    }
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`code-server not up after 60 s; see ${logFile}`);
    }
    await Promise.race([new Promise((r) => setTimeout(r, 200)), exitedPromise]);
  }
  server.startupMs = Date.now() - started;
  return server;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's chromium through playwright-core (no browser download). */
export async function launchChromium() {
  const { chromium } = createRequire(import.meta.url)(PLAYWRIGHT);
  // Playwright gives chromium a fresh temporary profile; XDG_CONFIG_HOME keeps its "Crash Reports" out of ~/.config.
  const xdg = mkdtempSync(join(tmpdir(), 'bhe2e-chromium-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, XDG_CONFIG_HOME: xdg } });
  const resource = track({
    browser,
    stop: async () => {
      live.delete(resource);
      await browser.close().catch(() => {});
      rmSync(xdg, { recursive: true, force: true });
    },
  });
  return resource;
}
