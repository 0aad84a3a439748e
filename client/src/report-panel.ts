import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExportFormat } from '../../server/src/protocol';
import { renderHtml } from '../../server/src/report/html';
import type { ReportModel } from '../../server/src/report/model';

/** The audit report in a webview: strict CSP with a fresh nonce, theme colours, no remote resources. */
export class ReportPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;

  constructor(
    context: vscode.ExtensionContext,
    onOpen: (path: string, line: number, column: number) => void,
    onExport: (format: ExportFormat) => void,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel('bulkhead.report', 'Bulkhead Audit Report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.png');
    this.panel.webview.onDidReceiveMessage((m: { type: string; path?: string; line?: number; column?: number; format?: ExportFormat }) => {
      if (m.type === 'open' && typeof m.path === 'string') onOpen(m.path, Number(m.line) || 1, Number(m.column) || 1);
      if (m.type === 'export' && m.format && ['sarif', 'json', 'markdown', 'html'].includes(m.format)) onExport(m.format);
    });
    this.panel.onDidDispose(onDispose);
  }

  show(model: ReportModel): void {
    this.panel.webview.html = renderHtml(model, { webview: true, nonce: randomBytes(16).toString('base64'), cspSource: this.panel.webview.cspSource });
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
