/**
 * Positions. A `Span` is a half-open [start, end) range of UTF-16 code-unit offsets into
 * `SourceFile.text`, which is LSP's default position encoding. `LineIndex` is the only code in
 * the project that converts offsets to lines and columns; everything else passes spans around.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A 0-based line and UTF-16 column, as LSP uses. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanCovering(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Line starts of a text; `\n`, `\r\n` and a lone `\r` all end a line (as in LSP and dockerfile-ast). */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based position of an offset; offsets are clamped into the text. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  /** Offset of a 0-based position; a column past the end of its line stops at the line break. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    return Math.min(start + Math.max(0, position.character), this.lineContentEnd(position.line));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  /** Offset just before the line break of `line` (or the end of the text). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }
}

/** The text of one file plus its lazily built line index. */
export class SourceFile {
  private index: LineIndex | undefined;

  constructor(
    /** Workspace-relative or absolute path with forward slashes; used for kind detection and output. */
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  slice(s: Span): string {
    return this.text.slice(s.start, s.end);
  }

  /** The line ending of the first line, so inserted lines match the file. */
  get eol(): string {
    const nl = this.text.indexOf('\n');
    return nl > 0 && this.text[nl - 1] === '\r' ? '\r\n' : '\n';
  }
}
