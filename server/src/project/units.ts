import { applyFixes, KUSTOMIZATION_NAMES, lintKustomization, patchPaths, SourceFile, type Finding, type LintOptions, type UnitResult } from '../engine';
import { parentDir, withOpenDocuments, type ProjectFiles } from './files';
import { analyzeChart, chartMembers, chartOf } from './helm';

/**
 * Units of analysis that span files: a Helm chart (its templates rendered with values.yaml) and
 * a Kustomize overlay (its objects merged from resources and patches). The CLI, the workspace
 * audit and the language server analyse a unit as a whole and report each of its files.
 */
export interface UnitRef {
  readonly kind: 'helm' | 'kustomize';
  /** The chart folder, or the kustomization file. */
  readonly root: string;
}

/** Folders above a patch searched for the kustomization that names it. */
const PATCH_SEARCH_DEPTH = 3;

/** Finds the unit of a path, caching what it reads (one finder per run or per settings change). */
export class UnitFinder {
  private readonly patchesOf = new Map<string, readonly string[]>();
  private readonly files: ProjectFiles;

  constructor(files: ProjectFiles) {
    // Every file of a folder asks for the same Chart.yaml above it: ask the disk once.
    const known = new Map<string, boolean>();
    const exists = (path: string): boolean => known.get(path) ?? (known.set(path, files.exists(path)), known.get(path)!);
    this.files = { ...files, exists };
  }

  unitOf(path: string): UnitRef | undefined {
    const chart = chartOf(path, this.files);
    if (chart) return { kind: 'helm', root: chart };
    if (KUSTOMIZATION_NAMES.includes(baseName(path))) return { kind: 'kustomize', root: path };
    if (!/\.ya?ml$/i.test(path)) return undefined;
    let dir = parentDir(path);
    for (let depth = 0; depth < PATCH_SEARCH_DEPTH; depth++) {
      for (const name of KUSTOMIZATION_NAMES) {
        const k = `${dir}/${name}`;
        if (this.patches(k).includes(path)) return { kind: 'kustomize', root: k };
      }
      const parent = parentDir(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  private patches(kustomization: string): readonly string[] {
    let list = this.patchesOf.get(kustomization);
    if (!list) {
      const text = this.files.read(kustomization);
      list = text === undefined ? [] : patchPaths(new SourceFile(kustomization, text));
      this.patchesOf.set(kustomization, list);
    }
    return list;
  }
}

/** The files a unit reports on: a chart's manifest templates and values.yaml; a kustomization and its patch files. */
export function unitMembers(unit: UnitRef, files: ProjectFiles): string[] {
  if (unit.kind === 'helm') return chartMembers(unit.root, files);
  const text = files.read(unit.root);
  return [unit.root, ...(text === undefined ? [] : patchPaths(new SourceFile(unit.root, text)).filter((p) => files.exists(p)))];
}

export function analyzeUnit(unit: UnitRef, files: ProjectFiles, options: LintOptions): UnitResult {
  if (unit.kind === 'helm') return analyzeChart(unit.root, files, options);
  const read = (path: string): SourceFile | undefined => {
    const text = files.read(path);
    return text === undefined ? undefined : new SourceFile(path, text);
  };
  const kustomization = read(unit.root);
  return kustomization ? lintKustomization({ kustomization, read }, options) : { files: [] };
}

/** Passes of safe fixes over a unit, as `fixAll` does for one file. */
const MAX_FIX_PASSES = 10;

/**
 * Applies every safe fix of a unit, re-analysing between passes (fixes may edit values.yaml or a
 * patch file as well as the file they are reported in). Returns the changed texts by path.
 */
export function fixUnit(unit: UnitRef, files: ProjectFiles, options: LintOptions): { texts: Map<string, string>; fixed: Finding[] } {
  const texts = new Map<string, string>();
  const fixed: Finding[] = [];
  const current = withOpenDocuments((p) => texts.get(p), files);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let applied = 0;
    for (const result of analyzeUnit(unit, current, options).files) {
      const findings = result.findings.filter((f) => f.fix && !f.suppressed);
      if (findings.length === 0) continue;
      const { text, applied: done } = applyFixes(result.source.text, findings.map((f) => f.fix!));
      if (done.length === 0) continue;
      texts.set(result.source.path, text);
      fixed.push(...findings.filter((f) => done.includes(f.fix!)));
      applied += done.length;
    }
    if (applied === 0) break;
  }
  return { texts, fixed };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
