import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import analysisLimit from './analysis-limit';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import invalidConfig from './invalid-config';
import syntaxError from './syntax-error';
import unusedSuppression from './unused-suppression';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  imageTagLatest,
];

/** Rules the engine reports itself (parse errors, limits, failures); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, invalidConfig, syntaxError, unusedSuppression];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
