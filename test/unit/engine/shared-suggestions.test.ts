import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { lint } from '../../../server/src/engine/lint';
import type { Finding } from '../../../server/src/engine/rule';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent, testConfig } from '../../rule-tester';

/**
 * The suggestions several rules attach to the same container or service ("Add resource limits
 * and requests", "Harden container") are one and the same fix: applied from any of those
 * findings, it clears all of them at once.
 */

const RESOURCE_RULES = ['memory-limit-missing', 'cpu-limit-missing', 'memory-request-missing', 'cpu-request-missing', 'pids-limit-missing'];
const RESTRICTED_RULES = ['privilege-escalation-allowed', 'capabilities-not-dropped', 'root-filesystem-writable', 'seccomp-profile-missing', 'container-runs-as-root'];

function findings(path: string, text: string): Finding[] {
  return lint(new SourceFile(path, text), { config: testConfig() }).findings.filter((f) => !f.suppressed);
}

/**
 * The findings of `rules` that carry the suggestion `title` (with `firstPlace`, only those at
 * the place of the first one: the first container's name), and that suggestion, asserted
 * identical on all of them.
 */
function shared(path: string, text: string, rules: readonly string[], title: string, firstPlace = false): { found: Finding[]; output: string } {
  const all = findings(path, text).filter((f) => rules.includes(f.ruleId) && f.suggestions?.some((s) => s.title === title));
  const found = firstPlace ? all.filter((f) => f.span.start === all[0]!.span.start) : all;
  assert.ok(found.length > 1, `several findings carry "${title}"`);
  const fixes = found.map((f) => f.suggestions!.find((s) => s.title === title)!);
  for (const fix of fixes) assert.deepEqual(fix, fixes[0]);
  return { found, output: applyEdits(text, fixes[0]!.edits) };
}

describe('suggestions shared by several rules', () => {
  it('Kubernetes: one "Add resource limits and requests" clears the limit and request findings of its container', () => {
    const text = dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
            - name: sidecar
              image: envoyproxy/envoy:v1.31.0
    `;
    const { found, output } = shared('deploy.yaml', text, RESOURCE_RULES, 'Add resource limits and requests', true);
    assert.deepEqual(found.map((f) => f.ruleId).sort(), ['cpu-limit-missing', 'cpu-request-missing', 'memory-limit-missing', 'memory-request-missing']);
    assert.equal(output, dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
              resources:
                limits:
                  memory: 512Mi
                  cpu: 500m
                requests:
                  memory: 256Mi
                  cpu: 250m
            - name: sidecar
              image: envoyproxy/envoy:v1.31.0
    `);
    // Only the other container's findings are left.
    const left = findings('deploy.yaml', output).filter((f) => RESOURCE_RULES.includes(f.ruleId));
    assert.deepEqual(left.map((f) => f.ruleId).sort(), ['cpu-limit-missing', 'cpu-request-missing', 'memory-limit-missing', 'memory-request-missing']);
    assert.ok(left.every((f) => f.message.startsWith('Container "sidecar"')));
  });

  it('Compose: one "Add resource limits and requests" clears the memory, CPU and PIDs findings of its service', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n';
    const { found, output } = shared('compose.yaml', text, RESOURCE_RULES, 'Add resource limits and requests');
    assert.deepEqual(found.map((f) => f.ruleId).sort(), ['cpu-limit-missing', 'memory-limit-missing', 'pids-limit-missing']);
    assert.equal(output, 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n          cpus: "0.5"\n          pids: 200\n');
    assert.deepEqual(findings('compose.yaml', output).filter((f) => RESOURCE_RULES.includes(f.ruleId)), []);
  });

  it('Kubernetes: one "Harden container" clears the restricted-profile findings of its container', () => {
    const text = dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: true
            capabilities: {drop: [NET_RAW]}
    `;
    const { found, output } = shared('pod.yaml', text, RESTRICTED_RULES, 'Harden container');
    assert.deepEqual(found.map((f) => f.ruleId).sort(), RESTRICTED_RULES.slice().sort());
    assert.equal(output, dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [NET_RAW, ALL]}
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
    `);
    assert.deepEqual(findings('pod.yaml', output).filter((f) => RESTRICTED_RULES.includes(f.ruleId)).map((f) => f.message), []);
  });

  it('Kubernetes: "Harden container" replaces a container\'s runAsNonRoot: false and clears the root finding with the others', () => {
    const text = dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
              securityContext: {runAsNonRoot: false, readOnlyRootFilesystem: true}
    `;
    const { found, output } = shared('deploy.yaml', text, RESTRICTED_RULES, 'Harden container');
    assert.deepEqual(found.map((f) => f.ruleId).sort(), ['capabilities-not-dropped', 'container-runs-as-root', 'privilege-escalation-allowed', 'seccomp-profile-missing']);
    assert.equal(found.find((f) => f.ruleId === 'container-runs-as-root')!.messageId, 'runAsNonRootFalse');
    assert.equal(output, dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
              securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
    `);
    assert.deepEqual(findings('deploy.yaml', output).filter((f) => RESTRICTED_RULES.includes(f.ruleId)).map((f) => f.message), []);
  });
});
