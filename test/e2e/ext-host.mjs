// The extension-host layer on code-server: bundles the suite and runs it (see harness/suite.mjs
// RUNS) with the extension loaded from this folder (extensionDevelopmentPath = the repository, so
// dist/ must be built: `npm run build` or `npm run package`).
//   node test/e2e/ext-host.mjs [--grep REGEX] [--run LABEL]   (LABEL: suite, activation-compose, activation-k8s)
// Exit code 0 when every run passed. Artifacts and logs: test-output/e2e/ext-host/<run>/.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runExtensionHostSuite } from './harness/ext-host.mjs';
import { buildSuite, copyFixtureWorkspace, RUNS, runResources, SUITE_INDEX } from './harness/suite.mjs';
import { ROOT } from './harness/tools.mjs';

export async function extensionHostLayer({ grep, only, out = join(ROOT, 'test-output/e2e/ext-host') } = {}) {
  await buildSuite();
  rmSync(out, { recursive: true, force: true });
  const results = [];
  const runs = only ? RUNS.filter((r) => r.label === only) : RUNS;
  if (runs.length === 0) throw new Error(`no run labelled ${only}; runs: ${RUNS.map((r) => r.label).join(', ')}`);
  for (const run of runs) {
    const workspace = copyFixtureWorkspace(run.label);
    let resources;
    try {
      resources = await runResources(run);
      if (resources.pid) console.log(`[ext-host ${run.label}] registry ${resources.env.BULKHEAD_E2E_REGISTRY} (pid ${resources.pid}), team/web:1.0 = ${resources.env.BULKHEAD_E2E_REGISTRY_DIGEST}`);
      const env = { ...run.env, ...resources.env, ...(grep ? { BULKHEAD_E2E_GREP: grep } : {}) };
      results.push({ label: run.label, ...(await runExtensionHostSuite({ label: run.label, devPath: ROOT, testsIndex: SUITE_INDEX, workspace: workspace.dir, workDir: join(out, run.label), env })) });
    } finally {
      await resources?.stop();
      workspace.remove();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const results = await extensionHostLayer({ grep: arg('--grep'), only: arg('--run') });
  for (const r of results) console.log(`${r.code === 0 ? '✔' : '✖'} ${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending (${(r.ms / 1000).toFixed(1)}s)`);
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}
