import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../server/src/protocol';
import { AUDIT_RULES, DOCKERFILE, EXPECTED, RULES, UNOPENED, UNOPENED_POD } from './fixtures';
import { closeAllEditors, finding, findingsOf, open, waitForFindings, workspaceUri } from './helpers';

/** The language server's PID, from a command the extension registers only when BULKHEAD_E2E=1. */
async function serverPid(): Promise<number> {
  const pid = await vscode.commands.executeCommand<number | undefined>('bulkhead.e2e.serverPid');
  assert.ok(typeof pid === 'number' && pid > 0, `bulkhead.e2e.serverPid returned ${pid}`);
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('server restart', () => {
  after(closeAllEditors);

  it('when the language server process is killed, the client restarts it: diagnostics come back and the audit works', async () => {
    const editor = await open(DOCKERFILE);
    const { document } = editor;
    await waitForFindings(document.uri, RULES, EXPECTED[DOCKERFILE]!.findings);
    const killed = await serverPid();
    assert.notEqual(killed, process.pid, 'the server runs in its own process');
    process.kill(killed, 'SIGKILL');

    // An edit only a running server can analyse: the finding on the new line proves it restarted.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(5, 0), 'ADD b.txt /b\n')));
    await waitForFindings(document.uri, RULES, [...EXPECTED[DOCKERFILE]!.findings, finding('add-instead-of-copy', 'warning', [5, 0, 5, 3])]);
    const restarted = await serverPid();
    assert.notEqual(restarted, killed);
    assert.equal(isAlive(killed), false, `the killed server (pid ${killed}) is gone`);
    assert.equal(isAlive(restarted), true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // The audit works with the new server: its results are streamed as notifications, whose
    // handlers must survive the new connection. A finding fixed on disk shows it is a new run.
    const pod = workspaceUri(UNOPENED_POD);
    const original = Buffer.from(await vscode.workspace.fs.readFile(pod)).toString();
    const pinned = original.replace('busybox:latest', 'busybox:1.36');
    assert.notEqual(pinned, original);
    try {
      await vscode.workspace.fs.writeFile(pod, Buffer.from(pinned));
      const result = await vscode.commands.executeCommand<AuditResult | undefined>('bulkhead.auditWorkspace');
      assert.equal(result?.cancelled, false);
      assert.deepEqual(findingsOf(pod, AUDIT_RULES), UNOPENED[UNOPENED_POD]!.filter((f) => f.rule !== 'image-tag-latest'));
    } finally {
      await vscode.workspace.fs.writeFile(pod, Buffer.from(original));
    }
  });
});
