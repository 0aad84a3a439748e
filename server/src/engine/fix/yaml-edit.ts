import { isMap, isScalar, isSeq, type YMap, type YNode, type YPair, type YScalar, type YSeq } from '../model/yaml';
import type { Fix, TextEdit } from '../rule';
import type { SourceFile } from '../source';

/**
 * Whether edits of one fix overlap (an insertion inside a replaced range): a broken tree (a
 * value the parser only half read) can give that, and no edit order makes it right.
 */
function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return sorted.some((e, i) => i > 0 && e.span.start < sorted[i - 1]!.span.end);
}

/** A plain value to write into YAML. */
export type YValue = string | number | boolean | null | readonly YValue[] | { readonly [key: string]: YValue };

/**
 * Text edits on a YAML document that keep the user's formatting: the indentation width and the
 * block/flow style of the surrounding YAML, the sequence style (`- x` under its key or indented),
 * comments, quotes, key order (new keys go after the existing ones) and line endings. All spans
 * are relative to `source` (one YAML document).
 *
 * Given the document's `root`, the editor also knows which nodes are shared through anchors and
 * aliases (`&base` ... `*base`, `<<: *base`): editing one of them would change every place that
 * uses it, so `fix()` refuses edits that touch one, or that delete an anchor still in use.
 */
export class YamlEditor {
  private readonly eol: string;
  /** Set when an edit was asked on a node that is shared through an anchor. */
  private touchedShared = false;
  /** Set when an edit was asked that the editor cannot make in place (an item written elsewhere through an alias). */
  private unsupported = false;

  constructor(
    private readonly source: SourceFile,
    private readonly root?: YNode,
  ) {
    this.eol = source.eol;
  }

  /**
   * A fix made of `edits`, or undefined when there is nothing to do or when an edit made by this
   * editor changes a node shared through an anchor, or deletes an anchor that an alias still uses.
   */
  fix(title: string, edits: readonly (TextEdit | undefined)[]): Fix | undefined {
    const list = edits.filter((e): e is TextEdit => e !== undefined);
    if (list.length === 0 || this.touchedShared || this.unsupported || list.some((e) => this.deletesUsedAnchor(e)) || overlapping(list)) return undefined;
    return { title, edits: list };
  }

  /** Whether `node` is reached through more than one path (an anchored node with aliases or merges), or lies inside one. */
  isShared(node: YNode): boolean {
    if (isScalar(node)) {
      if (node.aliasSpan) return true;
      const anchor = anchorBefore(this.source.text, node.span.start);
      if (anchor !== undefined && this.aliasUsed(anchor, node.span)) return true;
    }
    return this.analysis().shared.has(node);
  }

  /**
   * Edits that make `map` contain `value`: missing keys are added, nested maps merged, missing
   * sequence items appended, and (with `overwrite`) differing scalars replaced. One edit per map
   * touched, so the result never overlaps itself. A key the map only gets through a `<<` merge
   * is added as its own key (overriding the merged value); `fix()` refuses that when the merged
   * value is a map, or a list with items the new value does not repeat.
   */
  ensure(map: YMap, value: { readonly [key: string]: YValue }, options: { overwrite?: boolean } = {}): TextEdit[] {
    const edits: TextEdit[] = [];
    const missing: [string, YValue][] = [];
    for (const [key, wanted] of Object.entries(value)) {
      const pair = map.pairs.find((p) => p.keyText === key);
      const current = pair?.value;
      if (!pair) {
        if (losesMergedContent(map.pair(key)?.value, wanted)) this.unsupported = true;
        missing.push([key, wanted]);
      } else if (current === undefined || (isScalar(current) && current.value === null)) {
        edits.push(this.fillEmptyValue(map, pair, wanted));
      } else if (isMap(current) && isPlainObject(wanted)) edits.push(...this.ensure(current, wanted, options));
      else if (isSeq(current) && Array.isArray(wanted)) {
        const have = new Set(current.items.map((i) => (isScalar(i) ? i.text : undefined)));
        const add = (wanted as readonly YValue[]).filter((w) => !(typeof w === 'string' && have.has(w)) && !(typeof w !== 'object' && have.has(String(w))));
        if (add.length > 0) edits.push(...this.appendItems(current, add));
      } else if (options.overwrite && isScalar(current) && !sameScalar(current, wanted)) {
        edits.push(this.set(current, wanted));
      }
    }
    if (missing.length > 0) edits.push(this.insertPairs(map, missing));
    return edits;
  }

