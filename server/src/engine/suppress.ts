import type { EngineConfig } from './config';
import FOREIGN from './data/foreign-pragmas.json';
import type { DockerfileModel } from './model/dockerfile';
import type { K8sObject } from './model/k8s';
import { isMap, isScalar, isSeq, str, type YamlDocument, type YNode } from './model/yaml';
import { formatMessage, type Finding, type TextEdit } from './rule';
import unusedSuppression from './rules/unused-suppression';
import type { SourceFile, Span } from './source';

/**
 * Suppressions: our own comments and annotations, and other tools' pragmas mapped to our ids
 * through `data/foreign-pragmas.json`. Everything works on rule ids and spans, never on messages.
 */

export type SuppressionOrigin = 'bulkhead' | 'hadolint' | 'checkov' | 'kics' | 'trivy' | 'kube-linter' | 'kube-score' | 'polaris';

export interface Suppression {
  readonly origin: SuppressionOrigin;
  /** Rule ids it silences, or every rule. */
  readonly rules: ReadonlySet<string> | 'all';
  /** Findings whose span starts inside are covered. */
  readonly scope: Span;
  /** Covers the whole file (`bulkhead-ignore-file`, `hadolint global`, ...), wherever it is written. */
  readonly wholeFile?: boolean;
  readonly reason: string | undefined;
  /** The comment or annotation, where problems with the suppression itself are reported. */
  readonly site: Span;
  /** Ids written in our own syntax that are not Bulkhead rules. */
  readonly unknownIds: readonly string[];
}

const FOREIGN_MAP = FOREIGN as unknown as Record<Exclude<SuppressionOrigin, 'bulkhead' | 'kics'>, Record<string, string[]>>;

/** Findings about suppressions themselves, and engine failures, cannot be suppressed. */
const UNSUPPRESSIBLE = new Set(['unused-suppression', 'internal-error']);

/** `rule-a, rule-b -- reason` → ids and reason. */
function parseIdsAndReason(text: string): { ids: string[]; reason: string | undefined } {
  const dash = text.indexOf('--');
  const idsPart = dash >= 0 ? text.slice(0, dash) : text;
  const reason = dash >= 0 ? text.slice(dash + 2).trim() || undefined : undefined;
  return { ids: idsPart.split(/[\s,]+/).filter(Boolean), reason };
}

function ownRules(ids: readonly string[], known: (id: string) => boolean): { rules: Set<string> | 'all'; unknownIds: string[] } {
  if (ids.includes('all')) return { rules: 'all', unknownIds: [] };
  return { rules: new Set(ids.filter(known)), unknownIds: ids.filter((id) => !known(id)) };
}

function mapForeign(origin: keyof typeof FOREIGN_MAP, ids: readonly string[]): Set<string> {
  const table = FOREIGN_MAP[origin];
  const out = new Set<string>();
  for (const id of ids) for (const rule of table[normalizeForeignId(origin, id)] ?? []) out.add(rule);
  return out;
}

/** Trivy writes `AVD-DS-0002`, `DS002` or `AVD-KSV-0012`; the table uses `DS-0002` / `KSV-0012`. */
function normalizeForeignId(origin: string, id: string): string {
  if (origin !== 'trivy') return id;
  const m = /^(?:AVD-)?([A-Z]+)-?0*(\d+)$/i.exec(id);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.padStart(4, '0')}` : id;
}

/**
 * Reads one comment's text (after `#`). `next` is the scope of the following instruction/node,
 * `line` the scope of the following line, `whole` the file (or the YAML document for Checkov).
 */
