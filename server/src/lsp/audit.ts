import { randomBytes } from 'node:crypto';
import { dirname, relative, sep } from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { detectKind, fileTooLarge, lint, SourceFile, type EngineConfig } from '../engine';
import { formatJson } from '../cli/formatters/json';
import { formatSarif } from '../cli/formatters/sarif';
import { discover, kindFor, looksBinary, readText, type DiscoveredFile } from '../discovery/walk';
import { AUDIT_FILES, AUDIT_PROGRESS, type AuditFile, type AuditParams, type AuditResult, type ExportFormat } from '../protocol';
import { toReport, type FileReport } from '../report/file-report';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { buildReport, type ReportModel } from '../report/model';
import { toDiagnostic } from './convert';

/** Batch size and interval of streamed results and progress. */
const BATCH_FILES = 100;
const PROGRESS_MS = 200;

export interface AuditContext {
  readonly connection: Connection;
  /** The configuration of one file (settings of its folder merged with config files). */
  readonly configFor: (path: string, folderUri: string) => Promise<{ config: EngineConfig; ignored: boolean }>;
}

/** The last completed audit, kept (without file texts) for exports. */
let lastAudit: { reports: FileReport[]; model: ReportModel; root: string } | undefined;

/**
 * Audits every container file under the folders: discovery (`.gitignore`, `.bulkheadignore`,
 * `files.exclude`, config `ignorePaths`, no `node_modules`, no binaries), analysis from disk,
 * results streamed in batches. A cancelled audit returns `cancelled: true` and keeps nothing,
 * so the client never shows half a run.
 */
export async function runAudit(params: AuditParams, ctx: AuditContext, token: CancellationToken): Promise<AuditResult> {
  // Paths are shown relative to the folders' common ancestor (the folder itself when there is one).
  const root = commonAncestor(params.folders.map((f) => URI.parse(f.uri).fsPath));
  const targets: { file: DiscoveredFile; folderUri: string; display: string }[] = [];
  for (const folder of params.folders) {
    for (const file of discover([URI.parse(folder.uri).fsPath], { ignorePatterns: folder.exclude })) {
      targets.push({ file, folderUri: folder.uri, display: relative(root, file.path).split(sep).join('/') });
    }
  }
  const reports: FileReport[] = [];
  let batch: AuditFile[] = [];
  let lastProgress = 0;
  const flush = (): void => {
    if (batch.length) void ctx.connection.sendNotification(AUDIT_FILES, { auditId: params.auditId, files: batch });
    batch = [];
  };
  for (let i = 0; i < targets.length; i++) {
    if (token.isCancellationRequested) return { auditId: params.auditId, cancelled: true, files: i };
    const { file, folderUri, display } = targets[i]!;
    const audited = await auditOne(file, display, await ctx.configFor(file.path, folderUri));
    if (audited) {
      reports.push(audited.report);
      batch.push(audited.file);
    }
    if (batch.length >= BATCH_FILES) flush();
    if (Date.now() - lastProgress > PROGRESS_MS || i + 1 === targets.length) {
      lastProgress = Date.now();
      void ctx.connection.sendNotification(AUDIT_PROGRESS, { auditId: params.auditId, done: i + 1, total: targets.length });
    }
    // Let other requests (diagnostics of open documents) in between files.
    await new Promise((r) => setImmediate(r));
  }
  if (token.isCancellationRequested) return { auditId: params.auditId, cancelled: true, files: targets.length };
  flush();
  const model = buildReport(reports, root);
  lastAudit = { reports, model, root };
  return { auditId: params.auditId, cancelled: false, files: reports.length, report: model };
}

/** Lints one file from disk; undefined when it is skipped (binary, ignored, not a container file). */
export async function auditOne(file: DiscoveredFile, display: string, { config, ignored }: { config: EngineConfig; ignored: boolean }): Promise<{ report: FileReport; file: AuditFile } | undefined> {
  if (ignored) return undefined;
  const uri = URI.file(file.path).toString();
  if (file.size > config.maxFileSize) {
    const source = new SourceFile(file.path, '');
    const finding = fileTooLarge(file.size, config.maxFileSize);
    const kind = detectKind(file.path, '');
    return { report: toReport(display, kind, source, [finding], (p) => p), file: { uri, path: display, kind, diagnostics: [toDiagnostic(source, finding)] } };
  }
  let text: string;
  try {
    if (looksBinary(file.path)) return undefined;
    text = readText(file.path);
  } catch {
    return undefined; // vanished or unreadable since discovery
  }
  const kind = kindFor(file, text);
  if (kind === undefined) return undefined;
  const source = new SourceFile(file.path, text);
  const result = lint(source, { config, kind, inventory: true });
  return {
    report: toReport(display, kind, source, result.findings, (p) => p, result.images),
    file: { uri, path: display, kind, diagnostics: result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(source, f)) },
  };
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
