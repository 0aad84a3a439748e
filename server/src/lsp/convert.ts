import { DiagnosticSeverity, type CodeDescription, type Diagnostic, type DiagnosticRelatedInformation, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Finding, Severity, SourceFile, Span, TextEdit } from '../engine';
import { findRule } from '../engine';
import type { DiagnosticData } from '../protocol';

/** The only place spans become LSP ranges (0-based lines, UTF-16 columns). */
export function toRange(source: SourceFile, span: Span): Range {
  return { start: source.lines.positionAt(span.start), end: source.lines.positionAt(span.end) };
}

export function toTextEdit(source: SourceFile, edit: TextEdit): LspTextEdit {
  return { range: toRange(source, edit.span), newText: edit.newText };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Identifies a finding within one document version: rule, message id and span. */
export function findingKey(f: Finding): string {
  return `${f.ruleId}:${f.messageId}:${f.span.start}:${f.span.end}`;
}

export function toDiagnostic(source: SourceFile, f: Finding): Diagnostic {
  const rule = findRule(f.ruleId);
  const codeDescription: CodeDescription | undefined = rule ? { href: rule.docsUrl } : undefined;
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri: URI.file(r.file.path).toString(), range: toRange(r.file, r.span) },
    message: r.message,
  }));
  const data: DiagnosticData = { ruleId: f.ruleId, key: findingKey(f) };
  return {
    range: toRange(source, f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    ...(codeDescription ? { codeDescription } : {}),
    source: 'bulkhead',
    message: f.message,
    ...(related?.length ? { relatedInformation: related } : {}),
    data,
  };
}