function fromComment(
  text: string,
  site: Span,
  scopes: { next: Span | undefined; line: Span | undefined; document: Span },
  known: (id: string) => boolean,
): Suppression | undefined {
  const t = text.trim();
  let m: RegExpExecArray | null;
  const make = (origin: SuppressionOrigin, rules: ReadonlySet<string> | 'all', scope: Span | 'file' | undefined, reason: string | undefined, unknownIds: string[] = []): Suppression | undefined =>
    scope === 'file' ? { origin, rules, scope: scopes.document, wholeFile: true, reason, site, unknownIds } : scope ? { origin, rules, scope, reason, site, unknownIds } : undefined;
  if ((m = /^bulkhead-ignore(-file)?(?:\s+([\s\S]*))?$/.exec(t))) {
    const { ids, reason } = parseIdsAndReason(m[2] ?? '');
    const { rules, unknownIds } = ownRules(ids, known);
    return make('bulkhead', rules, m[1] ? 'file' : scopes.next, reason, ids.length === 0 ? ['(no rule id)'] : unknownIds);
  }
  if ((m = /^hadolint\s+(global\s+)?ignore=([\w,\s]+)$/.exec(t))) {
    return make('hadolint', mapForeign('hadolint', m[2]!.split(/[\s,]+/).filter(Boolean)), m[1] ? 'file' : scopes.next, undefined);
  }
  if ((m = /^checkov:skip=([\w]+)(?::(.*))?$/.exec(t))) {
    return make('checkov', mapForeign('checkov', [m[1]!]), scopes.document, m[2]?.trim() || undefined);
  }
  if ((m = /^kics-scan\s+(ignore-line|ignore-block|ignore)\s*$/.exec(t))) {
    const scope = m[1] === 'ignore-line' ? scopes.line : m[1] === 'ignore-block' ? scopes.next : 'file';
    return make('kics', 'all', scope, undefined);
  }
  if ((m = /^trivy:ignore:([\w*-]+)/.exec(t))) {
    return make('trivy', m[1] === '*' ? 'all' : mapForeign('trivy', [m[1]!]), scopes.next, undefined);
  }
  return undefined;
}

/** Suppression comments of a Dockerfile: a comment applies to the next instruction (with its continuation lines). */
export function dockerfileSuppressions(model: DockerfileModel, known: (id: string) => boolean): Suppression[] {
  const out: Suppression[] = [];
  const file = { start: 0, end: model.source.text.length };
  const instructions = model.instructions.filter((i) => !i.onbuild);
  for (const c of model.comments) {
    const next = instructions.find((i) => i.span.start >= c.span.end);
    // A comment inside a continued instruction belongs to that instruction.
    const inside = instructions.find((i) => i.span.start < c.span.start && c.span.end <= i.span.end);
    const lineScope = lineAfter(model.source, c.span.end);
    const s = fromComment(c.text, c.span, { next: inside?.span ?? next?.span, line: lineScope, document: file }, known);
    if (s) out.push(s);
  }
  return out;
}

const COMMENT = /(^|[ \t])#[ \t]*((?:bulkhead-ignore|hadolint|checkov:skip|kics-scan|trivy:ignore)[^\r\n]*)/gm;

/**
 * Suppression comments and annotations of one YAML document (spans relative to the document).
 * A comment on its own line applies to the next node and its subtree (at the top of a document:
 * the whole document); after a key on the same line, to that key.
 */
export function yamlSuppressions(doc: YamlDocument, objects: readonly K8sObject[], known: (id: string) => boolean): Suppression[] {
  const out: Suppression[] = [];
  const text = doc.source.text;
  const docSpan = { start: 0, end: text.length };
  COMMENT.lastIndex = 0;
  let m = COMMENT.exec(text);
  if (m) {
    const index = nodeIndex(doc.contents);
    for (; m; m = COMMENT.exec(text)) {
      const hash = m.index + m[1]!.length;
      if (index.inScalar(hash)) continue;
      const site = { start: hash, end: hash + m[0].length - m[1]!.length };
      const lineStart = text.lastIndexOf('\n', hash - 1) + 1;
      const before = text.slice(lineStart, hash);
      let next: Span | undefined;
      if (before.trim()) next = index.at(firstToken(text, lineStart));
      else {
        const target = nextContentLine(text, site.end);
        if (target !== undefined) next = doc.contents && target === doc.contents.span.start ? docSpan : index.at(target);
      }
      const s = fromComment(m[2]!, site, { next, line: lineAfter(doc.source, site.end), document: docSpan }, known);
      if (s) out.push(s);
    }
  }
  for (const object of objects) out.push(...annotationSuppressions(object, known));
  return out;
}

