// The extension-host layer on code-server: bundles the suite and runs it (see harness/suite.mjs
// RUNS) with the extension loaded from this folder (extensionDevelopmentPath = the repository, so
// dist/ must be built: `npm run build` or `npm run package`).
//   node test/e2e/ext-host.mjs [--grep REGEX]
// Exit code 0 when every run passed. Artifacts and logs: test-output/e2e/ext-host/<run>/.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runExtensionHostSuite } from './harness/ext-host.mjs';
import { buildSuite, copyFixtureWorkspace, RUNS, SUITE_INDEX } from './harness/suite.mjs';
import { ROOT } from './harness/tools.mjs';

export async function extensionHostLayer({ grep, out = join(ROOT, 'test-output/e2e/ext-host') } = {}) {
  await buildSuite();
  rmSync(out, { recursive: true, force: true });
  const results = [];
  for (const run of RUNS) {
    const workspace = copyFixtureWorkspace(run.label);
    try {
      const env = { ...run.env, ...(grep ? { BULKHEAD_E2E_GREP: grep } : {}) };
      results.push({ label: run.label, ...(await runExtensionHostSuite({ label: run.label, devPath: ROOT, testsIndex: SUITE_INDEX, workspace: workspace.dir, workDir: join(out, run.label), env })) });
    } finally {
      workspace.remove();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const grepIndex = process.argv.indexOf('--grep');
  const results = await extensionHostLayer({ grep: grepIndex > 0 ? process.argv[grepIndex + 1] : undefined });
  for (const r of results) console.log(`${r.code === 0 ? '✔' : '✖'} ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending (${(r.ms / 1000).toFixed(1)}s)`);
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}
