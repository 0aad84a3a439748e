import { defaultConfig, type EngineConfig } from './config';
import { detectKind } from './detect';
import { composeInventory, dockerfileInventory, k8sInventory, type ImageReference } from './inventory';
import { composeFile, isComposeFileName } from './model/compose';
import type { DockerfileModel } from './model/dockerfile';
import { isK8sDocument, k8sObjects, type K8sObject } from './model/k8s';
import type { YamlDocument } from './model/yaml';
import { parseDockerfile } from './parse/dockerfile';
import { parseYamlStream } from './parse/yaml';
import { resolveSeverity } from './profiles';
import { formatMessage, type FileKind, type Finding, type Fix, type ModelOf, type Related, type Report, type Rule, type RuleKind, type Severity } from './rule';
import { parseConfigFile } from './config-file';
import analysisLimit from './rules/analysis-limit';
import { findRule, RULES } from './rules/index';
import internalError from './rules/internal-error';
import invalidConfig from './rules/invalid-config';
import syntaxError from './rules/syntax-error';
import { SourceFile, type Span } from './source';
import { applySuppressions, dockerfileSuppressions, yamlSuppressions, type Suppression } from './suppress';

export interface LintOptions {
  readonly config?: EngineConfig;
  /** The rules to run (default: the registry). */
  readonly rules?: readonly Rule[];
  /** Overrides detection, e.g. when the editor's language id says `dockerfile`. */
  readonly kind?: FileKind;
  /** Also list the images the file references (the audit's inventory). */
  readonly inventory?: boolean;
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
  const config = options.config ?? defaultConfig();
  const rules = options.rules ?? RULES;
  const kind = options.kind ?? detectKind(source.path, source.text);
  const findings: Finding[] = [];
  const size = byteLength(source.text, config.maxFileSize);
  if (size > config.maxFileSize) return { source, kind, findings: [fileTooLarge(size, config.maxFileSize)] };
  const run = new RuleRunner(rules, config, findings);
  const suppressions: Suppression[] = [];
  const images: ImageReference[] | undefined = options.inventory ? [] : undefined;
  if (kind === 'dockerfile') {
    const model = safeParse(() => parseDockerfile(source), findings);
    if (model) {
      lintDockerfile(model, run, findings);
      suppressions.push(...dockerfileSuppressions(model, isKnownRule));
      images?.push(...dockerfileInventory(model));
    }
  } else if (kind === 'compose' || kind === 'k8s') {
    const docs = safeParse(() => parseYamlStream(source), findings) ?? [];
    const composeName = isComposeFileName(source.path);
    // Kubernetes objects of the whole stream are built first, so `siblings()` sees later documents too.
    const stream: K8sObject[] = [];
    const objects = docs.map((doc) => (doc.contents && isK8sDocument(doc.contents) ? k8sObjects(doc, stream) : []));
    for (const doc of docs) run.documentOffsets.set(doc.source, doc.offset);
    docs.forEach((doc, i) => suppressions.push(...lintYamlDocument(doc, objects[i]!, composeName, run, findings, source, images)));
  }
  const result = suppressions.length > 0 ? applySuppressions(findings, suppressions, config) : findings;
  result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  return { source, kind, findings: result, ...(images ? { images } : {}) };
}

/** Validates a `.bulkhead.yaml`: one invalid-config finding per problem, at the key or value at fault. */
export function lintConfigFile(source: SourceFile): LintResult {
  const { problems } = parseConfigFile(source, isKnownRule);
  return { source, kind: 'other', findings: problems.map((p) => systemFinding(invalidConfig, 'invalid', { detail: p.message }, p.span)) };
}

/** The one finding of a file skipped for its size (the CLI reports it without reading the file). */
export function fileTooLarge(size: number, limit: number): Finding {
  return systemFinding(analysisLimit, 'fileTooLarge', { size, limit }, { start: 0, end: 0 });
}

function lintDockerfile(model: DockerfileModel, run: RuleRunner, findings: Finding[]): void {
  for (const p of model.problems) findings.push(systemFinding(syntaxError, 'dockerfile', { detail: p.message }, p.span));
  run.all('dockerfile', model, model.source, 0, model.source);
}

/**
 * Runs the rules on one YAML document; its spans are relative to the document, so findings and
 * the document's suppressions are shifted into the file.
 */
