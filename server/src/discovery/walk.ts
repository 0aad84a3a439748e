import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { detectKind, isDockerfileName, isYamlName } from '../engine';
import { diskFiles, type ProjectFiles } from '../project/files';
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
export function* discover(paths: readonly string[], options: DiscoveryOptions = {}, files: ProjectFiles = diskFiles): Generator<DiscoveredFile> {
  for (const p of paths) {
    const abs = resolve(p);
    const st = statSync(abs);
    if (st.isFile()) {
      yield { path: abs, size: st.size, explicit: true };
      continue;
    }
    const extra: Layer[] = options.ignorePatterns?.length ? [{ dir: abs, patterns: parseGitignore(options.ignorePatterns.join('\n')) }] : [];
    yield* walkDir(abs, [...ancestorIgnores(abs, options, files), ...extra], options, files);
  }
}

/** `.gitignore` files of the folders above a root, up to the repository top (the folder holding `.git`). */
function ancestorIgnores(root: string, options: DiscoveryOptions, files: ProjectFiles): Layer[] {
  if (options.gitignore === false) return [];
  const layers: Layer[] = [];
  let dir = resolve(root, '..');
  for (let depth = 0; depth < 64; depth++) {
    const layer = readIgnore(dir, files);
    if (layer) layers.unshift(layer);
    if (files.exists(join(dir, '.git'))) return layers;
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  return []; // not inside a repository: outer .gitignore files do not apply
}

function* walkDir(dir: string, layers: readonly Layer[], options: DiscoveryOptions, files: ProjectFiles): Generator<DiscoveredFile> {
  const entries = files.entries(dir);
  if (!entries) return; // unreadable folder: skip it rather than abort the whole run
  const own = options.gitignore === false ? undefined : readIgnore(dir, files);
  const active = own ? [...layers, own] : layers;
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const isDir = entry.isDirectory();
    if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
    if (ignored(active, full, isDir)) continue;
    if (isDir) yield* walkDir(full, active, options, files);
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

/** `.gitignore` and `.bulkheadignore` (same syntax) of one folder. */
function readIgnore(dir: string, files: ProjectFiles): Layer | undefined {
  const patterns = IGNORE_FILES.flatMap((name) => parseGitignore(files.read(join(dir, name)) ?? ''));
  return patterns.length > 0 ? { dir, patterns } : undefined;
}

const IGNORE_FILES = ['.gitignore', '.bulkheadignore'];

/** The kind to lint a discovered file as; walked YAML that is neither compose nor k8s is skipped. */
export function kindFor(file: DiscoveredFile, text: string): ReturnType<typeof detectKind> | undefined {
  const kind = detectKind(file.path, text);
  return kind === 'other' && !file.explicit ? undefined : kind;
}
