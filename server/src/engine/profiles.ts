import type { ProfileName } from './config';
import type { Rule, RuleKind, RuleSetting, Severity } from './rule';

/**
 * Which rules each profile turns on. `recommended` uses the catalogue severities; `strict` turns
 * every rule on (rules that are off by default at info). The Pod Security Standards profiles turn
 * on exactly the PSS controls, for Kubernetes only, at error severity; `cis-docker` turns on the
 * CIS Docker Benchmark section 4 and 5 rules at their default severity (warning when off by default).
 */
const PSS_BASELINE = [
  'apparmor-unconfined',
  'capabilities-dangerous',
  'host-namespace-shared',
  'host-path-sensitive',
  'host-path-volume',
  'host-port-bound',
  'privileged-container',
  'probe-host-override',
  'proc-mount-unmasked',
  'seccomp-unconfined',
  'selinux-relaxed',
  'sysctl-unsafe',
  'windows-host-process',
];

const PSS_RESTRICTED = [
  ...PSS_BASELINE,
  'capabilities-not-dropped',
  'container-runs-as-root',
  'privilege-escalation-allowed',
  'seccomp-profile-missing',
  'volume-type-restricted',
];

const CIS_DOCKER = [
  'add-instead-of-copy',
  'apparmor-unconfined',
  'base-image-eol',
  'capabilities-dangerous',
  'container-runs-as-root',
  'container-socket-mounted',
  'cpu-limit-missing',
  'healthcheck-missing',
  'host-devices-mapped',
  'host-namespace-shared',
  'host-path-sensitive',
  'image-registry-untrusted',
  'logging-disabled',
  'memory-limit-missing',
  'package-signature-bypass',
  'package-update-alone',
  'pids-limit-missing',
  'port-privileged',
  'port-published-all-interfaces',
  'privilege-escalation-allowed',
  'privileged-container',
  'root-filesystem-writable',
  'seccomp-unconfined',
  'secret-file-in-image',
  'secret-in-env',
  'selinux-relaxed',
  'ssh-port-exposed',
];

export const PROFILE_RULES: Readonly<Partial<Record<ProfileName, { readonly ids: readonly string[]; readonly kinds?: readonly RuleKind[] }>>> = {
  'pss-baseline': { ids: PSS_BASELINE, kinds: ['k8s'] },
  'pss-restricted': { ids: PSS_RESTRICTED, kinds: ['k8s'] },
  'cis-docker': { ids: CIS_DOCKER },
};

/** How a profile runs a rule on a kind: off, or on with a forced severity (or the rule's own). */
export function profileSetting(rule: Rule, profile: ProfileName, kind: RuleKind): { on: false } | { on: true; severity: Severity | undefined } {
  switch (profile) {
    case 'recommended':
      return rule.severity === 'off' ? { on: false } : { on: true, severity: undefined };
    case 'strict':
      return { on: true, severity: rule.severity === 'off' ? 'info' : undefined };
    default: {
      const entry = PROFILE_RULES[profile]!;
      if (!entry.ids.includes(rule.id) || (entry.kinds && !entry.kinds.includes(kind))) return { on: false };
      if (profile === 'cis-docker') return { on: true, severity: rule.severity === 'off' ? 'warning' : undefined };
      return { on: true, severity: 'error' };
    }
  }
}

/** Resolves the severity a finding gets: config override, else the profile's, else the report's, else the rule's. */
export function resolveSeverity(rule: Rule, profile: ProfileName, kind: RuleKind, override: RuleSetting | undefined): { on: false } | { on: true; severity: Severity | undefined } {
  if (override === 'off') return { on: false };
  if (override) return { on: true, severity: override };
  return profileSetting(rule, profile, kind);
}
