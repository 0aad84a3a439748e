import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bulkheadDiagnostics, closeAllEditors, finding, findingsOf, open, ruleId, waitForDiagnostics, waitForFindings, workspaceUri, type Finding } from './helpers';

// A Helm chart is analysed as a whole (server/src/lsp/units.ts): opening a template renders it with
// values.yaml, and findings caused by the values are reported on values.yaml, pushed even though
// it is not open. The chart is test/e2e/fixtures/ws/helm/web (the layout of `helm create`).
const TEMPLATE = 'helm/web/templates/deployment.yaml';
const VALUES = 'helm/web/values.yaml';

const TEMPLATE_RULES = ['image-digest-missing', 'image-tag-latest'] as const;
//          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
const TEMPLATE_FINDINGS = [finding('image-digest-missing', 'info', [29, 17, 29, 101])];

const VALUES_RULES = [
  'container-runs-as-root',
  'seccomp-profile-missing',
  'capabilities-not-dropped',
  'privilege-escalation-allowed',
  'root-filesystem-writable',
  'cpu-limit-missing',
  'cpu-request-missing',
  'memory-limit-missing',
  'memory-request-missing',
] as const;
const POD_SECURITY_CONTEXT: Finding['range'] = [16, 0, 16, 18]; // podSecurityContext: {}
const SECURITY_CONTEXT: Finding['range'] = [18, 0, 18, 15]; //     securityContext: {}
const RESOURCES: Finding['range'] = [30, 0, 30, 9]; //              resources: {}
const VALUES_FINDINGS: Finding[] = [
  finding('container-runs-as-root', 'warning', POD_SECURITY_CONTEXT),
  finding('seccomp-profile-missing', 'info', POD_SECURITY_CONTEXT),
  finding('capabilities-not-dropped', 'warning', SECURITY_CONTEXT),
  finding('privilege-escalation-allowed', 'warning', SECURITY_CONTEXT),
  finding('root-filesystem-writable', 'warning', SECURITY_CONTEXT),
  finding('cpu-limit-missing', 'warning', RESOURCES),
  finding('cpu-request-missing', 'info', RESOURCES),
  finding('memory-limit-missing', 'warning', RESOURCES),
  finding('memory-request-missing', 'info', RESOURCES),
];

const isOpen = (relative: string): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === workspaceUri(relative).toString());

describe('helm', () => {
  after(closeAllEditors);

  it('opening a template reports the chart\'s findings on values.yaml, unopened; edits of values.yaml and the quick-fix clear them', async () => {
    const values = workspaceUri(VALUES);
    const original = Buffer.from(await vscode.workspace.fs.readFile(values)).toString();
    assert.equal(isOpen(VALUES), false, `${VALUES} must not be open before the test`);

    const template = (await open(TEMPLATE)).document;
    await waitForFindings(template.uri, TEMPLATE_RULES, TEMPLATE_FINDINGS);
    await waitForFindings(values, VALUES_RULES, VALUES_FINDINGS);
    assert.equal(isOpen(VALUES), false, 'values.yaml got its diagnostics without being opened');
    // Each one points at the template line that renders the value.
    const root = bulkheadDiagnostics(values).find((d) => ruleId(d) === 'container-runs-as-root')!;
    assert.equal(root.message, 'Container "web" may run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser.');
    assert.deepEqual(
      root.relatedInformation?.map((i) => [vscode.workspace.asRelativePath(i.location.uri), i.location.range.start.line, i.location.range.start.character, i.message]),
      [[TEMPLATE, 26, 16, 'Rendered into deployment.yaml here']],
    );

    const RESOURCES_SET = 'resources:\n  limits: {cpu: 500m, memory: 256Mi}\n  requests: {cpu: 250m, memory: 128Mi}';
    // Opened in an editor (as clicking one of its problems does), values.yaml gets the same findings
    // by pull and the server drops the pushed ones. Both are the same list: an edit that changes them
    // is what shows the hand-over is done (exactly these findings, no pushed copy left).
    // Not openTextDocument alone: vscode-languageclient pulls only for documents shown in a tab,
    // while the server stops pushing for every open document, so a values.yaml loaded without an
    // editor (by an extension, a workspace edit) has no diagnostics at all (a known gap).
    const editor = await open(VALUES);
    const { document } = editor;
    try {
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(30, 0, 30, 'resources: {}'.length), RESOURCES_SET)));
      const resourceRules = new Set(['cpu-limit-missing', 'cpu-request-missing', 'memory-limit-missing', 'memory-request-missing']);
      const securityFindings = VALUES_FINDINGS.filter((f) => !resourceRules.has(f.rule));
      await waitForFindings(values, VALUES_RULES, securityFindings);

      // The quick-fix edits values.yaml, not the template.
      const writable = bulkheadDiagnostics(values).find((d) => ruleId(d) === 'root-filesystem-writable')!;
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', values, writable.range);
      const title = 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)';
      const fix = actions.find((a): a is vscode.CodeAction => a.title === title);
      assert.ok(fix?.edit, `"${title}" offered: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.deepEqual(fix.edit.entries().map(([uri]) => vscode.workspace.asRelativePath(uri)), [VALUES]);
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      assert.equal(document.lineAt(18).text, 'securityContext: {readOnlyRootFilesystem: true}');
      assert.equal(document.getText(), original.replace('resources: {}', RESOURCES_SET).replace('\nsecurityContext: {}\n', '\nsecurityContext: {readOnlyRootFilesystem: true}\n'));
      await waitForFindings(values, VALUES_RULES, securityFindings.filter((f) => f.rule !== 'root-filesystem-writable'));

      // Hardened values (the text of test/lsp/units.test.ts): no Bulkhead finding left on values.yaml.
      const hardened = original
        .replace('podSecurityContext: {}', 'podSecurityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  seccompProfile:\n    type: RuntimeDefault')
        .replace('securityContext: {}', 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: [ALL]')
        .replace('resources: {}', RESOURCES_SET);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(values, new vscode.Range(0, 0, document.lineCount, 0), hardened);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(document.getText(), hardened);
      await waitForDiagnostics(values, 'no Bulkhead diagnostics', (ds) => ds.length === 0);
      assert.deepEqual(findingsOf(template.uri, TEMPLATE_RULES), TEMPLATE_FINDINGS);
    } finally {
      // Drop the unsaved edits: the file on disk was never written.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.equal(document.getText(), original);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(values)).toString(), original);
  });
});
