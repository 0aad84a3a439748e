import { randomBytes } from 'node:crypto';
import { dirname, sep } from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { FileAnalyzer, relativeDisplay, type FileResult, type FileTask } from '../analyze/file';
import { analyzeFiles } from '../analyze/pool';
import { ProjectModel } from '../project/model';
import { groupUnits } from '../project/tasks';
import { formatJson } from '../cli/formatters/json';
import { formatSarif } from '../cli/formatters/sarif';
import { discover } from '../discovery/walk';
import { listedDisk } from '../project/files';
import type { EngineConfig, ProjectFacts } from '../engine';
import { AUDIT_FILES, AUDIT_PROGRESS, type AuditFile, type AuditParams, type AuditResult, type ExportFormat } from '../protocol';
import type { FileReport } from '../report/file-report';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { buildReport, type ReportModel } from '../report/model';

/** Batch size and interval of streamed results and progress. */
const BATCH_FILES = 100;
const PROGRESS_MS = 200;

export interface AuditContext {
  readonly connection: Connection;
  /** Settings of a workspace folder, as the base configuration of its files. */
  readonly folderBase: (folderUri: string) => Promise<{ base: EngineConfig; enabled: boolean }>;
  /** Folders where config files stop being looked up. */
  readonly roots: readonly string[];
  /** The workspace is not trusted: config file paths outside `roots` are left out. */
  readonly untrusted: boolean;
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** The server's view of the workspace (open documents included), for files audited in this thread. */
  readonly project?: ProjectFacts;
}

/** The last completed audit, kept (without file texts) for exports. */
let lastAudit: { reports: FileReport[]; model: ReportModel; root: string } | undefined;

/**
 * Audits every container file under the folders: discovery (`.gitignore`, `.bulkheadignore`,
 * `files.exclude`, config `ignorePaths`, no `node_modules`, no binaries), analysis from disk on
 * worker threads, results streamed in batches. A cancelled audit returns `cancelled: true` and
 * keeps nothing, so the client never shows half a run.
 */
export async function runAudit(params: AuditParams, ctx: AuditContext, token: CancellationToken): Promise<AuditResult> {
  // Paths are shown relative to the folders' common ancestor (the folder itself when there is one).
  const root = commonAncestor(params.folders.map((f) => URI.parse(f.uri).fsPath));
  const tasks: FileTask[] = [];
  const disk = listedDisk();
  for (const folder of params.folders) {
    const { base, enabled } = await ctx.folderBase(folder.uri);
    if (!enabled) continue;
    for (const file of discover([URI.parse(folder.uri).fsPath], { ignorePatterns: folder.exclude }, disk)) {
      tasks.push({ index: tasks.length, path: file.path, display: relativeDisplay(root, file.path), size: file.size, explicit: false, base });
    }
  }
  const units = groupUnits(tasks, {}, disk);
  const results: FileResult[] = [];
  let batch: AuditFile[] = [];
  let done = 0;
  let lastProgress = 0;
  const flush = (): void => {
    if (batch.length) void ctx.connection.sendNotification(AUDIT_FILES, { auditId: params.auditId, files: batch });
    batch = [];
  };
  const progress = (): void => void ctx.connection.sendNotification(AUDIT_PROGRESS, { auditId: params.auditId, done, total: units.length });
  const { cancelled } = await analyzeFiles(
    units,
    { resolver: { roots: ctx.roots, untrusted: ctx.untrusted }, root, diagnostics: true, projectRoots: ctx.roots },
    {
      ...(ctx.workers ? { workers: ctx.workers } : {}),
      isCancelled: () => token.isCancellationRequested,
      yieldEvery: 1,
      disk,
      // Read once here rather than by every worker thread.
      composeIndex: new ProjectModel(ctx.roots, undefined, disk).composeIndexSteps(),
    },
    (r) => {
      done++;
      results.push(r);
      for (const file of [r, ...(r.more ?? [])]) if (file.report) batch.push(auditFile(file));
      if (batch.length >= BATCH_FILES) flush();
      if (Date.now() - lastProgress > PROGRESS_MS) {
        lastProgress = Date.now();
        progress();
      }
    },
  );
  if (cancelled || token.isCancellationRequested) return { auditId: params.auditId, cancelled: true, files: done };
  flush();
  progress();
  results.sort((a, b) => a.index - b.index);
  const reports = results.flatMap((r) => [r, ...(r.more ?? [])]).flatMap((r) => (r.report ? [r.report] : []));
  const model = buildReport(reports, root);
  lastAudit = { reports, model, root };
  return { auditId: params.auditId, cancelled: false, files: reports.length, report: model };
}

/** One file from disk, in this thread (a document that was closed keeps its audit results). */
export async function auditOne(path: string, display: string, folderUri: string, size: number, ctx: AuditContext): Promise<AuditFile | undefined> {
  const { base } = await ctx.folderBase(folderUri);
  const analyzer = new FileAnalyzer({ resolver: { roots: ctx.roots, untrusted: ctx.untrusted }, root: dirname(path), diagnostics: true, projectRoots: ctx.roots }, ctx.project);
  // A file of a chart or overlay is analysed with the rest of it; only its own result is kept.
  const [task] = groupUnits([{ index: 0, path, display, size, explicit: false, base }], { values: false });
  const result = analyzer.analyze(task!);
  return result.report ? { ...auditFile(result), path: display } : undefined;
}

function auditFile(r: FileResult): AuditFile {
  return { uri: r.uri!, path: r.report!.path, kind: r.report!.kind, diagnostics: r.diagnostics ?? [] };
}

/** The last audit in an export format, or undefined when no audit has completed yet. */
export function exportAudit(format: ExportFormat): string | undefined {
  if (!lastAudit) return undefined;
  switch (format) {
    case 'sarif': return formatSarif(lastAudit.reports, lastAudit.root);
    case 'json': return formatJson(lastAudit.reports);
    case 'markdown': return renderMarkdown(lastAudit.model);
    case 'html': return renderHtml(lastAudit.model, { webview: false, nonce: randomBytes(16).toString('base64') });
  }
}

function commonAncestor(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let common = paths[0]!;
  for (const p of paths.slice(1)) {
    while (common !== dirname(common) && p !== common && !p.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  }
  return common;
}
