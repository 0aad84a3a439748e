import { VERSION } from '../../version';
import type { FileReport } from '../../report/file-report';
import { documentOf, jsonAt, writeJsonDocument, type FileByFileFormat } from './file-by-file';

/** The JSON contract of DESIGN.md: one document, 1-based lines and columns, read by other tools. */
export const JSON_FORMAT: FileByFileFormat = {
  file: (r) =>
    jsonAt({
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
    }, 2),
  write: (parts, summary, out) => writeJsonDocument((files) => ({ version: 1, tool: { name: 'bulkhead', version: VERSION }, files, summary }), parts, out),
};

export const formatJson = (reports: readonly FileReport[]): string => documentOf(JSON_FORMAT, reports);
