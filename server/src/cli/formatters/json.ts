import { VERSION } from '../../version';
import { summarize, type FileReport } from '../../report/file-report';

/** The JSON contract of DESIGN.md: one document, 1-based lines and columns, read by other tools. */
export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify({
    version: 1,
    tool: { name: 'bulkhead', version: VERSION },
    files: reports.map((r) => ({
      path: r.path,
      kind: r.kind,
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: f.range,
        fixable: f.fix !== undefined,
        suppressed: f.suppressed !== undefined,
      })),
    })),
    summary: summarize(reports),
  }, null, 2) + '\n';
}
