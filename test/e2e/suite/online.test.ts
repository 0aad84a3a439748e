import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, finding, findingsOf, open, waitForCodeAction, waitForFindings, workspaceUri } from './helpers';

// Online checks against a real registry: the harness (plain Node, outside VS Code) starts Debian's
// docker-registry on 127.0.0.1 with team/web:1.0 pushed (test/online/registry-fixture.ts) and
// passes its host:port and the pushed manifest's digest here. Loopback registries are spoken to
// over plain HTTP. Online checks are opt-in and need a trusted workspace.
const REGISTRY = process.env.BULKHEAD_E2E_REGISTRY ?? '';
const DIGEST = process.env.BULKHEAD_E2E_REGISTRY_DIGEST ?? '';
const DOCKERFILE = 'online/Dockerfile';
const RULES = ['image-digest-missing', 'image-digest-drift'] as const;

describe('online', () => {
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('online'), { recursive: true });
  });

  it('"Pin to digest" pins a FROM image to the digest the local registry serves for its tag', async () => {
    assert.match(REGISTRY, /^127\.0\.0\.1:\d+$/, 'the harness passes the registry as BULKHEAD_E2E_REGISTRY');
    assert.match(DIGEST, /^sha256:[0-9a-f]{64}$/, 'the harness passes the pushed digest as BULKHEAD_E2E_REGISTRY_DIGEST');
    // code-server runs with --disable-workspace-trust: every workspace is trusted, so online checks may run.
    assert.equal(vscode.workspace.isTrusted, true);

    await closeAllEditors(); // only this Dockerfile is analysed while online checks are on
    const image = `${REGISTRY}/team/web:1.0`;
    await vscode.workspace.fs.writeFile(workspaceUri(DOCKERFILE), Buffer.from(`FROM ${image}\nUSER 10001\n`));
    const editor = await open(DOCKERFILE);
    const { document } = editor;
    const missing = finding('image-digest-missing', 'info', [0, 5, 0, 5 + image.length]);
    await waitForFindings(document.uri, RULES, [missing]);
    const range = new vscode.Range(0, 5, 0, 5 + image.length);

    const bulkhead = vscode.workspace.getConfiguration('bulkhead');
    try {
      await bulkhead.update('online.enabled', true, vscode.ConfigurationTarget.Workspace);
      // Offered once the registry answered (the server then asks for a diagnostics pull).
      const pin = await waitForCodeAction(document.uri, range, /^Pin to digest /);
      assert.equal(pin.title, `Pin to digest ${DIGEST.slice(0, 19)}`);
      assert.equal(await vscode.workspace.applyEdit(pin.edit!), true);
      assert.equal(document.lineAt(0).text, `FROM ${image}@${DIGEST}`);
      await waitForFindings(document.uri, RULES, []);
      assert.deepEqual(findingsOf(document.uri, RULES), []);
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString(), `FROM ${image}@${DIGEST}\nUSER 10001\n`);
    } finally {
      await bulkhead.update('online.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
