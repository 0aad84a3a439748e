import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/protocol';
import { AuditController } from './audit';

let client: LanguageClient | undefined;

/** Files whose change can change cross-file findings (server/src/project/model.ts). */
const PROJECT_FILES =
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*,.dockerignore,*.dockerignore,*.yaml,*.yml,' +
  '.env,.env.*,*.pem,*.key,*.p12,*.pfx,*.jks,*.keystore,*.ppk,id_rsa*,id_dsa*,id_ecdsa*,id_ed25519*,.npmrc,.pypirc,.netrc,_netrc,.pgpass,' +
  '.git-credentials,.dockercfg,kubeconfig,*.kubeconfig,credentials,config,config.json,.ssh,.aws,.docker,.kube}';

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
  // Config files, and what cross-file rules read: Dockerfiles, compose files, .dockerignore files
  // and credential-looking files that a build context may hold.
  const watchers = [vscode.workspace.createFileSystemWatcher('**/.bulkhead.{yaml,yml}'), vscode.workspace.createFileSystemWatcher(PROJECT_FILES)];
  context.subscriptions.push(...watchers);
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
