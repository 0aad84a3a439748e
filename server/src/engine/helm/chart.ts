import { prepare, type LintOptions, type LintResult } from '../lint';
import { isMap, isScalar } from '../model/yaml';
import { parseYamlFile } from '../parse/yaml';
import type { Finding } from '../rule';
import analysisLimit from '../rules/analysis-limit';
import internalError from '../rules/internal-error';
import syntaxError from '../rules/syntax-error';
import { lintRendered, type RenderedFile } from '../rendered/analyze';
import type { Rendered } from '../rendered/text';
import { describeError, systemFinding } from '../run-rules';
import type { SourceFile } from '../source';
import type { UnitResult } from '../unit';
import { renderTemplate } from './render';
import { parseTemplate } from './template';
import { str, UNKNOWN, yamlVal, type Val } from './values';

/** The files of one chart, read by the caller (open documents' text wins over the disk). */
export interface ChartInput {
  /** The chart folder, as the paths below start with it. */
  readonly root: string;
  readonly chart?: SourceFile;
  readonly values?: SourceFile;
  /** Every file under `templates/`: manifests, and helpers (`_*.tpl`) which only define. */
  readonly templates: readonly SourceFile[];
}

/** Whether a file under `templates/` renders a manifest (helpers `_*` and NOTES.txt do not). */
export function rendersManifest(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.startsWith('_') && name !== 'NOTES.txt' && /\.(ya?ml|tpl)$/i.test(name);
}

/**
 * Lints a chart the way it installs with its default values: every template is rendered with
 * `values.yaml` (see `render.ts`), the Kubernetes rules run on the result, and each finding is
 * reported in the template or in `values.yaml`, whichever introduced it. Every template and
 * values.yaml get a result, empty when clean, so a caller can clear what it showed before.
 */
export function lintChart(input: ChartInput, options: LintOptions = {}): UnitResult {
  const { runner } = prepare(input.templates[0] ?? input.values ?? input.chart!, { ...options, kind: 'k8s' });
  const extra = new Map<SourceFile, Finding[]>();
  const note = (file: SourceFile, f: Finding): void => void extra.set(file, [...(extra.get(file) ?? []), f]);
  const rendered: RenderedFile[] = renderChart(input, note).map((r) => ({ rendered: r.rendered, primary: r.template, unreadable: { messageId: 'helmTemplate', file: r.template } }));
  const manifests = input.templates.filter((t) => rendersManifest(t.path));
  const files = [...manifests, ...(input.values ? [input.values] : [])];
  const { findings, images } = lintRendered(rendered, files, runner, { origins: (f) => f === input.values });
  const results: LintResult[] = files.map((source) => ({
    source,
    kind: 'k8s',
    findings: [...(extra.get(source) ?? []), ...(findings.get(source) ?? [])].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end),
    ...(options.inventory ? { images: images.get(source) ?? [] } : {}),
  }));
  return { files: results };
}

/**
 * Renders every manifest template of a chart with its default values. Problems that stop a
 * template from being rendered (unbalanced actions) and syntax errors of values.yaml or
 * Chart.yaml are given to `note`.
 */
export function renderChart(input: ChartInput, note: (file: SourceFile, f: Finding) => void = () => undefined): { template: SourceFile; rendered: Rendered }[] {
  const values = readYaml(input.values, note);
  const chart = readYaml(input.chart, note);
  const out: { template: SourceFile; rendered: Rendered }[] = [];
  for (const template of input.templates.filter((t) => rendersManifest(t.path))) {
    try {
      const parsed = parseTemplate(template.text);
      if (parsed.problem) {
        note(template, systemFinding(analysisLimit, 'helmTemplate', { detail: parsed.problem.message }, parsed.problem.span));
        continue;
      }
      out.push({ template, rendered: renderTemplate(template, parsed, context(input, values, chart, template)) });
    } catch (error) {
      // A template nested past the stack, or a bug: that template is reported, the others still render.
      note(template, systemFinding(internalError, 'ruleFailed', { ruleId: 'helm-renderer', detail: describeError(error) }, { start: 0, end: 0 }));
    }
  }
  return out;
}

/** The first document of a YAML file; its syntax errors are that file's findings. */
function readYaml(file: SourceFile | undefined, note: (file: SourceFile, f: Finding) => void): Val {
  if (!file) return { k: 'dict', entries: new Map() };
  const docs = parseYamlFile(file);
  for (const doc of docs) {
    const p = doc.problems[0];
    if (p) note(file, p.kind === 'syntax' ? systemFinding(syntaxError, 'yaml', { detail: p.message }, p.span) : systemFinding(analysisLimit, 'yamlLimit', { detail: p.message }, p.span));
  }
  const contents = docs[0]?.contents;
  return isMap(contents) ? yamlVal(contents, file) : { k: 'dict', entries: new Map() };
}

/** Chart.yaml fields as `.Chart` names them. */
const CHART_FIELDS: Record<string, string> = { apiVersion: 'APIVersion', appVersion: 'AppVersion', kubeVersion: 'KubeVersion' };

/**
 * The root of a rendering (`.`): `.Values` from values.yaml; `.Chart` from Chart.yaml (plain
 * text: a finding on a chart's name is not Chart.yaml's); `.Release` with its install-time name
 * and namespace unknown; `.Capabilities`, `.Files` and the rest unknown.
 */
function context(input: ChartInput, values: Val, chart: Val, template: SourceFile): Val {
  const chartFields = new Map<string, Val>();
  if (chart.k === 'yaml' && isMap(chart.node)) {
    for (const p of chart.node.entries()) {
      const name = CHART_FIELDS[p.keyText] ?? p.keyText.charAt(0).toUpperCase() + p.keyText.slice(1);
      chartFields.set(name, isScalar(p.value) ? (p.value.value === null ? { k: 'nil' } : str(p.value.text)) : UNKNOWN);
    }
  }
  const release = new Map<string, Val>([
    ['Name', UNKNOWN],
    ['Namespace', UNKNOWN],
    ['Service', str('Helm')],
    ['IsInstall', { k: 'bool', b: true }],
    ['IsUpgrade', { k: 'bool', b: false }],
    ['Revision', { k: 'num', n: 1 }],
  ]);
  const name = chartFields.get('Name');
  const chartName = name?.k === 'str' ? name.pieces[0]!.text : input.root.slice(input.root.lastIndexOf('/') + 1);
  const templatePath = template.path.startsWith(`${input.root}/`) ? template.path.slice(input.root.length + 1) : template.path;
  const templateFields = new Map<string, Val>([
    ['Name', str(`${chartName}/${templatePath}`)],
    ['BasePath', str(`${chartName}/templates`)],
  ]);
  return {
    k: 'dict',
    entries: new Map<string, Val>([
      ['Values', values],
      ['Chart', { k: 'dict', entries: chartFields }],
      ['Release', { k: 'dict', entries: release }],
      ['Template', { k: 'dict', entries: templateFields }],
      ['Capabilities', UNKNOWN],
      ['Files', UNKNOWN],
      ['Subcharts', UNKNOWN],
    ]),
  };
}

