import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { AuditController } from './audit';

let client: LanguageClient | undefined;

/** Starts the language server (IPC) and the audit UI that talks to it. */
export async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, watchers: vscode.FileSystemWatcher[]): Promise<{ client: LanguageClient; audit: AuditController }> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = ['dockerfile', 'yaml', 'dockercompose'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...languages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // Not analysed itself; synced so that typing in it re-lints the Dockerfiles it applies to.
      { scheme: 'file', pattern: '**/{.dockerignore,*.dockerignore}' },
    ],
    outputChannel: output,
    synchronize: { fileEvents: watchers },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
    // Online registry checks never run in an untrusted workspace (see server/src/lsp/online.ts).
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  const audit = new AuditController(client, context);
  context.subscriptions.push(audit);
  await client.start();
  return { client, audit };
}

export function stopClient(): Thenable<void> | undefined {
  return client?.stop();
}
