/**
 * `.dockerignore` patterns as Docker reads them (moby/patternmatcher): one per line, `#` comments,
 * paths relative to the build context root (a leading `/` is dropped, and a bare name matches at
 * the root only, unlike `.gitignore`), `*`, `?`, `[...]` and `**` for any number of folders, `!`
 * for exceptions. The last matching pattern decides, and a pattern that matches a folder matches
 * everything below it, so an exception can bring back one file of an excluded folder.
 */
export interface DockerignorePattern {
  readonly exclusion: boolean;
  readonly regex: RegExp;
  /** The pattern has a wildcard in a folder part: exceptions may reach into excluded folders. */
  readonly text: string;
}

export function parseDockerignore(text: string): DockerignorePattern[] {
  const out: DockerignorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    line = clean(line);
    if (!line || line === '.') continue;
    const regex = compile(toRegex(line));
    if (regex) out.push({ exclusion, regex, text: line });
  }
  return out;
}

/** Whether `path` (relative to the context root, forward slashes) is left out of the build context. */
export function dockerignored(patterns: readonly DockerignorePattern[], path: string): boolean {
  const parents: string[] = [];
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/'));
  let matched = false;
  for (const p of patterns) {
    if (p.exclusion !== matched) continue; // only a pattern that would change the verdict matters
    if (p.regex.test(path) || parents.some((parent) => p.regex.test(parent))) matched = !p.exclusion;
  }
  return matched;
}

/**
 * Whether nothing under `dir` can be in the context: the folder itself is excluded and no
 * exception pattern could re-include something below it (so a walk need not enter it).
 */
export function folderExcluded(patterns: readonly DockerignorePattern[], dir: string): boolean {
  return dockerignored(patterns, dir) && !patterns.some((p) => p.exclusion);
}

/** A pattern Docker would reject (an unclosed class, ...) matches nothing rather than failing the analysis. */
function compile(body: string): RegExp | undefined {
  try {
    return new RegExp(`^${body}$`);
  } catch {
    return undefined;
  }
}

/** filepath.Clean, as Docker applies it to each pattern. */
function clean(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function toRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**` matches any number of folders (zero included); `**/` at the start or `/**` at the end likewise.
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        out += '(?:.*/)?';
      } else out += '.*';
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        // Go's filepath.Match negates with `^` only (`!` is a literal character there).
        const cls = pattern.slice(i + 1, close);
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
