import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageclient/node';
import { AUDIT_FILE_REQUEST, AUDIT_FILES, AUDIT_PROGRESS, AUDIT_REQUEST, EXPORT_REQUEST, type AuditFile, type AuditFilesBatch, type AuditProgress, type AuditResult, type ExportFormat } from '../../server/src/protocol';
import type { ReportModel } from '../../server/src/report/model';
import { ReportPanel } from './report-panel';
import { BulkheadTree } from './tree';

/**
 * "Bulkhead: Audit Workspace": runs the server's audit with a cancellable progress notification,
 * puts the results of files that are not open in the Problems panel (open files keep their live
 * diagnostics; a file that is closed again gets its saved state audited), and shows the report.
 */
export class AuditController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('bulkhead-audit');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private files = new Map<string, AuditFile>();
  private report: ReportModel | undefined;
  private nextId = 1;
  private pending: { id: number; files: AuditFile[]; progress?: (p: AuditProgress) => void } | undefined;
  readonly tree = new BulkheadTree();
  private panel: ReportPanel | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly context: vscode.ExtensionContext,
  ) {
    this.disposables.push(
      client.onNotification(AUDIT_FILES, (batch: AuditFilesBatch) => {
        if (this.pending?.id === batch.auditId) this.pending.files.push(...batch.files);
      }),
      client.onNotification(AUDIT_PROGRESS, (p: AuditProgress) => {
        if (this.pending?.id === p.auditId) this.pending.progress?.(p);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.refreshClosed(d.uri)),
      vscode.window.registerTreeDataProvider('bulkhead.findings', this.tree),
    );
  }

  /** The last report shown, for tests and the tree. */
  get lastReport(): ReportModel | undefined {
    return this.report;
  }

  async run(): Promise<AuditResult | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Bulkhead: open a folder to audit it.');
      return undefined;
    }
    const id = this.nextId++;
    const params = {
      auditId: id,
      folders: folders.map((f) => ({ uri: f.uri.toString(), exclude: excludes(f) })),
    };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Bulkhead', cancellable: true },
      async (progress, token) => {
        let reported = 0;
        this.pending = {
          id,
          files: [],
          progress: (p) => {
            const pct = p.total ? (100 * p.done) / p.total : 100;
            progress.report({ message: `Auditing ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} files`, increment: pct - reported });
            reported = pct;
          },
        };
        progress.report({ message: 'Finding container files…' });
        try {
          return await this.client.sendRequest<AuditResult>(AUDIT_REQUEST, params, token);
        } catch (error) {
          if (token.isCancellationRequested) return { auditId: id, cancelled: true, files: 0 };
          throw error;
        }
      },
    );
    const streamed = this.pending?.id === id ? this.pending.files : [];
    this.pending = undefined;
    if (result.cancelled) {
      void vscode.window.showInformationMessage('Bulkhead: audit cancelled; the previous results are unchanged.');
      return result;
    }
    await this.replaceResults(streamed);
    this.report = result.report as ReportModel;
    this.tree.update(this.report, this.files);
    this.showReport();
    return result;
  }

  /** Replaces the whole audit state at once: no half state after a cancel. */
  private async replaceResults(files: readonly AuditFile[]): Promise<void> {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
    for (const f of files) {
      if (open.has(f.uri) || f.diagnostics.length === 0) continue;
      entries.push([vscode.Uri.parse(f.uri), await this.client.protocol2CodeConverter.asDiagnostics(f.diagnostics as LspDiagnostic[])]);
    }
    this.files = new Map(files.map((f) => [f.uri, f]));
    this.collection.clear();
    this.collection.set(entries);
  }

  /** A closed document keeps audit results: its saved text is audited again. */
  private async refreshClosed(uri: vscode.Uri): Promise<void> {
    const previous = this.files.get(uri.toString());
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!previous || !folder) return;
    const file = await this.client.sendRequest<AuditFile | null>(AUDIT_FILE_REQUEST, { uri: uri.toString(), path: previous.path, folderUri: folder.uri.toString() });
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return; // reopened meanwhile
    if (!file) {
      this.files.delete(uri.toString());
      this.collection.delete(uri);
      return;
    }
    this.files.set(file.uri, file);
    this.collection.set(uri, await this.client.protocol2CodeConverter.asDiagnostics(file.diagnostics as LspDiagnostic[]));
  }

  showReport(): void {
    if (!this.report) {
      void vscode.window.showInformationMessage('Bulkhead: run "Bulkhead: Audit Workspace" first.');
      return;
    }
    this.panel ??= new ReportPanel(this.context, (path, line, column) => this.open(path, line, column), (format) => this.export(format), () => (this.panel = undefined));
    this.panel.show(this.report);
  }

  /** Opens a reported path (relative to the report root) at a 1-based line and column. */
  async open(path: string, line: number, column: number): Promise<void> {
    const file = [...this.files.values()].find((f) => f.path === path);
    const uri = file ? vscode.Uri.parse(file.uri) : this.report ? vscode.Uri.file(`${this.report.root}/${path}`) : undefined;
    if (!uri) return;
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: false });
  }

  async export(format: ExportFormat): Promise<void> {
    const text = await this.client.sendRequest<string | null>(EXPORT_REQUEST, { format });
    if (text === null) {
      void vscode.window.showInformationMessage('Bulkhead: run "Bulkhead: Audit Workspace" first.');
      return;
    }
    const ext = { sarif: 'sarif', json: 'json', markdown: 'md', html: 'html' }[format];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `bulkhead-audit.${ext}`) } : {}),
      filters: { [format.toUpperCase()]: [ext] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Bulkhead: report saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** `files.exclude` globs that are switched on for a folder. */
function excludes(folder: vscode.WorkspaceFolder): string[] {
  const setting = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, boolean | object>>('exclude') ?? {};
  return Object.entries(setting).filter(([, on]) => on === true).map(([glob]) => glob);
}
