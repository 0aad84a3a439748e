import type { CodeAction, Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { SourceFile, type EngineConfig, type LintResult } from '../engine';
import { withOpenDocuments, type ProjectFiles } from '../project/files';
import { analyzeUnit, fixUnit, UnitFinder, type UnitRef } from '../project/units';
import { FIX_ALL_KIND, lineEdits } from './code-actions';
import { toDiagnostic } from './convert';
import { pathOf } from './documents';

interface UnitState {
  readonly unit: UnitRef;
  /** Open documents' versions and the configuration the results were computed with. */
  readonly key: string;
  readonly config: EngineConfig;
  readonly results: ReadonlyMap<string, LintResult>;
}

/**
 * Documents of Helm charts and Kustomize overlays. Opening or changing a template, values.yaml,
 * a kustomization or a patch analyses the whole unit (open documents' texts win over the disk).
 * Open files of the unit get their diagnostics by pull, as every document does (a refresh asks
 * for them again when another file of the unit changed them); files that are not open get theirs
 * pushed, so a finding that moved to values.yaml shows without opening it.
 */
export class UnitDocuments {
  private readonly states = new Map<string, UnitState>();
  /** Uris with pushed diagnostics, by unit. */
  private readonly pushed = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** The result of a document of a chart or overlay, or undefined when it belongs to none. */
  lint(document: TextDocument, config: EngineConfig): LintResult | undefined {
    const path = pathOf(document.uri);
    const files = this.files();
    const unit = new UnitFinder(files).unitOf(path);
    if (!unit) return undefined;
    const state = this.analyze(unit, files, config);
    return state.results.get(path) ?? { source: new SourceFile(path, document.getText()), kind: 'k8s', findings: [] };
  }

  /** `source.fixAll.bulkhead` for a document of a unit: its part of the unit's safe fixes. */
  fixAll(document: TextDocument, config: EngineConfig): CodeAction | undefined {
    const path = pathOf(document.uri);
    const files = this.files();
    const unit = new UnitFinder(files).unitOf(path);
    if (!unit) return undefined;
    const { texts, fixed } = fixUnit(unit, files, { config });
    const text = texts.get(path);
    if (text === undefined || fixed.length === 0) return undefined;
    return { title: `Fix all auto-fixable Bulkhead problems (${fixed.length === 1 ? '1 fix' : `${fixed.length} fixes`})`, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: lineEdits(document, document.getText(), text) } } };
  }

  /** A document of a unit was opened: its pushed diagnostics give way to the pulled ones. */
  opened(uri: string): void {
    for (const uris of this.pushed.values()) {
      if (uris.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /**
   * A document was closed: while other files of its unit stay open, the unit is analysed again
   * with the closed file's text on disk (unsaved edits were dropped, e.g. by a revert) and its
   * results are pushed for it; otherwise the unit's pushed diagnostics are cleared.
   */
  closed(uri: string): void {
    const path = pathOf(uri);
    for (const [id, state] of [...this.states]) {
      if (!state.results.has(path)) continue;
      if (this.openMembers(state).length > 0) this.analyze(state.unit, this.files(), state.config, true);
      else {
        for (const u of this.pushed.get(id) ?? []) void this.connection.sendDiagnostics({ uri: u, diagnostics: [] });
        this.pushed.delete(id);
        this.states.delete(id);
      }
    }
  }

  /** Drops every result (settings changed); the next pull analyses again. */
  clear(): void {
    this.states.clear();
  }

  /** `force`: analyse even when no open document changed since the last time (one was closed). */
  private analyze(unit: UnitRef, files: ProjectFiles, config: EngineConfig, force = false): UnitState {
    const id = `${unit.kind}:${unit.root}`;
    const key = this.documents
      .all()
      .map((d) => `${d.uri}@${d.version}`)
      .sort()
      .join(' ');
    const previous = this.states.get(id);
    if (!force && previous && previous.key === key && previous.config === config) return previous;
    const results = new Map(analyzeUnit(unit, files, { config }).files.map((r) => [r.source.path, r] as const));
    const state: UnitState = { unit, key, config, results };
    this.states.set(id, state);
    const open = new Set(this.openMembers(state));
    for (const [path, result] of results) {
      const uri = URI.file(path).toString();
      if (!open.has(path)) this.push(id, uri, result);
    }
    // Other open files of the unit may have new findings (a values.yaml edit changes the template's).
    const changed = [...open].some((p) => previous && fingerprint(previous.results.get(p)) !== fingerprint(results.get(p)));
    if (changed) void this.connection.languages.diagnostics.refresh();
    return state;
  }

  private push(id: string, uri: string, result: LintResult): void {
    const diagnostics: Diagnostic[] = result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(result.source, f));
    const uris = this.pushed.get(id) ?? new Set<string>();
    if (diagnostics.length === 0 && !uris.has(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics });
    if (diagnostics.length > 0) uris.add(uri);
    else uris.delete(uri);
    this.pushed.set(id, uris);
  }

  private openMembers(state: UnitState): string[] {
    return this.documents
      .all()
      .map((d) => pathOf(d.uri))
      .filter((p) => state.results.has(p));
  }

  private files(): ProjectFiles {
    const open = new Map(this.documents.all().map((d) => [pathOf(d.uri), d] as const));
    return withOpenDocuments((path) => open.get(path)?.getText());
  }
}

function fingerprint(result: LintResult | undefined): string {
  return JSON.stringify(result?.findings.map((f) => [f.ruleId, f.span.start, f.span.end, f.message, f.suppressed !== undefined]) ?? []);
}
