import { writeFileSync } from 'node:fs';
import type { FileResult, FileTask } from '../analyze/file';
import { unifiedDiff } from '../cli/diff';
import type { EngineConfig, Finding, LintResult, Rule } from '../engine';
import { diskFiles, type ProjectFiles } from './files';
import { analyzeUnit, fixUnit, UnitFinder, unitMembers, type UnitRef } from './units';

/**
 * Turns discovered files into analysis tasks: the files of one chart or overlay become one task
 * for the unit (at the place of its first file), reporting the files that were discovered (and a
 * chart's values.yaml, where its findings often land). Other files stay one task each.
 */
export function groupUnits(tasks: readonly FileTask[], options: { readonly values?: boolean } = {}, files: ProjectFiles = diskFiles): FileTask[] {
  const finder = new UnitFinder(files);
  const units = new Map<string, { task: FileTask; unit: UnitRef; paths: string[] }>();
  const out: FileTask[] = [];
  for (const task of tasks) {
    const path = task.path.replace(/\\/g, '/');
    const unit = finder.unitOf(path);
    if (!unit) {
      out.push({ ...task, index: out.length });
      continue;
    }
    const key = `${unit.kind}:${unit.root}`;
    const known = units.get(key);
    if (known) {
      known.paths.push(path);
      continue;
    }
    const entry = { task: { ...task, index: out.length, unit }, unit, paths: [path] };
    units.set(key, entry);
    out.push(entry.task);
  }
  for (const { task, unit, paths } of units.values()) {
    const values = unit.kind === 'helm' && options.values !== false ? unitMembers(unit, files).filter((p) => p.endsWith('/values.yaml')) : [];
    out[task.index] = { ...out[task.index]!, reportPaths: [...new Set([...paths, ...values])] };
  }
  return out;
}

export interface UnitTaskContext {
  readonly rules: readonly Rule[];
  readonly fix: 'write' | 'diff' | undefined;
  /** Configuration of a file (and whether config `ignorePaths` excludes it). */
  readonly configFor: (path: string) => { readonly config: EngineConfig; readonly ignored: boolean };
  /** The result of one analysed file, as the analyzer builds it. */
  readonly fileResult: (index: number, path: string, result: LintResult) => FileResult;
  readonly display: (path: string) => string;
}

/** Analyses a unit task: one result per reported file (the first, with the others in `more`). */
export function analyzeUnitTask(task: FileTask, ctx: UnitTaskContext, files: ProjectFiles = diskFiles): FileResult {
  const unit = task.unit!;
  const { config } = ctx.configFor(task.path);
  // Suggestions stay on: a rendered finding is placed where its first fix edits (often values.yaml).
  const options = { config, rules: ctx.rules, inventory: true };
  let diff = '';
  let fixed: string | undefined;
  if (ctx.fix) {
    const { texts, fixed: done } = fixUnit(unit, files, options);
    for (const [path, text] of texts) {
      if (ctx.fix === 'diff') diff += unifiedDiff(ctx.display(path), files.read(path) ?? '', text);
      else writeFileSync(path, text);
    }
    if (ctx.fix === 'write' && done.length > 0) fixed = describe(done, [...texts.keys()].map(ctx.display));
  }
  const wanted = new Set(task.reportPaths ?? [task.path.replace(/\\/g, '/')]);
  const results = analyzeUnit(unit, files, options)
    .files.filter((r) => wanted.has(r.source.path) && (task.explicit || !ctx.configFor(r.source.path).ignored))
    .map((r) => ctx.fileResult(task.index, r.source.path, r));
  const [first, ...more] = results;
  if (!first) return { index: task.index };
  return { ...first, ...(more.length > 0 ? { more } : {}), ...(diff ? { diff } : {}), ...(fixed ? { fixed } : {}) };
}

function describe(fixed: readonly Finding[], paths: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const f of fixed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return `fixed ${fixed.length} ${fixed.length === 1 ? 'problem' : 'problems'} in ${paths.join(', ')} (${[...counts].map(([id, n]) => `${id} ×${n}`).join(', ')})`;
}
