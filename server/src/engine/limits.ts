import type { Finding } from './rule';
import analysisLimit from './rules/analysis-limit';
import { systemFinding } from './run-rules';

/** The one finding of a file whose analysis was stopped (over its time budget, or its worker failed). */
export function analysisStopped(reason: string): Finding {
  return systemFinding(analysisLimit, 'stopped', { reason }, { start: 0, end: 0 });
}
