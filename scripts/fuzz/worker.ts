/**
 * A fuzz worker: loads the target module named in `workerData.target` (default: the engine
 * check) and answers one input at a time. Exceptions become results; a hang is ended from
 * outside by the pool's watchdog.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzInput } from './inputs';

export interface WorkerResult {
  readonly index: number;
  readonly problems: readonly string[];
  /** Set when the target threw. */
  readonly error?: string;
  readonly ms: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const target = require((workerData as { target: string }).target) as { check(input: FuzzInput): string[] };

parentPort!.on('message', (input: FuzzInput) => {
  const t0 = performance.now();
  let result: WorkerResult;
  try {
    result = { index: input.index, problems: target.check(input), ms: performance.now() - t0 };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    result = { index: input.index, problems: [`uncaught ${e.name}: ${e.message.split('\n')[0]}`], error: e.stack ?? e.message, ms: performance.now() - t0 };
  }
  parentPort!.postMessage(result);
});
parentPort!.postMessage('ready');
