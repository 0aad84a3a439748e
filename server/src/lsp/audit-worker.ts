// The audit worker thread (see time-budget.ts): audits the files it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { auditOne } from './audit';
import type { AuditJob } from './time-budget';

parentPort!.on('message', (job: AuditJob) => {
  void auditOne(job.file, job.display, job.config).then((audited) => parentPort!.postMessage(audited ?? null));
});
