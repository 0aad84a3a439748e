import { lintChart, rendersManifest, SourceFile, type ChartInput, type LintOptions, type UnitResult } from '../engine';
import { parentDir, type ProjectFiles } from './files';

/** Ancestor folders searched for `Chart.yaml`. */
const MAX_DEPTH = 8;

/**
 * The chart a file belongs to: the nearest folder above it with a `Chart.yaml`, when the file is
 * that chart's `values.yaml` or a manifest template under its `templates/` folder.
 */
export function chartOf(path: string, files: ProjectFiles): string | undefined {
  let dir = parentDir(path);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (files.exists(`${dir}/Chart.yaml`)) return isChartMember(dir, path) ? dir : undefined;
    const parent = parentDir(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function isChartMember(root: string, path: string): boolean {
  const rel = path.slice(root.length + 1);
  return rel === 'values.yaml' || (rel.startsWith('templates/') && rendersManifest(rel));
}

/** The paths a chart reports on: its manifest templates and values.yaml. */
export function chartMembers(root: string, files: ProjectFiles): string[] {
  const templates = files.list(`${root}/templates`).filter((p) => rendersManifest(p));
  return [...templates, ...(files.exists(`${root}/values.yaml`) ? [`${root}/values.yaml`] : [])];
}

/** Reads a chart: Chart.yaml, values.yaml and every file under templates/ (helpers included). */
export function loadChart(root: string, files: ProjectFiles): ChartInput {
  const read = (path: string): SourceFile | undefined => {
    const text = files.read(path);
    return text === undefined ? undefined : new SourceFile(path, text);
  };
  const templates = files
    .list(`${root}/templates`)
    .filter((p) => /\.(ya?ml|tpl)$/i.test(p))
    .map(read)
    .filter((f): f is SourceFile => f !== undefined);
  const chart = read(`${root}/Chart.yaml`);
  const values = read(`${root}/values.yaml`);
  return { root, templates, ...(chart ? { chart } : {}), ...(values ? { values } : {}) };
}

export function analyzeChart(root: string, files: ProjectFiles, options: LintOptions): UnitResult {
  return lintChart(loadChart(root, files), options);
}