function lintYamlDocument(doc: YamlDocument, objects: readonly K8sObject[], composeName: boolean, run: RuleRunner, findings: Finding[], file: SourceFile, images: ImageReference[] | undefined): Suppression[] {
  for (const p of doc.problems) {
    const span = shift(p.span, doc.offset);
    findings.push(p.kind === 'syntax' ? systemFinding(syntaxError, 'yaml', { detail: p.message }, span) : systemFinding(analysisLimit, 'yamlLimit', { detail: p.message }, span));
  }
  if (!doc.contents) return [];
  if (objects.length > 0) {
    for (const obj of objects) {
      run.all('k8s', obj, doc.source, doc.offset, file);
      images?.push(...k8sInventory(obj, doc.offset));
    }
  } else {
    const compose = composeFile(doc, composeName);
    if (compose) {
      run.all('compose', compose, doc.source, doc.offset, file);
      images?.push(...composeInventory(compose, doc.offset));
    }
  }
  return yamlSuppressions(doc, objects, isKnownRule, file.text.length).map((s) => ({ ...s, scope: shift(s.scope, doc.offset), site: shift(s.site, doc.offset) }));
}

/** Suppressions may name any registered rule, not only those running now. */
function isKnownRule(id: string): boolean {
  return findRule(id) !== undefined;
}

class RuleRunner {
  /** Where each YAML document of the file starts, to move related places in other documents into the file. */
  readonly documentOffsets = new Map<SourceFile, number>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly config: EngineConfig,
    private readonly findings: Finding[],
  ) {}

  /** Runs every enabled rule of `kind` on `model`, whose spans are relative to `source` at `offset` in `file`. */
  all<K extends RuleKind>(kind: K, model: ModelOf[K], source: SourceFile, offset: number, file: SourceFile): void {
    for (const rule of this.rules) {
      const check = rule.check[kind] as ((m: ModelOf[K], ctx: Parameters<NonNullable<Rule['check'][K]>>[1]) => void) | undefined;
      if (!check) continue;
      const setting = resolveSeverity(rule, this.config.profile, kind, this.config.rules[rule.id]);
      if (!setting.on) continue;
      const forced = setting.severity;
      const report = (r: Report<string>): void => {
        if (r.fix && rule.fix !== 'safe') throw new Error(`rule ${rule.id} reported a fix but declares fix: '${rule.fix}'`);
        if (r.suggest && rule.fix === 'none') throw new Error(`rule ${rule.id} reported suggestions but declares fix: 'none'`);
        const template = rule.messages[r.messageId];
        if (template === undefined) throw new Error(`rule ${rule.id} has no message '${r.messageId}'`);
        this.findings.push({
          ruleId: rule.id,
          messageId: r.messageId,
          severity: forced ?? r.severity ?? (rule.severity === 'off' ? 'info' : rule.severity),
          message: formatMessage(template, r.data),
          span: shift(r.span, offset),
          ...(r.fix ? { fix: shiftFix(r.fix, offset) } : {}),
          ...(r.suggest?.length ? { suggestions: r.suggest.map((f) => shiftFix(f, offset)) } : {}),
          ...(r.related?.length ? { related: r.related.map((rel) => shiftRelated(rel, rel.file === source ? offset : this.documentOffsets.get(rel.file), file)) } : {}),
        });
      };
      const before = this.findings.length;
      try {
        check(model, { source, config: this.config, report });
      } catch (error) {
        this.findings.length = before;
        const span = 'anchor' in (model as object) ? shift((model as { anchor: Span }).anchor, offset) : { start: offset, end: offset };
        this.findings.push(systemFinding(internalError, 'ruleFailed', { ruleId: rule.id, detail: describeError(error) }, span));
      }
    }
  }
}

function safeParse<T>(parse: () => T, findings: Finding[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    findings.push(systemFinding(internalError, 'ruleFailed', { ruleId: 'parser', detail: describeError(error) }, { start: 0, end: 0 }));
    return undefined;
  }
}

/** An error's class and first line, never its data: a rule's error must not carry a secret into the output. */
function describeError(error: unknown): string {
  if (error instanceof RangeError) return 'RangeError: stack or size limit exceeded';
  const name = error instanceof Error ? error.constructor.name : 'Error';
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : String(error).slice(0, 120);
  return `${name}: ${message}`;
}

function systemFinding(rule: Rule, messageId: string, data: Record<string, string | number>, span: Span, severity?: Severity): Finding {
  return {
    ruleId: rule.id,
    messageId,
    severity: severity ?? (rule.severity === 'off' ? 'info' : rule.severity),
    message: formatMessage(rule.messages[messageId]!, data),
    span,
  };
}

function shift(span: Span, offset: number): Span {
  return offset === 0 ? span : { start: span.start + offset, end: span.end + offset };
}

function shiftFix(fix: Fix, offset: number): Fix {
  return offset === 0 ? fix : { title: fix.title, edits: fix.edits.map((e) => ({ span: shift(e.span, offset), newText: e.newText })) };
}

/** Related places in a document of this file (`offset` known) are moved into the file; other files keep their spans. */
function shiftRelated(related: Related, offset: number | undefined, file: SourceFile): Related {
  return offset !== undefined ? { ...related, file, span: shift(related.span, offset) } : related;
}

/** UTF-8 size of `text`, computed exactly only when it could exceed `limit`. */
function byteLength(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  return new TextEncoder().encode(text).length;
}
