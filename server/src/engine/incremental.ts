import { analyzeDocument, analyzeParsed, assembleYamlSteps, byteLength, lint, prepare, runSteps, type DocumentAnalysis, type LintOptions, type LintResult } from './lint';
import { isComposeFileName } from './model/compose';
import { isMap, isSeq, type YamlDocument, type YMap, type YNode, type YPair, type YSeq } from './model/yaml';
import { parseYamlRegion, splitDocuments, type DocumentChunk } from './parse/yaml';
import type { RuleRunner } from './run-rules';
import { SourceFile } from './source';

interface Part {
  readonly start: number;
  readonly end: number;
  readonly analysis: DocumentAnalysis;
}

/** Counters of what the last `lint` call reused, for tests and the benchmark. */
export interface IncrementalStats {
  /** Documents whose analysis was reused as it was. */
  reused: number;
  /** Documents re-analysed after re-parsing only the block that holds the edit. */
  patched: number;
  /** Documents parsed and analysed from scratch. */
  parsed: number;
}

/**
 * Lints successive versions of one YAML file and re-analyses only what an edit touched. Documents
 * before and after the edit keep their analysis (it is document-relative, so moving is free);
 * in the edited document only the smallest block mapping or sequence that holds the edited lines
 * is re-parsed when that provably gives the same tree as parsing the whole document (no anchors,
 * no parse problems, unchanged indentation), else the document is parsed again. Cross-document
 * rules and suppressions run on every call. The result equals `lint` on the same text.
 */
export class IncrementalLinter {
  private state: { text: string; parts: Part[]; key: readonly unknown[] } | undefined;
  readonly stats: IncrementalStats = { reused: 0, patched: 0, parsed: 0 };

  lint(source: SourceFile, options: LintOptions = {}): LintResult {
    return runSteps(this.steps(source, options));
  }

  /**
   * `lint` in steps: it pauses after each YAML document it analyses and after each document's
   * cross-document rules, so a caller can answer other requests in between (the language server).
   * A caller that gives up part-way calls `return()` on the generator; what was not finished is
   * analysed again next time.
   */
  *steps(source: SourceFile, options: LintOptions = {}): Generator<void, LintResult> {
    const { config, kind, runner } = prepare(source, options);
    if ((kind !== 'compose' && kind !== 'k8s') || byteLength(source.text, config.maxFileSize) > config.maxFileSize) {
      this.state = undefined;
      return lint(source, options);
    }
    const key = [config, options.rules, kind, source.path, options.project, options.suggestions];
    const previous = this.state && this.state.key.every((k, i) => k === key[i]) ? this.state : undefined;
    // Patching re-uses the previous trees in place: until every document is done there is no state to go on from.
    this.state = undefined;
    const composeName = isComposeFileName(source.path);
    this.stats.reused = this.stats.patched = this.stats.parsed = 0;
    const analyze = previous
      ? this.updater(previous, source, runner, composeName)
      : (c: DocumentChunk): Part => {
          this.stats.parsed++;
          return { start: c.start, end: c.end, analysis: analyzeDocument(source, c, runner, composeName) };
        };
    const parts: Part[] = [];
    for (const chunk of splitDocuments(source.text)) {
      parts.push(analyze(chunk));
      yield;
    }
    this.state = { text: source.text, parts, key };
    return yield* assembleYamlSteps(source, kind, parts.map((p) => ({ offset: p.start, analysis: p.analysis })), runner, options.inventory === true);
  }

  /** Analyses the documents of a new version, re-using what the edit did not touch. */
  private updater(previous: { text: string; parts: Part[] }, source: SourceFile, runner: RuleRunner, composeName: boolean): (chunk: DocumentChunk) => Part {
    const before = previous.text;
    const after = source.text;
    const { prefix, suffix } = commonEnds(before, after);
    const delta = after.length - before.length;
    const old = new Map(previous.parts.map((p) => [`${p.start}:${p.end}`, p]));
    return (c) => {
      // Text before the edit is identical; text after it moved by delta.
      const same = c.end <= prefix ? old.get(`${c.start}:${c.end}`) : c.start >= after.length - suffix ? old.get(`${c.start - delta}:${c.end - delta}`) : undefined;
      if (same) {
        this.stats.reused++;
        return { start: c.start, end: c.end, analysis: same.analysis };
      }
      const edited = old.get(`${c.start}:${c.end - delta}`);
      if (edited && prefix >= c.start) {
        const patched = reparseRegion(edited.analysis, after.slice(c.start, c.end), source.path, prefix - c.start, before.length - suffix - c.start, delta, runner, composeName);
        if (patched) {
          this.stats.patched++;
          return { start: c.start, end: c.end, analysis: patched };
        }
      }
      this.stats.parsed++;
      return { start: c.start, end: c.end, analysis: analyzeDocument(source, c, runner, composeName) };
    };
  }
}

/**
 * Re-parses only the block node of one document that holds the edit `[a, b)` (document offsets
 * in the old text, `delta` = length change) and grafts it into the old tree. Undefined when the
 * shortcut does not apply; the caller then parses the whole document.
 */
