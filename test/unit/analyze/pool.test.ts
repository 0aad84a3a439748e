import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult, FileTask } from '../../../server/src/analyze/file';
import { analyzeFiles } from '../../../server/src/analyze/pool';
import { exercisedMessages } from '../../rule-tester';

const SHIM = join(__dirname, 'worker-shim.js');

describe('analysis pool', function () {
  this.timeout(60000);
  let dir: string;
  let tasks: FileTask[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bulkhead-pool-'));
    tasks = [];
    for (let i = 0; i < 12; i++) {
      const path = join(dir, `Dockerfile.${i}`);
      const text = `FROM ubuntu:2${i % 3}.04\nADD a${i} /a\nRUN apt-get install -y curl\n`;
      writeFileSync(path, text);
      tasks.push({ index: i, path, display: `Dockerfile.${i}`, size: text.length, explicit: false });
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (workers: number, budgetMs?: number, list = tasks): Promise<FileResult[]> => {
    const out: FileResult[] = [];
    await analyzeFiles(list, { resolver: { roots: [dir] }, root: dir }, { workers, workerScript: SHIM, ...(budgetMs ? { budgetMs } : {}) }, (r) => out.push(r));
    return out.sort((a, b) => a.index - b.index);
  };

  it('gives the same reports on worker threads as in this thread', async () => {
    const here = await run(1);
    const threads = await run(2);
    assert.equal(here.length, 12);
    assert.deepEqual(threads, here);
    assert.ok(here.every((r) => r.report!.findings.some((f) => f.ruleId === 'add-instead-of-copy')));
  });

  it('stops a file over the time budget, reports it, and goes on with a fresh worker', async () => {
    const big = join(dir, 'huge.yaml');
    let text = '';
    for (let i = 0; i < 60000; i++) text += `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n  - {name: c, image: "nginx:1.27"}\n`;
    writeFileSync(big, text);
    // About 9 MB: seconds of parsing, far over the budget even on a fast machine; small files stay far under it.
    const list: FileTask[] = [{ index: 0, path: big, display: 'huge.yaml', size: text.length, explicit: false, base: { maxFileSize: 100_000_000 } }, ...tasks.slice(0, 3).map((t, i) => ({ ...t, index: i + 1 }))];
    const results = await run(2, 1500, list);
    const [huge, ...rest] = results;
    assert.deepEqual(huge!.report!.findings.map((f) => [f.ruleId, f.message]), [['analysis-limit', 'Analysing this file took longer than 1.5 s, so it was stopped and skipped.']]);
    assert.equal(rest.length, 3);
    assert.ok(rest.every((r) => r.report!.findings.some((f) => f.ruleId === 'add-instead-of-copy')), 'the other files were analysed');
    exercisedMessages.get('analysis-limit')?.add('timeout');
  });

  it('stops early when cancelled', async () => {
    const out: FileResult[] = [];
    let calls = 0;
    const { cancelled } = await analyzeFiles(tasks, { resolver: { roots: [dir] }, root: dir }, { workers: 2, workerScript: SHIM, isCancelled: () => ++calls > 3 }, (r) => out.push(r));
    assert.equal(cancelled, true);
    assert.ok(out.length < tasks.length);
  });
});
