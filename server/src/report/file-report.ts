import { imageKey, type FileKind, type Finding, type ImageRef, type ImageReference, type Severity, type SourceFile, type Span } from '../engine';

export interface Range1 {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

/** A finding with its positions already converted (1-based), so the file's text can be dropped. */
export interface ReportedFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range1;
  /** Trimmed text of the first line, for stable fingerprints. */
  readonly lineText: string;
  readonly fix: { readonly title: string; readonly edits: readonly { readonly range: Range1; readonly newText: string }[] } | undefined;
  readonly related: readonly { readonly path: string; readonly range: Range1; readonly message: string }[];
  readonly suppressed: { readonly by: string; readonly reason?: string } | undefined;
}

/** An image reference with its position converted. */
export interface ReportedImage {
  /** `nginx:1.27@sha256:...`: familiar name, tag, digest. */
  readonly key: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  readonly unresolved: boolean;
  readonly use: string;
  readonly context: string;
  readonly range: Range1;
  /** Whether config `trustedRegistries` allows it; undefined when no list is configured. */
  readonly trusted: boolean | undefined;
}

/** What was analysed in one file (CLI or audit); formatters turn a list of these into output. */
export interface FileReport {
  /** Path as printed: relative to the working directory (or workspace folder), forward slashes. */
  readonly path: string;
  readonly kind: FileKind;
  readonly findings: readonly ReportedFinding[];
  readonly images: readonly ReportedImage[];
}

export interface Summary {
  readonly files: number;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly suppressed: number;
}

/** 1-based line and column (UTF-16 units) of a span: the CLI's one conversion. */
export function oneBased(source: SourceFile, span: Span): Range1 {
  const s = source.lines.positionAt(span.start);
  const e = source.lines.positionAt(span.end);
  return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
}

export function toReport(
  path: string,
  kind: FileKind,
  source: SourceFile,
  findings: readonly Finding[],
  displayPath: (abs: string) => string,
  images: readonly ImageReference[] = [],
  trusted: (ref: ImageRef) => boolean | undefined = () => undefined,
): FileReport {
  return {
    path,
    kind,
    images: images.map((i) => ({
      key: imageKey(i.ref),
      registry: i.ref.registry,
      repository: i.ref.repository,
      tag: i.ref.tag,
      digest: i.ref.digest,
      unresolved: i.ref.unresolved,
      use: i.use,
      context: i.context,
      range: oneBased(source, i.span),
      trusted: trusted(i.ref),
    })),
    findings: findings.map((f) => {
      const range = oneBased(source, f.span);
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        range,
        lineText: source.lines.lineText(range.start.line - 1).trim(),
        fix: f.fix ? { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: oneBased(source, e.span), newText: e.newText })) } : undefined,
        related: (f.related ?? []).map((r) => ({ path: r.file === source ? path : displayPath(r.file.path), range: oneBased(r.file, r.span), message: r.message })),
        suppressed: f.suppressed,
      };
    }),
  };
}

/** The counts of several runs' or files' summaries together. */
export function totalOf(summaries: readonly Summary[]): Summary {
  const total = { files: 0, error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const s of summaries) for (const key of Object.keys(total) as (keyof Summary)[]) total[key] += s[key];
  return total;
}

export function summarize(reports: readonly FileReport[]): Summary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      if (f.suppressed) suppressed++;
      else counts[f.severity]++;
    }
  }
  return { files: reports.length, ...counts, suppressed };
}
