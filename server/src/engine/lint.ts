import { defaultConfig, type EngineConfig } from './config';
import { parseConfigFile } from './config-file';
import { detectKind } from './detect';
import { composeInventory, dockerfileInventory, k8sInventory, type ImageReference } from './inventory';
import { composeFile, isComposeFileName, type ComposeFile } from './model/compose';
import { isK8sDocument, k8sObjects, type K8sObject, type ObjectScope } from './model/k8s';
import type { YamlDocument } from './model/yaml';
import { parseDockerfile } from './parse/dockerfile';
import { parseYamlDocument, splitDocuments, type DocumentChunk } from './parse/yaml';
import type { ProjectFacts } from './project';
import type { FileKind, Finding, Rule } from './rule';
import analysisLimit from './rules/analysis-limit';
import { findRule, RULES } from './rules/index';
import internalError from './rules/internal-error';
import invalidConfig from './rules/invalid-config';
import syntaxError from './rules/syntax-error';
import { describeError, placeFinding, RuleRunner, shift, systemFinding } from './run-rules';
import { SourceFile } from './source';
import { applySuppressions, dockerfileSuppressions, yamlSuppressions, type Suppression } from './suppress';

export interface LintOptions {
  readonly config?: EngineConfig;
  /** The rules to run (default: the registry). */
  readonly rules?: readonly Rule[];
  /** Overrides detection, e.g. when the editor's language id says `dockerfile`. */
  readonly kind?: FileKind;
  /** Also list the images the file references (the audit's inventory). */
  readonly inventory?: boolean;
  /** Facts from other files, for cross-file rules. */
  readonly project?: ProjectFacts;
  /** Findings carry their suggested fixes (default true); the CLI and the audit do without. */
  readonly suggestions?: boolean;
}

export interface LintResult {
  readonly source: SourceFile;
  readonly kind: FileKind;
  /** Findings sorted by position, suppressed ones included (flagged). */
  readonly findings: readonly Finding[];
  /** Image references, when asked for with `inventory`. */
  readonly images?: readonly ImageReference[];
}

/** Lints one file. Never throws: parse problems and failing rules become findings. */
export function lint(source: SourceFile, options: LintOptions = {}): LintResult {
  const { config, kind, runner } = prepare(source, options);
  const size = byteLength(source.text, config.maxFileSize);
  if (size > config.maxFileSize) return { source, kind, findings: [fileTooLarge(size, config.maxFileSize)] };
  if (kind === 'dockerfile') return lintDockerfile(source, runner, options.inventory === true);
  if (kind !== 'compose' && kind !== 'k8s') return { source, kind, findings: [] };
  const composeName = isComposeFileName(source.path);
  const parts = splitDocuments(source.text).map((chunk) => ({ offset: chunk.start, analysis: analyzeDocument(source, chunk, runner, composeName) }));
  return assembleYaml(source, kind, parts, runner, options.inventory === true);
}

export function prepare(source: SourceFile, options: LintOptions): { config: EngineConfig; kind: FileKind; runner: RuleRunner } {
  const config = options.config ?? defaultConfig();
  return { config, kind: options.kind ?? detectKind(source.path, source.text), runner: new RuleRunner(options.rules ?? RULES, config, options.project, options.suggestions !== false) };
}

/** Validates a `.bulkhead.yaml`: one invalid-config finding per problem, at the key or value at fault. */
export function lintConfigFile(source: SourceFile): LintResult {
  const { problems } = parseConfigFile(source, isKnownRule);
  return { source, kind: 'other', findings: problems.map((p) => systemFinding(invalidConfig, 'invalid', { detail: p.message }, p.span)) };
}

/** The one finding of a file whose analysis ran over the audit's time budget. */
export function analysisTimedOut(seconds: number): Finding {
  return systemFinding(analysisLimit, 'timeout', { seconds }, { start: 0, end: 0 });
}

/** The one finding of a file whose worker ran out of memory or died. */
export function analysisCrashed(detail: string): Finding {
  return systemFinding(analysisLimit, 'crashed', { detail }, { start: 0, end: 0 });
}

/** The one finding of a file skipped for its size (the CLI reports it without reading the file). */
export function fileTooLarge(size: number, limit: number): Finding {
  return systemFinding(analysisLimit, 'fileTooLarge', { size, limit }, { start: 0, end: 0 });
}

function lintDockerfile(source: SourceFile, runner: RuleRunner, inventory: boolean): LintResult {
  const findings: Finding[] = [];
  let model;
  try {
    model = parseDockerfile(source);
  } catch (error) {
    return { source, kind: 'dockerfile', findings: [parserFailed(error)] };
  }
  for (const p of model.problems) findings.push(systemFinding(syntaxError, 'dockerfile', { detail: p.message }, p.span));
  runner.run('dockerfile', model, source, 'all', findings);
  return finish(source, 'dockerfile', findings, dockerfileSuppressions(model, isKnownRule), runner.config, inventory ? dockerfileInventory(model) : undefined);
}

/**
 * What one YAML document gives on its own, with spans relative to its text: parse problems, the
 * findings of every rule that is not cross-document, suppressions and images. It stays valid
 * while the document's text is unchanged, wherever the document moves in the file.
 */
export interface DocumentAnalysis {
  /** The document's text (shared by the documents of one `---` chunk). */
  readonly source: SourceFile;
  readonly docs: readonly YamlDocument[];
  /** Filled with every object of the file while the file is assembled. */
  readonly scope: ObjectScope;
  readonly objects: readonly K8sObject[];
  readonly compose: readonly ComposeFile[];
  readonly findings: readonly Finding[];
  readonly suppressions: readonly Suppression[];
  readonly images: readonly ImageReference[];
}

