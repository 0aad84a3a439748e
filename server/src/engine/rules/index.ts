import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import aptInstallRecommends from './apt-install-recommends';
import cmdShellForm from './cmd-shell-form';
import exposePortInvalid from './expose-port-invalid';
import healthcheckMissing from './healthcheck-missing';
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
import probeMissing from './probe-missing';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacPrivilegeEscalation from './rbac-privilege-escalation';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacWildcard from './rbac-wildcard';
import serviceAccountTokenAutomounted from './service-account-token-automounted';
import sshPortExposed from './ssh-port-exposed';
import sudoInRun from './sudo-in-run';
import syntaxError from './syntax-error';
import unusedSuppression from './unused-suppression';
import workdirRelative from './workdir-relative';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  aptInstallRecommends,
  cmdShellForm,
  exposePortInvalid,
  healthcheckMissing,
  imagePullPolicy,
  imageTagLatest,
  loggingDisabled,
  maintainerDeprecated,
  namespaceDefault,
  packageCacheRetained,
  packageUpdateAlone,
  packageVersionUnpinned,
  probeMissing,
  rbacClusterAdminBinding,
  rbacPrivilegeEscalation,
  rbacSecretsAccess,
  rbacWildcard,
  serviceAccountTokenAutomounted,
  sshPortExposed,
  sudoInRun,
  workdirRelative,
];

/** Rules the engine reports itself (parse errors, limits, failures, suppressions, config); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, invalidConfig, syntaxError, unusedSuppression];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
