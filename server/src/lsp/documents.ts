import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { detectKind, lint, SourceFile, type EngineConfig, type FileKind, type LintResult } from '../engine';

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
 * One lint result per (uri, version): diagnostics and code actions of the same version share it,
 * so a document is parsed once per change.
 */
export class LintCache {
  private readonly entries = new Map<string, { version: number; config: EngineConfig; result: LintResult }>();

  get(document: TextDocument, config: EngineConfig): LintResult {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.config === config) return cached.result;
    const path = pathOf(document.uri);
    // With the images, which online checks look up.
    const result = lint(new SourceFile(path, document.getText()), { config, kind: kindOf(document, path), inventory: true });
    this.entries.set(document.uri, { version: document.version, config, result });
    return result;
  }

  /** The cached result for exactly this version, if any. */
  peek(document: TextDocument): LintResult | undefined {
    const cached = this.entries.get(document.uri);
    return cached && cached.version === document.version ? cached.result : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
