import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DOCKERFILE, EXPECTED, RULES } from './fixtures';
import { closeAllEditors, finding, open, waitForFindings } from './helpers';

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

  it('when the language server process is killed, the client restarts it and diagnostics come back', async () => {
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
  });
});