function reparseRegion(old: DocumentAnalysis, text: string, path: string, a: number, b: number, delta: number, runner: RuleRunner, composeName: boolean): DocumentAnalysis | undefined {
  // Helm output puts `# Source:` comments between markers: empty documents may come first in a chunk.
  const doc = old.docs[old.docs.length - 1];
  if (!doc || old.docs.slice(0, -1).some((d) => !isEmptyDocument(d)) || doc.problems.length > 0 || doc.anchors || !doc.contents || doc.contents.type === 'scalar') return undefined;
  const oldText = old.source.text;
  // The edited lines, in the old text.
  const a0 = lineStart(oldText, a);
  const b0 = b > a0 ? lineEnd(oldText, b - 1) : a0;
  const target = findBlock(oldText, doc.contents, a0, b0);
  if (!target) return undefined;
  const { node, parent, depth } = target;
  const r0 = lineStart(oldText, node.span.start);
  const r1 = lineEnd(oldText, lastContent(oldText, node.span.end));
  const column = node.span.start - r0;
  const region = text.slice(r0, r1 + delta);
  if (!indentedAtLeast(region, column)) return undefined;
  const replacement = parseYamlRegion(region, r0, depth);
  // An edit above the node's first entry (a comment line inserted there) moves its start.
  const start = node.span.start + (b <= node.span.start ? delta : 0);
  if (!replacement || replacement.type !== node.type || (replacement as YMap | YSeq).flow || replacement.span.start !== start || replacement.span.end !== node.span.end + delta) return undefined;
  shiftTree(doc.contents, r1, delta, node);
  // The analysis being patched is owned by this linter: its tree is updated in place.
  (parent.pairs as YPair[])[parent.pairs.indexOf(target.pair)] = { ...target.pair, value: replacement, span: { start: target.pair.span.start, end: replacement.span.end } };
  const source = new SourceFile(path, text);
  const patched: YamlDocument = { index: doc.index, offset: doc.offset, source, contents: doc.contents, problems: [], anchors: false };
  return analyzeParsed([...old.docs.slice(0, -1).map((d) => ({ ...d, source })), patched], runner, composeName);
}

/** A document with nothing in it (a marker and comments), before the edit, so untouched by it. */
function isEmptyDocument(doc: YamlDocument): boolean {
  return doc.problems.length === 0 && (!doc.contents || (doc.contents.type === 'scalar' && doc.contents.value === null && doc.contents.text === ''));
}

/**
 * The deepest block mapping or sequence that is the value of a key, starts its own line and
 * whose whole lines contain `[a0, b0]`.
 */
function findBlock(text: string, root: YNode, a0: number, b0: number): { node: YMap | YSeq; parent: YMap; pair: YPair; depth: number } | undefined {
  const holds = (n: YNode): boolean => lineStart(text, n.span.start) <= a0 && lineEnd(text, lastContent(text, n.span.end)) >= b0;
  let best: { node: YMap | YSeq; parent: YMap; pair: YPair; depth: number } | undefined;
  let node: YNode | undefined = root;
  let depth = 0;
  while (node && (isMap(node) || isSeq(node)) && !node.flow) {
    let next: YNode | undefined;
    if (isMap(node)) {
      const pair = node.pairs.find((p) => p.value && (isMap(p.value) || isSeq(p.value)) && !p.value.flow && holds(p.value));
      if (pair) {
        next = pair.value as YMap | YSeq;
        if (text.slice(lineStart(text, next.span.start), next.span.start).trim() === '') best = { node: next, parent: node, pair, depth: depth + 1 };
      }
    } else next = node.items.find(holds);
    node = next;
    depth++;
  }
  return best;
}

/**
 * Moves spans at or after `from` by `delta`; spans that contain `from` grow. `skip` (being replaced)
 * is left alone. Children lie inside their parent's span, so a subtree that ends before `from` is
 * not walked; the tree has no shared nodes (documents with aliases are never patched).
 */
function shiftTree(node: YNode, from: number, delta: number, skip: YNode): void {
  const move = (s: { start: number; end: number }): void => {
    if (s.start >= from) s.start += delta;
    if (s.end >= from) s.end += delta;
  };
  const visit = (n: YNode): void => {
    if (n === skip || n.span.end < from) return;
    move(n.span);
    if (isMap(n)) {
      for (const p of n.pairs) {
        if (p.span.end < from) continue;
        move(p.span);
        visit(p.key);
        if (p.value) visit(p.value);
      }
    } else if (isSeq(n)) for (const i of n.items) visit(i);
  };
  visit(node);
}

/** Lengths of the common prefix and suffix (not overlapping): compared a block at a time, then a character at a time. */
export function commonEnds(before: string, after: string): { prefix: number; suffix: number } {
  const max = Math.min(before.length, after.length);
  const BLOCK = 4096;
  let prefix = 0;
  while (prefix + BLOCK <= max && before.slice(prefix, prefix + BLOCK) === after.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix;
  while (suffix + BLOCK <= room && before.slice(before.length - suffix - BLOCK, before.length - suffix) === after.slice(after.length - suffix - BLOCK, after.length - suffix)) suffix += BLOCK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the line break of the line holding `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The last non-blank character before `end` (block nodes' spans include trailing line breaks). */
function lastContent(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return Math.max(0, i - 1);
}

/** Every line with content (not a comment) is indented at least `column` spaces, with spaces only. */
function indentedAtLeast(region: string, column: number): boolean {
  for (const line of region.split('\n')) {
    if (!line.trim() || /^[ \t]*#/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent < column || line[indent] === '\t') return false;
  }
  return true;
}
