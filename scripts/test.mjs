// The whole test suite, in order: bundles, type-check, the registry tools the online tests run
// (apt, when missing), unit + LSP + CLI + online tests (mocha), a short fuzz run, the fast YAML
// path checked against the library, then the end-to-end layers in a real VS Code
// (test/e2e/run.mjs: tools install, .vsix, extension host, UI).
// Each step's wall time is printed; the first failure stops the run with its exit code.
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', 'node', ['scripts/build.mjs']],
  ['typecheck', 'npx', ['tsc', '-b']],
  ['registry test tools', 'bash', ['test/online/install-tools.sh']],
  ['unit, lsp, cli and online tests', 'npx', ['mocha']],
  // A fixed seed and count, so CI tries the same inputs every run (npm run fuzz for longer runs).
  ['fuzz (seed 1, 3000 inputs)', 'npx', ['tsx', 'scripts/fuzz.ts', '--seed', '1', '--count', '3000', '--no-corpus', '--save', 'test-output/fuzz-failures']],
  // The fast YAML path against the library on random documents and mutants (scripts/yaml-fast-check.ts on the corpus for more).
  ['fast YAML path = library (seed 1, 3000 generated, 3000 mutants)', 'npx', ['tsx', 'scripts/yaml-fast-check.ts', 'examples', '--generate', '3000', '--mutate', '3000', '--seed', '1']],
  ['e2e: extension host and UI on code-server', 'node', ['test/e2e/run.mjs']],
];

const total = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${name} failed after ${secs}s (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
console.log(`\nAll tests passed in ${((Date.now() - total) / 1000).toFixed(1)}s`);
