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

/** How long analysis runs before it lets the server read and answer other messages. */
const SLICE_MS = 20;

interface Run {
  readonly version: number;
  readonly generation: number;
  readonly config: EngineConfig;
  /** Undefined when a newer run or a close made it pointless before it finished. */
  readonly result: Promise<LintResult | undefined>;
}

/**
 * One lint result per (uri, version, project generation): diagnostics and code actions of the
 * same version share it, so a document is analysed once per change to it or to the files it
 * depends on. Each document keeps an incremental linter, so an edit in a large multi-document
 * manifest re-analyses only what it touched.
 *
 * Analysis runs in slices of about 20 ms with the event loop free in between, so a big manifest
 * never holds up other documents or requests. Runs of one document go one after the other (they
 * share its linter); a run that a newer one supersedes stops at its next pause.
 */
export class LintCache {
  private readonly entries = new Map<string, { readonly linter: IncrementalLinter; latest?: Run; tail: Promise<unknown> }>();

  constructor(private readonly project?: ProjectModel) {}

  get(document: TextDocument, config: EngineConfig): Promise<LintResult | undefined> {
    let entry = this.entries.get(document.uri);
    if (!entry) this.entries.set(document.uri, (entry = { linter: new IncrementalLinter(), tail: Promise.resolve() }));
    const generation = this.project?.generation ?? 0;
    const latest = entry.latest;
    if (latest && latest.version === document.version && latest.generation === generation && latest.config === config) return latest.result;
    const path = pathOf(document.uri);
    // With the images, which online checks look up.
    const steps = entry.linter.steps(new SourceFile(path, document.getText()), { config, kind: kindOf(document, path), inventory: true, project: this.project });
    const owner = entry;
    const wanted = (): boolean => this.entries.get(document.uri) === owner && owner.latest === run;
    const run: Run = { version: document.version, generation, config, result: entry.tail.then(() => inSlices(steps, wanted)) };
    entry.latest = run;
    entry.tail = run.result.catch(() => undefined);
    return run.result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops results but keeps each document's linter (it starts over by itself when the config differs). */
  clear(): void {
    for (const e of this.entries.values()) e.latest = undefined;
  }
}

/** Runs lint steps, pausing every `SLICE_MS`; gives up (undefined) when no longer `wanted` at a pause. */
async function inSlices(steps: Generator<void, LintResult>, wanted: () => boolean): Promise<LintResult | undefined> {
  let sliceStart = performance.now();
  for (;;) {
    if (!wanted()) {
      steps.return(undefined as never); // runs the linter's clean-up
      return undefined;
    }
    let step = steps.next();
    while (!step.done && performance.now() - sliceStart < SLICE_MS) step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  }
}
