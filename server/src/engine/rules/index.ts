import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import containerRunsAsRoot from './container-runs-as-root';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import secretAsEnvVar from './secret-as-env-var';
import secretFileInImage from './secret-file-in-image';
import secretInConfigmap from './secret-in-configmap';
import secretInEnv from './secret-in-env';
import syntaxError from './syntax-error';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  containerRunsAsRoot,
  imageTagLatest,
  secretAsEnvVar,
  secretFileInImage,
  secretInConfigmap,
  secretInEnv,
];

/** Rules the engine reports itself (parse errors, limits, failures); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, syntaxError];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
