import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileName } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { findRule, RULES } from '../../server/src/engine/rules/index';
import { SourceFile } from '../../server/src/engine/source';
import { ROOT, testConfig } from '../rule-tester';

/**
 * Pod Security admission's own pass/fail fixtures (test/fixtures/pss, from
 * kubernetes/pod-security-admission): under the matching profile, a `fail` pod must get at least
 * one error from the rules that answer the control, a `pass` pod none. Restricted is a superset
 * of baseline, so baseline `fail` pods must also fail under pss-restricted.
 *
 * The fixtures are the current behaviour: for each file name, the newest version folder that has
 * it; restricted `pass` files older than v1.22 are left out, since their base pod predates the
 * capabilities and seccomp requirements of restricted.
 */

const FIXTURES = join(ROOT, 'test', 'fixtures', 'pss');

/** The rules that implement the Pod Security controls these fixtures exercise. */
const POD_SECURITY_RULES = [
  'apparmor-unconfined',
  'capabilities-dangerous',
  'capabilities-not-dropped',
  'host-namespace-shared',
  'privilege-escalation-allowed',
  'privileged-container',
  'probe-host-override',
  'proc-mount-unmasked',
  'seccomp-profile-missing',
  'seccomp-unconfined',
  'selinux-relaxed',
  'sysctl-unsafe',
  'volume-type-restricted',
  'windows-host-process',
];

/**
 * Controls answered by rules outside the set above, per enforced level: their `fail` fixtures are
 * checked once those rules are registered (under restricted, volume-type-restricted already
 * forbids hostPath volumes).
 */
const OTHER_OWNERS: Readonly<Record<string, readonly string[]>> = {
  'baseline/hostpathvolumes': ['host-path-volume'],
  'baseline/hostports': ['host-port-bound'],
  'restricted/hostports': ['host-port-bound'],
};

type Level = 'baseline' | 'restricted';

function fixtures(level: Level, verdict: 'pass' | 'fail'): string[] {
  const dir = join(FIXTURES, level, verdict);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
}

/** `capabilities_baseline2.yaml` → `capabilities_baseline`. */
function checkOf(file: string): string {
  return file.replace(/\d*\.yaml$/, '');
}

function findings(level: Level, verdict: 'pass' | 'fail', file: string, profile: ProfileName, ruleIds: readonly string[]) {
  const path = join(FIXTURES, level, verdict, file);
  const source = new SourceFile(path, readFileSync(path, 'utf8'));
  const result = lint(source, { config: testConfig({ profile }), rules: RULES });
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'syntax-error' || f.ruleId === 'internal-error').map((f) => f.message), []);
  return result.findings.filter((f) => ruleIds.includes(f.ruleId) && !f.suppressed);
}

describe('Pod Security Standards conformance', () => {
  it('has fixtures for every level and verdict', () => {
    for (const level of ['baseline', 'restricted'] as const) {
      assert.ok(fixtures(level, 'pass').length > 5 && fixtures(level, 'fail').length > 5, level);
    }
  });

  const cases: { level: Level; verdict: 'pass' | 'fail'; profile: ProfileName }[] = [
    { level: 'baseline', verdict: 'pass', profile: 'pss-baseline' },
    { level: 'baseline', verdict: 'fail', profile: 'pss-baseline' },
    { level: 'baseline', verdict: 'fail', profile: 'pss-restricted' },
    { level: 'restricted', verdict: 'pass', profile: 'pss-restricted' },
    { level: 'restricted', verdict: 'fail', profile: 'pss-restricted' },
  ];
  for (const { level, verdict, profile } of cases) {
    describe(`${level} ${verdict} fixtures under ${profile}`, () => {
      for (const file of fixtures(level, verdict)) {
        it(file, function () {
          const owners = OTHER_OWNERS[`${profile === 'pss-baseline' ? 'baseline' : 'restricted'}/${checkOf(file)}`] ?? [];
          if (verdict === 'fail' && owners.some((id) => !findRule(id))) this.skip();
          const found = findings(level, verdict, file, profile, [...POD_SECURITY_RULES, ...owners]);
          const describe = found.map((f) => `${f.ruleId} [${f.severity}]: ${f.message}`);
          if (verdict === 'pass') assert.deepEqual(describe, [], 'a passing pod gets no finding');
          else assert.ok(found.some((f) => f.severity === 'error'), `a failing pod gets an error, got: ${JSON.stringify(describe)}`);
        });
      }
    });
  }
});
