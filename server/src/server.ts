import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  type DiagnosticServerCancellationData,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { auditOne, exportAudit, runAudit } from './lsp/audit';
import { fixAllAction, FIX_ALL_KIND, quickFixes } from './lsp/code-actions';
import { CONFIG_FILE_NAMES, lintConfigFile, SourceFile } from './engine';
import { toDiagnostic } from './lsp/convert';
import { kindOf, LintCache, pathOf } from './lsp/documents';
import { OnlineService } from './lsp/online';
import { ProjectModel } from './project/model';
import { ResourceConfigs } from './lsp/settings';
import { UnitDocuments } from './lsp/units';
import { WorkspaceTrust } from './lsp/trust';
import { AUDIT_FILE_REQUEST, AUDIT_REQUEST, EXPORT_REQUEST, type AuditParams, type ExportFormat } from './protocol';
import { statSync } from 'node:fs';
import { URI } from 'vscode-uri';

// Wiring only: requests are answered by the lsp/ modules, analysis by the engine.
/** Pause after the last change to a file others depend on before open documents re-lint. */
const DEPENDANTS_REFRESH_MS = 300;
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let project: ProjectModel;
let cache: LintCache;
// Helm charts and Kustomize overlays are analysed as a whole (lsp/units.ts).
const units = new UnitDocuments(connection, documents);
let supportsConfiguration = false;
let configs: ResourceConfigs;
let workspaceRoots: string[] = [];
let online: OnlineService;
let trust: WorkspaceTrust;

connection.onInitialize((params): InitializeResult => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  // Clients without workspace folders send the root alone.
  workspaceRoots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : [])).map((f) => pathOf(f.uri));
  project = new ProjectModel(workspaceRoots, (path) => openDocument(path)?.getText());
  cache = new LintCache(project);
  trust = new WorkspaceTrust(connection, params.initializationOptions);
  configs = new ResourceConfigs(connection, () => supportsConfiguration, workspaceRoots, trust);
  online = new OnlineService(connection, () => supportsConfiguration, trust);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    },
    serverInfo: { name: 'bulkhead', version: '0.1.0' },
  };
});

/** Asks the client to pull diagnostics again; a client that refuses must not end the server. */
const refreshDiagnostics = (): void => void connection.languages.diagnostics.refresh().catch(() => undefined);

// A failed promise that nothing awaited is a bug to log, not a reason to end the server (Node's default).
process.on('unhandledRejection', (reason) => connection.console.error(`Bulkhead: unexpected error: ${reason instanceof Error ? reason.message : String(reason)}`));

connection.onInitialized(() => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: ['bulkhead', 'http'] });
});

connection.onDidChangeConfiguration(() => {
  configs.clear();
  online.reset();
  cache.clear();
  units.clear();
  refreshDiagnostics();
});

const isConfigFile = (uri: string): boolean => CONFIG_FILE_NAMES.some((n) => uri.endsWith(`/${n}`));

// Files changed on disk (the client watches `.bulkhead.yaml` files and the files cross-file rules read).
connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((c) => isConfigFile(c.uri))) {
    configs.clear(true);
    cache.clear();
  }
  for (const c of params.changes) if (!isConfigFile(c.uri)) project.invalidate(pathOf(c.uri));
  units.clear();
  refreshDependants();
});

function openDocument(path: string): TextDocument | undefined {
  return documents.all().find((d) => pathOf(d.uri) === path);
}

/**
 * An edit to an open Dockerfile, compose file or .dockerignore can change what other files'
 * cross-file findings say: the project forgets what it read there and the client re-pulls, once
 * the typing (or a burst of file events) pauses.
 */
let dependantsRefresh: NodeJS.Timeout | undefined;
/** Documents just opened: their first content event is the text on disk (or restored), not an edit. */
const opening = new Set<string>();
documents.onDidOpen(({ document }) => opening.add(document.uri));
documents.onDidChangeContent(({ document }) => {
  const path = pathOf(document.uri);
  const kind = isConfigFile(document.uri) ? 'other' : kindOf(document, path);
  const opened = opening.delete(document.uri);
  if (kind !== 'dockerfile' && kind !== 'compose' && !path.endsWith('.dockerignore')) return;
  project.invalidate(path);
  // Only other open documents can depend on it (the edited one is re-pulled by the client anyway).
  if (!opened && documents.all().some((d) => d.uri !== document.uri)) refreshDependants();
});

function refreshDependants(): void {
  clearTimeout(dependantsRefresh);
  dependantsRefresh = setTimeout(refreshDiagnostics, DEPENDANTS_REFRESH_MS);
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  if (isConfigFile(document.uri)) {
    const result = lintConfigFile(new SourceFile(pathOf(document.uri), document.getText()));
    return { kind: DocumentDiagnosticReportKind.Full, items: result.findings.map((f) => toDiagnostic(result.source, f)) };
  }
  const { settings: s, config, ignored } = await configs.get(document.uri);
  // The client cancels requests for versions it no longer shows; do not analyse for them.
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  const unit = s.enable && !ignored ? units.lint(document, config) : undefined;
  if (unit) return { kind: DocumentDiagnosticReportKind.Full, items: unit.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(unit.source, f)) };
  if (!s.enable || ignored || kindOf(document, pathOf(document.uri)) === 'other') return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const checks = await online.checks();
  const result = await cache.get(document, checks ? online.withSnapshot(config, checks) : config);
  // Superseded by a newer version (or settings) before it finished: the client asks again.
  if (!result) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded', { retriggerRequest: true } satisfies DiagnosticServerCancellationData);
  // Answers arrive later and trigger a diagnostics refresh.
  if (checks) void checks.prefetch(result.images?.map((i) => i.ref) ?? [], config.verification.keys);
  return { kind: DocumentDiagnosticReportKind.Full, items: result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(result.source, f)) };
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  if (isConfigFile(document.uri)) return [];
  const { settings: s, config, ignored } = await configs.get(document.uri);
  if (!s.enable || ignored) return [];
  const unit = units.lint(document, config);
  const checks = unit ? undefined : await online.checks();
  const effective = checks ? online.withSnapshot(config, checks) : config;
  const version = document.version;
  const result = unit ?? (await cache.get(document, effective));
  // Edits are computed on the analysed text: none if the document changed meanwhile.
  if (!result || document.version !== version) return [];
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.SourceFixAll))) {
    const action = unit ? units.fixAll(document, config) : fixAllAction(document, result, { config: effective, kind: result.kind });
    return action ? [action] : [];
  }
  return quickFixes(document, result, params);
});

const auditContext = () => ({ connection, folderBase: (uri: string) => configs.folderBase(uri), roots: workspaceRoots, untrusted: !trust.trusted, project });

connection.onRequest(AUDIT_REQUEST, (params: AuditParams, token) => runAudit(params, auditContext(), token));

connection.onRequest(AUDIT_FILE_REQUEST, async (params: { uri: string; path: string; folderUri: string }) => {
  const fsPath = URI.parse(params.uri).fsPath;
  try {
    return (await auditOne(fsPath, params.path, params.folderUri, statSync(fsPath).size, auditContext())) ?? null;
  } catch {
    return null; // deleted since
  }
});

connection.onRequest(EXPORT_REQUEST, (params: { format: ExportFormat }) => exportAudit(params.format) ?? null);

documents.onDidOpen((e) => units.opened(e.document.uri));

documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  // Its text on disk counts again.
  project.invalidate(pathOf(e.document.uri));
  configs.forget(e.document.uri);
  units.closed(e.document.uri);
});

documents.listen(connection);
connection.listen();
