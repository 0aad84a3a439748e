// Runs the extension-host mocha suite (the @vscode/test-electron model: mocha INSIDE the real
// extension host, full `vscode` API) on code-server. code-server runs with
// `--vscode-option enable-smoke-test-driver` and the page opens with
// ?payload=[["extensionDevelopmentPath",...],["extensionTestsPath",...]]; the workbench calls
// window.codeAutomationExit(code) when the suite's run() settles.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium, startCodeServer } from './codeserver.mjs';

// Browser console errors that are expected offline and say nothing about the extension.
const NOISE = /authentication provider|unknown error occurred|Failed to load resource|ENOTFOUND|net::ERR_/;

/**
 * opts: { label, devPath, testsIndex, workspace, workDir, env?, timeoutMs? }
 * Resolves { code, passed, failed, pending, ms }: code 0 = all passed, 1 = failures, 2 = the run
 * did not complete (timeout, crash). Never rejects for a test failure.
 */
export async function runExtensionHostSuite(opts) {
  const t0 = Date.now();
  const log = (...a) => console.log(`[ext-host ${opts.label} +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  mkdirSync(opts.workDir, { recursive: true });
  const consoleLog = join(opts.workDir, 'browser-console.log');
  const cs = await startCodeServer({ workDir: opts.workDir, smokeTestDriver: true });
  log(`code-server on ${cs.url} (pid ${cs.pid}) in ${cs.startupMs} ms`);
  let chromium;
  const result = { code: 2, passed: 0, failed: 0, pending: 0, ms: 0 };
  try {
    chromium = await launchChromium();
    const page = await chromium.browser.newPage();
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
    // Extension-host console output arrives as ('%c INFO', 'color: ...', format, ...args).
    const COUNTS = /exthost: (\d+) passed, (\d+) failed, (\d+) pending/;
    page.on('console', async (m) => {
      // The counts line precedes the exit code: read it before any await, or the exit may win the race.
      const early = COUNTS.exec(m.text());
      if (early) [result.passed, result.failed, result.pending] = early.slice(1).map(Number);
      let values;
      try {
        values = await Promise.all(m.args().map((a) => a.jsonValue()));
      } catch {
        values = [m.text()];
      }
      if (typeof values[0] === 'string' && values[0].startsWith('%c')) values = values.slice(2);
      const text = (values.length ? format(...values) : m.text()).replace(/\n+$/, '');
      appendFileSync(consoleLog, `+${((Date.now() - t0) / 1000).toFixed(1)}s [${m.type()}] ${text}\n`);
      const counts = COUNTS.exec(text);
      if (counts) [result.passed, result.failed, result.pending] = counts.slice(1).map(Number);
      // mocha's spec reporter output (test titles, failures with their diffs) and real errors.
      if (/^\s*(✔|✓|\d+\) |\d+ (passing|failing|pending)|exthost: )/.test(text) || /^\s+(at |\+ |- |AssertionError|Error:|actual|expected)/.test(text) || /^\s{2,}\S/.test(text) && m.type() === 'log') {
        console.log(text);
      } else if (m.type() === 'error' && !NOISE.test(text)) {
        console.log(`  [console.error] ${text.split('\n')[0]}`);
      }
    });
    const remote = (p) => `vscode-remote://${new URL(cs.url).host}${resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(opts.devPath)],
      ['extensionTestsPath', remote(opts.testsIndex)],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(opts.env ?? {})],
    ];
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(resolve(opts.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    log('workbench opened; waiting for the extension-host test run to report its exit code');
    const timeoutMs = opts.timeoutMs ?? 300_000;
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const exit = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (exit === 'timeout') {
      log(`no exit code after ${timeoutMs / 1000} s`);
      await page.screenshot({ path: join(opts.workDir, 'timeout.png') }).catch(() => {});
    }
    result.code = exit === 0 ? 0 : typeof exit === 'number' ? 1 : 2;
    log(`exit code ${exit} (${result.passed} passed, ${result.failed} failed, ${result.pending} pending); logs: ${opts.workDir}`);
  } finally {
    await chromium?.stop();
    await cs.stop();
  }
  result.ms = Date.now() - t0;
  return result;
}
