import { parentPort, workerData } from 'node:worker_threads';
import { FileAnalyzer, type AnalyzeOptions, type FileTask } from './file';

// A worker thread of the analysis pool: one FileAnalyzer, one file per message.
const analyzer = new FileAnalyzer(workerData as AnalyzeOptions);
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
