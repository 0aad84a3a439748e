import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, findRule, fixAll, type Finding, type Fix, type LintOptions, type LintResult } from '../engine';
import { COMMANDS, type DiagnosticData } from '../protocol';
import { findingKey, toTextEdit } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulkhead`;

/**
 * Quick fixes for the diagnostics in the request, found again through their data key in the
 * lint result of the same document version (never re-derived from messages or ranges).
 */
export function quickFixes(document: TextDocument, result: LintResult, params: CodeActionParams): CodeAction[] {
  const byKey = new Map(result.findings.map((f) => [findingKey(f), f]));
  const actions: CodeAction[] = [];
  const offeredFixAll = new Set<string>();
  const docsOffered = new Set<string>();
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

/** `source.fixAll.bulkhead`: every safe fix, multi-pass, as one edit of the whole text. */
export function fixAllAction(document: TextDocument, result: LintResult, options: LintOptions): CodeAction | undefined {
  const fixed = fixAll(result.source, options);
  if (fixed.fixed.length === 0 || fixed.text === result.source.text) return undefined;
  const edit: LspTextEdit = { range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, newText: fixed.text };
  return { title: `Fix all auto-fixable Bulkhead problems (${count(fixed.fixed)})`, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [edit] } } };
}

function count(findings: readonly Finding[]): string {
  return findings.length === 1 ? '1 fix' : `${findings.length} fixes`;
}
