import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { detectKind, isDockerfileName, isYamlName } from '../engine';
import { isIgnored, parseGitignore, type IgnorePattern } from './gitignore';

/** Folders never walked into. */
export const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface DiscoveredFile {
  /** Absolute path. */
  readonly path: string;
  readonly size: number;
  /** Whether the user named this file explicitly (then it is linted whatever its kind). */
  readonly explicit: boolean;
}

export interface DiscoveryOptions {
  /** Honour `.gitignore` and `.bulkheadignore` files (default true). */
  readonly gitignore?: boolean;
  /** Extra ignore patterns (gitignore syntax) relative to each root, e.g. config `ignorePaths`. */
  readonly ignorePatterns?: readonly string[];
}

interface Layer {
  readonly dir: string;
  readonly patterns: readonly IgnorePattern[];
}

/**
 * Finds container files under the given paths: Dockerfiles by name, YAML files by extension
 * (their content decides later). Folders are walked in sorted order, skipping VCS folders,
 * `node_modules` and whatever `.gitignore` files (at any level) exclude.
 */
export function* discover(paths: readonly string[], options: DiscoveryOptions = {}): Generator<DiscoveredFile> {
  for (const p of paths) {
    const abs = resolve(p);
    const st = statSync(abs);
    if (st.isFile()) {
      yield { path: abs, size: st.size, explicit: true };
      continue;
    }
    const extra: Layer[] = options.ignorePatterns?.length ? [{ dir: abs, patterns: parseGitignore(options.ignorePatterns.join('\n')) }] : [];
    yield* walkDir(abs, [...ancestorIgnores(abs, options), ...extra], options);
  }
}

/** `.gitignore` files of the folders above a root, up to the repository top (the folder holding `.git`). */
function ancestorIgnores(root: string, options: DiscoveryOptions): Layer[] {
  if (options.gitignore === false) return [];
  const layers: Layer[] = [];
  let dir = resolve(root, '..');
  for (let depth = 0; depth < 64; depth++) {
    const layer = readIgnore(dir, (name) => isFile(join(dir, name)));
    if (layer) layers.unshift(layer);
    if (statQuietly(join(dir, '.git'))) return layers;
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  return []; // not inside a repository: outer .gitignore files do not apply
}

function* walkDir(dir: string, layers: readonly Layer[], options: DiscoveryOptions): Generator<DiscoveredFile> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: skip it rather than abort the whole run
  }
  const own = options.gitignore === false ? undefined : readIgnore(dir, (name) => entries.some((e) => e.name === name));
  const active = own ? [...layers, own] : layers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
    if (ignored(active, full, isDir)) continue;
    if (isDir) yield* walkDir(full, active, options);
    else if (entry.isFile() && (isDockerfileName(entry.name) || isYamlName(entry.name))) {
      try {
        yield { path: full, size: statSync(full).size, explicit: false };
      } catch {
        // vanished between readdir and stat
      }
    }
  }
}

function ignored(layers: readonly Layer[], path: string, isDirectory: boolean): boolean {
  let result = false;
  for (const layer of layers) {
    const rel = relative(layer.dir, path).split(sep).join('/');
    if (rel.startsWith('..')) continue;
    const verdict = isIgnored(layer.patterns, rel, isDirectory);
    if (verdict !== undefined) result = verdict;
  }
  return result;
}

/**
 * `.gitignore` and `.bulkheadignore` (same syntax) of one folder. `present` says whether the folder
 * holds a name: a failed read costs an exception, and most folders hold neither file.
 */
function readIgnore(dir: string, present: (name: string) => boolean): Layer | undefined {
  const patterns: IgnorePattern[] = [];
  for (const name of IGNORE_FILES) {
    if (!present(name)) continue;
    try {
      patterns.push(...parseGitignore(readFileSync(join(dir, name), 'utf8')));
    } catch {
      // unreadable
    }
  }
  return patterns.length > 0 ? { dir, patterns } : undefined;
}

const IGNORE_FILES = ['.gitignore', '.bulkheadignore'];

/**
 * The stat of a path, or undefined when there is nothing there. Most probes are for optional files
 * (ignore files, config files, Chart.yaml above a file): a missing one costs no exception.
 */
export function statQuietly(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR, EACCES, ...
  }
}

export const isFile = (path: string): boolean => statQuietly(path)?.isFile() === true;

/**
 * Reads a file as text (UTF-8, BOM removed) in one read; undefined when it is binary (a NUL byte
 * in its first 8 KB), so binary files are never decoded.
 */
export function readTextUnlessBinary(path: string): string | undefined {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return withoutBom(bytes.toString('utf8'));
}

/** The text without a leading byte order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The kind to lint a discovered file as; walked YAML that is neither compose nor k8s is skipped. */
export function kindFor(file: DiscoveredFile, text: string): ReturnType<typeof detectKind> | undefined {
  const kind = detectKind(file.path, text);
  return kind === 'other' && !file.explicit ? undefined : kind;
}
