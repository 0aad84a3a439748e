import { k8sBool } from '../model/k8s';
import { isMap, isScalar, isSeq, type YNode } from '../model/yaml';
import { copyNode, emitTree, treeOf, yamlString, type Tree } from '../rendered/emit';
import { piecesText, type Origin, type Piece } from '../rendered/text';
import type { SourceFile, Span } from '../source';

/**
 * Values a template works with. Values read from `values.yaml` and `Chart.yaml` stay YAML nodes
 * of their file, so whatever they render into keeps pointing at them; computed strings are
 * pieces with provenance; `unknown` is what Bulkhead cannot work out (an unsupported function,
 * `include`, `.Capabilities`, the release name), and renders as an opaque value.
 */
export type Val =
  /** A node of a file; `key` is the span of the key that holds it. */
  | { readonly k: 'yaml'; readonly node: YNode; readonly file: SourceFile; readonly key?: Span }
  | { readonly k: 'str'; readonly pieces: readonly Piece[] }
  | { readonly k: 'num'; readonly n: number }
  | { readonly k: 'bool'; readonly b: boolean }
  /** Missing or null; `at` is the key written without a value, when there is one. */
  | { readonly k: 'nil'; readonly at?: { readonly file: SourceFile; readonly key: Span } }
  | { readonly k: 'list'; readonly items: readonly Val[] }
  | { readonly k: 'dict'; readonly entries: ReadonlyMap<string, Val> }
  /** Opaque; `lines` when it starts lines of its own (after `nindent`), indented by `lines`. */
  | { readonly k: 'unknown'; readonly lines?: number };

export const NIL: Val = { k: 'nil' };
export const UNKNOWN: Val = { k: 'unknown' };

export function str(text: string, origin?: Origin): Val {
  return { k: 'str', pieces: [{ text, ...(origin ? { origin } : {}) }] };
}

/** A YAML node as a value: null scalars are nil (keeping the key they are written at). */
export function yamlVal(node: YNode | undefined, file: SourceFile, key?: Span): Val {
  if (node === undefined || (isScalar(node) && node.value === null)) return key ? { k: 'nil', at: { file, key } } : NIL;
  return { k: 'yaml', node, file, ...(key ? { key } : {}) };
}

/** `v.name`: a map key of a YAML map or dict; nil when missing, unknown when `v` is. */
export function field(v: Val, name: string): Val {
  switch (v.k) {
    case 'yaml': {
      if (!isMap(v.node)) return UNKNOWN;
      const pair = v.node.pair(name);
      return pair ? yamlVal(pair.value, v.file, pair.key.span) : NIL;
    }
    case 'dict':
      return v.entries.get(name) ?? NIL;
    case 'nil':
      return NIL;
    default:
      return UNKNOWN;
  }
}

/** Go template truth: false, 0, nil and empty strings, lists and maps are false; undefined when unknown. */
export function truthy(v: Val): boolean | undefined {
  switch (v.k) {
    case 'unknown':
      return undefined;
    case 'nil':
      return false;
    case 'bool':
      return v.b;
    case 'num':
      return v.n !== 0;
    case 'str':
      return v.pieces.some((p) => p.uncertain) ? undefined : piecesText(v.pieces) !== '';
    case 'list':
      return v.items.length > 0;
    case 'dict':
      return v.entries.size > 0;
    case 'yaml': {
      const node = v.node;
      if (isMap(node)) return node.pairs.length > 0 || node.merged.length > 0;
      if (isSeq(node)) return node.items.length > 0;
      const s = scalar(v);
      return truthy(s);
    }
  }
}

/**
 * A YAML scalar as a plain value, the way Helm reads `values.yaml` (sigs.k8s.io/yaml, YAML 1.1:
 * plain `yes`/`on` are booleans).
 */
export function scalar(v: Val): Val {
  if (v.k !== 'yaml' || !isScalar(v.node)) return v;
  const node = v.node;
  const origin: Origin = { file: v.file, span: node.span, exact: false };
  if (node.style === 'plain') {
    if (node.value === null) return NIL;
    const b = k8sBool(node);
    if (b !== undefined) return { k: 'bool', b };
    if (typeof node.value === 'number') return { k: 'num', n: node.value };
    return str(node.text, { ...origin, exact: v.file.slice(node.span) === node.text });
  }
  return str(node.text, origin);
}

