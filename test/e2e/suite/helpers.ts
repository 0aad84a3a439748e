// Helpers for the extension-host suite. Everything waits on VS Code events
// (onDidChangeDiagnostics, onDidChangeTabs) with a timeout, never on sleeps or polling.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bulkhead.bulkhead';
const DOCS = 'https://github.com/bulkhead-dev/bulkhead/blob/main/docs/rules';

/** Generous: the CI machine has 2 cores shared with other jobs. A pass never waits this long. */
export const EVENT_TIMEOUT_MS = 60_000;

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder (test/e2e/fixtures/ws)');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function ruleId(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The comparable shape of a diagnostic: rule id, docs link, severity and 0-based range. */
export interface Finding {
  rule: string;
  docs: string | undefined;
  severity: 'error' | 'warning' | 'info' | 'hint';
  range: [number, number, number, number];
}

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

export function describeDiagnostic(d: vscode.Diagnostic): Finding {
  const code = d.code;
  return {
    rule: ruleId(d) ?? '(no code)',
    docs: typeof code === 'object' ? code.target.toString(true) : undefined,
    severity: SEVERITY[d.severity],
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

export const docsUrl = (rule: string): string => `${DOCS}/${rule}.md`;

export function bulkheadDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'bulkhead');
}

/**
 * The findings of the given rules, in document order. The suite asserts exactly these and ignores
 * other rules, so rules added later (other teams add rules in parallel) do not break it.
 */
export function findingsOf(uri: vscode.Uri, rules: readonly string[]): Finding[] {
  return bulkheadDiagnostics(uri)
    .filter((d) => rules.includes(ruleId(d) ?? ''))
    .map(describeDiagnostic)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.rule.localeCompare(b.rule));
}

function summary(uri: vscode.Uri): string {
  const all = bulkheadDiagnostics(uri).map(describeDiagnostic);
  return all.length === 0 ? '(none)' : all.map((f) => `${f.rule}@${f.range.join(':')}/${f.severity}`).join(', ');
}

/**
 * Resolves with the document's Bulkhead diagnostics once `predicate` holds for them: checked now
 * and on every onDidChangeDiagnostics event for the document. Rejects after `timeoutMs` with what
 * it was waiting for and what the diagnostics were.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const diagnostics = bulkheadDiagnostics(uri);
      if (!predicate(diagnostics)) return;
      cleanup();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${Date.now() - started} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; diagnostics: ${summary(uri)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits until the diagnostics of `rules` are exactly `expected` (see findingsOf). */
export async function waitForFindings(uri: vscode.Uri, rules: readonly string[], expected: Finding[], timeoutMs = EVENT_TIMEOUT_MS): Promise<void> {
  const want = JSON.stringify(expected);
  await waitForDiagnostics(uri, `findings ${want}`, () => JSON.stringify(findingsOf(uri, rules)) === want, timeoutMs);
}

/**
 * Resolves with the first code action at `range` whose title matches: asked now and again on every
 * onDidChangeDiagnostics event for the document (a server that learns something new, e.g. a
 * registry's answer, asks the client to pull diagnostics again). Rejects after `timeoutMs` with
 * the titles last offered.
 */
export function waitForCodeAction(uri: vscode.Uri, range: vscode.Range, title: RegExp, timeoutMs = EVENT_TIMEOUT_MS): Promise<vscode.CodeAction> {
  return new Promise((resolve, reject) => {
    let offered: string[] = [];
    let done = false;
    let asking = false;
    let again = false;
    const ask = async (): Promise<void> => {
      if (asking) {
        again = true; // an event arrived during a request: ask once more afterwards
        return;
      }
      asking = true;
      try {
        do {
          again = false;
          const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
          offered = actions.map((a) => a.title);
          const found = actions.find((a): a is vscode.CodeAction => title.test(a.title) && 'edit' in a);
          if (found && !done) {
            cleanup();
            resolve(found);
            return;
          }
        } while (again && !done);
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        asking = false;
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) void ask();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for a code action ${title} in ${vscode.workspace.asRelativePath(uri)}; offered: ${JSON.stringify(offered)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      done = true;
      clearTimeout(timer);
      subscription.dispose();
    };
    void ask();
  });
}

/** Resolves once a tab satisfying `predicate` exists (checked now and on every tab change). */
export function waitForTab(what: string, predicate: (tab: vscode.Tab) => boolean, timeoutMs = EVENT_TIMEOUT_MS): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const find = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(predicate);
    const check = (): void => {
      const tab = find();
      if (!tab) return;
      cleanup();
      resolve(tab);
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      cleanup();
      const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      reject(new Error(`timed out waiting for ${what}; open tabs: ${JSON.stringify(labels)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export function finding(rule: string, severity: Finding['severity'], range: Finding['range']): Finding {
  return { rule, docs: docsUrl(rule), severity, range };
}

/** Reverts the active editor to the file on disk (drops unsaved test edits). */
export async function revertActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
