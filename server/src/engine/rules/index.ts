import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import apparmorUnconfined from './apparmor-unconfined';
import aptInstallRecommends from './apt-install-recommends';
import capabilitiesDangerous from './capabilities-dangerous';
import capabilitiesNotDropped from './capabilities-not-dropped';
import cmdShellForm from './cmd-shell-form';
import exposePortInvalid from './expose-port-invalid';
import healthcheckMissing from './healthcheck-missing';
import hostNamespaceShared from './host-namespace-shared';
import imagePullPolicy from './image-pull-policy';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import invalidConfig from './invalid-config';
import loggingDisabled from './logging-disabled';
import maintainerDeprecated from './maintainer-deprecated';
import namespaceDefault from './namespace-default';
import packageCacheRetained from './package-cache-retained';
import packageUpdateAlone from './package-update-alone';
import packageVersionUnpinned from './package-version-unpinned';
import privilegeEscalationAllowed from './privilege-escalation-allowed';
import privilegedContainer from './privileged-container';
import probeHostOverride from './probe-host-override';
import probeMissing from './probe-missing';
import procMountUnmasked from './proc-mount-unmasked';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacPrivilegeEscalation from './rbac-privilege-escalation';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacWildcard from './rbac-wildcard';
import rootFilesystemWritable from './root-filesystem-writable';
import seccompProfileMissing from './seccomp-profile-missing';
import seccompUnconfined from './seccomp-unconfined';
import selinuxRelaxed from './selinux-relaxed';
import serviceAccountTokenAutomounted from './service-account-token-automounted';
import sshPortExposed from './ssh-port-exposed';
import sudoInRun from './sudo-in-run';
import syntaxError from './syntax-error';
import sysctlUnsafe from './sysctl-unsafe';
import unusedSuppression from './unused-suppression';
import volumeTypeRestricted from './volume-type-restricted';
import windowsHostProcess from './windows-host-process';
import workdirRelative from './workdir-relative';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  apparmorUnconfined,
  aptInstallRecommends,
  capabilitiesDangerous,
  capabilitiesNotDropped,
  cmdShellForm,
  exposePortInvalid,
  healthcheckMissing,
  hostNamespaceShared,
  imagePullPolicy,
  imageTagLatest,
  loggingDisabled,
  maintainerDeprecated,
  namespaceDefault,
  packageCacheRetained,
  packageUpdateAlone,
  packageVersionUnpinned,
  privilegeEscalationAllowed,
  privilegedContainer,
  probeHostOverride,
  probeMissing,
  procMountUnmasked,
  rbacClusterAdminBinding,
  rbacPrivilegeEscalation,
  rbacSecretsAccess,
  rbacWildcard,
  rootFilesystemWritable,
  seccompProfileMissing,
  seccompUnconfined,
  selinuxRelaxed,
  serviceAccountTokenAutomounted,
  sshPortExposed,
  sudoInRun,
  sysctlUnsafe,
  volumeTypeRestricted,
  windowsHostProcess,
  workdirRelative,
];

/** Rules the engine reports itself (parse errors, limits, failures, suppressions, config); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, invalidConfig, syntaxError, unusedSuppression];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
