import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { auditOne } from '../../../server/src/lsp/audit';
import { BudgetedAuditor, withinBudget, type AuditJob } from '../../../server/src/lsp/time-budget';
import { ROOT, testConfig } from '../../rule-tester';

/** The worker runs the TypeScript sources through tsx, as mocha does. */
const WORKER = { script: join(ROOT, 'server', 'src', 'lsp', 'audit-worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };

describe('audit time budget', function () {
  this.timeout(60000);
  let dir: string;
  const job = (name: string, text: string): AuditJob => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return { file: { path, size: statSync(path).size, explicit: false }, display: name, config: { config: testConfig(), ignored: false } };
  };

  before(() => (dir = mkdtempSync(join(tmpdir(), 'bulkhead-budget-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('audits a file in a worker with the same result as in-process, and stops a file over budget', async () => {
    const auditor = new BudgetedAuditor({ ...WORKER, budgetMs: 30_000 });
    try {
      const small = job('Dockerfile', 'FROM ubuntu\nADD app /app\n');
      assert.deepEqual(await auditor.audit(small), await auditOne(small.file, small.display, small.config));
      // Tens of thousands of YAML syntax errors: seconds of parsing, far over 50 ms.
      const slow = await auditor.audit(job('slow.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: \\\n' + ' \\\n'.repeat(100_000)), 50);
      const stopped = 'Analysis stopped (over the 50 ms time budget); this file was not analysed.';
      assert.deepEqual(slow?.file.diagnostics.map((d) => [(d as { code: string }).code, (d as { message: string }).message]), [['analysis-limit', stopped]]);
      assert.deepEqual(slow?.report.findings.map((f) => [f.ruleId, f.severity, f.message, f.range]), [['analysis-limit', 'info', stopped, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }]]);
      // A new worker takes over.
      assert.deepEqual(await auditor.audit(small), await auditOne(small.file, small.display, small.config));
    } finally {
      await auditor.close();
    }
  });

  it('an ignored file is not sent to the worker', async () => {
    const auditor = new BudgetedAuditor({ ...WORKER, script: join(dir, 'no-such-worker.js') });
    const ignored = job('Dockerfile.ignored', 'FROM ubuntu\n');
    assert.equal(await auditor.audit({ ...ignored, config: { ...ignored.config, ignored: true } }), undefined);
    await auditor.close();
  });

  it('withinBudget terminates a worker that never answers, and reports one that dies', async () => {
    const hanging = new Worker('require("node:worker_threads").parentPort.on("message", () => { for (;;); });', { eval: true });
    const exited = once(hanging, 'exit');
    assert.deepEqual(await withinBudget(hanging, 'go', 300), { status: 'timedOut' });
    await exited;
    const dying = new Worker('require("node:worker_threads").parentPort.on("message", () => process.exit(7));', { eval: true });
    assert.deepEqual(await withinBudget(dying, 'go', 30_000), { status: 'failed', error: 'worker exited with code 7' });
  });
});
