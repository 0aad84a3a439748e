import { YMap, YSeq, type YNode, type YPair, type YScalar } from '../model/yaml';

/**
 * A single-pass parser for the YAML that manifests are made of: block maps and sequences, plain,
 * quoted and block scalars, one-line flow collections and comments. Given the text of one chunk
 * from `splitDocuments`, it gives the contents of each document in it (one, after any empty
 * ones), exactly as the `yaml` library and our converter give them, spans included (offset by
 * `base`), and declines anything else (anchors, tags, explicit keys, tabs, CRLF, odd indentation,
 * any syntax error) for the caller to fall back on the library. The library's lexer is
 * generator-based; this is many times faster on the huge CRD documents that dominate real
 * repositories.
 *
 * Where spans depend on the library's token rules (which comment lines a value's end takes in,
 * where an empty value sits, when a plain scalar goes on to the next line), the code below follows
 * the library's lexer (`parse/lexer.js`) and parser (`parse/parser.js`) step by step; the names of
 * the functions it mirrors are given next to it.
 */
export function parseSimpleYaml(text: string, base = 0): YNode[] | undefined {
  try {
    return parseOrThrow(text, base);
  } catch {
    return undefined; // declined, or a bug: the library path gives the right answer either way
  }
}

/** `parseSimpleYaml` that lets a bug's exception through (for tests); undefined when it declines. */
export function parseOrThrow(text: string, base = 0): YNode[] | undefined {
  // The library skips a byte order mark at the start of a line before a document: none at all here.
  if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\ufeff') >= 0) return undefined;
  const parser = new FastYamlParser(text, base);
  try {
    return parser.documents();
  } catch (error) {
    if (declineTrace.enabled) declineTrace.at = parser.nextPos;
    if (error === DECLINE || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Thrown (never an Error, so no stack is captured) to give up on a text. */
const DECLINE = { declined: true };
function decline(): never {
  if (declineTrace.enabled) declineTrace.where = new Error().stack?.split('\n')[2]?.trim() ?? '';
  throw DECLINE;
}

/** For scripts/yaml-fast-check.ts: where the last text was declined (code line, and the next content line). */
export const declineTrace = { enabled: false, where: '', at: -1 };

/** Collections nested deeper are left to the library, which reports its own depth limit. */
export const MAX_FAST_DEPTH = 100;
/** Maps with more keys look up duplicates in a set instead of comparing with every key. */
const LINEAR_KEY_CHECK = 16;

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOT = 46;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const PIPE = 124;
const GREATER = 62;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;

/** The lexer's `isEmpty` (tabs and CRs never get here): a space, a newline or the end. */
function isBlank(c: number): boolean {
  return c === SPACE || c === NEWLINE || c !== c;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE;
}

/**
 * Whether a plain scalar may start with `c` (followed by `next`) without being something else
 * (indicator, anchor, tag, alias, directive) or an error the library reports.
 */
function startsPlain(c: number, next: number, inFlow: boolean): boolean {
  switch (c) {
    case HASH:
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case OPEN_BRACE:
    case CLOSE_BRACE:
    case COMMA:
    case 42: // * alias
    case 33: // ! tag
    case 38: // & anchor
    case 37: // % directive
    case 64: // @ reserved
    case 96: // ` reserved
    case PIPE:
    case GREATER:
    case DOUBLE_QUOTE:
    case SINGLE_QUOTE:
      return false;
    case DASH:
    case 63: // ?
    case COLON:
      return !isBlank(next) && !(inFlow && isFlowIndicator(next));
    default:
      return c > SPACE;
  }
}

class FastYamlParser {
  /** The lexer's `indentNext`: how far continuation lines of a scalar must be indented. */
  private indentNext = 0;
  /** First character of the next content line (after blank and comment lines), or the text length. */
  nextPos = 0;
  /** Column of `nextPos`; -1 at the end of the text. */
  private nextIndent = -1;
  /** Whether the blank and comment lines before `nextPos` hold a comment. */
  private sawComment = false;
  /**
   * Deepest column of a comment in the comment lines that follow the last value and were not taken
   * into its end (-1 if none): the parser leaves them to the innermost collection that ends
   * there, which then reaches to `nextPos`, unless all of them are less indented than it.
   */
  private trailMax = -1;
  /** Where the library's range of the node just parsed ends (`range[2]`: trailing comments and newline included). */
  private end = 0;
  /** After a plain scalar scan: the `:` indicator that ended it, or -1. */
  private colon = -1;
  /** After a flow collection or an item in one: where it ends. */
  private flowEnd = 0;
  /** After a plain scalar scan: whether it went on over a newline. */
  private crossedLine = false;
  /** After a scalar scan: whether its text spans lines. */
  private multiline = false;
  private depth = 0;
  private readonly length: number;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {
    this.length = text.length;
  }

  /** The contents of each document in the text: empty ones (`---` and comments) and then one with content. */
  documents(): YNode[] {
    const text = this.text;
    // Before the first document: blank and comment lines (the lexer's `parseStream`).
    let p = 0;
    for (;;) {
      let q = p;
      while (text.charCodeAt(q) === SPACE) q++;
      const c = text.charCodeAt(q);
      if (c === NEWLINE) p = q + 1;
      else if (c === HASH) {
        const nl = text.indexOf('\n', q);
        if (nl < 0) decline();
        p = nl + 1;
      } else if (q >= this.length) decline(); // no document at all
      else break;
    }
    if (text.charCodeAt(p) === 37) decline(); // a directive
    const docs: YNode[] = [];
    while (this.isMarker(p, DASH)) {
      let q = p + 3;
      while (text.charCodeAt(q) === SPACE) q++;
      // An empty document's null sits after the marker (`composeEmptyNode`).
      const emptyAt = q;
      const c = text.charCodeAt(q);
      if (c === HASH) q = text.indexOf('\n', q);
      else if (c !== NEWLINE) q = q >= this.length ? this.length : -1; // content on the marker line
      if (q < 0) decline();
      p = q + 1;
      // Up to the next marker there are only blank and comment lines: an empty document.
      let r = p;
      for (;;) {
        let n = r;
        while (text.charCodeAt(n) === SPACE) n++;
        const d = text.charCodeAt(n);
        if (d === NEWLINE) r = n + 1;
        else if (d === HASH) r = this.lineEnd(n);
        else break;
      }
      if (r < this.length && !this.isMarker(r, DASH)) break;
      docs.push(this.emptyScalar(emptyAt));
      if (r >= this.length) return docs;
      p = r;
    }
    this.scanTrivia(p, -1, false);
    if (this.nextIndent < 0) decline();
    docs.push(this.blockNode(this.nextPos, this.nextIndent, -1, false));
    if (this.nextIndent >= 0) decline(); // something after the root collection
    return docs;
  }

  private isMarker(p: number, c: number): boolean {
    const text = this.text;
    return text.charCodeAt(p) === c && text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c && isBlank(text.charCodeAt(p + 3));
  }

  /**
   * The lexer's `parseLineStart` for the line at `p`: its indentation, and the lexer's odd
   * lowering of `indentNext` that later decides where scalars end.
   */
  private lineStart(p: number): number {
    const text = this.text;
    let n = 0;
    while (text.charCodeAt(p + n) === SPACE) n++;
    if (n === 0 && (this.isMarker(p, DASH) || this.isMarker(p, DOT))) decline(); // a document marker
    if (this.indentNext > n && !isBlank(text.charCodeAt(p + n + 1))) this.indentNext = n;
    return n;
  }

  /**
   * Skips blank and comment lines from the line at `p` to the next content line. When the value
   * just parsed is a flow node directly in a collection indented `parentIndent` (`mergeable`), the
   * parser adds comment lines indented deeper than that collection to the value's end
   * (`atIndentedComment`), as long as no other comment line comes first: returns where the last
   * such line ends, or -1.
   */
  private scanTrivia(p: number, parentIndent: number, mergeable: boolean): number {
    const text = this.text;
    const length = this.length;
    let merged = -1;
    let trailMax = -1;
    let sawComment = false;
    for (;;) {
      if (p >= length) {
        this.nextPos = length;
        this.nextIndent = -1;
        break;
      }
      const n = this.lineStart(p);
      const q = p + n;
      const c = text.charCodeAt(q);
      if (c === NEWLINE) {
        p = q + 1;
        continue;
      }
      if (q >= length) {
        this.nextPos = length;
        this.nextIndent = -1;
        break;
      }
      if (c === HASH) {
        sawComment = true;
        const nl = text.indexOf('\n', q);
        p = nl < 0 ? length : nl + 1;
        if (mergeable && n > parentIndent) merged = p;
        else {
          mergeable = false;
          if (n > trailMax) trailMax = n;
        }
        continue;
      }
      this.nextPos = q;
      this.nextIndent = n;
      break;
    }
    this.trailMax = trailMax;
    this.sawComment = sawComment;
    return merged;
  }

  /**
   * Ends the block collection at `indent` (`enter`'s pair): the next line must be less indented,
   * or the text is declined. A collection that ends before `nextPos` keeps the trailing comment
   * lines (and so reaches to `nextPos`) unless it is at column 0 or all of them are less indented:
   * then they move on to its parent (`Parser.pop`).
   */
  private closeCollection(indent: number, lastEnd: number): void {
    if (this.nextIndent > indent) decline();
    this.depth--;
    if (this.trailMax >= indent && indent !== 0) {
      this.end = this.nextPos;
      this.trailMax = -1;
    } else this.end = lastEnd;
  }

  private enter(): void {
    if (++this.depth > MAX_FAST_DEPTH) decline();
  }

  /** The node that starts a line at `q` (column `indent`); a scalar only when `allowScalar`. */
  private blockNode(q: number, indent: number, parentIndent: number, allowScalar: boolean): YNode {
    const text = this.text;
    const c = text.charCodeAt(q);
    if (c === DASH && isBlank(text.charCodeAt(q + 1))) return this.seq(q, indent);
    if (this.isKeyAt(q)) return this.map(q, indent);
    if (!allowScalar || c === PIPE || c === GREATER || c === OPEN_BRACKET || c === OPEN_BRACE) decline();
    return this.flowScalarValue(q, parentIndent);
  }

  /** Whether a `key:` starts at `q` (declines keys over more than one line). */
  private isKeyAt(q: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(q);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const e = this.scanQuoted(q);
      let i = e;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON || !isBlank(text.charCodeAt(i + 1))) return false;
      if (this.multiline) decline();
      return true;
    }
    if (!startsPlain(c, text.charCodeAt(q + 1), false)) return false;
    this.scanPlain(q);
    if (this.colon < 0) return false;
    if (this.crossedLine) decline();
    return true;
  }

  private map(start: number, indent: number): YMap {
    this.enter();
    const text = this.text;
    const pairs: YPair[] = [];
    let keys: Set<unknown> | undefined;
    let p = start;
    for (;;) {
      const key = this.key(p);
      const afterColon = this.colon + 1;
      this.indentNext = indent + 1;
      keys = checkNewKey(pairs, key, keys);

      let v = afterColon;
      while (text.charCodeAt(v) === SPACE) v++;
      const c = text.charCodeAt(v);
      let value: YNode;
      if (c === NEWLINE || c === HASH || v >= this.length) {
        this.scanTrivia(this.lineEnd(v), indent, false);
        const k = this.nextIndent;
        if (k > indent) {
          this.trailMax = -1;
          value = this.blockNode(this.nextPos, k, indent, true);
        } else if (k === indent && this.isDashAt(this.nextPos)) {
          this.trailMax = -1;
          value = this.seq(this.nextPos, k);
        } else value = this.emptyValue(v, c === HASH);
      } else value = this.inlineValue(v, indent);
      const keyEnd = key.span.end;
      const valueEnd = value.span.end;
      pairs.push({ key, keyText: key.text, value, span: { start: key.span.start, end: valueEnd > keyEnd ? valueEnd : keyEnd } });
      const lastEnd = this.end;
      const k = this.nextIndent;
      if (k === indent) {
        if (this.isDashAt(this.nextPos)) decline();
        this.trailMax = -1;
        p = this.nextPos;
        continue;
      }
      this.closeCollection(indent, lastEnd);
      return new YMap(this.span(start, lastEnd), pairs, [], false);
    }
  }

  private seq(start: number, indent: number): YSeq {
    this.enter();
    const text = this.text;
    const items: YNode[] = [];
    let p = start;
    // Whether comment lines before this item's dash are the parser's start of the item.
    let commentBefore = false;
    for (;;) {
      // The lexer's `parseBlockStart` for `- `.
      this.indentNext = indent + 1;
      let v = p + 1;
      while (text.charCodeAt(v) === SPACE) v++;
      const c = text.charCodeAt(v);
      let item: YNode;
      if (c === NEWLINE || c === HASH || v >= this.length) {
        this.scanTrivia(this.lineEnd(v), indent, false);
        if (this.nextIndent > indent) {
          this.trailMax = -1;
          item = this.blockNode(this.nextPos, this.nextIndent, indent, true);
        } else item = this.emptyValue(v, c === HASH || commentBefore);
      } else if (c === DASH && isBlank(text.charCodeAt(v + 1))) decline(); // `- - x`
      else if (this.isKeyAt(v)) item = this.map(v, indent + v - p);
      else item = this.inlineValue(v, indent);
      items.push(item);
      const lastEnd = this.end;
      const k = this.nextIndent;
      if (k === indent && this.isDashAt(this.nextPos)) {
        commentBefore = this.trailMax >= 0;
        this.trailMax = -1;
        p = this.nextPos;
        continue;
      }
      this.closeCollection(indent, lastEnd);
      return new YSeq(this.span(start, lastEnd), items, false);
    }
  }

  private isDashAt(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && isBlank(this.text.charCodeAt(p + 1));
  }

  /** After the `:` or `- ` of a line, at `v`: the value on the same line. */
  private inlineValue(v: number, parentIndent: number): YNode {
    const c = this.text.charCodeAt(v);
    if (c === PIPE || c === GREATER) return this.blockScalar(v, parentIndent);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      const node = this.flowCollection(v);
      const lineEnd = this.restOfLine(this.flowEnd);
      const merged = this.scanTrivia(lineEnd, parentIndent, true);
      this.end = merged >= 0 ? merged : lineEnd;
      return node;
    }
    return this.flowScalarValue(v, parentIndent);
  }

  /**
   * A flow collection on one line at `open`, with scalars and flow collections for items and
   * `key: value` pairs in maps; its end in `flowEnd`.
   */
  private flowCollection(open: number): YMap | YSeq {
    this.enter();
    const text = this.text;
    const isMap = text.charCodeAt(open) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const items: YNode[] = [];
    const pairs: YPair[] = [];
    let keys: Set<unknown> | undefined;
    let i = open + 1;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowKey(i);
          i = this.colon + 1;
          while (text.charCodeAt(i) === SPACE) i++;
          const value = this.flowItem(i);
          i = this.flowEnd;
          keys = checkNewKey(pairs, key, keys);
          const valueEnd = value.span.end;
          pairs.push({ key, keyText: key.text, value, span: { start: key.span.start, end: valueEnd > key.span.end ? valueEnd : key.span.end } });
        } else {
          items.push(this.flowItem(i));
          i = this.flowEnd;
        }
        while (text.charCodeAt(i) === SPACE) i++;
        const c = text.charCodeAt(i);
        if (c === close) break;
        if (c !== COMMA) decline(); // a comment, a newline, a missing comma
        i++;
        while (text.charCodeAt(i) === SPACE) i++;
        if (text.charCodeAt(i) === close) decline(); // a trailing comma
      }
    }
    this.flowEnd = i + 1;
    this.depth--;
    const span = this.span(open, i + 1);
    return isMap ? new YMap(span, pairs, [], true) : new YSeq(span, items, true);
  }

  /** A key in a flow map at `p`, followed by `:` (left in `colon`). */
  private flowKey(p: number): YScalar {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const e = this.scanQuoted(p);
      if (this.multiline) decline();
      const node = c === DOUBLE_QUOTE ? this.doubleQuoted(p, e) : this.singleQuoted(p, e);
      let i = e;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON) decline();
      this.colon = i;
      return node;
    }
    if (!startsPlain(c, text.charCodeAt(p + 1), true)) decline();
    const e = this.scanFlowPlain(p);
    // `{a:}` and `{a:,}` have an empty value, declined.
    if (this.colon < 0 || text.charCodeAt(this.colon + 1) !== SPACE) decline();
    this.multiline = false;
    return this.plainScalar(p, e);
  }

  /** An item (or a map value) in a flow collection at `p`; its end in `flowEnd`. */
  private flowItem(p: number): YNode {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) return this.flowCollection(p);
    let node: YScalar;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const e = this.scanQuoted(p);
      if (this.multiline) decline();
      node = c === DOUBLE_QUOTE ? this.doubleQuoted(p, e) : this.singleQuoted(p, e);
      this.flowEnd = e;
    } else {
      if (!startsPlain(c, text.charCodeAt(p + 1), true)) decline();
      const e = this.scanFlowPlain(p);
      if (this.colon >= 0) decline(); // a pair in a sequence, or `{a: b: c}`
      this.multiline = false;
      node = this.plainScalar(p, e);
      this.flowEnd = e;
    }
    return node;
  }

  /** The lexer's `parsePlainScalar` in a flow collection, on one line: the end of the scalar at `p`; `colon`. */
  private scanFlowPlain(p: number): number {
    const text = this.text;
    let end = p - 1;
    let i = p - 1;
    this.colon = -1;
    for (;;) {
      const c = text.charCodeAt(++i);
      if (c !== c || c === NEWLINE) break;
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (isBlank(next) || isFlowIndicator(next)) {
          this.colon = i;
          break;
        }
        end = i;
      } else if (c === SPACE) {
        const next = text.charCodeAt(i + 1);
        if (next === HASH || isFlowIndicator(next)) break;
      } else {
        if (isFlowIndicator(c)) break;
        if (c < SPACE) decline();
        end = i;
      }
    }
    return end + 1;
  }

  /** A map key at `p` and its `:` (left in `colon`). */
  private key(p: number): YScalar {
    const text = this.text;
    const c = text.charCodeAt(p);
    let node: YScalar;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const e = this.scanQuoted(p);
      if (this.multiline) decline();
      node = c === DOUBLE_QUOTE ? this.doubleQuoted(p, e) : this.singleQuoted(p, e);
      let i = e;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON || !isBlank(text.charCodeAt(i + 1))) decline();
      this.colon = i;
    } else {
      if (!startsPlain(c, text.charCodeAt(p + 1), false)) decline();
      const e = this.scanPlain(p);
      if (this.colon < 0 || this.crossedLine) decline();
      node = this.plainScalar(p, e);
    }
    return node;
  }

  /** A plain or quoted scalar value at `v`, the rest of its line, and the blank and comment lines after it. */
  private flowScalarValue(v: number, parentIndent: number): YScalar {
    const text = this.text;
    const c = text.charCodeAt(v);
    let node: YScalar;
    let e: number;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      e = this.scanQuoted(v);
      node = c === DOUBLE_QUOTE ? this.doubleQuoted(v, e) : this.singleQuoted(v, e);
    } else {
      if (!startsPlain(c, text.charCodeAt(v + 1), false)) decline();
      e = this.scanPlain(v);
      if (this.colon >= 0) decline(); // `a: b: c`, or a key over several lines
      node = this.plainScalar(v, e);
    }
    const lineEnd = this.restOfLine(e);
    const merged = this.scanTrivia(lineEnd, parentIndent, true);
    this.end = merged >= 0 ? merged : lineEnd;
    return node;
  }

  /** After a value ending at `e`: spaces and a comment up to the end of the line; where the next line starts. */
  private restOfLine(e: number): number {
    const text = this.text;
    let i = e;
    while (text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    if (c === NEWLINE) return i + 1;
    if (i >= this.length) return this.length;
    if (c !== HASH || i === e) decline();
    return this.lineEnd(i);
  }

  /** Where the line holding `i` ends, its newline included. */
  private lineEnd(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.length : nl + 1;
  }

  /** The lexer's `continueScalar`: where the next line of a scalar starts at `offset`, or -1 if it does not. */
  private continueScalar(offset: number): number {
    const text = this.text;
    if (this.indentNext > 0) {
      let indent = 0;
      while (text.charCodeAt(offset + indent) === SPACE) indent++;
      return text.charCodeAt(offset + indent) === NEWLINE || indent >= this.indentNext ? offset + indent : -1;
    }
    const c = text.charCodeAt(offset);
    if ((c === DASH || c === DOT) && this.isMarker(offset, c)) return -1;
    return offset;
  }

  /** The lexer's `parsePlainScalar` in a block: the end of the scalar at `p`; `colon`, `multiline`. */
  private scanPlain(p: number): number {
    const text = this.text;
    let end = p - 1;
    let i = p - 1;
    let multiline = false;
    this.colon = -1;
    for (;;) {
      const c = text.charCodeAt(++i);
      if (c !== c) break;
      if (c === COLON) {
        if (isBlank(text.charCodeAt(i + 1))) {
          this.colon = i;
          break;
        }
        end = i;
      } else if (c === SPACE || c === NEWLINE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        if (c === NEWLINE) {
          const cs = this.continueScalar(i + 1);
          if (cs === -1) break;
          multiline = true;
          if (cs - 2 > i) i = cs - 2;
        }
      } else {
        if (c < SPACE) decline();
        end = i;
      }
    }
    // A scan that went over a newline but ended before the next line's text is one line long
    // (still not a key: the `:` is on another line).
    this.crossedLine = multiline;
    this.multiline = multiline && text.lastIndexOf('\n', end) >= p;
    return end + 1;
  }

  /** The lexer's `parseQuotedScalar`: the end of the quoted scalar at `p` (after its closing quote); `multiline`. */
  private scanQuoted(p: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    let end: number;
    if (quote === SINGLE_QUOTE) {
      end = text.indexOf("'", p + 1);
      while (end !== -1 && text.charCodeAt(end + 1) === SINGLE_QUOTE) end = text.indexOf("'", end + 2);
    } else {
      end = text.indexOf('"', p + 1);
      while (end !== -1) {
        let n = 0;
        while (text.charCodeAt(end - 1 - n) === BACKSLASH) n++;
        if (n % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
    }
    if (end === -1) decline();
    let nl = text.indexOf('\n', p);
    this.multiline = nl !== -1 && nl < end;
    while (nl !== -1 && nl < end) {
      const cs = this.continueScalar(nl + 1);
      if (cs === -1) decline(); // a line less indented than the scalar needs
      nl = text.indexOf('\n', cs);
    }
    return end + 1;
  }

  private span(start: number, end: number): { start: number; end: number } {
    return { start: start + this.base, end: end + this.base };
  }

  /**
   * An empty value after `key:` or `-` at `at`, with the blank and comment lines after it scanned.
   * They belong to it rather than trail it, and with a comment among them its end reaches the next
   * content (`composeEmptyNode`); that end matters only when its collection ends there.
   */
  private emptyValue(at: number, comment: boolean): YScalar {
    const node = this.emptyScalar(at);
    if (comment || this.sawComment) this.end = this.nextPos;
    this.trailMax = -1;
    return node;
  }

  private emptyScalar(at: number): YScalar {
    this.end = at;
    return { type: 'scalar', span: this.span(at, at), text: '', value: null, style: 'plain' };
  }

  private plainScalar(start: number, end: number): YScalar {
    const text = this.multiline ? unfoldLines(this.text, start, end) : this.text.slice(start, end);
    return { type: 'scalar', span: this.span(start, end), text, value: resolvePlain(text), style: 'plain' };
  }

  private singleQuoted(start: number, end: number): YScalar {
    const text = this.text;
    for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) < SPACE && text.charCodeAt(i) !== NEWLINE) decline();
    let value = this.multiline ? unfoldLines(text, start + 1, end - 1) : text.slice(start + 1, end - 1);
    if (value.includes("''")) value = value.replace(/''/g, "'");
    return { type: 'scalar', span: this.span(start, end), text: value, value, style: 'single' };
  }

  /** The library's `doubleQuotedValue`, declining where it reports an error. */
  private doubleQuoted(start: number, end: number): YScalar {
    const text = this.text;
    const last = end - 1;
    let value = '';
    let from = start + 1; // start of the run of plain characters not yet copied
    for (let i = start + 1; i < last; ++i) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) {
        value += text.slice(from, i);
        // foldNewline: one newline becomes a space, more become all but one of them.
        let fold = '';
        let j = i;
        for (let d = text.charCodeAt(j + 1); d === SPACE || d === NEWLINE; d = text.charCodeAt(j + 1)) {
          if (d === NEWLINE) fold += '\n';
          j++;
        }
        value += fold || ' ';
        i = j;
        from = i + 1;
      } else if (c === BACKSLASH) {
        value += text.slice(from, i);
        const next = text.charCodeAt(++i);
        const escaped = ESCAPES[next];
        if (escaped !== undefined) value += escaped;
        else if (next === NEWLINE) {
          // An escaped newline is dropped with the next line's indentation.
          while (text.charCodeAt(i + 1) === SPACE) i++;
        } else if (next === 120 || next === 117 || next === 85) {
          const digits = next === 120 ? 2 : next === 117 ? 4 : 8;
          const hex = text.slice(i + 1, i + 1 + digits);
          if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) decline();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) decline();
          value += String.fromCodePoint(code);
          i += digits;
        } else decline();
        from = i + 1;
      } else if (c === SPACE) {
        // Spaces before a newline are dropped.
        let j = i;
        while (text.charCodeAt(j + 1) === SPACE) j++;
        if (text.charCodeAt(j + 1) === NEWLINE && j + 1 < last) {
          value += text.slice(from, i);
          from = j + 1;
        }
        i = j;
      } else if (c < SPACE) decline();
    }
    value += text.slice(from, last);
    return { type: 'scalar', span: this.span(start, end), text: value, value, style: 'double' };
  }

  /** A `|` or `>` block scalar whose header is at `v`, in a collection indented `parentIndent`. */
  private blockScalar(v: number, parentIndent: number): YScalar {
    const text = this.text;
    const length = this.length;
    const folded = text.charCodeAt(v) === GREATER;
    // The header (the lexer's `parseBlockScalarHeader`, the composer's `parseBlockScalarHeader`).
    let chomp = 0;
    let explicitIndent = 0;
    let i = v + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === DASH || c === 43) {
        if (chomp) decline();
        chomp = c;
      } else if (c > 48 && c <= 57) {
        if (explicitIndent) decline();
        explicitIndent = c - 48;
      } else break;
      i++;
    }
    if (text.charCodeAt(i) !== SPACE && text.charCodeAt(i) !== NEWLINE) decline();
    const spaces = i;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === HASH && i > spaces) i = text.indexOf('\n', i);
    if (i < 0 || text.charCodeAt(i) !== NEWLINE) decline();
    const bodyStart = i + 1;
    const keep = chomp === 43;

    // The body's extent (the lexer's `parseBlockScalar`).
    let nl = bodyStart - 1;
    let indent = 0;
    for (i = bodyStart; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) indent++;
      else if (c === NEWLINE) {
        nl = i;
        indent = 0;
      } else break;
    }
    if (indent >= this.indentNext) {
      this.indentNext = explicitIndent === 0 ? indent : explicitIndent - 1 + (this.indentNext === 0 ? 1 : this.indentNext);
      do {
        const cs = this.continueScalar(nl + 1);
        if (cs === -1) break;
        nl = text.indexOf('\n', cs);
      } while (nl !== -1);
      if (nl === -1) nl = length;
    }
    if (!keep) {
      // Trailing lines not more indented than the first line are not part of it.
      for (;;) {
        let j = nl - 1;
        const lastChar = j;
        while (text.charCodeAt(j) === SPACE) j--;
        if (text.charCodeAt(j) === NEWLINE && j >= bodyStart && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    const end = nl + 1 < length ? nl + 1 : length;
    const value = blockScalarValue(text, bodyStart, end, parentIndent, explicitIndent, chomp, folded);
    this.end = end;
    this.scanTrivia(end, parentIndent, false);
    return { type: 'scalar', span: this.span(v, end), text: value, value, style: folded ? 'folded' : 'literal' };
  }
}

/**
 * Declines a merge key, and a key equal in text or value to one before it (the library reports
 * duplicates by value; text is stricter). Past a few keys they are looked up in `seen`, returned.
 */
function checkNewKey(pairs: readonly YPair[], key: YScalar, seen: Set<unknown> | undefined): Set<unknown> | undefined {
  if (key.text === '<<') decline();
  if (seen) {
    if (seen.has(key.text) || seen.has(key.value)) decline();
  } else {
    for (const pair of pairs) if (pair.keyText === key.text || (pair.key as YScalar).value === key.value) decline();
    if (pairs.length + 1 < LINEAR_KEY_CHECK) return undefined;
    seen = new Set();
    for (const pair of pairs) seen.add(pair.keyText).add((pair.key as YScalar).value);
  }
  return seen.add(key.text).add(key.value);
}

const ESCAPES: Record<number, string> = {
  48: '\0',
  97: '\x07',
  98: '\b',
  101: '\x1b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
  118: '\v',
  78: '\u0085',
  95: '\u00a0',
  76: '\u2028',
  80: '\u2029',
  32: ' ',
  34: '"',
  47: '/',
  92: '\\',
};

/**
 * The composer's `resolveBlockScalar` for the body text[start, end), declining where it reports
 * an error. `parentIndent` is the indentation of the collection holding the scalar.
 */
function blockScalarValue(text: string, start: number, end: number, parentIndent: number, explicitIndent: number, chomp: number, folded: boolean): string {
  // Lines as [start, indentation, end of content].
  const starts: number[] = [];
  const indents: number[] = [];
  const ends: number[] = [];
  if (end > start) {
    let s = start;
    for (;;) {
      let n = 0;
      while (s + n < end && text.charCodeAt(s + n) === SPACE) n++;
      let e = text.indexOf('\n', s + n);
      if (e < 0 || e > end) e = end;
      starts.push(s);
      indents.push(n);
      ends.push(e);
      if (e >= end) break;
      s = e + 1;
    }
  }
  const lines = starts.length;
  const isEmptyLine = (i: number) => starts[i]! + indents[i]! === ends[i]!;
  let chompStart = lines;
  for (let i = lines - 1; i >= 0; --i) {
    if (isEmptyLine(i)) chompStart = i;
    else break;
  }
  if (chompStart === 0) return chomp === 43 && lines > 0 ? '\n'.repeat(Math.max(1, lines - 1)) : '';

  let trimIndent = parentIndent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const indent = indents[i]!;
    if (isEmptyLine(i)) {
      if (explicitIndent === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      if (indent < trimIndent) decline(); // more-indented leading empty lines need an indicator
      if (explicitIndent === 0) trimIndent = indent;
      contentStart = i;
      if (trimIndent === 0) decline(); // not indented in a collection
      break;
    }
  }
  for (let i = lines - 1; i >= chompStart; --i) if (indents[i]! > trimIndent) chompStart = i + 1;

  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  // The indentation beyond trimIndent of line i (all of it when the line is empty).
  const extraIndent = (i: number) => text.slice(starts[i]! + Math.min(indents[i]!, trimIndent), starts[i]! + indents[i]!);
  for (let i = 0; i < contentStart; ++i) value += extraIndent(i) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const indent = indents[i]!;
    const empty = isEmptyLine(i);
    if (!empty && indent < trimIndent) decline();
    if (!folded) {
      value += sep + text.slice(starts[i]! + Math.min(indent, trimIndent), ends[i]);
      sep = '\n';
    } else if (indent > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + text.slice(starts[i]! + trimIndent, ends[i]);
      sep = '\n';
      prevMoreIndented = true;
    } else if (empty) {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + text.slice(starts[i]! + indent, ends[i]);
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === 43) {
    for (let i = chompStart; i < lines; ++i) value += '\n' + extraIndent(i);
    if (value.charCodeAt(value.length - 1) !== NEWLINE) value += '\n';
  } else if (chomp !== DASH) value += '\n';
  return value;
}

/** The composer's `unfoldLines` (plain and single-quoted scalars) on text[start, end). */
function unfoldLines(text: string, start: number, end: number): string {
  let nl = text.indexOf('\n', start);
  if (nl < 0 || nl >= end) return text.slice(start, end);
  let e = nl;
  while (e > start && text.charCodeAt(e - 1) === SPACE) e--;
  let value = text.slice(start, e);
  let sep = ' ';
  let p = nl + 1;
  for (nl = text.indexOf('\n', p); nl >= 0 && nl < end; nl = text.indexOf('\n', p)) {
    let s = p;
    while (s < nl && text.charCodeAt(s) === SPACE) s++;
    e = nl;
    while (e > s && text.charCodeAt(e - 1) === SPACE) e--;
    if (s === e) {
      if (sep === '\n') value += sep;
      else sep = '\n';
    } else {
      value += sep + text.slice(s, e);
      sep = ' ';
    }
    p = nl + 1;
  }
  while (p < end && text.charCodeAt(p) === SPACE) p++;
  return value + sep + text.slice(p, end);
}

/** A plain scalar's value under the YAML 1.2 core schema, as the library resolves it. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  switch (s.length) {
    case 1:
      if (c === 126) return null; // ~
      break;
    case 4:
      if (s === 'null' || s === 'Null' || s === 'NULL') return null;
      if (s === 'true' || s === 'True' || s === 'TRUE') return true;
      break;
    case 5:
      if (s === 'false' || s === 'False' || s === 'FALSE') return false;
      break;
  }
  if ((c >= 48 && c <= 57) || c === 43 || c === DASH || c === DOT) return resolveNumber(s);
  return s;
}

function resolveNumber(s: string): unknown {
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
