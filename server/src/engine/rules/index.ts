import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import addRemoteUrl from './add-remote-url';
import analysisLimit from './analysis-limit';
import apparmorUnconfined from './apparmor-unconfined';
import aptInstallRecommends from './apt-install-recommends';
import baseImageEol from './base-image-eol';
import capabilitiesDangerous from './capabilities-dangerous';
import capabilitiesNotDropped from './capabilities-not-dropped';
import cmdShellForm from './cmd-shell-form';
import containerRunsAsRoot from './container-runs-as-root';
import containerSocketMounted from './container-socket-mounted';
import cpuLimitMissing from './cpu-limit-missing';
import cpuRequestMissing from './cpu-request-missing';
import datastorePortPublished from './datastore-port-published';
import dockerignoreMissing from './dockerignore-missing';
import exposePortInvalid from './expose-port-invalid';
import healthcheckMissing from './healthcheck-missing';
import hostDevicesMapped from './host-devices-mapped';
import hostNamespaceShared from './host-namespace-shared';
import hostPathSensitive from './host-path-sensitive';
import hostPathVolume from './host-path-volume';
import hostPortBound from './host-port-bound';
import imageDenied from './image-denied';
import imageDigestDrift from './image-digest-drift';
import imageDigestMissing from './image-digest-missing';
import imagePullPolicy from './image-pull-policy';
import imageRegistryUntrusted from './image-registry-untrusted';
import imageSignatureInvalid from './image-signature-invalid';
import imageSignatureMissing from './image-signature-missing';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import invalidConfig from './invalid-config';
import loggingDisabled from './logging-disabled';
import maintainerDeprecated from './maintainer-deprecated';
import memoryLimitMissing from './memory-limit-missing';
import memoryRequestMissing from './memory-request-missing';
import namespaceDefault from './namespace-default';
import packageCacheRetained from './package-cache-retained';
import packageSignatureBypass from './package-signature-bypass';
import packageUpdateAlone from './package-update-alone';
import packageVersionUnpinned from './package-version-unpinned';
import pidsLimitMissing from './pids-limit-missing';
import portPrivileged from './port-privileged';
import portPublishedAllInterfaces from './port-published-all-interfaces';
import privilegeEscalationAllowed from './privilege-escalation-allowed';
import privilegedContainer from './privileged-container';
import probeHostOverride from './probe-host-override';
import probeMissing from './probe-missing';
import procMountUnmasked from './proc-mount-unmasked';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacPrivilegeEscalation from './rbac-privilege-escalation';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacWildcard from './rbac-wildcard';
import remoteScriptPipedToShell from './remote-script-piped-to-shell';
import rootFilesystemWritable from './root-filesystem-writable';
import runAsNonRootUnverifiable from './run-as-non-root-unverifiable';
import seccompProfileMissing from './seccomp-profile-missing';
import seccompUnconfined from './seccomp-unconfined';
import secretAsEnvVar from './secret-as-env-var';
import secretFileInImage from './secret-file-in-image';
import secretInConfigmap from './secret-in-configmap';
import secretInEnv from './secret-in-env';
import selinuxRelaxed from './selinux-relaxed';
import serviceAccountTokenAutomounted from './service-account-token-automounted';
import serviceExposedExternally from './service-exposed-externally';
import sshPortExposed from './ssh-port-exposed';
import sudoInRun from './sudo-in-run';
import syntaxError from './syntax-error';
import sysctlUnsafe from './sysctl-unsafe';
import tlsVerificationDisabled from './tls-verification-disabled';
import unusedSuppression from './unused-suppression';
import volumeTypeRestricted from './volume-type-restricted';
import windowsHostProcess from './windows-host-process';
import workdirRelative from './workdir-relative';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  addRemoteUrl,
  apparmorUnconfined,
  aptInstallRecommends,
  baseImageEol,
  capabilitiesDangerous,
  capabilitiesNotDropped,
  cmdShellForm,
  containerRunsAsRoot,
  containerSocketMounted,
  cpuLimitMissing,
  cpuRequestMissing,
  datastorePortPublished,
  dockerignoreMissing,
  exposePortInvalid,
  healthcheckMissing,
  hostDevicesMapped,
  hostNamespaceShared,
  hostPathSensitive,
  hostPathVolume,
  hostPortBound,
  imageDenied,
  imageDigestDrift,
  imageDigestMissing,
  imagePullPolicy,
  imageRegistryUntrusted,
  imageSignatureInvalid,
  imageSignatureMissing,
  imageTagLatest,
  loggingDisabled,
  maintainerDeprecated,
  memoryLimitMissing,
  memoryRequestMissing,
  namespaceDefault,
  packageCacheRetained,
  packageSignatureBypass,
  packageUpdateAlone,
  packageVersionUnpinned,
  pidsLimitMissing,
  portPrivileged,
  portPublishedAllInterfaces,
  privilegeEscalationAllowed,
  privilegedContainer,
  probeHostOverride,
  probeMissing,
  procMountUnmasked,
  rbacClusterAdminBinding,
  rbacPrivilegeEscalation,
  rbacSecretsAccess,
  rbacWildcard,
  remoteScriptPipedToShell,
  rootFilesystemWritable,
  runAsNonRootUnverifiable,
  seccompProfileMissing,
  seccompUnconfined,
  secretAsEnvVar,
  secretFileInImage,
  secretInConfigmap,
  secretInEnv,
  selinuxRelaxed,
  serviceAccountTokenAutomounted,
  serviceExposedExternally,
  sshPortExposed,
  sudoInRun,
  sysctlUnsafe,
  tlsVerificationDisabled,
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
