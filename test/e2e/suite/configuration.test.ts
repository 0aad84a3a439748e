import * as vscode from 'vscode';
import { COMPOSE, DOCKERFILE, EXPECTED, RULES } from './fixtures';
import { finding, open, waitForFindings, workspaceUri } from './helpers';

const withSeverity = (file: string, rule: string, severity: 'error' | 'warning' | 'info' | null) =>
  EXPECTED[file]!.findings.flatMap((f) => (f.rule !== rule ? [f] : severity ? [{ ...f, severity }] : []));

describe('configuration', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('changing the bulkhead.rules setting re-lints open files', async () => {
    const { document } = await open(DOCKERFILE);
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    const bulkhead = vscode.workspace.getConfiguration('bulkhead', document);
    try {
      await bulkhead.update('rules', { 'add-instead-of-copy': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForFindings(document.uri, RULES, withSeverity(DOCKERFILE, 'add-instead-of-copy', null));
      await bulkhead.update('rules', { 'add-instead-of-copy': 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitForFindings(document.uri, RULES, withSeverity(DOCKERFILE, 'add-instead-of-copy', 'error'));
    } finally {
      await bulkhead.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
  });

  it('creating, changing and deleting .bulkhead.yaml re-lints open files', async () => {
    const dockerfile = (await open(DOCKERFILE)).document;
    const compose = (await open(COMPOSE)).document;
    await waitForFindings(dockerfile.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    await waitForFindings(compose.uri, RULES, EXPECTED[COMPOSE]!.findings);
    const config = workspaceUri('.bulkhead.yaml');
    const write = (text: string) => vscode.workspace.fs.writeFile(config, Buffer.from(text));
    try {
      await write('rules:\n  image-tag-latest: off\n');
      await waitForFindings(dockerfile.uri, RULES, withSeverity(DOCKERFILE, 'image-tag-latest', null));
      await waitForFindings(compose.uri, RULES, []);

      await write('rules:\n  image-tag-latest: error\n');
      await waitForFindings(dockerfile.uri, RULES, withSeverity(DOCKERFILE, 'image-tag-latest', 'error'));
      await waitForFindings(compose.uri, RULES, withSeverity(COMPOSE, 'image-tag-latest', 'error'));
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForFindings(dockerfile.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    await waitForFindings(compose.uri, RULES, EXPECTED[COMPOSE]!.findings);
  });

  it('an invalid .bulkhead.yaml shows invalid-config at the bad key', async () => {
    const config = workspaceUri('.bulkhead.yaml');
    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  image-tag-lates: off\n'));
    try {
      const { document } = await open('.bulkhead.yaml');
      await waitForFindings(document.uri, ['invalid-config'], [finding('invalid-config', 'error', [1, 2, 1, 17])]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(config);
    }
  });
});