/** What `{{ v }}` prints, as pieces (unknown for maps and lists, which Go prints in its own syntax). */
export function printed(v: Val): Piece[] | undefined {
  switch (v.k) {
    case 'str':
      return [...v.pieces];
    case 'nil':
      return [];
    case 'num':
      return [{ text: String(v.n) }];
    case 'bool':
      return [{ text: String(v.b) }];
    case 'yaml': {
      if (!isScalar(v.node)) return undefined;
      const node = v.node;
      const s = scalar(v);
      const origin: Origin = { file: v.file, span: node.span, exact: false };
      if (s.k === 'str') return s.pieces.map((p) => ({ ...p, origin: p.origin ?? origin }));
      const text = s.k === 'nil' ? '' : s.k === 'bool' ? String(s.b) : node.text;
      return [{ text, origin: { ...origin, exact: v.file.slice(node.span) === text } }];
    }
    default:
      return undefined;
  }
}

/** The string form of a value, or undefined when unknown or not a scalar. */
export function text(v: Val): string | undefined {
  const p = printed(v);
  return p && !p.some((x) => x.uncertain) ? piecesText(p) : undefined;
}

/** `toYaml`: a values node is copied as written; computed values are written out. */
export function toYaml(v: Val): Val {
  switch (v.k) {
    case 'unknown':
      return UNKNOWN;
    case 'nil':
      return { k: 'str', pieces: [{ text: 'null', ...(v.at ? { origin: { file: v.at.file, span: v.at.key, exact: false }, block: { file: v.at.file, anchor: v.at.key } } : {}) }] };
    case 'yaml': {
      const block = { file: v.file, anchor: v.key ?? v.node.span };
      return { k: 'str', pieces: copyNode(v.file, v.node, block) ?? emitTree({ t: 'node', node: v.node, file: v.file, block }) };
    }
    default: {
      const tree = toTree(v);
      return tree ? { k: 'str', pieces: emitTree(tree) } : UNKNOWN;
    }
  }
}

/** A computed value as a tree to write; undefined when part of it is unknown. */
function toTree(v: Val): Tree | undefined {
  switch (v.k) {
    case 'yaml':
      return treeOf(v.node, v.file);
    case 'nil':
      return { t: 'scalar', text: 'null' };
    case 'bool':
      return { t: 'scalar', text: String(v.b) };
    case 'num':
      return { t: 'scalar', text: String(v.n) };
    case 'str': {
      const s = piecesText(v.pieces);
      if (v.pieces.some((p) => p.uncertain)) return undefined;
      const only = v.pieces.length === 1 ? v.pieces[0]!.origin : undefined;
      const text = yamlString(s);
      return { t: 'scalar', text, ...(only ? { origin: { ...only, exact: only.exact && text === s } } : {}) };
    }
    case 'list': {
      const items = v.items.map(toTree);
      return items.every((i): i is Tree => i !== undefined) ? { t: 'seq', items } : undefined;
    }
    case 'dict': {
      const pairs: { key: string; value: Tree }[] = [];
      for (const key of [...v.entries.keys()].sort()) {
        const value = toTree(v.entries.get(key)!);
        if (!value) return undefined;
        pairs.push({ key, value });
      }
      return { t: 'map', pairs };
    }
    case 'unknown':
      return undefined;
  }
}

/** Items of a list value (YAML sequence or list), with their index; undefined when not a list. */
export function listItems(v: Val): Val[] | undefined {
  if (v.k === 'list') return [...v.items];
  if (v.k === 'yaml' && isSeq(v.node)) return v.node.items.map((n) => yamlVal(n, v.file));
  if (v.k === 'nil') return [];
  return undefined;
}

/** Entries of a map value, sorted by key as Go ranges over maps; undefined when not a map. */
export function mapEntries(v: Val): [string, Val][] | undefined {
  if (v.k === 'dict') return [...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (v.k === 'yaml' && isMap(v.node)) {
    const file = v.file;
    return v.node
      .entries()
      .map((p): [string, Val] => [p.keyText, yamlVal(p.value, file, p.key.span)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return undefined;
}
