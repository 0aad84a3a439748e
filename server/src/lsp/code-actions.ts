import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, findRule, fixAll, suppressionEdit, type Finding, type Fix, type LintOptions, type LintResult } from '../engine';
import { diffLines } from '../cli/diff';
import { COMMANDS, type DiagnosticData } from '../protocol';
import { findingKey, toTextEdit } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulkhead`;
const NOT_SUPPRESSIBLE = new Set(['unused-suppression', 'internal-error']);

/**
 * Quick fixes for the diagnostics in the request, found again through their data key in the
 * lint result of the same document version (never re-derived from messages or ranges).
 */
export function quickFixes(document: TextDocument, result: LintResult, params: CodeActionParams): CodeAction[] {
  const byKey = new Map(result.findings.map((f) => [findingKey(f), f]));
  const actions: CodeAction[] = [];
  const offeredFixAll = new Set<string>();
  const docsOffered = new Set<string>();
  const offeredFileIgnore = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined;
    const finding = data && diagnostic.source === 'bulkhead' ? byKey.get(data.key) : undefined;
    if (!finding) continue;
    if (finding.fix) actions.push(action(document, result, finding.fix, diagnostic, true));
    for (const s of finding.suggestions ?? []) actions.push(action(document, result, s, diagnostic, false));
    const sameRule = result.findings.filter((f) => f.ruleId === finding.ruleId && f.fix && !f.suppressed);
    if (finding.fix && sameRule.length > 1 && !offeredFixAll.has(finding.ruleId)) {
      offeredFixAll.add(finding.ruleId);
      const combined = applyFixes(document.getText(), sameRule.map((f) => f.fix!));
      actions.push({
        title: `Fix all ${finding.ruleId} problems in this file`,
        kind: CodeActionKind.QuickFix,
        edit: { changes: { [document.uri]: combined.applied.flatMap((fix) => fix.edits.map((e) => toTextEdit(result.source, e))) } },
      });
    }
    if (!NOT_SUPPRESSIBLE.has(finding.ruleId) && result.kind !== 'other') {
      for (const scope of ['line', 'file'] as const) {
        if (scope === 'file') {
          if (offeredFileIgnore.has(finding.ruleId)) continue;
          offeredFileIgnore.add(finding.ruleId);
        }
        const edit = suppressionEdit(result.source, result.kind, finding.ruleId, finding.span.start, scope);
        actions.push({
          title: scope === 'line' ? `Ignore ${finding.ruleId} here (add a suppression comment)` : `Ignore ${finding.ruleId} in this file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [document.uri]: [toTextEdit(result.source, edit)] } },
        });
      }
    }
    if (!docsOffered.has(finding.ruleId) && findRule(finding.ruleId)) {
      docsOffered.add(finding.ruleId);
      actions.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${finding.ruleId}`, command: COMMANDS.showRuleDocs, arguments: [finding.ruleId] },
      });
    }
  }
  return actions;
}

function action(document: TextDocument, result: LintResult, fix: Fix, diagnostic: Diagnostic, preferred: boolean): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [document.uri]: fix.edits.map((e) => toTextEdit(result.source, e)) } },
  };
}

/** `source.fixAll.bulkhead`: every safe fix, multi-pass, as edits of the changed lines only. */
export function fixAllAction(document: TextDocument, result: LintResult, options: LintOptions): CodeAction | undefined {
  const fixed = fixAll(result.source, options);
  if (fixed.fixed.length === 0 || fixed.text === result.source.text) return undefined;
  return { title: `Fix all auto-fixable Bulkhead problems (${count(fixed.fixed)})`, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: lineEdits(document, result.source.text, fixed.text) } } };
}

/**
 * One edit per run of changed lines. Not one edit of the whole text: the editor keeps cursors,
 * folds and undo steps of untouched lines, and text the fixes did not change (secrets included)
 * is not sent back.
 */
export function lineEdits(document: TextDocument, before: string, after: string): LspTextEdit[] {
  const split = (text: string): string[] => text.split(/(?<=\n)/).filter((l) => l.length > 0);
  const a = split(before);
  const ops = diffLines(a, split(after));
  const offsets = [0];
  for (const line of a) offsets.push(offsets[offsets.length - 1]! + line.length);
  const edits: LspTextEdit[] = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i]!.op === ' ') {
      i++;
      continue;
    }
    const start = ops[i]!.a;
    let deleted = 0;
    let newText = '';
    for (; i < ops.length && ops[i]!.op !== ' '; i++) {
      if (ops[i]!.op === '-') deleted++;
      else newText += ops[i]!.text;
    }
    edits.push({ range: { start: document.positionAt(offsets[start]!), end: document.positionAt(offsets[start + deleted]!) }, newText });
  }
  return edits;
}

function count(findings: readonly Finding[]): string {
  return findings.length === 1 ? '1 fix' : `${findings.length} fixes`;
}
