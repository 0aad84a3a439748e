import { ALL_RULES, type FileKind, type Severity } from '../engine';
import { VERSION } from '../version';
import { summarize, type FileReport, type Summary } from './file-report';

/** Everything the report view, the HTML and the Markdown exports show. */
export interface ReportModel {
  readonly tool: { readonly name: 'bulkhead'; readonly version: string };
  readonly generatedAt: string;
  /** Absolute folder the paths are relative to (links open files under it). */
  readonly root: string;
  readonly totals: Summary & { readonly findings: number };
  readonly byRule: readonly { readonly ruleId: string; readonly title: string; readonly docsUrl: string; readonly count: number; readonly worst: Severity }[];
  readonly byKind: readonly { readonly kind: FileKind; readonly files: number; readonly findings: number }[];
  readonly topFiles: readonly { readonly path: string; readonly kind: FileKind; readonly error: number; readonly warning: number; readonly info: number }[];
  readonly findings: readonly ReportRow[];
  /** Findings beyond the cap are only in the SARIF/JSON exports. */
  readonly findingsOmitted: number;
  readonly images: readonly InventoryImage[];
}

export interface ReportRow {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface InventoryImage {
  readonly key: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  readonly pinned: boolean;
  readonly trusted: boolean | undefined;
  readonly unresolved: boolean;
  readonly uses: readonly { readonly path: string; readonly line: number; readonly column: number; readonly context: string; readonly use: string }[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const MAX_REPORT_FINDINGS = 5000;

export function buildReport(files: readonly FileReport[], root: string, now = new Date()): ReportModel {
  const totals = summarize(files);
  const rules = new Map<string, { count: number; worst: Severity }>();
  const kinds = new Map<FileKind, { files: number; findings: number }>();
  const rows: ReportRow[] = [];
  const images = new Map<string, InventoryImage & { uses: InventoryImage['uses'][number][] }>();
  for (const file of files) {
    const kind = kinds.get(file.kind) ?? { files: 0, findings: 0 };
    kinds.set(file.kind, kind);
    kind.files++;
    for (const f of file.findings) {
      if (f.suppressed) continue;
      kind.findings++;
      const r = rules.get(f.ruleId) ?? { count: 0, worst: f.severity };
      r.count++;
      if (RANK[f.severity] < RANK[r.worst]) r.worst = f.severity;
      rules.set(f.ruleId, r);
      rows.push({ path: file.path, line: f.range.start.line, column: f.range.start.column, ruleId: f.ruleId, severity: f.severity, message: f.message });
    }
    for (const i of file.images) {
      const entry = images.get(i.key) ?? { key: i.key, registry: i.registry, repository: i.repository, tag: i.tag, digest: i.digest, pinned: i.digest !== undefined, trusted: i.trusted, unresolved: i.unresolved, uses: [] };
      images.set(i.key, entry);
      entry.uses.push({ path: file.path, line: i.range.start.line, column: i.range.start.column, context: i.context, use: i.use });
    }
  }
  rows.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  const topFiles = files
    .map((f) => {
      const c = { error: 0, warning: 0, info: 0 };
      for (const x of f.findings) if (!x.suppressed) c[x.severity]++;
      return { path: f.path, kind: f.kind, ...c };
    })
    .filter((f) => f.error + f.warning + f.info > 0)
    .sort((a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info || a.path.localeCompare(b.path))
    .slice(0, 10);
  return {
    tool: { name: 'bulkhead', version: VERSION },
    generatedAt: now.toISOString(),
    root,
    totals: { ...totals, findings: totals.error + totals.warning + totals.info },
    byRule: [...rules]
      .map(([ruleId, r]) => {
        const rule = ALL_RULES.find((x) => x.id === ruleId);
        return { ruleId, title: rule?.title ?? ruleId, docsUrl: rule?.docsUrl ?? '', count: r.count, worst: r.worst };
      })
      .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
    byKind: [...kinds].map(([kind, k]) => ({ kind, ...k })).sort((a, b) => b.findings - a.findings || a.kind.localeCompare(b.kind)),
    topFiles,
    findings: rows.slice(0, MAX_REPORT_FINDINGS),
    findingsOmitted: Math.max(0, rows.length - MAX_REPORT_FINDINGS),
    images: [...images.values()].sort((a, b) => (a.trusted === false ? 0 : 1) - (b.trusted === false ? 0 : 1) || Number(a.pinned) - Number(b.pinned) || b.uses.length - a.uses.length || a.key.localeCompare(b.key)),
  };
}
