/**
 * What every fuzz input must satisfy: the engine returns (never throws), reports no
 * internal-error, and every span it gives (findings, fixes, suggestions, related places,
 * images) lies inside the text; fixed and suggested texts lint again under the same rules.
 */
import { applyEdits } from '../../server/src/engine/fix/apply';
import { fixAll } from '../../server/src/engine/fix/fix-all';
import { defaultConfig, type EngineConfig } from '../../server/src/engine/config';
import { lint, lintConfigFile, type LintResult } from '../../server/src/engine/lint';
import type { FileKind, Fix } from '../../server/src/engine/rule';
import { SourceFile, type Span } from '../../server/src/engine/source';
import type { FuzzInput } from './inputs';

const TODAY = '2026-11-23';
const MAX_RELINT_CHARS = 100_000;

/** Configurations inputs are linted under: every rule on, the defaults, config-dependent rules, a PSS profile. */
export const CONFIG_VARIANTS: readonly EngineConfig[] = [
  defaultConfig({ profile: 'strict', today: TODAY }),
  defaultConfig({ profile: 'recommended', today: TODAY }),
  defaultConfig({
    profile: 'strict',
    today: TODAY,
    trustedRegistries: ['ghcr.io/acme/*', 'docker.io/library/*'],
    deniedImages: [{ pattern: '*/ubuntu*', reason: 'use the base image' }, { pattern: '*:latest' }],
    secrets: { names: ['*_PHRASE', 'X*'], allowedNames: ['TOKEN_TTL'] },
    suppressions: { requireReason: true, forbid: ['privileged-container'] },
  }),
  defaultConfig({ profile: 'pss-restricted', today: TODAY }),
];

/** The problems of one input; empty when it passes. Throws only if the engine does. */
export function check(input: FuzzInput): string[] {
  const source = new SourceFile(input.path, input.text);
  if (input.kind === 'config') return checkResult(lintConfigFile(source), 'lintConfigFile');
  const config = CONFIG_VARIANTS[input.config % CONFIG_VARIANTS.length]!;
  const kind: FileKind | undefined = input.forceKind ? input.kind : undefined;
  const result = lint(source, { config, ...(kind ? { kind } : {}), inventory: true });
  const problems = checkResult(result, 'lint');
  // Re-linting fixed text doubles the cost of an input; huge inputs are about limits, not fixes.
  if (problems.length > 0 || input.text.length > MAX_RELINT_CHARS) return problems;
  if (result.findings.some((f) => f.fix)) {
    const fixed = fixAll(source, { config, kind: result.kind });
    problems.push(...checkResult(lint(new SourceFile(input.path, fixed.text), { config, kind: result.kind }), 'lint after fixAll'));
  }
  // Suggestions are applied one at a time by the editor; the first two are enough to catch bad edits.
  const suggestions = result.findings.flatMap((f) => f.suggestions ?? []).slice(0, 2);
  for (const s of suggestions) {
    problems.push(...checkResult(lint(new SourceFile(input.path, applyEdits(input.text, s.edits)), { config, kind: result.kind }), `lint after suggestion "${s.title}"`));
  }
  return problems;
}

function checkResult(result: LintResult, stage: string): string[] {
  const problems: string[] = [];
  const length = result.source.text.length;
  const inside = (span: Span, max = length): boolean => Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= max;
  const show = (span: Span): string => `[${span.start}, ${span.end})`;
  for (const f of result.findings) {
    const at = `${stage}: ${f.ruleId}/${f.messageId}`;
    if (f.ruleId === 'internal-error') problems.push(`${at} at ${show(f.span)}: ${f.message}`);
    if (!inside(f.span)) problems.push(`${at}: span ${show(f.span)} outside the text (length ${length})`);
    if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`${at}: empty message`);
    for (const fix of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) problems.push(...checkFix(fix, at, inside, show));
    for (const r of f.related ?? []) if (!inside(r.span, r.file.text.length)) problems.push(`${at}: related span ${show(r.span)} outside ${r.file.path} (length ${r.file.text.length})`);
  }
  for (const i of result.images ?? []) if (!inside(i.span)) problems.push(`${stage}: image ${i.ref.repository} span ${show(i.span)} outside the text (length ${length})`);
  return problems;
}

function checkFix(fix: Fix, at: string, inside: (s: Span) => boolean, show: (s: Span) => string): string[] {
  const problems: string[] = [];
  const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
  for (const [i, e] of sorted.entries()) {
    if (!inside(e.span)) problems.push(`${at}: edit ${show(e.span)} of "${fix.title}" outside the text`);
    if (i > 0 && e.span.start < sorted[i - 1]!.span.end) problems.push(`${at}: overlapping edits ${show(sorted[i - 1]!.span)} and ${show(e.span)} in "${fix.title}"`);
  }
  return problems;
}