  /**
   * Replaces a value, keeping a string's quote style (plain stays plain when YAML reads it back
   * as the same string). A scalar reached through an alias (`*name`) has the alias replaced.
   */
  set(node: YNode, value: YValue): TextEdit {
    // An alias use is replaced by the value itself, written in the style of the anchored scalar.
    if (isScalar(node) && node.aliasSpan) return { span: node.aliasSpan, newText: this.scalarText(node, value, true) };
    this.touch(node);
    // A block value's span runs over its line breaks (`key: >` and its lines): they stay.
    const end = node.span.end > node.span.start ? lastContent(this.source.text, node.span.end) + 1 : node.span.end;
    return { span: { start: node.span.start, end }, newText: this.scalarText(node, value, this.analysis().inFlow.has(node) || !this.root) };
  }

  private scalarText(node: YNode, value: YValue, flow: boolean): string {
    if (isScalar(node) && typeof value === 'string') {
      if (node.style === 'single' || node.style === 'double') return quoteString(value, node.style);
      if (node.style === 'plain' && plainSafe(value, flow)) return value;
    }
    return this.inline(value);
  }

  /**
   * Replaces the pair `key` of a map, key and value, with `newKey: value` where it stands. The
   * new key and a scalar value keep the quote style of the old ones; a map or list value is
   * written in the map's block or flow style.
   */
  replacePair(map: YMap, key: string, newKey: string, value: YValue): TextEdit | undefined {
    const pair = map.pairs.find((p) => p.keyText === key);
    if (!pair) return undefined;
    this.touch(map);
    const flow = map.flow || this.analysis().inFlow.has(map);
    // Without the tree, whether the pair sits in a flow collection is unknown: plain text stays flow-safe.
    const keyText = this.scalarText(pair.key, newKey, flow || !this.root);
    const span = { start: pair.span.start, end: lastContent(this.source.text, pair.span.end) + 1 };
    if (!isContainer(value) || isEmptyContainer(value)) {
      const old = pair.value && isScalar(pair.value) && pair.value.value !== null ? pair.value : undefined;
      return { span, newText: `${keyText}: ${old ? this.scalarText(old, value, flow || !this.root) : this.inline(value)}` };
    }
    if (flow) return { span, newText: `${keyText}: ${this.inline(value)}` };
    return { span, newText: `${keyText}:${this.blockValue(value, this.source.lines.positionAt(pair.key.span.start).character)}` };
  }

  /** Removes a key and its value (whole lines in block style; the entry and a comma in flow style). */
  remove(map: YMap, key: string): TextEdit | undefined {
    const index = map.pairs.findIndex((p) => p.keyText === key);
    const pair = map.pairs[index];
    if (!pair) return undefined;
    this.touch(map);
    return this.removeEntry(map.flow, map.pairs.map((p) => p.span), index, false);
  }

  /** Removes one item of a sequence (its whole lines in block style; the item and a comma in flow style). */
  removeItem(seq: YSeq, item: YNode): TextEdit | undefined {
    const index = seq.items.indexOf(item);
    if (index < 0) return undefined;
    this.touch(seq);
    const spans = seq.items.map((i) => this.itemSpan(seq, i));
    if (spans.some((sp) => sp === undefined)) return undefined;
    return this.removeEntry(seq.flow, spans as { start: number; end: number }[], index, true);
  }

  /**
   * Removes `owner.path(...path)` (with `item`: that item of the sequence there), and the maps
   * and sequences this leaves empty on the way up, so no `key:` is left without a value. The
   * owner itself is kept. Only the owner's own keys are followed (not `<<` merges).
   */
  removeIn(owner: YMap, path: readonly string[], item?: YNode): TextEdit | undefined {
    const maps: YMap[] = [owner];
    for (const key of path.slice(0, -1)) {
      const next = maps[maps.length - 1]!.pairs.find((p) => p.keyText === key)?.value;
      if (!isMap(next)) return undefined;
      maps.push(next);
    }
    let level = path.length - 1;
    const last = maps[level]!.pairs.find((p) => p.keyText === path[level])?.value;
    if (last === undefined) return undefined;
    if (item !== undefined) {
      if (!isSeq(last) || !last.items.includes(item)) return undefined;
      if (last.items.length > 1) return this.removeItem(last, item);
    }
    while (level > 0 && maps[level]!.pairs.length === 1 && maps[level]!.merged.length === 0) level--;
    return this.remove(maps[level]!, path[level]!);
  }

