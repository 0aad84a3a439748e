import { SourceFile, type Span } from '../source';

/**
 * Rendered text with provenance. A Helm template rendered with its chart's values, or a
 * Kustomize object merged from a base and patches, is written out as YAML text whose every
 * piece remembers the file and span it came from. The rules run on that text unchanged (it is
 * ordinary YAML); the `SourceMap` then moves each finding to the file that introduced what it
 * points at.
 */

/** Where a piece of rendered text comes from. */
export interface Origin {
  readonly file: SourceFile;
  readonly span: Span;
  /** The piece is `file.text` over `span`, character for character, so offsets inside map 1:1. */
  readonly exact: boolean;
}

/**
 * A subtree of another file copied into the rendered text (a `values.yaml` value written by
 * `toYaml`): a finding whose fix would edit it belongs there, at `anchor` (its key).
 */
export interface Block {
  readonly file: SourceFile;
  readonly anchor: Span;
}

export interface Piece {
  readonly text: string;
  readonly origin?: Origin;
  readonly block?: Block;
  /** Text Bulkhead could not work out (an unsupported function, an `if` on an unknown value). */
  readonly uncertain?: boolean;
}

/** Rendered text whose content is uncertain, or (zero-width) a place where unknown lines were left out. */
export interface Mark extends Span {
  /** The indentation the left-out lines would have had, when known. */
  readonly indent?: number;
}

/**
 * A block the template left out because a value of another file is empty (`{{- with
 * .Values.securityContext }}` with `securityContext: {}`): a "missing" finding whose fix would
 * write `key` at `indent` there is caused by that value.
 */
export interface Skipped {
  /** Where the block would have been in the rendered text. */
  readonly at: number;
  /** The first key the block writes, and its indentation. */
  readonly key: string;
  readonly indent: number;
  /** The empty value and its key, in their file. */
  readonly value: { readonly file: SourceFile; readonly key: Span; readonly node?: Span };
  /** The template action that left it out. */
  readonly by: Origin;
}

export interface Segment {
  /** Range in the rendered text. */
  readonly start: number;
  readonly end: number;
  /** Where the text comes from (for a template's own text: the template; for a value: values.yaml). */
  readonly origin: Origin;
  /** The template action that produced a value from another file. */
  readonly via?: Origin;
  readonly block?: Block;
  readonly uncertain?: boolean;
}

/** How an opaque value is written: a plain scalar no real value looks like, valid anywhere in YAML. */
const OPAQUE_TOKEN = /\$helm_\d+/g;

/** Builds rendered text piece by piece, recording each piece's segment. */
export class TextBuilder {
  private text = '';
  private readonly opaque = new Map<string, string>();
  private readonly segments: Segment[] = [];
  /** Ranges whose content is uncertain, and zero-width marks where unknown content was left out. */
  private readonly marks: Mark[] = [];
  private readonly skips: Skipped[] = [];

  get length(): number {
    return this.text.length;
  }

  /** The text written since the last line break. */
  currentLine(): string {
    return this.text.slice(this.text.lastIndexOf('\n') + 1);
  }

  /** Appends `piece`; `fallback` is its origin when it has none of its own (text a template action produced). */
  append(piece: Piece, fallback?: Origin): void {
    if (piece.text.length === 0) return;
    const start = this.text.length;
    this.text += piece.text;
    const origin = piece.origin ?? fallback;
    if (!origin) return;
    const via = piece.origin && fallback && piece.origin.file !== fallback.file ? fallback : undefined;
    this.segments.push({
      start,
      end: this.text.length,
      origin,
      ...(via ? { via } : {}),
      ...(piece.block ? { block: piece.block } : {}),
      ...(piece.uncertain ? { uncertain: true } : {}),
    });
  }

  /** A new opaque token standing for `readable` (the template text it replaces, shown in messages). */
  opaqueToken(readable: string): string {
    const token = `$helm_${this.opaque.size + 1}`;
    this.opaque.set(token, readable);
    return token;
  }

  skipped(skip: Omit<Skipped, 'at'>): void {
    this.skips.push({ ...skip, at: this.text.length });
  }

  /** Marks `[start, end)` (or a point) of the rendered text as uncertain. */
  mark(mark: Mark): void {
    this.marks.push(mark);
  }

  build(path: string): Rendered {
    const opaque = this.opaque;
    const readable = (message: string): string => (opaque.size === 0 ? message : message.replace(OPAQUE_TOKEN, (t) => opaque.get(t) ?? t));
    return { source: new SourceFile(path, this.text), map: new SourceMap(this.segments), uncertain: this.marks, skipped: this.skips, readable };
  }
}

export interface Rendered {
  readonly source: SourceFile;
  readonly map: SourceMap;
  readonly uncertain: readonly Mark[];
  readonly skipped: readonly Skipped[];
  /** A message about the rendered text with opaque tokens written as the template text they stand for. */
  readonly readable: (message: string) => string;
}

/** Segments sorted by rendered offset; answers where an offset of the rendered text comes from. */
export class SourceMap {
  constructor(readonly segments: readonly Segment[]) {}

  /** The segment holding `offset` (`side: 'end'` for the end of a span: the segment holding offset - 1). */
  at(offset: number, side: 'start' | 'end' = 'start'): Segment | undefined {
    const target = side === 'end' ? offset - 1 : offset;
    let low = 0;
    let high = this.segments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = this.segments[mid]!;
      if (target < s.start) high = mid - 1;
      else if (target >= s.end) low = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** Every segment overlapping `[start, end)`. */
  within(span: Span): Segment[] {
    return this.segments.filter((s) => s.start < Math.max(span.end, span.start + 1) && s.end > span.start);
  }
}

/** The offset in the origin file of a rendered offset inside `segment`. */
export function originOffset(segment: Segment, offset: number, side: 'start' | 'end'): number {
  if (segment.origin.exact) return segment.origin.span.start + Math.min(Math.max(offset - segment.start, 0), segment.end - segment.start);
  return side === 'start' ? segment.origin.span.start : segment.origin.span.end;
}

/** Pieces split at line breaks with `width` spaces after each one (and before the first, unless `first` is false). */
export function indentPieces(pieces: readonly Piece[], width: number, first = true): Piece[] {
  const pad: Piece = { text: ' '.repeat(width) };
  const out: Piece[] = first && width > 0 ? [pad] : [];
  for (const p of pieces) {
    let from = 0;
    for (let nl = p.text.indexOf('\n'); nl >= 0; nl = p.text.indexOf('\n', from)) {
      out.push(slicePiece(p, from, nl + 1));
      if (width > 0) out.push(pad);
      from = nl + 1;
    }
    if (from < p.text.length) out.push(slicePiece(p, from, p.text.length));
  }
  return out.filter((p) => p.text.length > 0);
}

/** Part of a piece; an exact origin stays exact over the part. */
export function slicePiece(p: Piece, from: number, to: number): Piece {
  if (from === 0 && to === p.text.length) return p;
  const origin = p.origin && (p.origin.exact ? { ...p.origin, span: { start: p.origin.span.start + from, end: p.origin.span.start + to } } : p.origin);
  return { ...p, text: p.text.slice(from, to), ...(origin ? { origin } : {}) };
}

export function piecesText(pieces: readonly Piece[]): string {
  return pieces.map((p) => p.text).join('');
}
