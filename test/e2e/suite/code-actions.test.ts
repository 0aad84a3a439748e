import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DOCKERFILE, EXPECTED, FIX_ON_SAVE, K8S, RULES } from './fixtures';
import { bulkheadDiagnostics, finding, findingsOf, open, ruleId, waitForDiagnostics, waitForFindings, waitForTab } from './helpers';

async function codeActionsFor(uri: vscode.Uri, rule: string): Promise<{ diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
  const diagnostic = bulkheadDiagnostics(uri).find((d) => ruleId(d) === rule);
  assert.ok(diagnostic, `a ${rule} diagnostic in ${uri.path}`);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
  return { diagnostic, actions: actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'diagnostics' in a) };
}

/** Drops the unsaved edits of the active editor and closes it (never leaves a dirty editor behind). */
async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('code actions', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the lightbulb lists the fix, the suppressions and the docs; applying the fix removes the finding', async () => {
    const { document } = await open(DOCKERFILE);
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    const { actions } = await codeActionsFor(document.uri, 'add-instead-of-copy');
    const ours = actions.map((a) => a.title).filter((t) => t.includes('add-instead-of-copy') || t === 'Replace ADD with COPY');
    assert.deepEqual(ours, [
      'Replace ADD with COPY',
      'Ignore add-instead-of-copy here (add a suppression comment)',
      'Ignore add-instead-of-copy in this file',
      'Show documentation for add-instead-of-copy',
    ]);
    const fix = actions.find((a) => a.title === 'Replace ADD with COPY')!;
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);

    assert.equal(await vscode.workspace.applyEdit(fix.edit!), true);
    assert.equal(document.lineAt(4).text, 'COPY app.py /app/');
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings.filter((f) => f.rule !== 'add-instead-of-copy'));

    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.lineAt(4).text, 'ADD app.py /app/');
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    await revertAndClose();
  });

  it('"Add --no-install-recommends" edits the RUN line and removes apt-install-recommends', async () => {
    const { document } = await open(DOCKERFILE);
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    const { actions } = await codeActionsFor(document.uri, 'apt-install-recommends');
    const fix = actions.find((a) => a.title === 'Add --no-install-recommends');
    assert.ok(fix, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit!), true);
    assert.equal(document.lineAt(3).text, 'RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*');
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings.filter((f) => f.rule !== 'apt-install-recommends'));
    await revertAndClose();
  });

  it('"Ignore ... here" in a Kubernetes manifest adds an indented suppression comment', async () => {
    const { document } = await open(K8S);
    await waitForFindings(document.uri, RULES, EXPECTED[K8S]!.findings);
    const { actions } = await codeActionsFor(document.uri, 'image-tag-latest');
    const ignore = actions.find((a) => a.title === 'Ignore image-tag-latest here (add a suppression comment)');
    assert.ok(ignore, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(await vscode.workspace.applyEdit(ignore.edit!), true);
    assert.equal(document.lineAt(14).text, '          # bulkhead-ignore image-tag-latest -- TODO: explain why this is acceptable');
    assert.equal(document.lineAt(15).text, '          image: registry.example.com/acme/api');
    await waitForFindings(document.uri, RULES, []);
    await revertAndClose();
  });

  it('"Show documentation" opens the bundled rule page in the Markdown preview', async () => {
    const { document } = await open(DOCKERFILE);
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    const { actions } = await codeActionsFor(document.uri, 'add-instead-of-copy');
    const docs = actions.find((a) => a.title === 'Show documentation for add-instead-of-copy');
    assert.deepEqual(docs?.command && { command: docs.command.command, arguments: docs.command.arguments }, {
      command: 'bulkhead.showRuleDocs',
      arguments: ['add-instead-of-copy'],
    });
    await vscode.commands.executeCommand(docs!.command!.command, ...docs!.command!.arguments!);
    const tab = await waitForTab('the Markdown preview of add-instead-of-copy.md', (t) => t.label === 'Preview add-instead-of-copy.md');
    assert.ok(tab.input instanceof vscode.TabInputWebview, `preview tab input: ${JSON.stringify(tab.input)}`);
  });

  it('fix-on-save applies source.fixAll.bulkhead only when editor.codeActionsOnSave enables it', async () => {
    const editor = await open(FIX_ON_SAVE);
    const { document } = editor;
    assert.equal(document.getText(), 'FROM alpine:3.20\n');
    const config = vscode.workspace.getConfiguration('editor', document);

    // Without the setting, saving keeps the finding.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'ADD a.txt /a\n')));
    await waitForFindings(document.uri, ['add-instead-of-copy'], [finding('add-instead-of-copy', 'warning', [1, 0, 1, 3])]);
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(document.isDirty, false);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString(), 'FROM alpine:3.20\nADD a.txt /a\n');

    await config.update('codeActionsOnSave', { 'source.fixAll.bulkhead': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'add b.txt /b\n')));
      await waitForFindings(document.uri, ['add-instead-of-copy'], [
        finding('add-instead-of-copy', 'warning', [1, 0, 1, 3]),
        finding('add-instead-of-copy', 'warning', [2, 0, 2, 3]),
      ]);
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(document.isDirty, false);
      const fixed = 'FROM alpine:3.20\nCOPY a.txt /a\ncopy b.txt /b\n';
      assert.equal(document.getText(), fixed);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString(), fixed);
      await waitForDiagnostics(document.uri, 'no add-instead-of-copy after the fix-on-save', (ds) => !ds.some((d) => ruleId(d) === 'add-instead-of-copy'));
      assert.deepEqual(findingsOf(document.uri, RULES), []);
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
