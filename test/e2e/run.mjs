// `npm run test:e2e`: both end-to-end layers on a real VS Code (code-server), after installing the
// tools (idempotent, cached outside the clone) and packaging the .vsix, then the CLI's exported HTML
// report in headless chromium.
//   node test/e2e/run.mjs [--repeat N] [--skip-install] [--layer ext-host|ui|html-report]
// Prints each step's wall time and, at the end, one summary line per run with the retries the UI
// layer needed. Exit code 0 only when every layer of every run passed. With --repeat, each run
// keeps its logs and screenshots in test-output/e2e/<layer>/run-N/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { extensionHostLayer } from './ext-host.mjs';
import { htmlReportLayer } from './html-report.mjs';
import { installTools, ROOT } from './harness/tools.mjs';
import { uiLayer } from './ui.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const repeat = Number(arg('--repeat') ?? 1);
const layers = arg('--layer') ? [arg('--layer')] : ['ext-host', 'ui', 'html-report'];
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function timed(name, fn) {
  const t0 = Date.now();
  console.log(`\n▶ e2e: ${name}`);
  const value = await fn();
  const ms = Date.now() - t0;
  console.log(`◀ e2e: ${name} (${secs(ms)})`);
  return { value, ms };
}

const summary = [];
if (!process.argv.includes('--skip-install')) {
  summary.push(`tools install: ${secs((await timed('install tools (test/e2e/install-tools.sh)', () => installTools())).ms)}`);
}
const pkg = await timed('package the .vsix (npm run package)', () => spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, stdio: 'inherit' }).status);
if (pkg.value !== 0) {
  console.error('✖ e2e: packaging failed');
  process.exit(1);
}
summary.push(`package: ${secs(pkg.ms)}`);
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `bulkhead-${version}.vsix`);

let failedRuns = 0;
let totalRetries = 0;
for (let run = 1; run <= repeat; run++) {
  const parts = [];
  let ok = true;
  if (layers.includes('ext-host')) {
    const out = join(ROOT, 'test-output/e2e/ext-host', repeat > 1 ? `run-${run}` : '');
    const { value: results, ms } = await timed(`extension-host layer${repeat > 1 ? ` (run ${run}/${repeat})` : ''}`, () => extensionHostLayer({ out }));
    for (const r of results) console.log(`  ${r.code === 0 ? '✔' : '✖'} ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending (${secs(r.ms)})`);
    const passed = results.every((r) => r.code === 0 && r.passed > 0);
    ok &&= passed;
    const count = (key) => results.reduce((n, r) => n + r[key], 0);
    parts.push(`extension host ${passed ? 'passed' : 'FAILED'}: ${count('passed')} passed, ${count('failed')} failed in ${results.length} hosts (${secs(ms)})`);
  }
  if (layers.includes('ui')) {
    const outDir = join(ROOT, 'test-output/e2e/ui', repeat > 1 ? `run-${run}` : '');
    const { value: r, ms } = await timed(`UI layer${repeat > 1 ? ` (run ${run}/${repeat})` : ''}`, () => uiLayer({ vsix, outDir }));
    const passed = r.failed === 0 && r.passed > 0;
    ok &&= passed;
    totalRetries += r.retries.length;
    parts.push(`UI ${passed ? 'passed' : 'FAILED'}: ${r.passed} checks passed, ${r.failed} failed, ${r.retries.length} retries (${secs(ms)})`);
    for (const message of r.retries) parts.push(`retry: ${message}`);
  }
  if (layers.includes('html-report')) {
    const outDir = join(ROOT, 'test-output/e2e', repeat > 1 ? `html-report/run-${run}` : '');
    const { value: r, ms } = await timed(`HTML report layer${repeat > 1 ? ` (run ${run}/${repeat})` : ''}`, () => htmlReportLayer({ outDir }));
    const passed = r.failed === 0 && r.passed > 0;
    ok &&= passed;
    parts.push(`HTML report ${passed ? 'passed' : 'FAILED'}: ${r.passed} checks passed, ${r.failed} failed (${secs(ms)})`);
  }
  if (!ok) failedRuns++;
  summary.push(`run ${run}: ${parts.join('; ')}`);
}

console.log('\n═ e2e summary ═');
for (const line of summary) console.log(`  ${line}`);
console.log(`  ${repeat - failedRuns}/${repeat} runs passed, ${totalRetries} retries`);
process.exit(failedRuns === 0 ? 0 : 1);
