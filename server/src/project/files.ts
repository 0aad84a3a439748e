import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';

/**
 * The file access of discovery, configuration and multi-file analysis: the disk, with the texts of
 * open documents winning over it in the language server. Paths are absolute with forward slashes.
 */
export interface ProjectFiles {
  /** Follows symbolic links, as `stat` does. */
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** The text (UTF-8, BOM removed), or undefined when missing or unreadable. */
  read(path: string): string | undefined;
  /** The entries of a folder sorted by name (symbolic links as such); undefined when it cannot be read. */
  entries(dir: string): readonly Dirent[] | undefined;
  /** Files under a folder, recursively, sorted; [] when missing. */
  list(dir: string): string[];
}

/** Folders never listed (as in discovery). */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A chart or overlay larger than this is not listed further (the analysis stays bounded). */
const MAX_LISTED = 2000;

/** The disk as it is at each call: for the language server, whose files change under it. */
export const diskFiles: ProjectFiles = {
  exists: (path) => statQuietly(path) !== undefined,
  isDirectory: (path) => statQuietly(path)?.isDirectory() === true,
  // Most reads probe for optional files: a missing one costs a stat, not an exception.
  read: (path) => (isFile(path) ? readQuietly(path) : undefined),
  entries: readEntries,
  list: (dir) => listFiles(diskFiles, dir),
};

/**
 * The disk as one run sees it (a CLI run, one audit worker): each folder is listed once, and asking
 * for a file in it (a config file, an ignore file, `Chart.yaml` or `.git` above each file) is a
 * lookup, where the live disk costs a failed stat per name and folder. Discovery lists the folders
 * anyway, so on the CLI's thread most lookups are free. It does not see later changes.
 */
export function listedDisk(): ProjectFiles {
  const listings = new Map<string, { entries: readonly Dirent[]; byName: Map<string, Dirent> } | undefined>();
  const listing = (dir: string) => {
    if (!listings.has(dir)) {
      const entries = readEntries(dir);
      listings.set(dir, entries && { entries, byName: new Map(entries.map((e) => [e.name, e])) });
    }
    return listings.get(dir);
  };
  /** The entry of a path, stat'ed when it is a symbolic link (or a root, which no folder lists). */
  const stats = (path: string): Pick<Stats, 'isFile' | 'isDirectory'> | undefined => {
    const slash = path.lastIndexOf('/');
    if (slash < 0 || slash === path.length - 1) return statQuietly(path);
    const entry = listing(path.slice(0, slash) || '/')?.byName.get(path.slice(slash + 1));
    return entry?.isSymbolicLink() ? statQuietly(path) : entry;
  };
  const files: ProjectFiles = {
    exists: (path) => stats(path) !== undefined,
    isDirectory: (path) => stats(path)?.isDirectory() === true,
    read: (path) => (stats(path)?.isFile() ? readQuietly(path) : undefined),
    entries: (dir) => listing(dir)?.entries,
    list: (dir) => listFiles(files, dir),
  };
  return files;
}

/** The disk, with `open` texts (path → text) read first. */
export function withOpenDocuments(open: (path: string) => string | undefined, base: ProjectFiles = diskFiles): ProjectFiles {
  return { ...base, exists: (path) => open(path) !== undefined || base.exists(path), read: (path) => open(path) ?? base.read(path) };
}

function listFiles(files: ProjectFiles, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of files.entries(d) ?? []) {
      if (out.length >= MAX_LISTED) return;
      const full = join(d, e.name).replace(/\\/g, '/');
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) walk(full);
      } else if (e.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function readEntries(dir: string): Dirent[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return undefined;
  }
}

function readQuietly(path: string): string | undefined {
  try {
    return withoutBom(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

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

const isFile = (path: string): boolean => statQuietly(path)?.isFile() === true;

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
