/**
 * The audit's per-file time budget. Analysis is synchronous, so a slow file can only be stopped
 * from outside: each file is audited in a worker thread, and a worker over budget is terminated
 * and replaced. The file is then reported with one analysis-limit finding instead of being
 * waited on.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { analysisStopped, detectKind, SourceFile, type EngineConfig } from '../engine';
import type { DiscoveredFile } from '../discovery/walk';
import type { AuditFile } from '../protocol';
import { toReport, type FileReport } from '../report/file-report';
import { toDiagnostic } from './convert';

export const DEFAULT_TIME_BUDGET_MS = 20_000;

export type Budgeted<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'timedOut' }
  | { readonly status: 'failed'; readonly error: string };

/**
 * Posts `message` to `worker` and waits at most `budgetMs` for its one reply. A worker over
 * budget is terminated; after `timedOut` or `failed` the caller needs a new worker.
 */
export function withinBudget<T>(worker: Worker, message: unknown, budgetMs: number): Promise<Budgeted<T>> {
  return new Promise((resolve) => {
    const settle = (outcome: Budgeted<T>): void => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (value: T): void => settle({ status: 'done', value });
    const onError = (error: Error): void => settle({ status: 'failed', error: `${error.name}: ${error.message.split('\n')[0]}` });
    const onExit = (code: number): void => settle({ status: 'failed', error: `worker exited with code ${code}` });
    const timer = setTimeout(() => {
      settle({ status: 'timedOut' });
      void worker.terminate();
    }, budgetMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(message);
  });
}

/** What `auditOne` gives for one file. */
export interface AuditedFile {
  readonly report: FileReport;
  readonly file: AuditFile;
}

/** What the audit worker receives for one file. */
export interface AuditJob {
  readonly file: DiscoveredFile;
  readonly display: string;
  readonly config: { readonly config: EngineConfig; readonly ignored: boolean };
}

export interface AuditorOptions {
  readonly budgetMs?: number;
  /** The worker script (default: the bundled `audit-worker.js` next to this bundle). */
  readonly script?: string;
  /** For tests running the TypeScript sources (a loader such as tsx). */
  readonly execArgv?: readonly string[];
}

/** Audits files one at a time in a worker thread, each within the time budget. */
export class BudgetedAuditor {
  private worker: Worker | undefined;
  private readonly budgetMs: number;
  private readonly script: string;

  constructor(private readonly options: AuditorOptions = {}) {
    this.budgetMs = options.budgetMs ?? DEFAULT_TIME_BUDGET_MS;
    this.script = options.script ?? join(__dirname, 'audit-worker.js');
  }

  /** Like `auditOne`, but a file over budget (or whose worker died) gets one analysis-limit finding. */
  async audit(job: AuditJob, budgetMs = this.budgetMs): Promise<AuditedFile | undefined> {
    if (job.config.ignored) return undefined;
    this.worker ??= new Worker(this.script, { execArgv: [...(this.options.execArgv ?? [])] });
    const outcome = await withinBudget<AuditedFile | null>(this.worker, job, budgetMs);
    if (outcome.status === 'done') return outcome.value ?? undefined;
    const worker = this.worker;
    this.worker = undefined;
    void worker.terminate();
    return stoppedFile(job, outcome.status === 'timedOut' ? `over the ${budgetMs} ms time budget` : `the analysis worker failed: ${outcome.error}`);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

function stoppedFile(job: AuditJob, reason: string): AuditedFile {
  const source = new SourceFile(job.file.path, '');
  const finding = analysisStopped(reason);
  const kind = detectKind(job.file.path, '');
  return {
    report: toReport(job.display, kind, source, [finding], (p) => p),
    file: { uri: URI.file(job.file.path).toString(), path: job.display, kind, diagnostics: [toDiagnostic(source, finding)] },
  };
}
