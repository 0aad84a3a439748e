import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analysisTimedOut, detectKind, SourceFile } from '../engine';
import { toDiagnostic } from '../lsp/convert';
import { toReport } from '../report/file-report';
import { URI } from 'vscode-uri';
import { FileAnalyzer, type AnalyzeOptions, type FileResult, type FileTask } from './file';

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
}

export const DEFAULT_BUDGET_MS = 30_000;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * Analyses files on worker threads (one per core by default), streaming each result as it
 * arrives; memory stays bounded because workers read, analyse and drop one file at a time. A
 * file over the time budget is reported as an analysis-limit finding and its worker replaced.
 */
export async function analyzeFiles(tasks: readonly FileTask[], options: AnalyzeOptions, pool: PoolOptions, onResult: (result: FileResult) => void): Promise<{ cancelled: boolean }> {
  const workers = Math.min(pool.workers ?? defaultWorkers(), Math.max(1, tasks.length));
  if (workers <= 1) return analyzeHere(tasks, options, pool, onResult);
  const script = pool.workerScript ?? join(__dirname, 'worker.js');
  const budget = pool.budgetMs ?? DEFAULT_BUDGET_MS;
  let next = 0;
  let cancelled = false;
  return new Promise((resolve, reject) => {
    let running = 0;
    const start = (): void => {
      running++;
      const worker = new Worker(script, { workerData: options });
      let current: FileTask | undefined;
      let timer: NodeJS.Timeout | undefined;
      const dispatch = (): void => {
        if (pool.isCancelled?.()) cancelled = true;
        current = cancelled ? undefined : tasks[next++];
        if (!current) {
          void worker.terminate();
          if (--running === 0) resolve({ cancelled });
          return;
        }
        worker.postMessage(current);
        timer = setTimeout(() => {
          const late = current!;
          current = undefined;
          worker.removeAllListeners();
          void worker.terminate();
          onResult(timedOut(late, budget, options));
          running--;
          start(); // a fresh worker takes over the queue
        }, budget);
      };
      worker.on('message', (message: FileResult | { ready: true }) => {
        clearTimeout(timer);
        if (!('ready' in message)) onResult(message);
        dispatch();
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    };
    for (let i = 0; i < workers; i++) start();
  });
}

async function analyzeHere(tasks: readonly FileTask[], options: AnalyzeOptions, pool: PoolOptions, onResult: (result: FileResult) => void): Promise<{ cancelled: boolean }> {
  const analyzer = new FileAnalyzer(options);
  for (let i = 0; i < tasks.length; i++) {
    if (pool.isCancelled?.()) return { cancelled: true };
    onResult(analyzer.analyze(tasks[i]!));
    if (pool.yieldEvery && i % pool.yieldEvery === 0) await new Promise((r) => setImmediate(r));
  }
  return { cancelled: false };
}

function timedOut(task: FileTask, budgetMs: number, options: AnalyzeOptions): FileResult {
  const source = new SourceFile(task.path, '');
  const finding = analysisTimedOut(budgetMs / 1000);
  const report = toReport(task.display, detectKind(task.path, ''), source, [finding], (p) => p);
  return { index: task.index, report, ...(options.diagnostics ? { uri: URI.file(task.path).toString(), diagnostics: [toDiagnostic(source, finding)] } : {}) };
}
