import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import aptInstallRecommends from './apt-install-recommends';
import cmdShellForm from './cmd-shell-form';
import exposePortInvalid from './expose-port-invalid';
import healthcheckMissing from './healthcheck-missing';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import invalidConfig from './invalid-config';
import maintainerDeprecated from './maintainer-deprecated';
import packageCacheRetained from './package-cache-retained';
import packageUpdateAlone from './package-update-alone';
import packageVersionUnpinned from './package-version-unpinned';
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
  imageTagLatest,
  maintainerDeprecated,
  packageCacheRetained,
  packageUpdateAlone,
  packageVersionUnpinned,
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
