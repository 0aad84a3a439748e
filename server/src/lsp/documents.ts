import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { detectKind, IncrementalLinter, SourceFile, type EngineConfig, type FileKind, type LintResult } from '../engine';
import type { ProjectModel } from '../project/model';

/** The kind a document is linted as: the language id wins for Dockerfiles, YAML is decided by content. */
export function kindOf(document: TextDocument, path: string): FileKind {
  if (document.languageId === 'dockerfile') return 'dockerfile';
  if (document.languageId === 'dockercompose') return 'compose';
  if (document.languageId === 'yaml') {
    const kind = detectKind(path.endsWith('.yaml') || path.endsWith('.yml') ? path : `${path}.yaml`, document.getText());
    return kind === 'dockerfile' ? 'other' : kind;
  }
  return detectKind(path, document.getText());
}

export function pathOf(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath.replace(/\\/g, '/') : parsed.path;
}

/**
 * One lint result per (uri, version, project generation): diagnostics and code actions of the
 * same version share it, so a document is analysed once per change to it or to the files it
 * depends on. Each document keeps an incremental linter, so an edit in a large multi-document
 * manifest re-analyses only what it touched.
 */
export class LintCache {
  private readonly entries = new Map<string, { version: number; generation: number; config: EngineConfig; result: LintResult; linter: IncrementalLinter }>();

  constructor(private readonly project?: ProjectModel) {}

  get(document: TextDocument, config: EngineConfig): LintResult {
    const cached = this.entries.get(document.uri);
    const generation = this.project?.generation ?? 0;
    if (cached && cached.version === document.version && cached.generation === generation && cached.config === config) return cached.result;
    const path = pathOf(document.uri);
    const linter = cached?.linter ?? new IncrementalLinter();
    // With the images, which online checks look up.
    const result = linter.lint(new SourceFile(path, document.getText()), { config, kind: kindOf(document, path), inventory: true, project: this.project });
    this.entries.set(document.uri, { version: document.version, generation, config, result, linter });
    return result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops results but keeps each document's linter (it starts over by itself when the config differs). */
  clear(): void {
    for (const [uri, e] of this.entries) this.entries.set(uri, { ...e, version: -1 });
  }
}