export function analyzeDocument(file: SourceFile, chunk: DocumentChunk, runner: RuleRunner, composeName: boolean): DocumentAnalysis {
  try {
    return analyzeParsed(parseYamlDocument(file, chunk, 0), runner, composeName);
  } catch (error) {
    const source = new SourceFile(file.path, file.text.slice(chunk.start, chunk.end));
    return { source, docs: [], scope: { objects: undefined }, objects: [], compose: [], findings: [parserFailed(error)], suppressions: [], images: [] };
  }
}

/** The analysis of already parsed documents of one chunk (they share one source). */
export function analyzeParsed(docs: readonly YamlDocument[], runner: RuleRunner, composeName: boolean): DocumentAnalysis {
  const source = docs[0]!.source;
  const scope: ObjectScope = { objects: undefined };
  const findings: Finding[] = [];
  const objects: K8sObject[] = [];
  const compose: ComposeFile[] = [];
  const suppressions: Suppression[] = [];
  const images: ImageReference[] = [];
  for (const doc of docs) {
    for (const p of doc.problems) {
      findings.push(p.kind === 'syntax' ? systemFinding(syntaxError, 'yaml', { detail: p.message }, p.span) : systemFinding(analysisLimit, 'yamlLimit', { detail: p.message }, p.span));
    }
    if (!doc.contents) continue;
    const own = isK8sDocument(doc.contents) ? k8sObjects(doc, scope) : [];
    if (own.length > 0) {
      for (const obj of own) {
        runner.run('k8s', obj, source, 'document', findings);
        images.push(...k8sInventory(obj, 0));
      }
      objects.push(...own);
    } else {
      const file = composeFile(doc, composeName);
      if (file) {
        runner.run('compose', file, source, 'document', findings);
        images.push(...composeInventory(file, 0));
        compose.push(file);
      }
    }
    suppressions.push(...yamlSuppressions(doc, own, isKnownRule));
  }
  return { source, docs, scope, objects, compose, findings, suppressions, images };
}

/**
 * Puts a YAML file's documents together: their results move to where each document now starts,
 * cross-document rules run with every object in view, and suppressions apply file-wide.
 */
export function assembleYaml(file: SourceFile, kind: FileKind, parts: readonly { readonly offset: number; readonly analysis: DocumentAnalysis }[], runner: RuleRunner, inventory: boolean): LintResult {
  return runSteps(assembleYamlSteps(file, kind, parts, runner, inventory));
}

/** `assembleYaml` with a pause after each document's cross-document rules (see `IncrementalLinter.steps`). */
export function* assembleYamlSteps(file: SourceFile, kind: FileKind, parts: readonly { readonly offset: number; readonly analysis: DocumentAnalysis }[], runner: RuleRunner, inventory: boolean): Generator<void, LintResult> {
  const all = parts.flatMap((p) => p.analysis.objects);
  const offsets = new Map(parts.map((p) => [p.analysis.source, p.offset]));
  const findings: Finding[] = [];
  const suppressions: Suppression[] = [];
  const images: ImageReference[] = [];
  for (const { offset, analysis } of parts) {
    for (const doc of analysis.docs) (doc as { offset: number }).offset = offset;
    analysis.scope.objects = all;
    for (const f of analysis.findings) findings.push(placeFinding(f, offset, analysis.source, file, offsets));
    for (const s of analysis.suppressions) suppressions.push({ ...s, scope: shift(s.scope, offset), site: shift(s.site, offset) });
    if (inventory) for (const i of analysis.images) images.push({ ...i, span: shift(i.span, offset) });
  }
  try {
    for (const { offset, analysis } of parts) {
      const place = (f: Finding): Finding => placeFinding(f, offset, analysis.source, file, offsets);
      for (const obj of analysis.objects) runner.run('k8s', obj, analysis.source, 'cross', findings, place);
      for (const c of analysis.compose) runner.run('compose', c, analysis.source, 'cross', findings, place);
      yield;
    }
  } finally {
    // Back to "this document alone", so a document re-analysed later cannot see stale siblings.
    for (const { analysis } of parts) analysis.scope.objects = undefined;
  }
  return finish(file, kind, findings, suppressions, runner.config, inventory ? images : undefined);
}

/** Runs lint steps to the end. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function finish(source: SourceFile, kind: FileKind, findings: Finding[], suppressions: readonly Suppression[], config: EngineConfig, images: ImageReference[] | undefined): LintResult {
  const result = suppressions.length > 0 ? applySuppressions(findings, suppressions, config) : findings;
  result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  return { source, kind, findings: result, ...(images ? { images } : {}) };
}

/** Suppressions may name any registered rule, not only those running now. */
function isKnownRule(id: string): boolean {
  return findRule(id) !== undefined;
}

function parserFailed(error: unknown): Finding {
  return systemFinding(internalError, 'ruleFailed', { ruleId: 'parser', detail: describeError(error) }, { start: 0, end: 0 });
}

/**
 * UTF-8 size of `text`, computed exactly only when it could exceed `limit`; counted, not encoded
 * (the editor asks on every keystroke in a multi-megabyte manifest).
 */
export function byteLength(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  const firstNonAscii = text.search(/[^\x00-\x7f]/);
  if (firstNonAscii < 0) return text.length;
  let bytes = firstNonAscii;
  for (let i = firstNonAscii; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3; // a lone surrogate is written as U+FFFD
  }
  return bytes;
}
