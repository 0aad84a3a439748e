/**
 * `.gitignore` patterns, as git reads them: `#` comments, `!` negation (last match wins),
 * trailing `/` for directories only, patterns with a slash anchored to the file's folder, others
 * matching a name at any depth, `*`, `?`, `[...]` and `**`.
 */
export interface IgnorePattern {
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly regex: RegExp;
}

export function parseGitignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    const body = globToRegex(line);
    try {
      patterns.push({ negated, directoryOnly, regex: new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`) });
    } catch {
      // A malformed pattern (e.g. `[z-a]`) matches nothing, as in git.
    }
  }
  return patterns;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === glob.length) out += '.*';
        else {
          out += '(?:.*/)?';
          i++; // the slash after **
        }
        i++;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let cls = glob.slice(i + 1, close);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escape(glob[++i]!);
    } else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Whether `relativePath` (forward slashes, relative to the pattern file's folder) is ignored. */
export function isIgnored(patterns: readonly IgnorePattern[], relativePath: string, isDirectory: boolean): boolean | undefined {
  let result: boolean | undefined;
  for (const p of patterns) {
    if (p.directoryOnly && !isDirectory) continue;
    if (p.regex.test(relativePath)) result = !p.negated;
  }
  return result;
}
