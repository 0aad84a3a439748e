import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyzeOptions, FileResult, FileTask } from '../../../server/src/analyze/file';
import { analyzeFiles } from '../../../server/src/analyze/pool';
import { ProjectModel } from '../../../server/src/project/model';
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

  it('a worker that runs out of memory costs one file, not the run', async () => {
    const big = join(dir, 'heavy.yaml');
    let text = '';
    for (let i = 0; i < 40000; i++) text += `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {a: "${'x'.repeat(40)}"}\n`;
    writeFileSync(big, text);
    const list: FileTask[] = [{ index: 0, path: big, display: 'heavy.yaml', size: text.length, explicit: false, base: { maxFileSize: 100_000_000 } }, { ...tasks[0]!, index: 1 }];
    const out: FileResult[] = [];
    await analyzeFiles(list, { resolver: { roots: [dir] }, root: dir }, { workers: 2, workerScript: SHIM, workerHeapMb: 24 }, (r) => out.push(r));
    out.sort((a, b) => a.index - b.index);
    assert.deepEqual(out[0]!.report!.findings.map((f) => f.ruleId), ['analysis-limit']);
    assert.match(out[0]!.report!.findings[0]!.message, /^Analysing this file exhausted the memory of its worker \(.+\), so it was skipped\.$/);
    assert.ok(out[1]!.report!.findings.some((f) => f.ruleId === 'add-instead-of-copy'));
    exercisedMessages.get('analysis-limit')?.add('crashed');
  });

  describe('the compose index read by this thread', () => {
    let project: string;
    let list: FileTask[];
    let options: AnalyzeOptions;
    before(() => {
      project = mkdtempSync(join(tmpdir(), 'bulkhead-pool-project-'));
      // The compose service builds ./app, whose Dockerfile has no USER: a cross-file finding.
      mkdirSync(join(project, 'app'));
      writeFileSync(join(project, 'app', 'Dockerfile'), 'FROM alpine:3.20\nRUN true\n');
      writeFileSync(join(project, 'compose.yaml'), 'services:\n  web:\n    build: ./app\n');
      list = [...tasks, join(project, 'app', 'Dockerfile'), join(project, 'compose.yaml')].map((t, index) =>
        typeof t === 'string' ? { index, path: t, display: t.slice(project.length + 1), size: statSync(t).size, explicit: false } : { ...t, index },
      );
      options = { resolver: { roots: [dir, project] }, root: project, projectRoots: [project] };
    });
    after(() => rmSync(project, { recursive: true, force: true }));

    /** The index's steps, then more steps until `ms` have passed: the workers are running long before it is published. */
    function* slowly<T>(steps: Generator<void, T>, ms: number): Generator<void, T> {
      const entries = yield* steps;
      for (const until = Date.now() + ms; Date.now() < until; ) yield;
      return entries;
    }

    it('worker threads wait for it and give the results of this thread, which reads it when first needed', async () => {
      const here: FileResult[] = [];
      await analyzeFiles(list, options, { workers: 1, composeIndex: new ProjectModel([project]).composeIndexSteps() }, (r) => here.push(r));
      const threads: FileResult[] = [];
      const composeIndex = slowly(new ProjectModel([project]).composeIndexSteps(), 1500);
      await analyzeFiles(list, options, { workers: 2, workerScript: SHIM, composeIndex }, (r) => threads.push(r));
      threads.sort((a, b) => a.index - b.index);
      assert.deepEqual(threads, here);
      const compose = here.find((r) => r.report?.path === 'compose.yaml')!;
      assert.ok(compose.report!.findings.some((f) => f.ruleId === 'container-runs-as-root' && f.related.some((x) => x.path.endsWith('app/Dockerfile'))), JSON.stringify(compose.report!.findings.map((f) => f.ruleId)));
    });

    it('a run cancelled while it is read stops its workers, also one waiting for it', async () => {
      const composeIndex = slowly(new ProjectModel([project]).composeIndexSteps(), 60_000);
      const started = Date.now();
      const out: FileResult[] = [];
      const budgetMs = 2500;
      const { cancelled } = await analyzeFiles(list, options, { workers: 2, workerScript: SHIM, budgetMs, composeIndex, isCancelled: () => Date.now() - started > 1500 }, (r) => out.push(r));
      assert.equal(cancelled, true);
      assert.ok(!out.some((r) => r.report?.path === 'compose.yaml'), 'the file that needs the index was not reported');
      // The stopped workers' time budgets are stopped too: no file is reported as timed out afterwards.
      const reported = out.length;
      await new Promise((r) => setTimeout(r, budgetMs + 500));
      assert.equal(out.length, reported);
    });
  });

  it('this thread as one of the workers (the CLI): small files here, large ones on the worker thread, the same results', async () => {
    const large = join(dir, 'large.yaml');
    let text = '';
    for (let i = 0; i < 800; i++) text += `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n  - {name: c, image: "nginx:1.27"}\n`;
    writeFileSync(large, text);
    const list: FileTask[] = [...tasks, { index: tasks.length, path: large, display: 'large.yaml', size: text.length, explicit: false }];
    assert.ok(text.length > 64 * 1024, 'one file is too large for this thread');
    const here: FileResult[] = [];
    await analyzeFiles(list, { resolver: { roots: [dir] }, root: dir }, { workers: 1 }, (r) => here.push(r));
    const mixed: FileResult[] = [];
    await analyzeFiles(list, { resolver: { roots: [dir] }, root: dir }, { workers: 2, workerScript: SHIM, inThread: true }, (r) => mixed.push(r));
    mixed.sort((a, b) => a.index - b.index);
    assert.equal(mixed.length, 13);
    assert.deepEqual(mixed, here);
  });

  it('stops early when cancelled', async () => {
    const out: FileResult[] = [];
    let calls = 0;
    const { cancelled } = await analyzeFiles(tasks, { resolver: { roots: [dir] }, root: dir }, { workers: 2, workerScript: SHIM, isCancelled: () => ++calls > 3 }, (r) => out.push(r));
    assert.equal(cancelled, true);
    assert.ok(out.length < tasks.length);
  });
});
