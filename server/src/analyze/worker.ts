import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { ComposeIndexEntries } from '../project/model';
import { FileAnalyzer, type FileTask } from './file';
import type { IndexChannel, WorkerData } from './pool';

// A worker thread of the analysis pool: one FileAnalyzer, one file per message.
const { options, composeIndex } = workerData as WorkerData;
const analyzer = new FileAnalyzer(options, undefined, undefined, composeIndex && 'port' in composeIndex ? () => awaitIndex(composeIndex) : composeIndex);
parentPort!.on('message', (task: FileTask) => {
  try {
    parentPort!.postMessage(analyzer.analyze(task));
  } catch {
    // The engine does not throw; an I/O surprise skips the file rather than killing the worker.
    parentPort!.postMessage({ index: task.index });
  }
});
// Loaded: the pool's time budget counts from the first task, not from start-up.
parentPort!.postMessage({ ready: true });

/** The compose index, which the pool's thread is reading while this one analyses: blocks until it is published. */
function awaitIndex({ port, published }: IndexChannel): ComposeIndexEntries {
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) return received.message as ComposeIndexEntries;
    Atomics.wait(published, 0, 0, 100);
  }
}
