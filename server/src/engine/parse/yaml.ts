import { Alias, isAlias, isMap as isYamlMap, isPair, isScalar as isYamlScalar, isSeq as isYamlSeq, parseAllDocuments, Scalar, visit, type Document, type Node as YamlLibNode } from 'yaml';
import { YMap, YSeq, type YamlDocument, type YamlProblem, type YNode, type YPair, type YScalar } from '../model/yaml';
import { SourceFile, type Span } from '../source';
import { MAX_FAST_DEPTH, parseSimpleYaml } from './yaml-fast';

/** Nesting deeper than this is not converted (reported once per document). */
export const MAX_YAML_DEPTH = 200;
/** Alias expansion allowed per document: a multiple of its written size, plus headroom. */
const ALIAS_EXPANSION_FACTOR = 10;
const ALIAS_EXPANSION_HEADROOM = 10_000;
/** Syntax errors reported per document; a file of garbage would otherwise give one per line. */
export const MAX_SYNTAX_PROBLEMS = 50;

export interface DocumentChunk {
  readonly start: number;
  readonly end: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** A `---` after nothing but blank and comment lines. */
const DOCUMENT_START = /^(?:[ \t]*(?:#[^\n]*)?\n)*---(?:[ \t\r\n]|$)/;

/**
 * Splits a YAML stream into document texts at `---` and after `...` lines. YAML forbids these
 * markers at the start of a line inside any scalar, so a text-level split is exact. A chunk
 * that holds only comments, blank lines or directives joins the next one.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const starts: number[] = [0];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m[0] === '---') {
      if (m.index > 0) starts.push(m.index);
    } else {
      const nl = text.indexOf('\n', m.index);
      if (nl >= 0 && nl + 1 < text.length) starts.push(nl + 1);
    }
  }
  const chunks: DocumentChunk[] = [];
  let pending = 0;
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const isLast = i + 1 === starts.length;
    if (!isLast && !hasContent(text, starts[i]!, end)) continue;
    chunks.push({ start: pending, end });
    pending = end;
  }
  return chunks;
}

/** Whether text[start, end) has anything but comments, blank lines, directives and a bare marker. */
function hasContent(text: string, start: number, end: number): boolean {
  const chunk = text.slice(start, end);
  return /^(?![ \t]*(?:#.*)?\r?$)(?!%)(?!---[ \t]*(?:#.*)?\r?$)(?!\.\.\.[ \t]*\r?$)/m.test(chunk);
}

/**
 * Whether parsing tries `parseSimpleYaml` before the library. Tests and scripts/yaml-fast-check.ts
 * turn it off to get the library's result, which the fast path must equal wherever it accepts.
 */
export const yamlFastPath = { enabled: true };

function parseFast(text: string, base: number): YNode[] | undefined {
  return yamlFastPath.enabled ? parseSimpleYaml(text, base) : undefined;
}

/** Parses one document text into the tree. `offset` is where it starts in the whole file. */
export function parseYamlDocument(file: SourceFile, chunk: DocumentChunk, index: number): YamlDocument[] {
  const source = new SourceFile(file.path, file.text.slice(chunk.start, chunk.end));
  const fast = parseFast(source.text, 0);
  if (fast) return fast.map((contents, i) => ({ index: index + i, offset: chunk.start, source, contents, problems: [], anchors: false }));
  let docs: Document.Parsed[];
  try {
    const parsed = withoutStackTraces(() => parseAllDocuments(source.text, { prettyErrors: false, uniqueKeys: true, merge: false, strict: false }));
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    return [{ index, offset: chunk.start, source, contents: undefined, problems: [{ kind: 'syntax', message: `YAML could not be parsed: ${(error as Error).message}`, span: { start: 0, end: 0 } }] }];
  }
  if (docs.length === 0) return [{ index, offset: chunk.start, source, contents: undefined, problems: [] }];
  return docs.map((doc, i) => convertDocument(doc, source, chunk.start, index + i));
}

/**
 * Runs `parse` with stack traces off: the parser makes an Error per problem, and capturing their
 * stacks (never read) made a file of garbage lines several times slower to parse.
 */
function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Parses a whole YAML stream with every span relative to the whole file (each document's
 * `source` is `file`, `offset` 0), for trees that point into several documents of a file.
 */
export function parseYamlFile(file: SourceFile): YamlDocument[] {
  const out: YamlDocument[] = [];
  for (const chunk of splitDocuments(file.text)) {
    const fast = parseFast(file.text.slice(chunk.start, chunk.end), chunk.start);
    if (fast) {
      for (const contents of fast) out.push({ index: out.length, offset: 0, source: file, contents, problems: [], anchors: false });
      continue;
    }
    let docs: Document.Parsed[];
    try {
      const parsed = withoutStackTraces(() => parseAllDocuments(file.text.slice(chunk.start, chunk.end), { prettyErrors: false, uniqueKeys: true, merge: false, strict: false }));
      docs = Array.isArray(parsed) ? parsed : [];
    } catch {
      docs = [];
    }
    for (const doc of docs) out.push(convertDocument(doc, file, 0, out.length, chunk.start));
  }
  return out;
}

/** Parses a whole YAML stream. */
export function parseYamlStream(file: SourceFile): YamlDocument[] {
  const out: YamlDocument[] = [];
  for (const chunk of splitDocuments(file.text)) out.push(...parseYamlDocument(file, chunk, out.length));
  return out;
}

/**
 * Parser messages that end by quoting source text, which can be a whole line (even a megabyte of
 * it) or a secret: the message stops before the quote, the finding's range shows the text.
 */
const QUOTES_SOURCE = /^(Unexpected [\w-]+ token in YAML stream|Not a YAML token|Block scalar header includes extra characters): /;

/** `base`: where the parsed text starts in `source` (spans are made relative to `source`). */
function convertDocument(doc: Document.Parsed, source: SourceFile, offset: number, index: number, base = 0): YamlDocument {
  const problems: YamlProblem[] = doc.errors.slice(0, MAX_SYNTAX_PROBLEMS).map((e) => ({
    kind: 'syntax',
    message: QUOTES_SOURCE.exec(e.message)?.[1] ?? e.message,
    span: widenToToken(source.text, e.pos[0] + base, e.pos[1] + base),
  }));
  if (doc.errors.length > MAX_SYNTAX_PROBLEMS) {
    const last = problems[problems.length - 1]!.span;
    problems.push({ kind: 'limit', message: `${doc.errors.length - MAX_SYNTAX_PROBLEMS} more YAML syntax errors in this document are not shown`, span: last });
  }
  const converter = new Converter(doc, problems, base);
  let contents = converter.convert(doc.contents as YamlLibNode | null, 0);
  // Only aliases can make a document bigger than written.
  if (contents && converter.anchors && converter.expandedSize(doc.contents as YamlLibNode) > converter.writtenNodes * ALIAS_EXPANSION_FACTOR + ALIAS_EXPANSION_HEADROOM) {
    const line = source.lines.positionAt(contents.span.start).line;
    const firstLine = { start: contents.span.start, end: source.lines.lineContentEnd(line) };
    problems.push({ kind: 'limit', message: 'YAML aliases expand this document beyond a safe size (alias bomb?); it was not analysed', span: firstLine });
    contents = undefined;
  }
  return { index, offset, source, contents, problems, anchors: converter.anchors };
}

/**
 * Parses `text` (a run of whole lines of a document, starting at `base`) alone, as the block node
 * it holds. Undefined when it does not parse cleanly as one node without anchors, aliases, tags or
 * directives: the caller then re-parses the whole document.
 */
export function parseYamlRegion(text: string, base: number, depth: number): YNode | undefined {
  // Nodes of a fast parse are at most MAX_FAST_DEPTH below the region: never past the converter's limit.
  const fast = depth + MAX_FAST_DEPTH <= MAX_YAML_DEPTH ? parseFast(text, base) : undefined;
  if (fast) return fast.length === 1 && fast[0]!.type !== 'scalar' && !DOCUMENT_START.test(text) ? fast[0] : undefined;
  let docs: Document.Parsed[];
  try {
    docs = withoutStackTraces(() => parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, merge: false, strict: false })) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0]!.errors.length > 0 || docs[0]!.warnings.length > 0 || docs[0]!.directives.docStart) return undefined;
  const problems: YamlProblem[] = [];
  const converter = new Converter(docs[0]!, problems, base);
  const node = converter.convert(docs[0]!.contents as YamlLibNode | null, depth);
  if (converter.anchors || problems.length > 0 || !node || node.type === 'scalar') return undefined;
  return node;
}

class Converter {
  private readonly memo = new Map<YamlLibNode, YNode | undefined>();
  private readonly sizes = new Map<YamlLibNode, number>();
  /** Each alias's target, found in one walk (the library's `resolve` walks the document per alias). */
  private targets: Map<Alias, YamlLibNode> | undefined;
  private depthReported = false;
  writtenNodes = 0;
  /** Whether the document uses anchors or aliases (then no part of it is re-parsed alone). */
  anchors = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly problems: YamlProblem[],
    /** Added to every offset: where the parsed text starts in the document. */
    private readonly base = 0,
  ) {}

  private span(node: YamlLibNode): Span {
    const r = node.range ?? [0, 0, 0];
    return { start: r[0] + this.base, end: Math.max(r[0], r[1]) + this.base };
  }

  convert(node: YamlLibNode | null | undefined, depth: number): YNode | undefined {
    if (!node) return undefined;
    if (isAlias(node)) return this.alias(node, depth);
    if ((node as { anchor?: string }).anchor) this.anchors = true;
    const cached = this.memo.get(node);
    if (cached !== undefined || this.memo.has(node)) return cached;
    if (depth > MAX_YAML_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.problems.push({ kind: 'limit', message: `YAML nesting deeper than ${MAX_YAML_DEPTH} levels; the deeper part was not analysed`, span: this.span(node) });
      }
      return undefined;
    }
    this.memo.set(node, undefined); // guards against self-referencing anchors
    this.writtenNodes++;
    let result: YNode | undefined;
    if (isYamlScalar(node)) result = scalar(node, this.span(node));
    else if (isYamlMap(node)) {
      const pairs: YPair[] = [];
      const merged: YMap[] = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as YamlLibNode | null;
        const key = this.convert(keyNode, depth + 1);
        const value = this.convert(item.value as YamlLibNode | null, depth + 1);
        const keyText = key && key.type === 'scalar' ? key.text : '';
        if (keyText === '<<' && isYamlScalar(keyNode) && keyNode.type === Scalar.PLAIN) {
          if (value instanceof YMap) merged.push(value);
          else if (value instanceof YSeq) for (const v of value.items) if (v instanceof YMap) merged.push(v);
          continue;
        }
        if (!key) continue;
        const keySpan = key.type === 'scalar' && key.aliasSpan ? key.aliasSpan : key.span;
        const valueEnd = item.value ? this.span(item.value as YamlLibNode).end : keySpan.end;
        pairs.push({ key, keyText, value, span: { start: keySpan.start, end: Math.max(keySpan.end, valueEnd) } });
      }
      result = new YMap(this.span(node), pairs, merged, node.flow === true);
    } else if (isYamlSeq(node)) {
      const list: YNode[] = [];
      for (const item of node.items) {
        const v = this.convert(item as YamlLibNode, depth + 1);
        if (v) list.push(v);
      }
      result = new YSeq(this.span(node), list, node.flow === true);
    }
    this.memo.set(node, result);
    return result;
  }

  private alias(node: Alias, depth: number): YNode | undefined {
    this.anchors = true;
    const target = this.target(node);
    if (!target) return undefined;
    const resolved = this.convert(target, depth);
    if (resolved && resolved.type === 'scalar') return { ...resolved, aliasSpan: this.span(node) };
    return resolved;
  }

  /** The node an alias refers to: the last node before it with that anchor, as `Alias.resolve` defines it. */
  private target(alias: Alias): YamlLibNode | undefined {
    if (!this.targets) {
      const targets = new Map<Alias, YamlLibNode>();
      const anchored = new Map<string, YamlLibNode>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const found = anchored.get(node.source);
            if (found) targets.set(node, found);
          } else if ((node as { anchor?: string }).anchor) anchored.set((node as { anchor: string }).anchor, node as YamlLibNode);
        },
      });
      this.targets = targets;
    }
    return this.targets.get(alias);
  }

  /** Node count with every alias expanded, memoized per node so bombs are counted, not walked. */
  expandedSize(node: YamlLibNode | null | undefined): number {
    if (!node) return 0;
    if (isAlias(node)) return this.expandedSize(this.target(node));
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    this.sizes.set(node, 1); // cycles count once
    let size = 1;
    if (isYamlMap(node)) for (const p of node.items) size += this.expandedSize(p.key as YamlLibNode) + this.expandedSize(p.value as YamlLibNode);
    else if (isYamlSeq(node)) for (const i of node.items) size += this.expandedSize(i as YamlLibNode);
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    this.sizes.set(node, size);
    return size;
  }
}

/** The parser points at one character; a squiggle under the whole token there is easier to see. */
function widenToToken(text: string, at: number, to: number): Span {
  // The parser may point one past the end of the text (an error at end of input).
  const start = Math.min(at, text.length);
  const end = Math.min(Math.max(to, start), text.length);
  if (end - start > 1) return { start, end };
  const token = /^[^\s:,[\]{}#]+/.exec(text.slice(start, start + 256));
  return { start, end: Math.max(end, start + (token ? token[0].length : 0)) };
}


const STYLE: Record<string, YScalar['style']> = {
  [Scalar.PLAIN]: 'plain',
  [Scalar.QUOTE_SINGLE]: 'single',
  [Scalar.QUOTE_DOUBLE]: 'double',
  [Scalar.BLOCK_LITERAL]: 'literal',
  [Scalar.BLOCK_FOLDED]: 'folded',
};

function scalar(node: Scalar, span: Span): YScalar {
  const value = node.value;
  const source = (node as { source?: unknown }).source;
  const text = typeof value === 'string' ? value : typeof source === 'string' ? source : String(value ?? '');
  return { type: 'scalar', span, text, value, style: STYLE[node.type ?? Scalar.PLAIN] ?? 'plain' };
}
