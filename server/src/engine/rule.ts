import type { EngineConfig } from './config';
import type { ComposeFile } from './model/compose';
import type { DockerfileModel } from './model/dockerfile';
import type { K8sObject } from './model/k8s';
import type { ProjectFacts } from './project';
import type { SourceFile, Span } from './source';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';
export type RuleKind = 'dockerfile' | 'compose' | 'k8s';
export type FileKind = RuleKind | 'other';
/** `safe`: applied by fix-all and `--fix`; `suggestion`: offered as a quick-fix only; `none`. */
export type FixSafety = 'safe' | 'suggestion' | 'none';

export const DOCS_BASE = 'https://github.com/bulkhead-dev/bulkhead/blob/main/docs/rules';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** A place in another file (or elsewhere in this one) that explains a finding. */
export interface Related {
  readonly file: SourceFile;
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly fix?: Fix;
  readonly suggestions?: readonly Fix[];
  readonly related?: readonly Related[];
  /** Set when a suppression comment or annotation silenced the finding. */
  readonly suppressed?: { readonly by: string; readonly reason?: string };
}

/** The model each kind's check receives: a whole Dockerfile, one compose document, one k8s object. */
export interface ModelOf {
  dockerfile: DockerfileModel;
  compose: ComposeFile;
  k8s: K8sObject;
}

export interface Report<M extends string> {
  readonly span: Span;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Only for rules declared `fix: 'safe'`. */
  readonly fix?: Fix;
  /**
   * Only for rules declared `fix: 'safe'` or `'suggestion'`. A function is called only when
   * suggestions are wanted (the editor): building their edits costs more than the rule's check,
   * and the CLI and the audit never show them.
   */
  readonly suggest?: readonly Fix[] | (() => readonly Fix[]);
  readonly related?: readonly Related[];
  /** A finding-specific default severity (e.g. a real credential vs a secret-like name). */
  readonly severity?: Severity;
}

export interface RuleContext<M extends string> {
  readonly source: SourceFile;
  readonly config: EngineConfig;
  /** Facts from other files of the workspace; undefined for a lone file (cross-file checks stay silent). */
  readonly project: ProjectFacts | undefined;
  report(report: Report<M>): void;
}

export type Checks<M extends string> = { [K in RuleKind]?: (model: ModelOf[K], ctx: RuleContext<M>) => void };

export interface RuleDefinition<M extends string> {
  /** kebab-case, stable, equal to the file name; used in config, suppressions, SARIF and docs URLs. */
  readonly id: string;
  readonly title: string;
  /** Default severity in the `recommended` profile; `off` rules run only when enabled. */
  readonly severity: RuleSetting;
  readonly fix: FixSafety;
  /** Public controls the rule answers to: CIS, PSS, CWE, peers' ids. */
  readonly refs: readonly string[];
  readonly messages: Readonly<Record<M, string>>;
  readonly check: Checks<M>;
  /**
   * The rule looks beyond one YAML document (`object.siblings()`, or `ctx.project`): it runs
   * after every document is parsed, on each edit, instead of on one document whose results are reused.
   */
  readonly crossDocument?: boolean;
}

export interface Rule<M extends string = string> extends RuleDefinition<M> {
  readonly kinds: readonly RuleKind[];
  readonly docsUrl: string;
}

export function defineRule<M extends string>(definition: RuleDefinition<M>): Rule<M> {
  const kinds = (['dockerfile', 'compose', 'k8s'] as const).filter((k) => definition.check[k] !== undefined);
  return { ...definition, kinds, docsUrl: docsUrl(definition.id) };
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}
