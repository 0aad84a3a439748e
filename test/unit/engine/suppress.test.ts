import assert from 'node:assert/strict';
import { lint } from '../../../server/src/engine/lint';
import addInsteadOfCopy from '../../../server/src/engine/rules/add-instead-of-copy';
import imageTagLatest from '../../../server/src/engine/rules/image-tag-latest';
import { SourceFile } from '../../../server/src/engine/source';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { suppressionEdit } from '../../../server/src/engine/suppress';
import { dedent, range, testConfig } from '../../rule-tester';
import type { EngineConfig } from '../../../server/src/engine/config';

/** [ruleId, line, suppressed-by or '-'] for every finding. */
function run(path: string, text: string, config: Partial<EngineConfig> = {}): [string, number, string][] {
  const source = new SourceFile(path, text);
  return lint(source, { config: testConfig(config), rules: [imageTagLatest, addInsteadOfCopy] }).findings.map((f) => [f.ruleId, range(source, f).line, f.suppressed ? `${f.suppressed.by}${f.suppressed.reason ? `: ${f.suppressed.reason}` : ''}` : '-']);
}

describe('suppressions', () => {
  describe('Dockerfile', () => {
    it('own comment applies to the next instruction, continuation lines included', () => {
      assert.deepEqual(run('Dockerfile', dedent`
        # bulkhead-ignore image-tag-latest -- base pinned by Renovate
        FROM ubuntu
        # bulkhead-ignore add-instead-of-copy,image-tag-latest
        ADD a \\
            b /x/
        COPY --from=nginx /a /a
      `), [
        ['image-tag-latest', 2, 'bulkhead: base pinned by Renovate'],
        ['unused-suppression', 3, '-'],
        ['add-instead-of-copy', 4, 'bulkhead'],
        ['image-tag-latest', 6, '-'],
      ]);
    });

    it('file-level comment anywhere, and "all"', () => {
      assert.deepEqual(run('Dockerfile', 'FROM ubuntu\nADD a /a\n# bulkhead-ignore-file image-tag-latest -- legacy\n'), [
        ['image-tag-latest', 1, 'bulkhead: legacy'],
        ['add-instead-of-copy', 2, '-'],
      ]);
      assert.deepEqual(run('Dockerfile', '# bulkhead-ignore all\nADD a /a\nFROM ubuntu\n'), [['add-instead-of-copy', 2, 'bulkhead'], ['image-tag-latest', 3, '-']]);
    });

    it('honours hadolint, checkov, kics and trivy pragmas through the mapping table', () => {
      assert.deepEqual(run('Dockerfile', '# hadolint ignore=DL3006,DL4006\nFROM ubuntu\nADD a /a\n'), [['image-tag-latest', 2, 'hadolint'], ['add-instead-of-copy', 3, '-']]);
      assert.deepEqual(run('Dockerfile', 'FROM ubuntu\n# hadolint global ignore=DL3020\nADD a /a\n'), [['image-tag-latest', 1, '-'], ['add-instead-of-copy', 3, 'hadolint']]);
      assert.deepEqual(run('Dockerfile', 'FROM ubuntu\n#checkov:skip=CKV_DOCKER_4:trusted input\nADD a /a\n'), [['image-tag-latest', 1, '-'], ['add-instead-of-copy', 3, 'checkov: trusted input']]);
      assert.deepEqual(run('Dockerfile', 'FROM ubuntu\n# kics-scan ignore-line\nADD a /a\n'), [['image-tag-latest', 1, '-'], ['add-instead-of-copy', 3, 'kics']]);
      assert.deepEqual(run('Dockerfile', '# kics-scan ignore\nFROM ubuntu\nADD a /a\n'), [['image-tag-latest', 2, 'kics'], ['add-instead-of-copy', 3, 'kics']]);
      assert.deepEqual(run('Dockerfile', '#trivy:ignore:AVD-DS-0005\nADD a /a\n# trivy:ignore:DS001\nFROM ubuntu\n'), [['add-instead-of-copy', 2, 'trivy'], ['image-tag-latest', 4, 'trivy']]);
      assert.deepEqual(run('Dockerfile', '# hadolint ignore=DL3059\nFROM ubuntu\n'), [['image-tag-latest', 2, '-']], 'foreign pragmas are never reported unused');
    });
  });

  describe('YAML', () => {
    it('own-line comment covers the next node and its subtree; same-line comment covers that key', () => {
      assert.deepEqual(run('deploy.yaml', dedent`
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            # bulkhead-ignore image-tag-latest -- sidecar pinned elsewhere
            - name: a
              image: nginx
            - name: b
              image: nginx:latest  # bulkhead-ignore image-tag-latest
            - name: c
              image: redis
      `), [
        ['image-tag-latest', 7, 'bulkhead: sidecar pinned elsewhere'],
        ['image-tag-latest', 9, 'bulkhead'],
        ['image-tag-latest', 11, '-'],
      ]);
    });

    it('a comment at the top of a document covers the document only; file-level covers all', () => {
      const text = '# bulkhead-ignore image-tag-latest\nservices:\n  a: {image: nginx}\n---\nservices:\n  b: {image: redis}\n';
      assert.deepEqual(run('compose.yaml', text), [['image-tag-latest', 3, 'bulkhead'], ['image-tag-latest', 6, '-']]);
      assert.deepEqual(run('compose.yaml', 'services:\n  a: {image: nginx}\n---\n# bulkhead-ignore-file image-tag-latest\nservices:\n  b: {image: redis}\n'), [['image-tag-latest', 2, 'bulkhead'], ['image-tag-latest', 6, 'bulkhead']]);
    });

    it('a # inside a block scalar or a quoted string is not a comment', () => {
      assert.deepEqual(run('compose.yaml', 'services:\n  a:\n    command: |\n      # bulkhead-ignore image-tag-latest\n    image: nginx\n    entrypoint: "x # bulkhead-ignore image-tag-latest"\n'), [['image-tag-latest', 5, '-']]);
    });

    it('Kubernetes annotations on the object or its pod template, ours and the peers\'', () => {
      const pod = (annotations: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  annotations: ${annotations}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: nginx}]\n`;
      assert.deepEqual(run('d.yaml', pod('{bulkhead.dev/ignore: "image-tag-latest", bulkhead.dev/ignore-reason: "internal mirror"}')), [['image-tag-latest', 9, 'bulkhead: internal mirror']]);
      assert.deepEqual(run('d.yaml', pod('{ignore-check.kube-linter.io/latest-tag: "ok"}')), [['image-tag-latest', 9, 'kube-linter: ok']]);
      assert.deepEqual(run('d.yaml', pod('{checkov.io/skip1: "CKV_K8S_14=pinned by digest upstream"}')), [['image-tag-latest', 9, 'checkov: pinned by digest upstream']]);
      assert.deepEqual(run('d.yaml', pod('{kube-score/ignore: "container-image-tag,pod-probes"}')), [['image-tag-latest', 9, 'kube-score']]);
      assert.deepEqual(run('d.yaml', pod('{polaris.fairwinds.com/tagNotSpecified-exempt: "true"}')), [['image-tag-latest', 9, 'polaris']]);
      const template = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      annotations: {bulkhead.dev/ignore: image-tag-latest}\n    spec:\n      containers: [{name: a, image: nginx}]\n';
      assert.deepEqual(run('d.yaml', template), [['image-tag-latest', 8, 'bulkhead']]);
    });
  });

  describe('configuration', () => {
    it('forbidden rules cannot be suppressed: the finding stays, with a note', () => {
      const source = new SourceFile('Dockerfile', '# bulkhead-ignore image-tag-latest -- fine\nFROM ubuntu\n');
      const findings = lint(source, { config: testConfig({ suppressions: { requireReason: false, forbid: ['image-tag-latest'] } }), rules: [imageTagLatest] }).findings;
      assert.deepEqual(findings.map((f) => [f.ruleId, f.suppressed, f.message]), [
        ['image-tag-latest', undefined, 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest. (Not suppressed: image-tag-latest cannot be suppressed in this project.)'],
      ]);
    });

    it('requireReason: a suppression without a reason does not apply and is reported', () => {
      const config = { suppressions: { requireReason: true, forbid: [] } };
      assert.deepEqual(run('Dockerfile', '# bulkhead-ignore image-tag-latest\nFROM ubuntu\n', config), [['unused-suppression', 1, '-'], ['image-tag-latest', 2, '-']]);
      assert.deepEqual(run('Dockerfile', '# bulkhead-ignore image-tag-latest -- TODO explain\nFROM ubuntu\n', config), [['unused-suppression', 1, '-'], ['image-tag-latest', 2, '-']]);
      assert.deepEqual(run('Dockerfile', '# bulkhead-ignore image-tag-latest -- vendor image, pinned by CI\nFROM ubuntu\n', config), [['image-tag-latest', 2, 'bulkhead: vendor image, pinned by CI']]);
    });
  });

  describe('the "ignore" quick fixes', () => {
    const ignore = (path: string, kind: 'dockerfile' | 'compose' | 'k8s', text: string, line: number, scope: 'line' | 'file') => {
      const source = new SourceFile(path, text);
      const finding = lint(source, { config: testConfig(), rules: [imageTagLatest, addInsteadOfCopy] }).findings.find((f) => range(source, f).line === line)!;
      const out = applyEdits(text, [suppressionEdit(source, kind, finding.ruleId, finding.span.start, scope)]);
      return { out, after: run(path, out) };
    };

    it('Dockerfile: above the instruction (continuations included) or after parser directives', () => {
      const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nADD a \\\n    b /x/\n';
      assert.deepEqual(ignore('Dockerfile', 'dockerfile', text, 3, 'line'), {
        out: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n# bulkhead-ignore add-instead-of-copy -- TODO: explain why this is acceptable\nADD a \\\n    b /x/\n',
        after: [['add-instead-of-copy', 4, 'bulkhead: TODO: explain why this is acceptable']],
      });
      assert.equal(ignore('Dockerfile', 'dockerfile', text, 3, 'file').out, '# syntax=docker/dockerfile:1\n# bulkhead-ignore-file add-instead-of-copy -- TODO: explain why this is acceptable\nFROM alpine:3.20\nADD a \\\n    b /x/\n');
    });

    it('YAML: a comment line indented like the node, CRLF kept', () => {
      const text = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n    - name: a\r\n      image: nginx\r\n    - name: b\r\n      image: redis\r\n';
      const { out, after } = ignore('p.yaml', 'k8s', text, 6, 'line');
      assert.equal(out, 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n    - name: a\r\n      # bulkhead-ignore image-tag-latest -- TODO: explain why this is acceptable\r\n      image: nginx\r\n    - name: b\r\n      image: redis\r\n');
      assert.deepEqual(after, [['image-tag-latest', 7, 'bulkhead: TODO: explain why this is acceptable'], ['image-tag-latest', 9, '-']]);
    });
  });
});
