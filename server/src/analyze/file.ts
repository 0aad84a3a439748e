import { writeFileSync } from 'node:fs';
import { URI } from 'vscode-uri';
import { ConfigResolver, type ResolverOptions } from '../config/resolve';
import { kindFor } from '../discovery/walk';
import { detectKind, fileTooLarge, fixAll, lint, RULES, SourceFile, type EngineConfig, type FileKind, type Finding, type ProjectFacts } from '../engine';
import { unifiedDiff } from '../cli/diff';
import { credentialFormat, isHighEntropy } from '../engine/rules/shared/secrets';
import { toDiagnostic } from '../lsp/convert';
import { listedDisk, readTextUnlessBinary, type ProjectFiles } from '../project/files';
import { ProjectModel, type ComposeIndexEntries } from '../project/model';
import { summarize, toReport, type FileReport, type Summary } from '../report/file-report';
import { fileByFileFormat, type RenderOptions } from '../cli/formatters/render';
import { analyzeUnitTask } from '../project/tasks';
import type { UnitRef } from '../project/units';

/** `curl -u user:pass`, `--password x`, `password: x`: a password given inline. */
const INLINE_PASSWORD = /(?:\s-u\s*|--user[=\s]+)[^\s:]+:\S|--pass(?:word)?[=\s]+\S|pass(?:word|wd)?\s*[=:]\s*\S/i;

/** Rules whose findings point at a secret value written in the file. */
const SECRET_VALUE_RULES = new Set(['secret-in-env', 'secret-in-configmap']);

/** One file to analyse: plain data, so it can be sent to a worker thread. */
export interface FileTask {
  readonly index: number;
  /** Absolute path. */
  readonly path: string;
  /** As shown in reports. */
  readonly display: string;
  readonly size: number;
  /** Named by the user (linted whatever its kind) rather than found by walking. */
  readonly explicit: boolean;
  /** Settings of the file's workspace folder (the server's audit), below config files. */
  readonly base?: Partial<EngineConfig>;
  /** The chart or overlay this task analyses as a whole (`path` is one of its files), and the files to report. */
  readonly unit?: UnitRef;
  readonly reportPaths?: readonly string[];
}

/** How files are analysed; plain data too (the workers receive it). */
export interface AnalyzeOptions {
  readonly resolver: ResolverOptions;
  /** Run only these rules. */
  readonly only?: readonly string[];
  /** Apply safe fixes in place, or only compute them as a diff. */
  readonly fix?: 'write' | 'diff';
  /** Also produce LSP diagnostics (the server's audit). */
  readonly diagnostics?: boolean;
  /** Folder that displayed paths are relative to; absolute paths of related places outside it stay absolute. */
  readonly root: string;
  /** Folders whose other files cross-file rules may read (compose builds, build contexts); none: those rules stay silent. */
  readonly projectRoots?: readonly string[];
  /** Render each file's part of this file-by-file output where it is analysed, instead of returning its report. */
  readonly render?: RenderOptions;
}

export interface FileResult {
  readonly index: number;
  /** Undefined when the file is skipped (ignored, binary, not a container file), or rendered. */
  readonly report?: FileReport;
  /** With `AnalyzeOptions.render`: the file's part of the output and its counts, in place of `report`. */
  readonly rendered?: { readonly text: string; readonly summary: Summary };
  readonly uri?: string;
  readonly diagnostics?: readonly unknown[];
  readonly diff?: string;
  /** "fixed 2 problems in x (rule ×2)". */
  readonly fixed?: string;
  /** The other files of a unit task (a chart, an overlay), each with its own report. */
  readonly more?: readonly FileResult[];
}

/** Analyses files one at a time: read, lint, convert positions, drop the text. */
export class FileAnalyzer {
  private readonly resolvers = new Map<string, ConfigResolver>();
  private readonly rules;
  private readonly project: ProjectFacts | undefined;

  /**
   * `project`: one the caller keeps up to date (the server's); else one over `options.projectRoots`.
   * `disk`: this run's view of the disk (each analyzer lists a folder once).
   * `composeIndex`: the compose builds under `options.projectRoots` as read by the caller, asked for
   * when first needed (else the project model reads them itself).
   */
  constructor(
    private readonly options: AnalyzeOptions,
    project?: ProjectFacts,
    private readonly disk: ProjectFiles = listedDisk(),
    composeIndex?: ComposeIndexEntries | (() => ComposeIndexEntries),
  ) {
    this.rules = options.only ? RULES.filter((r) => options.only!.includes(r.id)) : RULES;
    if (!project && options.projectRoots) {
      const model = new ProjectModel(options.projectRoots, undefined, disk);
      if (composeIndex) model.adoptComposeIndex(composeIndex);
      project = model;
    }
    this.project = project;
  }

