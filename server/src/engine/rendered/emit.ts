import { isMap, isScalar, isSeq, type YNode } from '../model/yaml';
import type { SourceFile, Span } from '../source';
import { indentPieces, type Block, type Origin, type Piece } from './text';

/**
 * Writes YAML trees as rendered text with provenance. A subtree written in a file is copied as
 * it is written (re-indented line by line), so offsets inside map 1:1 and a fix computed on the
 * rendered text can be carried back to that file; trees put together from several files (a
 * Kustomize merge, a Helm `dict`) are written key by key, each scalar pointing at its origin.
 * The output is block YAML at column 0 without a final line break, like Helm's `toYaml`.
 */

export type Tree =
  /** A node of a file, unchanged. */
  | { readonly t: 'node'; readonly node: YNode; readonly file: SourceFile; readonly block?: Block }
  | { readonly t: 'map'; readonly pairs: readonly TreePair[]; readonly origin?: Origin }
  | { readonly t: 'seq'; readonly items: readonly Tree[]; readonly origin?: Origin }
  /** A scalar as YAML text (already quoted when needed). */
  | { readonly t: 'scalar'; readonly text: string; readonly origin?: Origin; readonly uncertain?: boolean };

export interface TreePair {
  readonly key: string;
  readonly keyOrigin?: Origin;
  readonly value: Tree;
}

/** The pieces of `tree` as block YAML at column 0. */
export function emitTree(tree: Tree): Piece[] {
  switch (tree.t) {
    case 'scalar':
      return [{ text: tree.text, ...(tree.origin ? { origin: tree.origin } : {}), ...(tree.uncertain ? { uncertain: true } : {}) }];
    case 'node':
      return copyNode(tree.file, tree.node, tree.block) ?? emitTree(treeOf(tree.node, tree.file));
    case 'map': {
      if (tree.pairs.length === 0) return [{ text: '{}', ...(tree.origin ? { origin: tree.origin } : {}) }];
      const out: Piece[] = [];
      tree.pairs.forEach((p, i) => {
        if (i > 0) out.push({ text: '\n' });
        out.push({ text: p.keyOrigin?.exact ? p.keyOrigin.file.slice(p.keyOrigin.span) : yamlString(p.key), ...(p.keyOrigin ? { origin: p.keyOrigin } : {}) });
        out.push(...valueAfterKey(p.value));
      });
      return out;
    }
    case 'seq': {
      if (tree.items.length === 0) return [{ text: '[]', ...(tree.origin ? { origin: tree.origin } : {}) }];
      const out: Piece[] = [];
      tree.items.forEach((item, i) => {
        if (i > 0) out.push({ text: '\n' });
        out.push({ text: '- ' }, ...indentPieces(emitTree(item), 2, false));
      });
      return out;
    }
  }
}

/** `: value` on the key's line, or `:` and the value indented on the next lines. */
function valueAfterKey(value: Tree): Piece[] {
  if (isInline(value)) return [{ text: ': ' }, ...emitTree(value)];
  return [{ text: ':\n' }, ...indentPieces(emitTree(value), 2)];
}

function isInline(tree: Tree): boolean {
  if (tree.t === 'scalar') return true;
  if (tree.t === 'map') return tree.pairs.length === 0;
  if (tree.t === 'seq') return tree.items.length === 0;
  const node = tree.node;
  if (isScalar(node)) return true;
  return node.flow || (isMap(node) ? node.pairs.length === 0 && node.merged.length === 0 : node.items.length === 0);
}

/**
 * A node copied as written: its first line from where it starts, later lines without the
 * indentation they share. Undefined when the node reaches text outside itself (an alias or a
 * `<<` merge), which a copy would leave dangling.
 */
export function copyNode(file: SourceFile, node: YNode, block?: Block): Piece[] | undefined {
  if (!selfContained(node)) return undefined;
  const text = file.text;
  let end = node.span.end;
  while (end > node.span.start && /\s/.test(text[end - 1]!)) end--;
  const lines = file.lines;
  const first = lines.positionAt(node.span.start);
  const lineIndent = (line: number): number => /^[ \t]*/.exec(lines.lineText(line))![0].length;
  // Keys of a block map (and dashes of a block sequence) line up with the node's first character;
  // scalars and flow collections continue relative to the indentation of the line they start on.
  const base = (isMap(node) || isSeq(node)) && !node.flow ? first.character : lineIndent(first.line);
  const last = lines.positionAt(end).line;
  const extra = block ? { block } : {};
  const out: Piece[] = [];
  for (let line = first.line; line <= last; line++) {
    const from = line === first.line ? node.span.start : lines.lineStart(line) + Math.min(base, lineIndent(line));
    const to = Math.min(lines.lineContentEnd(line), end);
    if (line > first.line) out.push({ text: '\n', ...extra });
    if (to > from) out.push({ text: text.slice(from, to), origin: { file, span: { start: from, end: to }, exact: true }, ...extra });
  }
  return out;
}

/** Whether every node under `node` is written inside it (no alias or merge reaches elsewhere). */
function selfContained(node: YNode): boolean {
  const inside = (n: YNode): boolean => {
    if (n.span.start < node.span.start || n.span.end > node.span.end) return false;
    if (isScalar(n)) return !n.aliasSpan;
    if (isMap(n)) return n.merged.length === 0 && n.pairs.every((p) => inside(p.key) && (p.value === undefined || inside(p.value)));
    return n.items.every(inside);
  };
  return inside(node);
}

/** A node as a tree of its parts, for writing key by key. */
export function treeOf(node: YNode, file: SourceFile): Tree {
  if (isMap(node)) {
    return {
      t: 'map',
      origin: { file, span: node.span, exact: false },
      pairs: node.entries().map((p) => ({ key: p.keyText, keyOrigin: keyOrigin(p.key, file), value: p.value ? treeOf(p.value, file) : { t: 'scalar', text: 'null', origin: { file, span: p.key.span, exact: false } } })),
    };
  }
  if (isSeq(node)) return { t: 'seq', origin: { file, span: node.span, exact: false }, items: node.items.map((i) => treeOf(i, file)) };
  return scalarTree(node, file);
}

function keyOrigin(key: YNode, file: SourceFile): Origin {
  const span = isScalar(key) && key.aliasSpan ? key.aliasSpan : key.span;
  return { file, span, exact: isScalar(key) && !key.aliasSpan && singleLine(file, span) };
}

/** A scalar written on one line is copied; others are written as a quoted string. */
function scalarTree(node: YNode, file: SourceFile): Tree {
  const span: Span = isScalar(node) && node.aliasSpan ? node.aliasSpan : node.span;
  if (isScalar(node) && !node.aliasSpan && singleLine(file, span) && node.style !== 'literal' && node.style !== 'folded') return { t: 'scalar', text: file.slice(span), origin: { file, span, exact: true } };
  const text = isScalar(node) ? (node.value === null ? 'null' : node.style === 'plain' ? node.text : yamlString(node.text)) : 'null';
  return { t: 'scalar', text, origin: { file, span, exact: false } };
}

function singleLine(file: SourceFile, span: Span): boolean {
  return span.end > span.start && !/[\r\n]/.test(file.slice(span));
}

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlString(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(value) && !/ $/.test(value) && !/^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.eE+-]*|\.inf|\.nan)$/i.test(value)) return value;
  return JSON.stringify(value);
}
