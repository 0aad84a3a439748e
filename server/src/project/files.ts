import { readdirSync, readFileSync } from 'node:fs';
import { isFile, statQuietly, withoutBom } from '../discovery/walk';
import { join } from 'node:path';

/**
 * The file access of multi-file analysis (charts, overlays): the disk, with the texts of open
 * documents winning over it in the language server. Paths are absolute with forward slashes.
 */
export interface ProjectFiles {
  exists(path: string): boolean;
  /** The text (UTF-8, BOM removed), or undefined when missing or unreadable. */
  read(path: string): string | undefined;
  /** Files under a folder, recursively, sorted; [] when missing. */
  list(dir: string): string[];
}

/** Folders never listed (as in discovery). */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A chart or overlay larger than this is not listed further (the analysis stays bounded). */
const MAX_LISTED = 2000;

export const diskFiles: ProjectFiles = {
  exists(path) {
    return statQuietly(path) !== undefined;
  },
  read(path) {
    // Most reads probe for optional files: a missing one costs a stat, not an exception.
    if (!isFile(path)) return undefined;
    try {
      return withoutBom(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
  },
  list(dir) {
    const out: string[] = [];
    const walk = (d: string): void => {
      let entries;
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (out.length >= MAX_LISTED) return;
        const full = join(d, e.name).replace(/\\/g, '/');
        if (e.isDirectory()) {
          if (!SKIPPED.has(e.name)) walk(full);
        } else if (e.isFile()) out.push(full);
      }
    };
    walk(dir);
    return out;
  },
};

/** The disk, with `open` texts (path → text) read first. */
export function withOpenDocuments(open: (path: string) => string | undefined, base: ProjectFiles = diskFiles): ProjectFiles {
  return {
    exists: (path) => open(path) !== undefined || base.exists(path),
    read: (path) => open(path) ?? base.read(path),
    list: (dir) => base.list(dir),
  };
}

export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
