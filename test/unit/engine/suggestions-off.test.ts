import assert from 'node:assert/strict';
import { lint } from '../../../server/src/engine/lint';
import { SourceFile } from '../../../server/src/engine/source';
import { testConfig } from '../../rule-tester';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx:latest
      securityContext: {privileged: true}
`;
const COMPOSE = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n';

describe('lint without suggestions (the CLI and the audit)', () => {
  for (const [name, text] of [['pod.yaml', POD], ['compose.yaml', COMPOSE]] as const) {
    it(`${name}: the same findings, none with suggestions, which are otherwise there`, () => {
      const config = testConfig({ profile: 'strict' });
      const on = lint(new SourceFile(name, text), { config });
      const off = lint(new SourceFile(name, text), { config, suggestions: false });
      assert.ok(on.findings.filter((f) => f.suggestions?.length).length >= 5, 'suggestions are built by default');
      assert.deepEqual(off.findings.filter((f) => f.suggestions), []);
      assert.deepEqual(off.findings, on.findings.map((f) => ({ ...f, suggestions: undefined })));
    });
  }
});
