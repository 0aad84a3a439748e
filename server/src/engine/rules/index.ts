import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import apparmorUnconfined from './apparmor-unconfined';
import capabilitiesDangerous from './capabilities-dangerous';
import capabilitiesNotDropped from './capabilities-not-dropped';
import hostNamespaceShared from './host-namespace-shared';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import privilegeEscalationAllowed from './privilege-escalation-allowed';
import privilegedContainer from './privileged-container';
import probeHostOverride from './probe-host-override';
import procMountUnmasked from './proc-mount-unmasked';
import rootFilesystemWritable from './root-filesystem-writable';
import seccompProfileMissing from './seccomp-profile-missing';
import seccompUnconfined from './seccomp-unconfined';
import selinuxRelaxed from './selinux-relaxed';
import syntaxError from './syntax-error';
import sysctlUnsafe from './sysctl-unsafe';
import volumeTypeRestricted from './volume-type-restricted';
import windowsHostProcess from './windows-host-process';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  apparmorUnconfined,
  capabilitiesDangerous,
  capabilitiesNotDropped,
  hostNamespaceShared,
  imageTagLatest,
  privilegeEscalationAllowed,
  privilegedContainer,
  probeHostOverride,
  procMountUnmasked,
  rootFilesystemWritable,
  seccompProfileMissing,
  seccompUnconfined,
  selinuxRelaxed,
  sysctlUnsafe,
  volumeTypeRestricted,
  windowsHostProcess,
];

/** Rules the engine reports itself (parse errors, limits, failures); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, syntaxError];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