/** `bulkhead.dev/ignore` and the peers' annotations on an object or its pod template: they cover the object. */
function annotationSuppressions(object: K8sObject, known: (id: string) => boolean): Suppression[] {
  const out: Suppression[] = [];
  const scope = object.node.span;
  for (const meta of [object.metadata, object.pod?.template ? object.pod.metadata : undefined]) {
    const ann = meta?.get('annotations');
    if (!isMap(ann)) continue;
    const reason = str(ann.get('bulkhead.dev/ignore-reason'));
    for (const p of ann.entries()) {
      const value = str(p.value) ?? '';
      const key = p.keyText;
      const site = p.span;
      let m: RegExpExecArray | null;
      if (key === 'bulkhead.dev/ignore') {
        const ids = value.split(/[\s,]+/).filter(Boolean);
        const { rules, unknownIds } = ownRules(ids, known);
        out.push({ origin: 'bulkhead', rules, scope, reason, site, unknownIds: ids.length === 0 ? ['(no rule id)'] : unknownIds });
      } else if ((m = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key))) {
        out.push({ origin: 'kube-linter', rules: mapForeign('kube-linter', [m[1]!]), scope, reason: value || undefined, site, unknownIds: [] });
      } else if (/^checkov\.io\/skip\d+$/.test(key)) {
        const [id, why] = value.split('=');
        out.push({ origin: 'checkov', rules: mapForeign('checkov', [id!.trim()]), scope, reason: why?.trim() || undefined, site, unknownIds: [] });
      } else if (key === 'kube-score/ignore') {
        out.push({ origin: 'kube-score', rules: mapForeign('kube-score', value.split(/[\s,]+/).filter(Boolean)), scope, reason: undefined, site, unknownIds: [] });
      } else if ((m = /^polaris\.fairwinds\.com\/(?:(.+)-)?exempt$/.exec(key)) && /^true$/i.test(value)) {
        out.push({ origin: 'polaris', rules: m[1] ? mapForeign('polaris', [m[1]]) : 'all', scope, reason: undefined, site, unknownIds: [] });
      }
    }
  }
  return out;
}

/**
 * Marks covered findings as suppressed and adds findings about the suppressions themselves:
 * unused own suppressions, unknown ids, missing reasons (when required) and forbidden rules.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], config: EngineConfig): Finding[] {
  const used = new Map<Suppression, Set<string>>();
  const forbidden = new Set(config.suppressions.forbid);
  const needsReason = (s: Suppression): boolean => config.suppressions.requireReason && (!s.reason || /^todo\b/i.test(s.reason));
  const out: Finding[] = [];
  for (const f of findings) {
    if (UNSUPPRESSIBLE.has(f.ruleId)) {
      out.push(f);
      continue;
    }
    const covering = suppressions.filter((s) => (s.rules === 'all' || s.rules.has(f.ruleId)) && (s.wholeFile || (f.span.start >= s.scope.start && f.span.start <= s.scope.end)));
    if (covering.length === 0) {
      out.push(f);
      continue;
    }
    for (const s of covering) {
      const ids = used.get(s) ?? new Set<string>();
      ids.add(f.ruleId);
      used.set(s, ids);
    }
    const valid = covering.find((s) => !needsReason(s));
    if (forbidden.has(f.ruleId)) out.push({ ...f, message: `${f.message} (Not suppressed: ${f.ruleId} cannot be suppressed in this project.)` });
    else if (!valid) out.push({ ...f, message: `${f.message} (Not suppressed: the suppression needs a reason after "--".)` });
    else out.push({ ...f, suppressed: { by: valid.origin, ...(valid.reason ? { reason: valid.reason } : {}) } });
  }
  for (const s of suppressions) {
    const report = (messageId: keyof typeof unusedSuppression.messages, data: Record<string, string>): void => {
      out.push({ ruleId: unusedSuppression.id, messageId, severity: 'info', message: formatMessage(unusedSuppression.messages[messageId], data), span: s.site });
    };
    if (s.origin !== 'bulkhead') continue; // other tools' pragmas may target their own checks
    for (const id of s.unknownIds) report('unknownRule', { id });
    if (needsReason(s)) report('missingReason', {});
    if (s.rules === 'all') {
      if (!used.has(s)) report('unused', { ids: 'all' });
      continue;
    }
    const unusedIds = [...s.rules].filter((id) => !used.get(s)?.has(id));
    if (unusedIds.length > 0) report('unused', { ids: unusedIds.join(', ') });
  }
  return out;
}

/** The span of the line after `offset` (the line that follows the comment's line). */
function lineAfter(source: SourceFile, offset: number): Span | undefined {
  const line = source.lines.positionAt(offset).line + 1;
  if (line >= source.lines.lineCount) return undefined;
  return { start: source.lines.lineStart(line), end: source.lines.lineContentEnd(line) };
}

