import type { LintResult } from './lint';

/**
 * What a unit of analysis gives that spans several files (a Helm chart, a Kustomize overlay): one
 * lint result per file, each finding in its own file's coordinates. Every file of the unit has a
 * result, empty when clean, so a caller can clear what it showed before.
 */
export interface UnitResult {
  readonly files: readonly LintResult[];
}
