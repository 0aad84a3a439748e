import type { EngineConfig } from './config';
import { resolveSeverity } from './profiles';
import { formatMessage, type Finding, type Fix, type ModelOf, type Related, type Report, type Rule, type RuleKind, type Severity } from './rule';
import type { ProjectFacts } from './project';
import internalError from './rules/internal-error';
import type { SourceFile, Span } from './source';

/** Which rules a run includes: those whose results belong to one document, or the cross-document ones. */
export type RulePhase = 'document' | 'cross';

/**
 * Runs rules on a model and turns their reports into findings with spans relative to the
 * model's source; `place` moves each finding into its final position (identity for documents
 * analysed on their own, whose results are placed when the file is assembled).
 */
export class RuleRunner {
  /** The enabled rules of each kind and phase with their forced severity, worked out once. */
  private readonly plans = new Map<string, { rule: Rule; forced: Severity | undefined }[]>();

  constructor(
    private readonly rules: readonly Rule[],
    readonly config: EngineConfig,
    private readonly project: ProjectFacts | undefined = undefined,
    /** Whether findings carry their suggestions (computed on report) or none. */
    private readonly suggestions = true,
  ) {}

  private plan(kind: RuleKind, phase: RulePhase | 'all'): { rule: Rule; forced: Severity | undefined }[] {
    const key = `${kind}:${phase}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = [];
      for (const rule of this.rules) {
        if (!rule.check[kind] || (phase === 'document' && rule.crossDocument) || (phase === 'cross' && !rule.crossDocument)) continue;
        const setting = resolveSeverity(rule, this.config.profile, kind, this.config.rules[rule.id]);
        if (setting.on) plan.push({ rule, forced: setting.severity });
      }
      this.plans.set(key, plan);
    }
    return plan;
  }

  run<K extends RuleKind>(kind: K, model: ModelOf[K], source: SourceFile, phase: RulePhase | 'all', out: Finding[], place: (f: Finding) => Finding = (f) => f): void {
    // One context for every rule of the run (rules report synchronously, while they are `rule`).
    let rule: Rule;
    let forced: Severity | undefined;
    const report = (r: Report<string>): void => {
      if (r.fix && rule.fix !== 'safe') throw new Error(`rule ${rule.id} reported a fix but declares fix: '${rule.fix}'`);
      if (r.suggest && rule.fix === 'none') throw new Error(`rule ${rule.id} reported suggestions but declares fix: 'none'`);
      const template = rule.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} has no message '${r.messageId}'`);
      // Spans are copied: rules often pass a node's own span, and the incremental linter moves those.
      out.push(place(finding(
        rule.id,
        r.messageId,
        forced ?? r.severity ?? (rule.severity === 'off' ? 'info' : rule.severity),
        formatMessage(template, r.data),
        copy(r.span),
        r.fix && copyFix(r.fix),
        suggestionsOf(r.suggest, this.suggestions),
        r.related?.length ? r.related.map((x) => ({ ...x, span: copy(x.span) })) : undefined,
      )));
    };
    const ctx = { source, config: this.config, project: this.project, report };
    for (const entry of this.plan(kind, phase)) {
      rule = entry.rule;
      forced = entry.forced;
      const check = rule.check[kind] as (m: ModelOf[K], ctx: Parameters<NonNullable<Rule['check'][K]>>[1]) => void;
      const before = out.length;
      try {
        check(model, ctx);
      } catch (error) {
        out.length = before;
        const span = 'anchor' in (model as object) ? copy((model as { anchor: Span }).anchor) : { start: 0, end: 0 };
        out.push(place(systemFinding(internalError, 'ruleFailed', { ruleId: rule.id, detail: describeError(error) }, span)));
      }
    }
  }
}

/** An error's class and first line, never its data: a rule's error must not carry a secret into the output. */
export function describeError(error: unknown): string {
  if (error instanceof RangeError) return 'RangeError: stack or size limit exceeded';
  const name = error instanceof Error ? error.constructor.name : 'Error';
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : String(error).slice(0, 120);
  return `${name}: ${message}`;
}

function suggestionsOf(suggest: Report<string>['suggest'], wanted: boolean): readonly Fix[] | undefined {
  const list = !wanted ? undefined : typeof suggest === 'function' ? suggest() : suggest;
  return list?.length ? list.map(copyFix) : undefined;
}

/**
 * Every finding has the same properties in the same order (absent ones undefined): code that reads
 * findings then meets one object shape, not one per combination of fix, suggestions and related.
 */
function finding(ruleId: string, messageId: string, severity: Severity, message: string, span: Span, fix?: Fix, suggestions?: readonly Fix[], related?: readonly Related[]): Finding {
  return { ruleId, messageId, severity, message, span, fix, suggestions, related, suppressed: undefined };
}

export function systemFinding(rule: Rule, messageId: string, data: Record<string, string | number>, span: Span, severity?: Severity): Finding {
  return finding(rule.id, messageId, severity ?? (rule.severity === 'off' ? 'info' : rule.severity), formatMessage(rule.messages[messageId]!, data), span);
}

function copy(span: Span): Span {
  return { start: span.start, end: span.end };
}

function copyFix(fix: Fix): Fix {
  return { title: fix.title, edits: fix.edits.map((e) => ({ span: copy(e.span), newText: e.newText })) };
}

export function shift(span: Span, offset: number): Span {
  return offset === 0 ? span : { start: span.start + offset, end: span.end + offset };
}

function shiftFix(fix: Fix, offset: number): Fix {
  return offset === 0 ? fix : { title: fix.title, edits: fix.edits.map((e) => ({ span: shift(e.span, offset), newText: e.newText })) };
}

/**
 * Moves a finding of the document `source` (at `offset` in `file`) into the file. Related places
 * in a document of this file (`offsets`) move too; places in other files keep their spans.
 */
export function placeFinding(f: Finding, offset: number, source: SourceFile, file: SourceFile, offsets?: ReadonlyMap<SourceFile, number>): Finding {
  // At offset 0 only related places may need moving (to `file`, when they point into `source`).
  if (offset === 0 && !f.related?.length) return f;
  const placeRelated = (r: Related): Related => {
    const at = r.file === source ? offset : offsets?.get(r.file);
    return at === undefined ? r : { ...r, file, span: shift(r.span, at) };
  };
  return {
    ...f,
    span: shift(f.span, offset),
    ...(f.fix ? { fix: shiftFix(f.fix, offset) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map((s) => shiftFix(s, offset)) } : {}),
    ...(f.related ? { related: f.related.map(placeRelated) } : {}),
  };
}
