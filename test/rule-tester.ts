import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig, type EngineConfig } from '../server/src/engine/config';
import { applyEdits, applyFixes } from '../server/src/engine/fix/apply';
import { lint, lintConfigFile } from '../server/src/engine/lint';
import type { FileKind, Finding, Rule, Severity } from '../server/src/engine/rule';
import { RULES } from '../server/src/engine/rules/index';
import { SourceFile } from '../server/src/engine/source';
import { ProjectModel } from '../server/src/project/model';

/**
 * An ESLint-style RuleTester. Every invalid case pins the message id, the full 1-based range
 * (end column exclusive) and, when the rule fixes or suggests, the exact output text. Fixed and
 * suggested outputs are linted again: the finding must be gone and no other rule may report
 * something new (unless the case lists it in `allowNewFindings`). The rule's docs page examples
 * are executed too.
 */

export const ROOT = join(__dirname, '..');
/** Tests pin today's date so end-of-life checks do not drift. */
export const TEST_TODAY = '2026-11-23';

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  /** Decides the kind; inferred from the code when absent (Dockerfile, compose.yaml or manifest.yaml). */
  readonly filename?: string;
  readonly config?: Partial<EngineConfig>;
  /**
   * Other files of the workspace (path → text; a path ending in `/` is an empty folder), written to
   * a temporary folder for cross-file rules; `filename` is then the document's path in it.
   */
  readonly workspace?: Readonly<Record<string, string>>;
}

export interface ExpectedError {
  readonly messageId: string;
  /** The full message text, when the case wants to pin it. */
  readonly message?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity?: Severity;
  /** Required when the finding has suggestions. */
  readonly suggestions?: readonly { readonly title: string; readonly output: string }[];
  /** Related places as `path:line:column message`, the path relative to the case's workspace. */
  readonly related?: readonly string[];
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
  /** Text after applying the rule's safe fixes (multi-pass); `null` asserts there is no fix. Required when a fix exists. */
  readonly output?: string | null;
  /** Rules whose new findings in fixed/suggested output are expected (document why in the case name). */
  readonly allowNewFindings?: readonly string[];
}

/** Message ids each rule's tests produced, for the meta-test. */
export const exercisedMessages = new Map<string, Set<string>>();

/** Strips the common indentation of a template literal and its first and last blank lines. */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

/** `text` with `from`, which must occur exactly once, replaced by `to`: an expected output told by its difference. */
export function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" occurs exactly once`);
  return text.replace(from, () => to);
}

export function guessFilename(rule: Rule, code: string): string {
  const only = rule.kinds.length === 1 ? rule.kinds[0] : undefined;
  const kind: FileKind = only ?? (/^apiVersion:/m.test(code) ? 'k8s' : /^services:/m.test(code) ? 'compose' : 'dockerfile');
  return kind === 'dockerfile' ? 'Dockerfile' : kind === 'compose' ? 'compose.yaml' : 'manifest.yaml';
}

export function testConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return defaultConfig({ profile: 'strict', today: TEST_TODAY, ...overrides });
}

function lintCase(rule: Rule, code: string, c: ValidCase, rules: readonly Rule[] = [rule]): Finding[] {
  const filename = c.filename ?? guessFilename(rule, code);
  const dir = c.workspace && workspaceDir(c.workspace, filename, code);
  const path = dir ? `${dir}/${filename}` : filename;
  // The document's text may differ from the file written (a fix applied): it wins, as an open document's does.
  const project = dir ? new ProjectModel([dir], (p) => (p === path ? code : undefined)) : undefined;
  const result = lint(new SourceFile(path, code), { config: testConfig(c.config), rules, project });
  const syntax = result.findings.filter((f) => f.ruleId === 'syntax-error' || f.ruleId === 'internal-error');
  if (rule.id !== 'syntax-error' && rule.id !== 'internal-error') {
    assert.deepEqual(syntax.map((f) => f.message), [], 'test code must parse and no rule may fail on it');
  }
  return result.findings.filter((f) => !f.suppressed);
}

const workspaces = new Map<string, string>();

