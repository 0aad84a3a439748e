import { isMap, isScalar, isSeq, type YMap, type YNode, type YPair, type YSeq } from '../model/yaml';
import type { TextEdit } from '../rule';
import type { SourceFile } from '../source';

/** A plain value to write into YAML. */
export type YValue = string | number | boolean | null | readonly YValue[] | { readonly [key: string]: YValue };

/**
 * Text edits on a YAML document that keep the user's formatting: the indentation width and the
 * block/flow style of the surrounding YAML, the sequence style (`- x` under its key or indented),
 * comments, quotes, key order (new keys go after the existing ones) and line endings. All spans
 * are relative to `source` (one YAML document).
 */
export class YamlEditor {
  private readonly eol: string;
  private indentUnit: number | undefined;
  private indentlessSeq: boolean | undefined;

  constructor(private readonly source: SourceFile) {
    this.eol = source.eol;
  }

  /**
   * Edits that make `map` contain `value`: missing keys are added, nested maps merged, missing
   * sequence items appended, and (with `overwrite`) differing scalars replaced. One edit per map
   * touched, so the result never overlaps itself.
   */
  ensure(map: YMap, value: { readonly [key: string]: YValue }, options: { overwrite?: boolean } = {}): TextEdit[] {
    const edits: TextEdit[] = [];
    const missing: [string, YValue][] = [];
    for (const [key, wanted] of Object.entries(value)) {
      const pair = map.pairs.find((p) => p.keyText === key);
      const current = pair?.value;
      if (!pair) missing.push([key, wanted]);
      else if (current === undefined || (isScalar(current) && current.value === null)) {
        edits.push(this.fillEmptyValue(map, pair, wanted));
      } else if (isMap(current) && isPlainObject(wanted)) edits.push(...this.ensure(current, wanted, options));
      else if (isSeq(current) && Array.isArray(wanted)) {
        const have = new Set(current.items.map((i) => (isScalar(i) ? i.text : undefined)));
        const add = (wanted as readonly YValue[]).filter((w) => !(typeof w === 'string' && have.has(w)) && !(typeof w !== 'object' && have.has(String(w))));
        if (add.length > 0) edits.push(...this.appendItems(current, add));
      } else if (options.overwrite && isScalar(current) && !sameScalar(current.text, wanted)) {
        edits.push(this.set(current, wanted));
      }
    }
    if (missing.length > 0) edits.push(this.insertPairs(map, missing));
    return edits;
  }

