import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../server/src/protocol';
import type { ReportModel } from '../../../server/src/report/model';
import { AUDIT_RULES, UNOPENED, UNOPENED_COMPOSE, UNOPENED_DOCKERFILE } from './fixtures';
import { bulkheadDiagnostics, closeAllEditors, finding, findingsOf, open, waitForFindings, workspaceUri } from './helpers';

/** Runs "Bulkhead: Audit Workspace" as the palette does; resolves once its results are shown. */
async function audit(): Promise<ReportModel> {
  const result = await vscode.commands.executeCommand<AuditResult | undefined>('bulkhead.auditWorkspace');
  assert.ok(result && !result.cancelled && result.report, `the audit did not complete: ${JSON.stringify(result && { ...result, report: undefined })}`);
  return result.report as ReportModel;
}

const isOpen = (file: string): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === workspaceUri(file).toString());

/** Each never-opened file has exactly its expected findings (a duplicate or a stale one fails). */
function assertUnopenedFindings(): void {
  for (const [file, expected] of Object.entries(UNOPENED)) assert.deepEqual(findingsOf(workspaceUri(file), AUDIT_RULES), expected, file);
}

describe('audit', () => {
  after(closeAllEditors);

  it('"Bulkhead: Audit Workspace" gives files that were never opened their diagnostics, as in the report', async () => {
    for (const file of Object.keys(UNOPENED)) assert.equal(isOpen(file), false, `${file} must not be open before the audit`);
    const report = await audit();
    assertUnopenedFindings();

    // The report (1-based) lists the same findings, with paths relative to the workspace folder.
    assert.equal(report.root, vscode.workspace.workspaceFolders![0]!.uri.fsPath);
    // Dockerfile, compose.yaml, k8s/deployment.yaml, fix-on-save/Dockerfile, the chart's template
    // and values.yaml (helm/web/) and the three in unopened/.
    assert.equal(report.totals.files, 9);
    const rows = (list: { path: string; line: number; column: number; severity: string; rule: string }[]): string[] =>
      list.map((f) => `${f.path}:${f.line}:${f.column} ${f.severity} ${f.rule}`).sort();
    assert.deepEqual(
      rows(report.findings.filter((f) => f.path.startsWith('unopened/') && (AUDIT_RULES as readonly string[]).includes(f.ruleId)).map((f) => ({ ...f, rule: f.ruleId }))),
      rows(Object.entries(UNOPENED).flatMap(([path, findings]) => findings.map((f) => ({ path, line: f.range[0] + 1, column: f.range[1] + 1, severity: f.severity, rule: f.rule })))),
    );
  });

  it('running it again replaces the previous results instead of adding to them', async () => {
    await audit();
    const counts = Object.keys(UNOPENED).map((file) => bulkheadDiagnostics(workspaceUri(file)).length);
    await audit();
    assertUnopenedFindings();
    assert.deepEqual(Object.keys(UNOPENED).map((file) => bulkheadDiagnostics(workspaceUri(file)).length), counts, 'every rule, not only AUDIT_RULES');

    // A finding fixed on disk disappears on the next run.
    const compose = workspaceUri(UNOPENED_COMPOSE);
    const original = await vscode.workspace.fs.readFile(compose);
    const withoutPrivileged = Buffer.from(original).toString().replace('    privileged: true\n', '');
    assert.notEqual(withoutPrivileged, Buffer.from(original).toString());
    try {
      await vscode.workspace.fs.writeFile(compose, Buffer.from(withoutPrivileged));
      await audit();
      assert.deepEqual(findingsOf(compose, AUDIT_RULES), UNOPENED[UNOPENED_COMPOSE]!.filter((f) => f.rule !== 'privileged-container'));
    } finally {
      await vscode.workspace.fs.writeFile(compose, original);
    }
    await audit();
    assertUnopenedFindings();
  });

  it('opening an audited file switches it to live diagnostics', async () => {
    const editor = await open(UNOPENED_DOCKERFILE);
    const { document } = editor;
    await waitForFindings(document.uri, AUDIT_RULES, UNOPENED[UNOPENED_DOCKERFILE]!);
    // Only the language server sees unsaved text; the audit's copy of these findings must be gone.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'ADD b.txt /b\n')));
    await waitForFindings(document.uri, AUDIT_RULES, [...UNOPENED[UNOPENED_DOCKERFILE]!, finding('add-instead-of-copy', 'warning', [3, 0, 3, 3])]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
