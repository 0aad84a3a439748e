/**
 * Globs for configuration values (`trustedRegistries`, `deniedImages`, `ignorePaths`, overrides):
 *
 * - `*` matches any run of characters except `/`; `?` one character except `/`;
 * - `**` matches any run of characters including `/`; a `**` segment followed by `/` also
 *   matches zero segments, so `a/**` + `/b` matches `a/b`;
 * - `[abc]`, `[a-z]`, and the negations `[!abc]` / `[^abc]` match one character (never `/`);
 * - `{a,b}` matches either alternative (alternatives may contain globs and nest);
 * - `\` escapes the next character; an unclosed `[` or `{` is literal.
 *
 * Matching is anchored (the whole text must match) and case-sensitive unless asked otherwise.
 */

export interface GlobOptions {
  readonly caseInsensitive?: boolean;
}

/** The regular-expression source of `glob` (anchored, without flags). */
export function globSource(glob: string): string {
  return `^${new GlobCompiler(glob).compile(0, glob.length)}$`;
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 1000;

/** Compiles `glob` into an anchored RegExp; compiled globs are cached. */
export function compileGlob(glob: string, options: GlobOptions = {}): RegExp {
  const key = (options.caseInsensitive ? 'i:' : 's:') + glob;
  let re = cache.get(key);
  if (!re) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    re = new RegExp(globSource(glob), options.caseInsensitive ? 'i' : '');
    cache.set(key, re);
  }
  return re;
}

/** Whether the whole of `text` matches `glob`. */
export function matchGlob(glob: string, text: string, options: GlobOptions = {}): boolean {
  return compileGlob(glob, options).test(text);
}

/** Whether `text` contains glob syntax (`*`, `?`, `[`, `{`). */
export function isGlob(text: string): boolean {
  return /[*?[{]/.test(text);
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

class GlobCompiler {
  constructor(private readonly glob: string) {}

  /** Compiles glob[from, to). */
  compile(from: number, to: number): string {
    const g = this.glob;
    let out = '';
    let i = from;
    while (i < to) {
      const c = g[i]!;
      if (c === '\\') {
        out += i + 1 < to ? escapeRegex(g[i + 1]!) : '\\\\';
        i += 2;
      } else if (c === '*') {
        let j = i;
        while (j < to && g[j] === '*') j++;
        if (j - i === 1) {
          out += '[^/]*';
        } else {
          const segmentStart = i === from || g[i - 1] === '/';
          if (segmentStart && g[j] === '/') {
            // A `**` segment: any number of whole segments, including none.
            out += '(?:[^/]*/)*';
            j++;
          } else {
            out += '.*';
          }
        }
        i = j;
      } else if (c === '?') {
        out += '[^/]';
        i++;
      } else if (c === '[') {
        const close = this.classEnd(i, to);
        if (close < 0) {
          out += '\\[';
          i++;
        } else {
          out += this.charClass(i + 1, close);
          i = close + 1;
        }
      } else if (c === '{') {
        const parts = this.alternatives(i, to);
        if (!parts) {
          out += '\\{';
          i++;
        } else {
          out += `(?:${parts.ranges.map(([a, b]) => this.compile(a, b)).join('|')})`;
          i = parts.end + 1;
        }
      } else {
        out += escapeRegex(c);
        i++;
      }
    }
    return out;
  }

  /** Index of the `]` closing the class opened at `open`, or -1. A `]` right after `[`/`[!` is literal. */
  private classEnd(open: number, to: number): number {
    let i = open + 1;
    if (this.glob[i] === '!' || this.glob[i] === '^') i++;
    if (this.glob[i] === ']') i++;
    for (; i < to; i++) {
      if (this.glob[i] === '\\') i++;
      else if (this.glob[i] === ']') return i;
    }
    return -1;
  }

  private charClass(from: number, to: number): string {
    let negate = false;
    let i = from;
    if (this.glob[i] === '!' || this.glob[i] === '^') {
      negate = true;
      i++;
    }
    let body = '';
    for (; i < to; i++) {
      const c = this.glob[i]!;
      if (c === '\\' && i + 1 < to) {
        body += escapeRegex(this.glob[++i]!);
      } else if (c === '-' && body !== '' && i + 1 < to) {
        body += '-';
      } else {
        body += c === '-' ? '\\-' : escapeRegex(c);
      }
    }
    // A class never matches the path separator.
    return negate ? `[^/${body}]` : `(?!/)[${body}]`;
  }

  /** The comma-separated ranges of the `{...}` opened at `open` (top level only), or undefined when unclosed. */
  private alternatives(open: number, to: number): { ranges: [number, number][]; end: number } | undefined {
    const ranges: [number, number][] = [];
    let depth = 0;
    let start = open + 1;
    for (let i = open + 1; i < to; i++) {
      const c = this.glob[i];
      if (c === '\\') i++;
      else if (c === '[') {
        const close = this.classEnd(i, to);
        if (close > 0) i = close;
      } else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) {
          ranges.push([start, i]);
          return { ranges, end: i };
        }
        depth--;
      } else if (c === ',' && depth === 0) {
        ranges.push([start, i]);
        start = i + 1;
      }
    }
    return undefined;
  }
}