/** Offset of the first non-blank character of the first line after `offset` that is not blank or a comment. */
function nextContentLine(text: string, offset: number): number | undefined {
  const re = /\n([ \t]*)(?![ \t]*(?:#|\r?\n|$))/g;
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m.index + 1 + m[1]!.length : undefined;
}

function firstToken(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/**
 * Where nodes start: each pair by its key, each sequence item by its value and by its `-`.
 * Also answers whether an offset lies inside a scalar (a `#` there is text, not a comment).
 */
function nodeIndex(root: YNode | undefined): { at(offset: number): Span | undefined; inScalar(offset: number): boolean } {
  const starts = new Map<number, Span>();
  const scalars: Span[] = [];
  const seen = new Set<YNode>();
  const visit = (node: YNode | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (isScalar(node)) {
      if (node.style !== 'plain') scalars.push(node.span);
    } else if (isMap(node)) {
      for (const p of node.pairs) {
        if (!starts.has(p.span.start)) starts.set(p.span.start, p.span);
        visit(p.key);
        visit(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (!starts.has(item.span.start)) starts.set(item.span.start, item.span);
        visit(item);
      }
    }
  };
  visit(root);
  return {
    at(offset: number): Span | undefined {
      const direct = starts.get(offset);
      if (direct) return direct;
      // `- name: x`: the `-` starts the sequence item that follows it.
      for (let i = offset + 1; i < offset + 16; i++) {
        const s = starts.get(i);
        if (s) return { start: offset, end: s.end };
      }
      return undefined;
    },
    inScalar: (offset) => scalars.some((s) => offset > s.start && offset < s.end),
  };
}

/** What the "ignore" quick fixes write after the rule id; a reason starting with TODO does not count as one. */
export const REASON_PLACEHOLDER = 'TODO: explain why this is acceptable';

/**
 * The edit that suppresses `ruleId` for the instruction or YAML node holding `offset` (a comment
 * line above it, indented like it) or for the whole file (after Dockerfile parser directives).
 */
export function suppressionEdit(source: SourceFile, kind: 'dockerfile' | 'compose' | 'k8s', ruleId: string, offset: number, scope: 'line' | 'file'): TextEdit {
  const eol = source.eol;
  if (scope === 'file') {
    const comment = `# bulkhead-ignore-file ${ruleId} -- ${REASON_PLACEHOLDER}${eol}`;
    if (kind !== 'dockerfile') return { span: { start: 0, end: 0 }, newText: comment };
    // Parser directives must stay first in a Dockerfile.
    let line = 0;
    while (line < source.lines.lineCount && /^#\s*(syntax|escape|check)\s*=/i.test(source.lines.lineText(line))) line++;
    const at = source.lines.lineStart(line);
    return { span: { start: at, end: at }, newText: comment };
  }
  let line = source.lines.positionAt(offset).line;
  if (kind === 'dockerfile') {
    // Walk up to the first line of a continued instruction.
    const escape = /^#\s*escape\s*=\s*`/im.test(source.text.slice(0, 200)) ? '`' : '\\';
    while (line > 0 && continues(source.lines.lineText(line - 1), escape)) line--;
  }
  const text = source.lines.lineText(line);
  const indent = /^[ \t]*/.exec(text)![0];
  const at = source.lines.lineStart(line);
  return { span: { start: at, end: at }, newText: `${indent}# bulkhead-ignore ${ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

function continues(lineText: string, escape: string): boolean {
  const trimmed = lineText.replace(/[ \t]+$/, '');
  return trimmed.endsWith(escape) && !/^\s*#/.test(lineText);
}
