import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analysisCrashed, analysisTimedOut, detectKind, SourceFile, type Finding } from '../engine';
import { toDiagnostic } from '../lsp/convert';
import { toReport } from '../report/file-report';
import { URI } from 'vscode-uri';
import type { ProjectFiles } from '../project/files';
import { FileAnalyzer, fileResult, type AnalyzeOptions, type FileResult, type FileTask } from './file';

export interface PoolOptions {
  /** Worker threads; 1 analyses in this thread. Default: one per core. */
  readonly workers?: number;
  /** A file whose analysis takes longer is stopped and reported (worker threads only). */
  readonly budgetMs?: number;
  /** Checked between files; a cancelled run stops early. */
  readonly isCancelled?: () => boolean;
  /** Called while in this thread, between files, so an event loop (the language server) stays responsive. */
  readonly yieldEvery?: number;
  /** The worker script (default: `worker.js` next to this bundle). */
  readonly workerScript?: string;
  /** Heap limit of each worker (MB): a hostile file makes its worker fail, not the process. */
  readonly workerHeapMb?: number;
  /**
   * This thread is one of the `workers`: it analyses the small files (smallest first) while the
   * worker threads take the large ones (largest first). For the CLI, whose thread is otherwise
   * idle; not for the language server, whose thread must answer the editor.
   */
  readonly inThread?: boolean;
  /** This thread's view of the disk, when the caller has one (discovery filled it); worker threads list their own. */
  readonly disk?: ProjectFiles;
}

/** Files this thread analyses itself are at most this large (larger ones run under the time budget of a worker). */
const IN_THREAD_MAX_BYTES = 64 * 1024;

export const DEFAULT_BUDGET_MS = 30_000;
export const DEFAULT_WORKER_HEAP_MB = 1024;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** Tasks sent ahead to each worker, so it never waits for this thread between files. */
const IN_FLIGHT = 2;

/**
 * Analyses files on `workers` threads (one per core by default; with `inThread`, this thread is one
 * of them), streaming each result as it arrives; memory stays bounded because each thread reads,
 * analyses and drops one file at a time. Worker threads take the largest files first, so one big
 * file does not finish alone at the end. A file over the time budget is reported as an
 * analysis-limit finding and its worker replaced.
 */
export async function analyzeFiles(tasks: readonly FileTask[], options: AnalyzeOptions, pool: PoolOptions, onResult: (result: FileResult) => void): Promise<{ cancelled: boolean }> {
  const workers = Math.min(pool.workers ?? defaultWorkers(), Math.max(1, tasks.length));
  if (workers <= 1) return analyzeHere(tasks, options, pool, onResult);
  const script = pool.workerScript ?? join(__dirname, 'worker.js');
  const budget = pool.budgetMs ?? DEFAULT_BUDGET_MS;
  // Smallest first: workers take from the end, this thread from the start.
  const queue = [...tasks].sort((a, b) => a.size - b.size || b.index - a.index);
  let low = 0;
  let high = queue.length;
  /** Files a replaced worker had been sent but not started. */
  const requeued: FileTask[] = [];
  let cancelled = false;
  const isCancelled = (): boolean => (cancelled ||= pool.isCancelled?.() === true);
  const take = (): FileTask | undefined => (isCancelled() ? undefined : (requeued.pop() ?? (low < high ? queue[--high] : undefined)));
  const takeSmall = (): FileTask | undefined => (!isCancelled() && low < high && queue[low]!.size <= IN_THREAD_MAX_BYTES ? queue[low++] : undefined);
  return new Promise((resolve, reject) => {
    let running = 0;
    let hereDone = !pool.inThread;
    const finish = (): void => {
      if (running === 0 && hereDone) resolve({ cancelled });
    };
    const here = pool.inThread ? new FileAnalyzer(options, undefined, pool.disk) : undefined;
    const analyzeNextHere = (): void => {
      const task = takeSmall();
      if (!task) {
        hereDone = true;
        return finish();
      }
      onResult(here!.analyze(task));
      setImmediate(analyzeNextHere); // worker results are taken in between
    };
    const start = (): void => {
      running++;
      const worker = new Worker(script, { workerData: options, resourceLimits: { maxOldGenerationSizeMb: pool.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB } });
      /** Sent and not answered yet; the worker is busy with the first. */
      const sent: FileTask[] = [];
      let timer: NodeJS.Timeout | undefined;
      const startClock = (): void => {
        clearTimeout(timer);
        if (sent.length > 0) timer = setTimeout(() => replace(analysisTimedOut(budget / 1000)), budget);
      };
      /** Reports the file in hand as skipped and lets a fresh worker take over the queue. */
      const replace = (finding: Finding): void => {
        clearTimeout(timer);
        const [lost, ...unstarted] = sent;
        sent.length = 0;
        requeued.push(...unstarted.reverse());
        worker.removeAllListeners();
        void worker.terminate();
        onResult(skipped(lost!, finding, options));
        running--;
        start();
      };
      const fill = (): void => {
        while (sent.length < IN_FLIGHT) {
          const task = take();
          if (!task) break;
          sent.push(task);
          worker.postMessage(task);
        }
        if (sent.length === 0) {
          void worker.terminate();
          running--;
          finish();
        }
      };
      worker.on('message', (message: FileResult | { ready: true }) => {
        if (!('ready' in message)) {
          sent.shift();
          onResult(message);
        }
        fill();
        startClock();
      });
      worker.on('error', (error) => {
        // Out of memory on one file is that file's problem; a worker that cannot start is ours.
        if (sent.length > 0) replace(analysisCrashed(error.message.split('\n')[0]!.slice(0, 100)));
        else {
          clearTimeout(timer);
          reject(error);
        }
      });
    };
    for (let i = 0; i < (here ? workers - 1 : workers); i++) start();
    if (here) setImmediate(analyzeNextHere);
  });
}

async function analyzeHere(tasks: readonly FileTask[], options: AnalyzeOptions, pool: PoolOptions, onResult: (result: FileResult) => void): Promise<{ cancelled: boolean }> {
  const analyzer = new FileAnalyzer(options, undefined, pool.disk);
  for (let i = 0; i < tasks.length; i++) {
    if (pool.isCancelled?.()) return { cancelled: true };
    onResult(analyzer.analyze(tasks[i]!));
    if (pool.yieldEvery && i % pool.yieldEvery === 0) await new Promise((r) => setImmediate(r));
  }
  return { cancelled: false };
}

function skipped(task: FileTask, finding: Finding, options: AnalyzeOptions): FileResult {
  const source = new SourceFile(task.path, '');
  const report = toReport(task.display, detectKind(task.path, ''), source, [finding], (p) => p);
  return fileResult(task.index, report, options, () => ({ uri: URI.file(task.path).toString(), diagnostics: [toDiagnostic(source, finding)] }));
}