  analyze(task: FileTask): FileResult {
    const { index, path, display } = task;
    if (task.unit) return this.analyzeUnit(task);
    const { config, ignored } = this.resolver(task.base).forFile(path);
    if (ignored && !task.explicit) return { index };
    const uri = URI.file(path).toString();
    const relate = (abs: string): string => relativeDisplay(this.options.root, abs);
    if (task.size > config.maxFileSize) {
      // Reported without reading the file.
      const source = new SourceFile(path, '');
      const finding = fileTooLarge(task.size, config.maxFileSize);
      return this.result(index, uri, toReport(display, detectKind(path, ''), source, [finding], relate), source, [finding]);
    }
    let text: string | undefined;
    try {
      text = readTextUnlessBinary(path);
    } catch {
      return { index }; // vanished or unreadable since discovery
    }
    if (text === undefined) return { index };
    const kind = kindFor(task, text);
    if (kind === undefined) return { index };
    let source = new SourceFile(path, text);
    let diff: string | undefined;
    let fixed: string | undefined;
    if (this.options.fix) {
      const result = fixAll(source, { config, kind, rules: this.rules, project: this.project });
      if (result.text !== text) {
        if (this.options.fix === 'diff') diff = unifiedDiff(display, text, result.text, 3, this.secretLines(source, config, kind));
        else {
          writeFileSync(path, result.text);
          fixed = `fixed ${result.fixed.length} ${result.fixed.length === 1 ? 'problem' : 'problems'} in ${display} (${describeFixes(result.fixed)})`;
          source = new SourceFile(path, result.text);
        }
      }
    }
    // The file-by-file formats print no image inventory.
    const result = lint(source, { config, kind, rules: this.rules, inventory: !this.options.render, project: this.project, suggestions: false });
    return { ...this.result(index, uri, toReport(display, kind, source, result.findings, relate, result.images), source, result.findings), ...(diff ? { diff } : {}), ...(fixed ? { fixed } : {}) };
  }

  /** A Helm chart or Kustomize overlay: analysed as a whole, one result per reported file. */
  private analyzeUnit(task: FileTask): FileResult {
    const resolver = this.resolver(task.base);
    const relate = (abs: string): string => relativeDisplay(this.options.root, abs);
    return analyzeUnitTask(
      task,
      {
        rules: this.rules,
        fix: this.options.fix,
        configFor: (path) => resolver.forFile(path),
        display: relate,
        fileResult: (index, path, r) => this.result(index, URI.file(path).toString(), toReport(relate(path), r.kind, r.source, r.findings, relate, r.images), r.source, r.findings),
      },
      this.disk,
    );
  }

  /**
   * Lines that hold or may hold a secret, kept out of printed diffs (a CI log must not show what a
   * finding hides): those the secret rules point at, and any with a credential format or a
   * random-looking token (a password in a RUN line).
   */
  private secretLines(source: SourceFile, config: EngineConfig, kind: FileKind): Set<number> {
    const rules = RULES.filter((r) => SECRET_VALUE_RULES.has(r.id));
    const lines = new Set<number>();
    for (const f of lint(source, { config, kind, rules, suggestions: false }).findings) {
      const end = source.lines.positionAt(f.span.end).line;
      for (let line = source.lines.positionAt(f.span.start).line; line <= end; line++) lines.add(line);
    }
    source.text.split('\n').forEach((text, line) => {
      if (credentialFormat(text) || INLINE_PASSWORD.test(text) || text.split(/[\s"'=:@,;]+/).some((w) => !/^[0-9a-f]+$/i.test(w) && isHighEntropy(w))) lines.add(line);
    });
    return lines;
  }

  private result(index: number, uri: string, report: FileReport, source: SourceFile, findings: readonly Finding[]): FileResult {
    return fileResult(index, report, this.options, () => ({ uri, diagnostics: findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(source, f)) }));
  }

  private resolver(base: Partial<EngineConfig> | undefined): ConfigResolver {
    const key = JSON.stringify(base ?? null);
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      resolver = new ConfigResolver({ ...this.options.resolver, ...(base ? { base } : {}) }, this.disk);
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }
}

/** A file's report as `options` ask for it: whole or rendered, with LSP diagnostics or without. */
export function fileResult(index: number, report: FileReport, options: AnalyzeOptions, diagnostics: () => Pick<FileResult, 'uri' | 'diagnostics'>): FileResult {
  const reported = options.render ? { rendered: { text: fileByFileFormat(options.render).file(report), summary: summarize([report]) } } : { report };
  return { index, ...reported, ...(options.diagnostics ? diagnostics() : {}) };
}

/** Relative to `root` with forward slashes; paths outside it stay absolute. */
export function relativeDisplay(root: string, abs: string): string {
  const normalizedRoot = root.replace(/\\/g, '/').replace(/\/$/, '');
  const p = abs.replace(/\\/g, '/');
  return p.startsWith(`${normalizedRoot}/`) ? p.slice(normalizedRoot.length + 1) : p;
}

function describeFixes(fixed: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fixed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return [...counts].map(([id, n]) => `${id} ×${n}`).join(', ');
}
