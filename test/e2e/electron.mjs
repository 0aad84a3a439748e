// `npm run test:electron`: the same extension-host suite (and the same runs, see harness/suite.mjs)
// under @vscode/test-electron, i.e. in desktop VS Code, for machines that can download it.
//   npm run test:electron                 downloads VS Code stable into .vscode-test/ (cached)
//   VSCODE_VERSION=1.91.0 npm run test:electron      a given version (e.g. the engines minimum)
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   an installed VS Code, no download
// On Linux without a display, run it under a virtual one: `xvfb-run -a npm run test:electron`.
// Offline (this project's CI), the download host is unreachable: it stops within seconds with a
// message saying so, exit code 2. CI runs the suite on code-server instead (npm run test:e2e).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUIET_SETTINGS } from './harness/codeserver.mjs';
import { buildSuite, copyFixtureWorkspace, RUNS, runResources, SUITE_INDEX } from './harness/suite.mjs';
import { ROOT } from './harness/tools.mjs';

const { runTests } = createRequire(import.meta.url)('@vscode/test-electron');
const UPDATE_SERVER = 'https://update.code.visualstudio.com';
const version = process.env.VSCODE_VERSION || 'stable';
const executable = process.env.VSCODE_EXECUTABLE;

if (!executable) {
  // @vscode/test-electron would retry the download for a long time; check reachability first.
  try {
    const response = await fetch(`${UPDATE_SERVER}/api/releases/stable`, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const reason = error?.cause?.code ?? error?.name ?? String(error);
    console.error(`✖ test:electron needs to download VS Code ${version} from ${UPDATE_SERVER}, which is unreachable here (${reason}).`);
    console.error('  Run it on a machine with internet access, or point VSCODE_EXECUTABLE at an installed VS Code.');
    console.error('  Without either, the same suite runs on code-server: npm run test:e2e');
    process.exit(2);
  }
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('✖ test:electron starts desktop VS Code, which needs a display: run `xvfb-run -a npm run test:electron`.');
  process.exit(2);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildSuite();

let failed = 0;
for (const run of RUNS) {
  const workspace = copyFixtureWorkspace(run.label);
  const profile = mkdtempSync(join(tmpdir(), `bhe2e-electron-${run.label}-`));
  mkdirSync(join(profile, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(profile, 'user-data', 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  console.log(`\n▶ test:electron ${run.label}`);
  let resources;
  try {
    resources = await runResources(run);
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE_INDEX,
      extensionTestsEnv: { ...run.env, ...resources.env },
      launchArgs: [
        workspace.dir,
        '--disable-extensions', // other installed extensions; built-ins and this one stay enabled
        '--user-data-dir', join(profile, 'user-data'),
        '--extensions-dir', join(profile, 'extensions'),
      ],
    });
    console.log(`✔ test:electron ${run.label}`);
  } catch (error) {
    failed++;
    console.error(`✖ test:electron ${run.label}: ${error?.message ?? error}`);
  } finally {
    await resources?.stop();
    workspace.remove();
    rmSync(profile, { recursive: true, force: true });
  }
}
process.exit(failed === 0 ? 0 : 1);
