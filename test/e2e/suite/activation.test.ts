import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED } from './fixtures';
import { EXTENSION_ID, findingsOf, open, waitForFindings } from './helpers';
import { RULES } from './fixtures';

// The harness runs this suite once per activation language: the first file opened in a fresh
// extension host is BULKHEAD_E2E_OPEN_FIRST (Dockerfile, compose.yaml or k8s/deployment.yaml).
const FIRST = process.env.BULKHEAD_E2E_OPEN_FIRST ?? 'Dockerfile';

describe('activation', () => {
  it(`activates when ${FIRST} is opened, and not before`, async () => {
    const expected = EXPECTED[FIRST];
    assert.ok(expected, `unknown BULKHEAD_E2E_OPEN_FIRST ${FIRST}`);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    assert.equal(extension.isActive, false, 'no container file is open yet, so the extension must not be active');

    const editor = await open(FIRST);
    assert.equal(editor.document.languageId, expected.language);
    await waitForFindings(editor.document.uri, RULES, expected.findings);
    assert.equal(extension.isActive, true);
    assert.deepEqual(findingsOf(editor.document.uri, RULES), expected.findings);
  });
});