  /** The edit removing entry `index` of a map (pairs) or sequence (`items`) whose entries span `spans`. */
  private removeEntry(flow: boolean, spans: readonly { start: number; end: number }[], index: number, items: boolean): TextEdit {
    const span = spans[index]!;
    const prev = spans[index - 1];
    const next = spans[index + 1];
    if (flow) {
      if (next) return { span: { start: span.start, end: next.start }, newText: '' };
      if (prev) return { span: { start: prev.end, end: span.end }, newText: '' };
      return { span, newText: '' };
    }
    const text = this.source.text;
    const lines = this.source.lines;
    const entryStart = (start: number): number => (items ? this.dashBefore(start) : start);
    const itemStart = entryStart(span.start);
    const lineStart = lines.lineStart(lines.positionAt(itemStart).line);
    // The entry shares its first line with what comes before it (`- name: a`, `- - x`): cut up
    // to the next entry, or leave an empty collection.
    if (text.slice(lineStart, itemStart).trim() !== '') {
      if (next) return { span: { start: span.start, end: next.start }, newText: '' };
      return { span: { start: span.start, end: lastContent(text, span.end) + 1 }, newText: items ? '[]' : '{}' };
    }
    const endLine = lines.positionAt(lastContent(text, span.end)).line;
    const end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : lines.lineContentEnd(endLine);
    // The only entry under a `key:`: the key keeps an empty collection rather than turning null.
    const colon = !prev && !next ? this.keyColonAbove(lineStart) : undefined;
    if (colon !== undefined) return { span: { start: colon + 1, end }, newText: ` ${items ? '[]' : '{}'}${text.slice(colon + 1, lineStart)}` };
    return { span: { start: lineStart, end }, newText: '' };
  }

