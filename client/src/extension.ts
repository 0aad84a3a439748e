import * as vscode from 'vscode';
import { join } from 'node:path';
import { COMMANDS } from '../../server/src/protocol';
import type * as LanguageClientModule from './language-client';

/** The language client and the audit UI: a bundle of their own (dist/language-client.js), loaded after activation. */
let lsp: typeof LanguageClientModule | undefined;

/** Files whose change can change cross-file findings (server/src/project/model.ts). */
const PROJECT_FILES =
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*,.dockerignore,*.dockerignore,*.yaml,*.yml,' +
  '.env,.env.*,*.pem,*.key,*.p12,*.pfx,*.jks,*.keystore,*.ppk,id_rsa*,id_dsa*,id_ecdsa*,id_ed25519*,.npmrc,.pypirc,.netrc,_netrc,.pgpass,' +
  '.git-credentials,.dockercfg,kubeconfig,*.kubeconfig,credentials,config,config.json,.ssh,.aws,.docker,.kube}';

/**
 * Registers the commands and returns; the language client (vscode-languageclient is most of the
 * extension's code) is loaded and the server started right after, so activation stays cheap. The
 * engine lives only in the server bundle.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Bulkhead', { log: true });
  // Config files, and what cross-file rules read: Dockerfiles, compose files, .dockerignore files
  // and credential-looking files that a build context may hold.
  const watchers = [vscode.workspace.createFileSystemWatcher('**/.bulkhead.{yaml,yml}'), vscode.workspace.createFileSystemWatcher(PROJECT_FILES)];
  const ready = Promise.resolve().then(() => {
    lsp = require(join(__dirname, 'language-client.js')) as typeof LanguageClientModule;
    return lsp.startClient(context, output, watchers);
  });
  ready.catch((error: unknown) => output.error(`Bulkhead server failed to start: ${String(error)}`));

  context.subscriptions.push(
    output,
    ...watchers,
    vscode.commands.registerCommand(COMMANDS.auditWorkspace, async () => {
      const { audit, client } = await ready;
      await client.start();
      return audit.run();
    }),
    vscode.commands.registerCommand(COMMANDS.showReport, async () => (await ready).audit.showReport()),
    vscode.commands.registerCommand(COMMANDS.exportReport, async (format?: 'sarif' | 'json' | 'markdown' | 'html') => {
      const picked = format ?? (await vscode.window.showQuickPick(['sarif', 'json', 'markdown', 'html'], { placeHolder: 'Export the last audit as' }));
      if (picked) await (await ready).audit.export(picked as 'sarif' | 'json' | 'markdown' | 'html');
    }),
    vscode.commands.registerCommand(COMMANDS.toggleTreeGrouping, async () => (await ready).audit.tree.toggleGrouping()),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, (ruleId: string) => showRuleDocs(context, ruleId)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => (await ready).client.restart()),
    // Initialization options are fixed for a server's life: restart it to pass the new trust.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      const { client } = await ready;
      client.clientOptions.initializationOptions = { workspaceTrusted: true };
      await client.restart();
    }),
  );
  // For the e2e suite's server-restart test (test/e2e/suite/server-restart.test.ts), which kills the
  // server process; registered only when the test harness sets BULKHEAD_E2E, so users never see it.
  if (process.env.BULKHEAD_E2E === '1') {
    context.subscriptions.push(vscode.commands.registerCommand('bulkhead.e2e.serverPid', async () => (await ready).client.serverProcess?.pid));
  }
}

export function deactivate(): Thenable<void> | undefined {
  return lsp?.stopClient();
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
