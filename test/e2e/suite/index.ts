// Extension-host test entry (what extensionTestsPath points at), the @vscode/test-electron
// contract: export run(), resolve when every test passed, reject otherwise. Loaded inside the real
// extension host by both runners: test/e2e/ext-host.mjs (code-server) and test/e2e/electron.mjs.
import Mocha from 'mocha'; // bundled by esbuild (mocha 12 is ESM; the bundle is CJS for any extension host)
import * as path from 'node:path';

// In this order: activation must run first, in an extension host where nothing activated it yet.
const SUITES = [
  'activation',
  'diagnostics',
  'code-actions',
  'configuration',
  'cross-file',
  'helm',
  'online', // needs the registry the harness starts (BULKHEAD_E2E_REGISTRY)
  'audit', // before anything opens the files of fixtures/ws/unopened
  'server-restart', // last: it kills the language server
];

export function run(): Promise<void> {
  const grep = process.env.BULKHEAD_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 120_000, ...(grep ? { grep } : {}) });
  for (const suite of SUITES) mocha.addFile(path.join(__dirname, `${suite}.test.js`));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0 };
        // One plain line the harnesses parse (and a person can grep for).
        console.log(`exthost: ${s.passes} passed, ${failures} failed, ${s.pending} pending`);
        if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
        else if (s.pending > 0) reject(new Error(`${s.pending} extension-host tests are pending (skipped): not allowed`));
        else if (s.passes === 0) reject(new Error('no extension-host test ran'));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
