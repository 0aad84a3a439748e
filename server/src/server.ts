import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllAction, FIX_ALL_KIND, quickFixes } from './lsp/code-actions';
import { toDiagnostic } from './lsp/convert';
import { kindOf, LintCache, pathOf } from './lsp/documents';
import { SettingsCache } from './lsp/settings';

// Wiring only: requests are answered by the lsp/ modules, analysis by the engine.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new LintCache();
let supportsConfiguration = false;
const settings = new SettingsCache(connection, () => supportsConfiguration);

connection.onInitialize((params): InitializeResult => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    },
    serverInfo: { name: 'bulkhead', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'bulkhead' });
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  cache.clear();
  connection.languages.diagnostics.refresh();
});

connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const { settings: s, config } = await settings.get(document.uri);
  if (!s.enable || kindOf(document, pathOf(document.uri)) === 'other') return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const result = cache.get(document, config);
  return { kind: DocumentDiagnosticReportKind.Full, items: result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(result.source, f)) };
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const { settings: s, config } = await settings.get(document.uri);
  if (!s.enable) return [];
  const result = cache.get(document, config);
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.SourceFixAll))) {
    const action = fixAllAction(document, result, { config, kind: result.kind });
    return action ? [action] : [];
  }
  return quickFixes(document, result, params);
});

documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  settings.forget(e.document.uri);
});

documents.listen(connection);
connection.listen();