  /** The colon ending the `key:` line above `lineStart` (skipping blank and comment lines), if that is what precedes it. */
  private keyColonAbove(lineStart: number): number | undefined {
    const lines = this.source.lines;
    for (let line = lines.positionAt(lineStart).line - 1; line >= 0; line--) {
      const content = lines.lineText(line).replace(/(^|\s)#.*$/, '').trimEnd();
      if (content.trim() === '') continue;
      return content.endsWith(':') ? lines.lineStart(line) + content.length - 1 : undefined;
    }
    return undefined;
  }

  /** The `-` of a block sequence item starting at `start` (or `start` when there is none). */
  private dashBefore(start: number): number {
    const text = this.source.text;
    let i = start - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    return text[i] === '-' ? i : start;
  }

  /** Appends items to a sequence in its own style; strings take the quotes of the last item. */
  appendItems(seq: YSeq, items: readonly YValue[]): TextEdit[] {
    this.touch(seq);
    const last = seq.items[seq.items.length - 1];
    const lastSpan = last && this.itemSpan(seq, last);
    const quote = isScalar(last) && (last.style === 'single' || last.style === 'double') ? last.style : undefined;
    const render = (i: YValue): string => (typeof i === 'string' && quote ? quoteString(i, quote) : this.inline(i));
    if (seq.flow) {
      const text = items.map(render).join(', ');
      if (!lastSpan) return [{ span: { start: seq.span.start + 1, end: seq.span.start + 1 }, newText: text }];
      return [{ span: { start: lastSpan.end, end: lastSpan.end }, newText: `, ${text}` }];
    }
    if (!last || !lastSpan) return [];
    const dashColumn = this.dashColumn(lastSpan.start);
    const at = this.lineEndAfter(lastContent(this.source.text, lastSpan.end));
    const text = items.map((i) => `${this.eol}${' '.repeat(dashColumn)}- ${typeof i === 'string' ? render(i) : this.blockItem(i, dashColumn + 2)}`).join('');
    return [{ span: { start: at, end: at }, newText: text }];
  }

  /**
   * Where an item is written: an alias item's `*name`. An item whose text lies elsewhere (a
   * collection reached through an alias) cannot be edited in place: the fix is refused.
   */
  private itemSpan(seq: YSeq, item: YNode): { start: number; end: number } | undefined {
    const span = (isScalar(item) && item.aliasSpan) || item.span;
    if (span.start < seq.span.start || span.end > seq.span.end) {
      this.unsupported = true;
      return undefined;
    }
    return span;
  }

  /** Adds key/value pairs after the last pair of a map, in the map's style. */
  insertPairs(map: YMap, pairs: readonly [string, YValue][]): TextEdit {
    this.touch(map);
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
    this.touch(parent);
    const colon = this.source.text.indexOf(':', pair.key.span.end);
    const at = colon >= 0 ? colon + 1 : pair.key.span.end;
    // An explicit `null` or `~` is replaced; an empty value is filled in after the colon.
    const written = pair.value && isScalar(pair.value) && pair.value.span.end > pair.value.span.start ? (pair.value.aliasSpan ?? pair.value.span) : undefined;
    if (!isContainer(value) || parent.flow) return { span: { start: at, end: written ? written.end : at }, newText: ` ${this.inline(value)}` };
    const block = this.blockValue(value, this.source.lines.positionAt(pair.key.span.start).character);
    if (written) return { span: { start: at, end: written.end }, newText: block };
    const lineEnd = this.lineEndAfter(at);
    return { span: { start: lineEnd, end: lineEnd }, newText: block };
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

  private touch(node: YNode): void {
    if (this.root && this.isShared(node)) this.touchedShared = true;
  }

  /** Nodes reached more than once from the root (anchors used by aliases or `<<` merges) and everything inside them; nodes inside flow collections. */
  private analysis(): TreeFacts {
    if (!this.root) return NO_TREE;
    const known = TREES.get(this.root);
    if (known) return known;
    const seen = new Set<YNode>();
    const shared = new Set<YNode>();
    const inFlow = new Set<YNode>();
    const children = (node: YNode): YNode[] =>
      isMap(node) ? [...node.pairs.flatMap((p) => (p.value ? [p.key, p.value] : [p.key])), ...node.merged] : isSeq(node) ? [...node.items] : [];
    const mark = (node: YNode): void => {
      if (shared.has(node)) return;
      shared.add(node);
      for (const c of children(node)) mark(c);
    };
    const walk = (node: YNode, flow: boolean): void => {
      if (flow) inFlow.add(node);
      if (seen.has(node)) return mark(node);
      seen.add(node);
      const childFlow = flow || ((isMap(node) || isSeq(node)) && node.flow);
      for (const c of children(node)) walk(c, childFlow);
    };
    walk(this.root, false);
    const facts = { shared, inFlow };
    TREES.set(this.root, facts);
    return facts;
  }

  /** Whether `*name` is used outside `except`. */
  private aliasUsed(name: string, except: { start: number; end: number }): boolean {
    const text = this.source.text;
    const re = new RegExp(`\\*${escapeRegExp(name)}(?![^\\s,\\[\\]{}])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) if (m.index < except.start || m.index >= except.end) return true;
    return false;
  }

  private deletesUsedAnchor(edit: TextEdit): boolean {
    if (edit.span.end <= edit.span.start) return false;
    const removed = this.source.text.slice(edit.span.start, edit.span.end);
    const re = /(?:^|[\s,[{])&([^\s,[\]{}]+)/g;
    for (let m = re.exec(removed); m; m = re.exec(removed)) if (this.aliasUsed(m[1]!, edit.span)) return true;
    return false;
  }

  /** Offset of the end of the line holding `offset` (before its line break). */
  private lineEndAfter(offset: number): number {
    const lines = this.source.lines;
    return lines.lineContentEnd(lines.positionAt(offset).line);
  }

  private dashColumn(itemStart: number): number {
    return this.source.lines.positionAt(this.dashBefore(itemStart)).character;
  }

  /** The document's indentation step: the most common increase between consecutive indented lines. */
  private unit(): number {
    const style = this.style();
    if (style.unit !== undefined) return style.unit;
    const counts = new Map<number, number>();
    let previous = -1;
    for (const line of this.source.text.split(/\r?\n|\r/)) {
      if (!line.trim() || /^\s*#/.test(line)) continue;
      const indent = /^ */.exec(line)![0].length;
      const item = /^ *- +/.exec(line);
      const step = indent - previous;
      if (previous >= 0 && step > 0 && step <= 8 && !item) counts.set(step, (counts.get(step) ?? 0) + 1);
      // The keys of a `- key: value` item continue at the column after the dash.
      previous = item ? item[0].length : indent;
    }
    let best = 2;
    let bestCount = 0;
    for (const [step, n] of counts) if (n > bestCount || (n === bestCount && step < best)) [best, bestCount] = [step, n];
    return (style.unit = best);
  }

  /** Whether block sequences sit at their key's column (`key:\n- x`), as most Kubernetes YAML does. */
  private seqIndentless(): boolean {
    const style = this.style();
    if (style.indentless !== undefined) return style.indentless;
    let indentless = 0;
    let indented = 0;
    const re = /^( *)[^\s#][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- /gm;
    for (let m = re.exec(this.source.text); m; m = re.exec(this.source.text)) {
      if (m[2]!.length === m[1]!.length) indentless++;
      else if (m[2]!.length > m[1]!.length) indented++;
    }
    return (style.indentless = indentless > indented);
  }

  private style(): { unit?: number; indentless?: boolean } {
    let style = STYLES.get(this.source);
    if (!style) STYLES.set(this.source, (style = {}));
    return style;
  }
}

interface TreeFacts {
  readonly shared: ReadonlySet<YNode>;
  readonly inFlow: ReadonlySet<YNode>;
}

const NO_TREE: TreeFacts = { shared: new Set(), inFlow: new Set() };
/** Per document (its root node, its text): computed once, however many fixes a document gets. */
const TREES = new WeakMap<YNode, TreeFacts>();
const STYLES = new WeakMap<SourceFile, { unit?: number; indentless?: boolean }>();

/** The anchor name written just before `start` (`&name value`, `&name !!tag value`), if any. */
function anchorBefore(text: string, start: number): string | undefined {
  let i = start;
  for (let tokens = 0; tokens < 2; tokens++) {
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    let j = i;
    while (j > 0 && !/[\s,[{]/.test(text[j - 1]!)) j--;
    const token = text.slice(j, i);
    if (token.startsWith('&')) return token.slice(1);
    if (!token.startsWith('!')) return undefined;
    i = j;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `value` can be written as a plain scalar and read back as the same string: no
 * indicator at the start, no `: ` or ` #`, no flow indicators inside flow collections, and no
 * word YAML would read as another type.
 */
function plainSafe(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value) || RESERVED.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !(/^[-?:][^\s,[\]{}]/.test(value))) return false;
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return false;
  return !(flow && /[,[\]{}]/.test(value));
}

/** The last non-whitespace character before `end` (block nodes' spans include trailing line breaks). */
function lastContent(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return Math.max(0, i - 1);
}

/**
 * Whether an own key with `wanted` would lose what a `<<` merge gives the map under that key (an
 * own key replaces the merged value whole): a merged map, or list items `wanted` does not repeat.
 */
function losesMergedContent(merged: YNode | undefined, wanted: YValue): boolean {
  if (isMap(merged)) return isContainer(wanted);
  if (!isSeq(merged)) return false;
  if (!Array.isArray(wanted)) return true;
  const kept = new Set((wanted as readonly YValue[]).filter((w) => !isContainer(w)).map(String));
  return !merged.items.every((i) => isScalar(i) && kept.has(i.text));
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

/** Whether the scalar already holds `value`; a quoted `"true"` or `"1"` is a string, not the boolean or number. */
function sameScalar(node: YScalar, value: YValue): boolean {
  if (isContainer(value) || (typeof value !== 'string' && node.style !== 'plain')) return false;
  return node.text === String(value);
}

/** Words YAML (1.1 or 1.2) would read as something other than a string. */
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+|0x[\da-fA-F]+|0o[0-7]+|\.inf|\.nan))$/i;

function quoteString(value: string, style: 'single' | 'double'): string {
  return style === 'single' ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

function renderString(value: string): string {
  if (value === '' || RESERVED.test(value) || !/^[A-Za-z0-9_./][A-Za-z0-9_./@:=-]*$/.test(value) || value.includes(': ') || value.endsWith(':')) return JSON.stringify(value);
  return value;
}

function renderKey(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key);
}
