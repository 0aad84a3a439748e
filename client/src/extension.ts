import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/protocol';
import { AuditController } from './audit';

let client: LanguageClient | undefined;

/**
 * Starts the language server in a separate process (IPC) without waiting for it, so activation
 * stays cheap; the engine lives only in the server bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Bulkhead', { log: true });
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = ['dockerfile', 'yaml', 'dockercompose'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.bulkhead.{yaml,yml}') },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
    // Online registry checks never run in an untrusted workspace (see server/src/lsp/online.ts).
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  const audit = new AuditController(client, context);

  context.subscriptions.push(
    output,
    audit,
    vscode.commands.registerCommand(COMMANDS.auditWorkspace, async () => {
      await client!.start();
      return audit.run();
    }),
    vscode.commands.registerCommand(COMMANDS.showReport, () => audit.showReport()),
    vscode.commands.registerCommand(COMMANDS.exportReport, async (format?: 'sarif' | 'json' | 'markdown' | 'html') => {
      const picked = format ?? (await vscode.window.showQuickPick(['sarif', 'json', 'markdown', 'html'], { placeHolder: 'Export the last audit as' }));
      if (picked) await audit.export(picked as 'sarif' | 'json' | 'markdown' | 'html');
    }),
    vscode.commands.registerCommand(COMMANDS.toggleTreeGrouping, () => audit.tree.toggleGrouping()),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, (ruleId: string) => showRuleDocs(context, ruleId)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      await client?.restart();
    }),
    // Initialization options are fixed for a server's life: restart it to pass the new trust.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (client) {
        client.clientOptions.initializationOptions = { workspaceTrusted: true };
        await client.restart();
      }
    }),
  );
  // For the e2e suite's server-restart test (test/e2e/suite/server-restart.test.ts), which kills the
  // server process; registered only when the test harness sets BULKHEAD_E2E, so users never see it.
  if (process.env.BULKHEAD_E2E === '1') {
    context.subscriptions.push(vscode.commands.registerCommand('bulkhead.e2e.serverPid', () => client?.serverProcess?.pid));
  }
  void client.start().catch((error: unknown) => output.error(`Bulkhead server failed to start: ${String(error)}`));
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/** Opens the bundled docs page of a rule in the Markdown preview (works offline). */
async function showRuleDocs(context: vscode.ExtensionContext, ruleId: string): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return;
  const page = vscode.Uri.file(context.asAbsolutePath(`docs/rules/${ruleId}.md`));
  try {
    await vscode.workspace.fs.stat(page);
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    void vscode.window.showWarningMessage(`Bulkhead: no documentation page for ${ruleId}.`);
  }
}
