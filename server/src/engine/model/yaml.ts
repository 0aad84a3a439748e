import type { SourceFile, Span } from '../source';

/**
 * A YAML tree with spans, independent of the parser library. Aliases are resolved to the
 * anchored node (shared, never copied, so alias bombs cost nothing to hold) and `<<` merge keys
 * are kept as `merged` maps that lookups fall back to. Scalars keep their source text; each
 * kind's model decides which texts are booleans, since Kubernetes (YAML 1.1, go-yaml v2) and
 * Compose (compose-go casts) accept different spellings.
 */
export type YNode = YMap | YSeq | YScalar;

export interface YScalar {
  readonly type: 'scalar';
  readonly span: Span;
  /** The string form: source text of a plain scalar, the unquoted/unfolded value otherwise. */
  readonly text: string;
  /** Value under the YAML 1.2 core schema (string, number, boolean or null). */
  readonly value: unknown;
  readonly style: 'plain' | 'single' | 'double' | 'literal' | 'folded';
  /** Span of the alias (`*name`) when this node was reached through one. */
  readonly aliasSpan?: Span;
}

export interface YPair {
  readonly key: YNode;
  /** String form of the key (scalars), or '' for complex keys. */
  readonly keyText: string;
  readonly value: YNode | undefined;
  /** From the key to the end of the value. */
  readonly span: Span;
}

export class YMap {
  readonly type = 'map';
  constructor(
    readonly span: Span,
    readonly pairs: readonly YPair[],
    /** Maps merged in with `<<: *anchor`, in precedence order. */
    readonly merged: readonly YMap[],
    readonly flow: boolean,
  ) {}

  /** The pair for `key`: own pairs first, then merged maps. */
  pair(key: string): YPair | undefined {
    for (const p of this.pairs) if (p.keyText === key) return p;
    for (const m of this.merged) {
      const p = m.pair(key);
      if (p) return p;
    }
    return undefined;
  }

  get(key: string): YNode | undefined {
    return this.pair(key)?.value;
  }

  has(key: string): boolean {
    return this.pair(key) !== undefined;
  }

  /** Own pairs followed by merged pairs whose keys are not overridden. */
  entries(): YPair[] {
    if (this.merged.length === 0) return [...this.pairs];
    const seen = new Set(this.pairs.map((p) => p.keyText));
    const out = [...this.pairs];
    for (const m of this.merged) {
      for (const p of m.entries()) {
        if (!seen.has(p.keyText)) {
          seen.add(p.keyText);
          out.push(p);
        }
      }
    }
    return out;
  }

  /** Follows a path of keys through nested maps. */
  path(...keys: string[]): YNode | undefined {
    let node: YNode | undefined = this;
    for (const key of keys) {
      if (!(node instanceof YMap)) return undefined;
      node = node.get(key);
    }
    return node;
  }
}

export class YSeq {
  readonly type = 'seq';
  constructor(
    readonly span: Span,
    readonly items: readonly YNode[],
    readonly flow: boolean,
  ) {}
}

export interface YamlProblem {
  readonly message: string;
  readonly span: Span;
  /** `syntax` for parser errors, `limit` for alias-expansion and nesting limits. */
  readonly kind: 'syntax' | 'limit';
}

/** One `---` document of a YAML stream. Spans inside it are relative to `source`. */
export interface YamlDocument {
  /** 0-based position in the stream. */
  readonly index: number;
  /** Offset of this document's text in the whole file (kept current by the incremental linter). */
  readonly offset: number;
  /** The document's own text; its spans and its findings' spans are relative to it. */
  readonly source: SourceFile;
  readonly contents: YNode | undefined;
  readonly problems: readonly YamlProblem[];
  /** Whether the document uses anchors or aliases. */
  readonly anchors?: boolean;
}

export function isMap(node: YNode | undefined): node is YMap {
  return node instanceof YMap;
}

export function isSeq(node: YNode | undefined): node is YSeq {
  return node instanceof YSeq;
}

export function isScalar(node: YNode | undefined): node is YScalar {
  return node !== undefined && node.type === 'scalar';
}

/** The string form of a scalar, or undefined for maps, sequences, null and missing nodes. */
export function str(node: YNode | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return node.text;
}

/** Items of a sequence; a missing node or a non-sequence gives []. */
export function items(node: YNode | undefined): readonly YNode[] {
  return isSeq(node) ? node.items : [];
}

/** The span to point at for a node: the alias use when it came through one. */
export function nodeSpan(node: YNode): Span {
  return (isScalar(node) && node.aliasSpan) || node.span;
}
