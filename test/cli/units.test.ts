import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../rule-tester';

const CLI = join(ROOT, 'dist', 'cli.js');

function bulkhead(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: Helm charts and Kustomize overlays', function () {
  this.timeout(30000);

  it('reports a chart per file: the template and values.yaml, no YAML syntax errors', () => {
    const r = bulkhead(['web', '--format', 'json', '--only', 'memory-limit-missing,image-digest-missing,syntax-error'], join(ROOT, 'test/fixtures/helm'));
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout) as { files: { path: string; kind: string; findings: { ruleId: string; range: { start: { line: number; column: number } }; message: string }[] }[]; summary: object };
    assert.deepEqual(
      out.files.map((f) => [f.path, f.kind, f.findings.map((x) => `${x.ruleId} ${x.range.start.line}:${x.range.start.column}`)]),
      [
        ['web/templates/deployment.yaml', 'k8s', ['image-digest-missing 30:18']],
        ['web/templates/ingress.yaml', 'k8s', []],
        ['web/templates/service.yaml', 'k8s', []],
        ['web/templates/serviceaccount.yaml', 'k8s', []],
        ['web/templates/tests/test-connection.yaml', 'k8s', ['memory-limit-missing 9:13', 'image-digest-missing 10:14']],
        ['web/values.yaml', 'k8s', ['memory-limit-missing 31:1']],
      ],
    );
    assert.deepEqual(out.summary, { files: 6, error: 0, warning: 2, info: 2, suppressed: 0 });
  });

  it('a named template is analysed with its chart; values.yaml is reported with it', () => {
    const r = bulkhead(['web/templates/deployment.yaml', '--only', 'memory-limit-missing,root-filesystem-writable'], join(ROOT, 'test/fixtures/helm'));
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        '',
        'web/values.yaml',
        '  19:1  warning  Container "web" does not set securityContext.readOnlyRootFilesystem: true, so an intruder can change its binaries and store tools; mount writable volumes only where it must write.  root-filesystem-writable',
        '  31:1  warning  Container "web" has no memory limit (resources.limits.memory): a leak or a load spike can use up the node\'s memory and get other pods killed or evicted.  memory-limit-missing',
        '',
        '✖ 2 problems (0 errors, 2 warnings, 0 info) in 2 files checked',
        '',
      ].join('\n'),
    );
  });

  it('flags the overlay patch that makes the base privileged, and does not lint the patch as a manifest of its own', () => {
    const r = bulkhead(['overlays/privileged', '--fail-on', 'error'], join(ROOT, 'test/fixtures/kustomize'));
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        '',
        'overlays/privileged/privileged.yaml',
        '  11:25  warning  Container "web" is privileged, so privilege escalation is always allowed whatever allowPrivilegeEscalation says.  privilege-escalation-allowed',
        '  11:25  error    Container "web" runs privileged: it gets every capability and access to all host devices, and AppArmor, SELinux and seccomp are lifted, so escaping to the host is trivial. Grant only the capabilities it needs instead.  privileged-container',
        '',
        '✖ 2 problems (1 error, 1 warning, 0 info) in 2 files checked',
        '',
      ].join('\n'),
    );
  });
});
