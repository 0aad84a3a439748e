// `npm run package`: bundles client, server and CLI minified (no source maps) and packs them with
// @vscode/vsce into bulkhead-<version>.vsix. .vscodeignore decides what ships; the file list and
// the size are printed, and the run fails if the package grows past the budget.
//   node scripts/package.mjs [--out FILE]
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { installTools, ROOT, VSCE } from '../test/e2e/harness/tools.mjs';

const BUDGET_BYTES = 1024 * 1024; // the .vsix today is a few hundred KB; 1 MiB means something leaked in
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : `bulkhead-${version}.vsix`;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

installTools({ driverOnly: true }); // vsce lives in the e2e tools dir, not in node_modules (139 MB)
run(process.execPath, ['scripts/build.mjs', '--minify']);
// --no-dependencies: everything is bundled, node_modules must not be scanned or shipped.
run(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', out]);
const size = statSync(resolve(ROOT, out)).size;
console.log(`${out}: ${(size / 1024).toFixed(1)} KB (budget ${BUDGET_BYTES / 1024} KB)`);
if (size > BUDGET_BYTES) {
  console.error(`✖ ${out} is over the size budget: check .vscodeignore`);
  process.exit(1);
}
