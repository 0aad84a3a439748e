import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { MessageChannel, Worker, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { analysisCrashed, analysisTimedOut, detectKind, isDockerfileName, SourceFile, type Finding } from '../engine';
import { toDiagnostic } from '../lsp/convert';
import { toReport } from '../report/file-report';
import { URI } from 'vscode-uri';
import type { ProjectFiles } from '../project/files';
import { drain, type ComposeIndexEntries } from '../project/model';
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
  /**
   * The compose builds that cross-file rules look up, read once for all threads. This thread reads
   * them a file per step while the worker threads start on the largest files; a worker that needs
   * them sooner waits. Without it, each thread's project model reads them when first needed.
   */
  readonly composeIndex?: Generator<void, ComposeIndexEntries>;
}

/** What a worker thread starts with. */
export interface WorkerData {
  readonly options: AnalyzeOptions;
  /** The compose index, or where it will arrive. */
  readonly composeIndex?: ComposeIndexEntries | IndexChannel;
}

/** The compose index arrives as a message on `port`; `published[0]` turns 1 when it is there. */
export interface IndexChannel {
  readonly port: MessagePort;
  readonly published: Int32Array;
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
  // Each thread keeps to one kind while it can, so each isolate compiles (and caches) about half
  // the engine: this thread takes Dockerfiles, worker threads the YAML files.
  const dockerfiles = new SizeQueue(tasks.filter(isDockerfileTask));
  const yaml = new SizeQueue(tasks.filter((t) => !isDockerfileTask(t)));
  /** Files a replaced worker had been sent but not started. */
  const requeued: FileTask[] = [];
  let cancelled = false;
  const isCancelled = (): boolean => (cancelled ||= pool.isCancelled?.() === true);
  const take = (): FileTask | undefined => (isCancelled() ? undefined : (requeued.pop() ?? yaml.largest() ?? dockerfiles.largest()));
  const takeSmall = (): FileTask | undefined => (isCancelled() ? undefined : (dockerfiles.smallest(IN_THREAD_MAX_BYTES) ?? yaml.smallest(IN_THREAD_MAX_BYTES)));
  return new Promise((resolve, reject) => {
    let running = 0;
    let hereDone = false;
    const finish = (): void => {
      if (running === 0 && hereDone) resolve({ cancelled });
    };
    /** Workers alive: the restart of each one's time budget, and its stop. */
    const live = new Set<{ restartClock: () => void; stop: () => void }>();
    let index: ComposeIndexEntries | undefined;
    /** Where workers started before the index was read wait for it. */
    const waiting: IndexChannel[] = [];
    const publish = (entries: ComposeIndexEntries): void => {
      index = entries;
      for (const { port, published } of waiting.splice(0)) {
        port.postMessage(entries);
        Atomics.store(published, 0, 1);
        Atomics.notify(published, 0);
      }
      // A worker that waited for the index is not charged for it.
      for (const worker of live) worker.restartClock();
    };
    /** Ends a run that cannot go on: workers waiting for the index would never answer. */
    const abort = (settle: () => void): void => {
      for (const worker of [...live]) worker.stop();
      settle();
    };
    const here = pool.inThread ? new FileAnalyzer(options, undefined, pool.disk, pool.composeIndex && (() => index!)) : undefined;
    const readIndex = (): void => {
      let step;
      try {
        step = isCancelled() ? undefined : pool.composeIndex!.next();
      } catch (error) {
        return abort(() => reject(error));
      }
      if (!step) return abort(() => resolve({ cancelled: true }));
      if (!step.done) return void setImmediate(readIndex); // worker results are taken in between
      publish(step.value);
      analyzeNextHere();
    };
    const analyzeNextHere = (): void => {
      const task = here && takeSmall();
      if (!task) {
        hereDone = true;
        return finish();
      }
      onResult(here!.analyze(task));
      setImmediate(analyzeNextHere); // worker results are taken in between
    };
    const start = (): void => {
      running++;
      const transferList: TransferListItem[] = [];
      let composeIndex: WorkerData['composeIndex'] = index;
      if (!index && pool.composeIndex) {
        const { port1, port2 } = new MessageChannel();
        const published = new Int32Array(new SharedArrayBuffer(4));
        waiting.push({ port: port1, published });
        composeIndex = { port: port2, published };
        transferList.push(port2);
      }
      const workerData: WorkerData = { options, ...(composeIndex ? { composeIndex } : {}) };
      const worker = new Worker(script, { workerData, transferList, resourceLimits: { maxOldGenerationSizeMb: pool.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB } });
      /** Sent and not answered yet; the worker is busy with the first. */
      const sent: FileTask[] = [];
      let timer: NodeJS.Timeout | undefined;
      const startClock = (): void => {
        clearTimeout(timer);
        if (sent.length > 0) timer = setTimeout(() => replace(analysisTimedOut(budget / 1000)), budget);
      };
      const stop = (): void => {
        clearTimeout(timer);
        live.delete(handle);
        worker.removeAllListeners();
        void worker.terminate();
        running--;
      };
      const handle = { restartClock: startClock, stop };
      live.add(handle);
      /** Reports the file in hand as skipped and lets a fresh worker take over the queue. */
      const replace = (finding: Finding): void => {
        const [lost, ...unstarted] = sent;
        sent.length = 0;
        requeued.push(...unstarted.reverse());
        stop();
        onResult(skipped(lost!, finding, options));
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
          stop();
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
    setImmediate(pool.composeIndex ? readIndex : analyzeNextHere);
  });
}

/** Tasks in size order: the largest for worker threads, the smallest for this thread. */
class SizeQueue {
  private readonly tasks: FileTask[];
  private low = 0;
  private high: number;

  constructor(tasks: FileTask[]) {
    this.tasks = tasks.sort((a, b) => a.size - b.size || b.index - a.index);
    this.high = tasks.length;
  }

  largest(): FileTask | undefined {
    return this.low < this.high ? this.tasks[--this.high] : undefined;
  }

  smallest(maxBytes: number): FileTask | undefined {
    return this.low < this.high && this.tasks[this.low]!.size <= maxBytes ? this.tasks[this.low++] : undefined;
  }
}

const isDockerfileTask = (task: FileTask): boolean => !task.unit && isDockerfileName(basename(task.path));

async function analyzeHere(tasks: readonly FileTask[], options: AnalyzeOptions, pool: PoolOptions, onResult: (result: FileResult) => void): Promise<{ cancelled: boolean }> {
  const steps = pool.composeIndex;
  const analyzer = new FileAnalyzer(options, undefined, pool.disk, steps && (() => drain(steps)));
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
