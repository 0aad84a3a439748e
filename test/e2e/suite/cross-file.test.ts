import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bulkheadDiagnostics, closeAllEditors, finding, open, ruleId, waitForFindings, workspaceUri } from './helpers';

// Cross-file findings: a Dockerfile's `COPY . .` copies whatever its build context holds, so a
// .env file beside it and the .dockerignore that does (not) exclude it decide its diagnostics. The
// files are written at test time into the workspace copy (no dotfile secrets in the repository) and
// removed afterwards (the audit suite counts the workspace's files).
const DIR = 'crossfile';
const DOCKERFILE = `${DIR}/Dockerfile`;
const ENV = `${DIR}/.env`;
const DOCKERIGNORE = `${DIR}/.dockerignore`;
const DOCKERFILE_TEXT = 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER 10001\n';

const RULES = ['secret-file-in-image', 'dockerignore-missing', 'add-instead-of-copy'] as const;
const SECRET = finding('secret-file-in-image', 'error', [2, 5, 2, 6]); //      COPY . .  (the source)
const NO_DOCKERIGNORE = finding('dockerignore-missing', 'info', [2, 5, 2, 6]);

const write = (relative: string, text: string): Thenable<void> => vscode.workspace.fs.writeFile(workspaceUri(relative), Buffer.from(text));
const onDisk = async (relative: string): Promise<string> => Buffer.from(await vscode.workspace.fs.readFile(workspaceUri(relative))).toString();

describe('cross-file', () => {
  let dockerfile: vscode.TextDocument;

  before(async () => {
    await write(ENV, 'API_TOKEN=e2e-placeholder\n');
    await write(DOCKERFILE, DOCKERFILE_TEXT);
  });

  beforeEach(async () => {
    dockerfile = (await open(DOCKERFILE)).document;
    await waitForFindings(dockerfile.uri, RULES, [NO_DOCKERIGNORE, SECRET]);
  });

  afterEach(closeAllEditors);

  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri(DIR), { recursive: true });
  });

  it('COPY . . beside a .env: secret-file-in-image and dockerignore-missing; a .dockerignore written on disk clears them, deleting it brings them back', async () => {
    const [secret] = bulkheadDiagnostics(dockerfile.uri).filter((d) => ruleId(d) === 'secret-file-in-image');
    assert.deepEqual(
      secret?.relatedInformation?.map((i) => [i.location.uri.toString(), i.message]),
      [[workspaceUri(ENV).toString(), '.env: a .env file, in the build context and not excluded by .dockerignore']],
    );
    assert.ok(!secret!.message.includes('e2e-placeholder'), `the secret's value is never shown: ${secret!.message}`);

    // Written through the file system, never opened: only the file watcher tells the server.
    await write(DOCKERIGNORE, '.env\n');
    try {
      await waitForFindings(dockerfile.uri, RULES, []);
    } finally {
      await vscode.workspace.fs.delete(workspaceUri(DOCKERIGNORE));
    }
    await waitForFindings(dockerfile.uri, RULES, [NO_DOCKERIGNORE, SECRET]);
  });

  it('editing the .dockerignore in an editor clears secret-file-in-image as you type; reverting brings it back; the saved file keeps it away', async () => {
    // An existing .dockerignore that does not exclude .env: only dockerignore-missing goes away.
    await write(DOCKERIGNORE, '# build context exclusions\n');
    try {
      await waitForFindings(dockerfile.uri, RULES, [SECRET]);

      const editor = await open(DOCKERIGNORE);
      assert.equal(editor.document.getText(), '# build context exclusions\n');
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), '.env\n')));
      await waitForFindings(dockerfile.uri, RULES, []); // the unsaved text counts
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(editor.document.getText(), '# build context exclusions\n');
      await waitForFindings(dockerfile.uri, RULES, [SECRET]);

      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), '.env\n')));
      await waitForFindings(dockerfile.uri, RULES, []);
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(editor.document.isDirty, false);
      assert.equal(await onDisk(DOCKERIGNORE), '# build context exclusions\n.env\n');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      // With the .dockerignore closed, only the saved file can exclude .env: an edit to the
      // Dockerfile (re-analysed from scratch) shows its own new finding and still no secret.
      const dockerEditor = await open(DOCKERFILE);
      assert.ok(await dockerEditor.edit((b) => b.insert(new vscode.Position(3, 0), 'ADD a.txt /a\n')));
      await waitForFindings(dockerfile.uri, RULES, [finding('add-instead-of-copy', 'warning', [3, 0, 3, 3])]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.equal(await onDisk(DOCKERFILE), DOCKERFILE_TEXT);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceUri(DOCKERIGNORE));
    }
  });
});
