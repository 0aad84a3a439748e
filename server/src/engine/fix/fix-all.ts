import { lint, type LintOptions } from '../lint';
import type { Finding } from '../rule';
import { SourceFile } from '../source';
import { applyFixes } from './apply';

export const MAX_FIX_PASSES = 10;

export interface FixAllResult {
  readonly text: string;
  /** The findings whose safe fixes were applied, over all passes. */
  readonly fixed: readonly Finding[];
  readonly passes: number;
}

/**
 * Applies every safe fix, re-linting between passes so that fixes skipped for overlapping an
 * earlier one are recomputed on the new text (never reusing stale edits), up to 10 passes.
 */
export function fixAll(source: SourceFile, options: LintOptions = {}, only?: (f: Finding) => boolean): FixAllResult {
  let text = source.text;
  const fixed: Finding[] = [];
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const findings = lint(new SourceFile(source.path, text), options).findings.filter((f) => f.fix && !f.suppressed && (!only || only(f)));
    if (findings.length === 0) break;
    const result = applyFixes(text, findings.map((f) => f.fix!));
    if (result.applied.length === 0) break;
    passes++;
    fixed.push(...findings.filter((f) => result.applied.includes(f.fix!)));
    text = result.text;
  }
  return { text, fixed, passes };
}