  /** Replaces a scalar (keeping its quote style when the new value is a string). */
  set(node: YNode, value: YValue): TextEdit {
    if (isScalar(node) && typeof value === 'string' && (node.style === 'single' || node.style === 'double')) {
      return { span: node.span, newText: node.style === 'single' ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value) };
    }
    return { span: node.span, newText: this.inline(value) };
  }

  /** Removes a key and its value (whole lines in block style; the entry and a comma in flow style). */
  remove(map: YMap, key: string): TextEdit | undefined {
    const index = map.pairs.findIndex((p) => p.keyText === key);
    const pair = map.pairs[index];
    if (!pair) return undefined;
    if (map.flow) {
      const prev = map.pairs[index - 1];
      const next = map.pairs[index + 1];
      if (next) return { span: { start: pair.span.start, end: next.span.start }, newText: '' };
      if (prev) return { span: { start: prev.span.end, end: pair.span.end }, newText: '' };
      return { span: pair.span, newText: '' };
    }
    const lines = this.source.lines;
    const startLine = lines.positionAt(pair.span.start).line;
    const endLine = lines.positionAt(lastContent(this.source.text, pair.span.end)).line;
    const start = lines.lineStart(startLine);
    const end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : lines.lineContentEnd(endLine);
    return { span: { start, end }, newText: '' };
  }

  /** Appends items to a sequence in its own style. */
  appendItems(seq: YSeq, items: readonly YValue[]): TextEdit[] {
    const last = seq.items[seq.items.length - 1];
    if (seq.flow) {
      const text = items.map((i) => this.inline(i)).join(', ');
      if (!last) return [{ span: { start: seq.span.start + 1, end: seq.span.start + 1 }, newText: text }];
      return [{ span: { start: last.span.end, end: last.span.end }, newText: `, ${text}` }];
    }
    if (!last) return [];
    const dashColumn = this.dashColumn(last);
    const at = this.lineEndAfter(lastContent(this.source.text, last.span.end));
    const text = items.map((i) => `${this.eol}${' '.repeat(dashColumn)}- ${this.blockItem(i, dashColumn + 2)}`).join('');
    return [{ span: { start: at, end: at }, newText: text }];
  }

  /** Adds key/value pairs after the last pair of a map, in the map's style. */
  insertPairs(map: YMap, pairs: readonly [string, YValue][]): TextEdit {
    if (map.flow) {
      const text = pairs.map(([k, v]) => `${renderKey(k)}: ${this.inline(v)}`).join(', ');
      const last = map.pairs[map.pairs.length - 1];
      if (!last) return { span: { start: map.span.start + 1, end: map.span.start + 1 }, newText: text };
      return { span: { start: last.span.end, end: last.span.end }, newText: `, ${text}` };
    }
    const first = map.pairs[0];
    const column = first ? this.source.lines.positionAt(first.span.start).character : this.source.lines.positionAt(map.span.start).character;
    const at = this.lineEndAfter(lastContent(this.source.text, map.span.end));
    return { span: { start: at, end: at }, newText: pairs.map(([k, v]) => this.eol + this.blockPair(k, v, column)).join('') };
  }

  /** `key:` with no value: the value is written in block style under the key (or inline for scalars). */
  private fillEmptyValue(parent: YMap, pair: YPair, value: YValue): TextEdit {
    const colon = this.source.text.indexOf(':', pair.key.span.end);
    const at = colon >= 0 ? colon + 1 : pair.key.span.end;
    if (!isContainer(value) || parent.flow) return { span: { start: at, end: pair.value && isScalar(pair.value) && pair.value.text ? pair.value.span.end : at }, newText: ` ${this.inline(value)}` };
    const lineEnd = this.lineEndAfter(at);
    return { span: { start: lineEnd, end: lineEnd }, newText: this.blockValue(value, this.source.lines.positionAt(pair.key.span.start).character) };
  }

  /** `key: value` at `column`, nested values on following lines. */
  private blockPair(key: string, value: YValue, column: number): string {
    const pad = ' '.repeat(column);
    if (!isContainer(value) || isEmptyContainer(value)) return `${pad}${renderKey(key)}: ${this.inline(value)}`;
    return `${pad}${renderKey(key)}:${this.blockValue(value, column)}`;
  }

  /** The lines of a map or sequence value under a key at `keyColumn`, each starting with a line break. */
  private blockValue(value: YValue, keyColumn: number): string {
    if (Array.isArray(value)) {
      const dash = this.seqIndentless() ? keyColumn : keyColumn + this.unit();
      return (value as readonly YValue[]).map((item) => `${this.eol}${' '.repeat(dash)}- ${this.blockItem(item, dash + 2)}`).join('');
    }
    return Object.entries(value as Record<string, YValue>).map(([k, v]) => this.eol + this.blockPair(k, v, keyColumn + this.unit())).join('');
  }

  /** A sequence item's text after `- `; a map item continues at `column`. */
  private blockItem(item: YValue, column: number): string {
    if (!isPlainObject(item) || isEmptyContainer(item)) return this.inline(item);
    const [first, ...rest] = Object.entries(item);
    return [this.blockPair(first![0], first![1], 0), ...rest.map(([k, v]) => this.eol + this.blockPair(k, v, column))].join('');
  }

  /** A value on one line: scalars, or flow collections. */
  inline(value: YValue): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean' || typeof value === 'number') return String(value);
    if (typeof value === 'string') return renderString(value);
    if (Array.isArray(value)) return `[${(value as readonly YValue[]).map((v) => this.inline(v)).join(', ')}]`;
    return `{${Object.entries(value as Record<string, YValue>).map(([k, v]) => `${renderKey(k)}: ${this.inline(v)}`).join(', ')}}`;
  }

  /** Offset of the end of the line holding `offset` (before its line break). */
  private lineEndAfter(offset: number): number {
    const lines = this.source.lines;
    return lines.lineContentEnd(lines.positionAt(offset).line);
  }

  private dashColumn(item: YNode): number {
    const text = this.source.text;
    let i = item.span.start - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    const at = text[i] === '-' ? i : item.span.start;
    return this.source.lines.positionAt(at).character;
  }

  /** The document's indentation step: the most common increase between consecutive indented lines. */
  private unit(): number {
    if (this.indentUnit !== undefined) return this.indentUnit;
    const counts = new Map<number, number>();
    let previous = -1;
    for (const line of this.source.text.split(/\r?\n|\r/)) {
      if (!line.trim() || /^\s*#/.test(line)) continue;
      const indent = /^ */.exec(line)![0].length;
      const step = indent - previous;
      if (previous >= 0 && step > 0 && step <= 8 && !/^\s*- /.test(line)) counts.set(step, (counts.get(step) ?? 0) + 1);
      previous = indent;
    }
    let best = 2;
    let bestCount = 0;
    for (const [step, n] of counts) if (n > bestCount || (n === bestCount && step < best)) [best, bestCount] = [step, n];
    return (this.indentUnit = best);
  }

  /** Whether block sequences sit at their key's column (`key:\n- x`), as most Kubernetes YAML does. */
  private seqIndentless(): boolean {
    if (this.indentlessSeq !== undefined) return this.indentlessSeq;
    let indentless = 0;
    let indented = 0;
    const re = /^( *)[^\s#][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- /gm;
    for (let m = re.exec(this.source.text); m; m = re.exec(this.source.text)) {
      if (m[2]!.length === m[1]!.length) indentless++;
      else if (m[2]!.length > m[1]!.length) indented++;
    }
    return (this.indentlessSeq = indentless > indented);
  }
}

/** The last non-whitespace character before `end` (block nodes' spans include trailing line breaks). */
function lastContent(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return Math.max(0, i - 1);
}

function isPlainObject(value: YValue): value is { readonly [key: string]: YValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: YValue): boolean {
  return typeof value === 'object' && value !== null;
}

function isEmptyContainer(value: YValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0;
}

function sameScalar(text: string, value: YValue): boolean {
  return !isContainer(value) && text === String(value);
}

/** Words YAML (1.1 or 1.2) would read as something other than a string. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+|0x[\da-fA-F]+|0o[0-7]+|\.inf|\.nan))$/i;

function renderString(value: string): string {
  if (value === '' || RESERVED.test(value) || !/^[A-Za-z0-9_./@][A-Za-z0-9_./@:=-]*$/.test(value) || value.includes(': ') || value.endsWith(':')) return JSON.stringify(value);
  return value;
}

function renderKey(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}
