/**
 * The fuzz loop: inputs are made on the main thread and checked in worker threads, each under
 * a watchdog. A worker that exceeds the per-input timeout is terminated and replaced, and the
 * input is reported as a hang; one that dies (out of memory, a native crash) is replaced too.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CONFIG_VARIANTS } from './check';
import { makeInput, type FuzzInput, type SeedFile } from './inputs';
import type { WorkerResult } from './worker';

export interface FuzzOptions {
  readonly seed: number;
  /** Inputs to try (indices 0..count-1), unless `indices` is given. */
  readonly count: number;
  /** Stop starting new inputs after this many seconds. */
  readonly seconds?: number;
  /** Only these input indices (to replay failures). */
  readonly indices?: readonly number[];
  /** Per-input watchdog. */
  readonly timeoutMs: number;
  readonly workers: number;
  /** Seed files inputs are made from (by `makeInput`)... */
  readonly seeds?: readonly SeedFile[];
  /** ...or the inputs themselves (regression tests). */
  readonly make?: (index: number) => FuzzInput;
  /** Module exporting `check(input): string[]` (tests pass their own); default: the engine check. */
  readonly target?: string;
  readonly onFailure?: (failure: FuzzFailure) => void;
  readonly onProgress?: (done: number, failures: number, elapsedMs: number) => void;
}

export interface FuzzFailure {
  readonly input: FuzzInput;
  /** `check`: an invariant broke; `crash`: the engine threw; `hang`: the watchdog fired; `worker`: the worker died. */
  readonly type: 'check' | 'crash' | 'hang' | 'worker';
  readonly problems: readonly string[];
  /** Stack trace of a crash. */
  readonly detail?: string;
}

export interface FuzzSummary {
  readonly seed: number;
  readonly inputs: number;
  readonly elapsedMs: number;
  readonly failures: readonly FuzzFailure[];
  /** Inputs per origin and mutation family. */
  readonly families: ReadonlyMap<string, number>;
  readonly kinds: ReadonlyMap<string, number>;
  readonly totalChars: number;
  readonly largestChars: number;
  /** The slowest inputs, slowest first. */
  readonly slowest: readonly { readonly index: number; readonly ms: number; readonly families: readonly string[]; readonly kind: string; readonly chars: number }[];
}

const WORKER = join(__dirname, 'worker.ts');
export const DEFAULT_TARGET = join(__dirname, 'check.ts');
/** The language server and the CLI run on a main thread with V8's default stack (about 1 MB); workers get 4 MB unless told. */
const STACK_MB = 1;

interface Slot {
  worker: Worker;
  busy: FuzzInput | undefined;
  timer: NodeJS.Timeout | undefined;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const make = options.make ?? ((index: number) => makeInput(options.seed, index, options.seeds ?? [], CONFIG_VARIANTS.length));
  const target = options.target ?? DEFAULT_TARGET;
  const failures: FuzzFailure[] = [];
  const families = new Map<string, number>();
  const kinds = new Map<string, number>();
  const slowest: { index: number; ms: number; families: readonly string[]; kind: string; chars: number }[] = [];
  let totalChars = 0;
  let largestChars = 0;
  let done = 0;
  let cursor = 0;
  const total = options.indices ? options.indices.length : options.count;
  const nextIndex = (): number | undefined => {
    if (cursor >= total) return undefined;
    if (options.seconds !== undefined && Date.now() - started > options.seconds * 1000) return undefined;
    const i = options.indices ? options.indices[cursor]! : cursor;
    cursor++;
    return i;
  };
  const fail = (failure: FuzzFailure): void => {
    failures.push(failure);
    options.onFailure?.(failure);
  };
  let lastProgress = Date.now();

  return new Promise<FuzzSummary>((resolve) => {
    const slots: Slot[] = [];
    let active = 0;
    let closing = false;
    const finishIfIdle = (): void => {
      if (active > 0) return;
      closing = true;
      for (const s of slots) void s.worker.terminate();
      slowest.sort((a, b) => b.ms - a.ms);
      resolve({ seed: options.seed, inputs: done, elapsedMs: Date.now() - started, failures, families, kinds, totalChars, largestChars, slowest: slowest.slice(0, 5) });
    };

    const complete = (slot: Slot, ms: number): void => {
      const input = slot.busy!;
      clearTimeout(slot.timer);
      slot.busy = undefined;
      done++;
      for (const f of new Set(input.families)) families.set(f, (families.get(f) ?? 0) + 1);
      kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
      totalChars += input.text.length;
      largestChars = Math.max(largestChars, input.text.length);
      slowest.push({ index: input.index, ms, families: input.families, kind: input.kind, chars: input.text.length });
      if (slowest.length > 50) {
        slowest.sort((a, b) => b.ms - a.ms);
        slowest.length = 5;
      }
      if (options.onProgress && Date.now() - lastProgress > 10_000) {
        lastProgress = Date.now();
        options.onProgress(done, failures.length, Date.now() - started);
      }
    };

    const dispatch = (slot: Slot): void => {
      const index = nextIndex();
      if (index === undefined) {
        active--;
        finishIfIdle();
        return;
      }
      const input = make(index);
      slot.busy = input;
      slot.timer = setTimeout(() => {
        complete(slot, options.timeoutMs);
        fail({ input, type: 'hang', problems: [`no answer within ${options.timeoutMs} ms`] });
        replace(slot);
      }, options.timeoutMs);
      slot.worker.postMessage(input);
    };

    /** Starts a worker in the slot; it asks for work once it is loaded. */
    const start = (slot: Slot): void => {
      const worker = new Worker(WORKER, {
        workerData: { target },
        execArgv: ['--require', require.resolve('tsx/cjs')],
        resourceLimits: { stackSizeMb: STACK_MB, maxOldGenerationSizeMb: 2048 },
        stdout: false,
      });
      slot.worker = worker;
      worker.on('message', (message: WorkerResult | 'ready') => {
        if (slot.worker !== worker) return;
        if (message === 'ready') return dispatch(slot);
        if (!slot.busy || slot.busy.index !== message.index) return;
        const input = slot.busy;
        complete(slot, message.ms);
        if (message.error !== undefined) fail({ input, type: 'crash', problems: message.problems, detail: message.error });
        else if (message.problems.length > 0) fail({ input, type: 'check', problems: message.problems });
        dispatch(slot);
      });
      worker.on('error', (error) => {
        if (slot.worker !== worker) return;
        if (slot.busy) {
          const input = slot.busy;
          complete(slot, 0);
          fail({ input, type: 'worker', problems: [`worker died: ${error.name}: ${error.message.split('\n')[0]}`], detail: error.stack ?? '' });
        }
        replace(slot);
      });
      worker.on('exit', (code) => {
        if (closing || slot.worker !== worker) return; // terminated by the watchdog or after an error
        if (slot.busy) {
          const input = slot.busy;
          complete(slot, 0);
          fail({ input, type: 'worker', problems: [`worker exited with code ${code}`] });
        }
        replace(slot);
      });
    };

    const replace = (slot: Slot): void => {
      const old = slot.worker;
      slot.worker = undefined as unknown as Worker;
      void old.terminate();
      start(slot);
    };

    const count = Math.max(1, Math.min(options.workers, total));
    if (total === 0) return finishIfIdle();
    for (let i = 0; i < count; i++) {
      const slot: Slot = { worker: undefined as unknown as Worker, busy: undefined, timer: undefined };
      slots.push(slot);
      active++;
      start(slot);
    }
  });
}