/** A temporary folder holding the case's workspace and its document (one per distinct workspace). */
function workspaceDir(files: Readonly<Record<string, string>>, filename: string, code: string): string {
  const key = JSON.stringify([files, filename, code]);
  let dir = workspaces.get(key);
  if (!dir) {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-ws-'))).replace(/\\/g, '/');
    for (const [path, text] of Object.entries({ ...files, [filename]: code })) {
      const abs = join(dir, path);
      if (path.endsWith('/')) mkdirSync(abs, { recursive: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    workspaces.set(key, dir);
  }
  return dir;
}

after(() => {
  for (const dir of workspaces.values()) rmSync(dir, { recursive: true, force: true });
});

/** 1-based line/column range of a span, end column exclusive. */
export function range(source: SourceFile, f: Finding): { line: number; column: number; endLine: number; endColumn: number } {
  const s = source.lines.positionAt(f.span.start);
  const e = source.lines.positionAt(f.span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** Applies the rule's safe fixes until none is left (at most 10 passes, like ESLint). */
export function fixAll(rule: Rule, code: string, c: ValidCase): string {
  let text = code;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = lintCase(rule, text, c).filter((f) => f.ruleId === rule.id && f.fix).map((f) => f.fix!);
    if (fixes.length === 0) break;
    const applied = applyFixes(text, fixes);
    if (applied.applied.length === 0) break;
    text = applied.text;
  }
  return text;
}

/** (ruleId, message) pairs reported by all rules, as a multiset key list. */
function allFindingKeys(rule: Rule, code: string, c: ValidCase): string[] {
  return lintCase(rule, code, c, RULES).map((f) => `${f.ruleId}: ${f.message}`).sort();
}

function assertNoNewFindings(rule: Rule, before: string, after: string, c: InvalidCase, what: string): void {
  const old = allFindingKeys(rule, before, c);
  const added: string[] = [];
  for (const key of allFindingKeys(rule, after, c)) {
    const i = old.indexOf(key);
    if (i >= 0) old.splice(i, 1);
    else if (!key.startsWith(`${rule.id}:`) && !(c.allowNewFindings ?? []).some((id) => key.startsWith(`${id}:`))) added.push(key);
  }
  assert.deepEqual(added, [], `${what} introduced new findings`);
}

export class RuleTester {
  run(rule: Rule, cases: { valid: readonly (string | ValidCase)[]; invalid: readonly InvalidCase[] }): void {
    const names = new Set<string>();
    const title = (c: ValidCase): string => {
      const t = c.name ?? c.code.replace(/\s+/g, ' ').trim().slice(0, 70);
      assert.ok(!names.has(t + c.code), `duplicate test case: ${t}`);
      names.add(t + c.code);
      return t;
    };
    const seen = exercisedMessages.get(rule.id) ?? new Set<string>();
    exercisedMessages.set(rule.id, seen);

    describe(rule.id, () => {
      describe('valid', () => {
        for (const v of cases.valid) {
          const c: ValidCase = typeof v === 'string' ? { code: v } : v;
          it(title(c), () => {
            const found = lintCase(rule, c.code, c).filter((f) => f.ruleId === rule.id);
            assert.deepEqual(found.map((f) => f.message), [], 'expected no finding');
          });
        }
      });
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(title(c), () => this.invalid(rule, c, seen));
        }
      });
      it('docs examples', () => checkDocsExamples(rule));
    });
  }

  private invalid(rule: Rule, c: InvalidCase, seen: Set<string>): void {
    const source = new SourceFile(c.filename ?? guessFilename(rule, c.code), c.code);
    const found = lintCase(rule, c.code, c).filter((f) => f.ruleId === rule.id);
    const dir = c.workspace ? workspaceDir(c.workspace, source.path, c.code) : '';
    assert.ok(c.errors.length > 0, 'an invalid case needs at least one expected error');
    const actual = found.map((f) => ({
      messageId: f.messageId,
      message: f.message,
      ...range(source, f),
      severity: f.severity,
      suggestions: f.suggestions?.map((s) => ({ title: s.title, output: applyEdits(c.code, s.edits) })),
      related: f.related?.map((r) => {
        const at = r.file.lines.positionAt(r.span.start);
        return `${r.file.path.startsWith(`${dir}/`) ? r.file.path.slice(dir.length + 1) : r.file.path}:${at.line + 1}:${at.character + 1} ${r.message}`;
      }),
    }));
    // Message and severity are compared where the case pins them; suggestions always are.
    const expected = c.errors.map((e, i) => ({
      messageId: e.messageId,
      message: e.message ?? actual[i]?.message,
      line: e.line,
      column: e.column,
      endLine: e.endLine,
      endColumn: e.endColumn,
      severity: e.severity ?? actual[i]?.severity,
      suggestions: e.suggestions,
      related: e.related ?? actual[i]?.related,
    }));
    assert.deepEqual(actual, expected);
    for (const f of found) seen.add(f.messageId);

    for (const f of found) {
      for (const s of f.suggestions ?? []) {
        const output = applyEdits(c.code, s.edits);
        const after = lintCase(rule, output, c).filter((g) => g.ruleId === rule.id);
        assert.ok(after.length < found.length, `suggestion "${s.title}" must remove its finding`);
        assertNoNewFindings(rule, c.code, output, c, `suggestion "${s.title}"`);
      }
    }

    const hasFix = found.some((f) => f.fix);
    if (!hasFix) {
      assert.ok(c.output === undefined || c.output === null, 'the case expects an output but the rule did not fix anything');
      return;
    }
    assert.ok(c.output !== undefined, 'the rule fixed the code: add an `output` to the case');
    assert.ok(c.output !== null, 'the case says `output: null` but the rule has a fix');
    assert.notEqual(c.output, c.code, 'use `output: null` to assert that there is no fix');
    const output = fixAll(rule, c.code, c);
    assert.equal(output, c.output);
    const left = lintCase(rule, output, c).filter((f) => f.ruleId === rule.id && f.fix);
    assert.deepEqual(left.map((f) => f.message), [], 'fixed output still has fixable findings');
    assertNoNewFindings(rule, c.code, output, c, 'the fix');
  }
}

export interface DocsExample {
  readonly verdict: 'bad' | 'good';
  readonly code: string;
  readonly filename: string | undefined;
  readonly config: Partial<EngineConfig> | undefined;
  /** Other files of the example's workspace, for cross-file rules. */
  readonly workspace: Readonly<Record<string, string>> | undefined;
}

/**
 * Fenced blocks tagged ```` ```dockerfile bad ```` / ```` ```yaml good filename=compose.yaml ```` in a
 * rule's docs page. Blocks tagged ```` ```text file filename=.env ```` are other files of the
 * workspace of the next bad or good example.
 */
export function docsExamples(markdown: string): DocsExample[] {
  const out: DocsExample[] = [];
  let workspace: Record<string, string> | undefined;
  const fence = /^```(\w+)[ \t]+(bad|good|file)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const attrs = m[3]!;
    const filename = /filename=(\S+)/.exec(attrs)?.[1];
    if (m[2] === 'file') {
      workspace = { ...workspace, [filename!]: m[4]! };
      continue;
    }
    const config = /config=(\{.*\})/.exec(attrs)?.[1];
    out.push({ verdict: m[2] as 'bad' | 'good', code: m[4]!, filename, config: config ? (JSON.parse(config) as Partial<EngineConfig>) : undefined, workspace });
    workspace = undefined;
  }
  return out;
}

export function checkDocsExamples(rule: Rule): void {
  const markdown = readFileSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
  const examples = docsExamples(markdown);
  // No input is meant to trigger internal-error, so its page has no `bad` example.
  if (rule.id !== 'internal-error') assert.ok(examples.some((e) => e.verdict === 'bad'), 'the docs page needs at least one `bad` example');
  for (const e of examples) {
    const c: ValidCase = { code: e.code, ...(e.filename ? { filename: e.filename } : {}), ...(e.config ? { config: e.config } : {}), ...(e.workspace ? { workspace: e.workspace } : {}) };
    const path = c.filename ?? guessFilename(rule, e.code);
    const findings = /(^|\/)\.bulkhead\.ya?ml$/.test(path)
      ? lintConfigFile(new SourceFile(path, e.code)).findings.filter((f) => f.ruleId === rule.id)
      : lintCase(rule, e.code, c).filter((f) => f.ruleId === rule.id);
    if (e.verdict === 'bad') assert.ok(findings.length > 0, `docs "bad" example reports nothing:\n${e.code}`);
    else assert.deepEqual(findings.map((f) => f.message), [], `docs "good" example reports findings:\n${e.code}`);
  }
}
