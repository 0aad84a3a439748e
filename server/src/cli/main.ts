import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigResolver } from '../config/resolve';
import { discover } from '../discovery/walk';
import { relativeDisplay, type FileResult, type FileTask } from '../analyze/file';
import { analyzeFiles } from '../analyze/pool';
import { ProjectModel, type ComposeIndexEntries } from '../project/model';
import { groupUnits } from '../project/tasks';
import { listedDisk, type ProjectFiles } from '../project/files';
import { VERSION } from '../version';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { fileByFileFormat, type RenderOptions } from './formatters/render';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { buildReport } from '../report/model';
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { summarize, totalOf, type Summary } from '../report/file-report';

const RANK = { info: 1, warning: 2, error: 3, never: 4 } as const;

/** Runs the CLI; returns the exit code. Output goes through the given writers (tests pass their own). */
/** Runs the CLI; resolves to the exit code. Output goes through the given writers (tests pass their own). */
export async function run(argv: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean }): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bulkhead: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const missing = options.paths.find((p) => !existsSync(p));
  if (missing !== undefined) {
    io.stderr(`bulkhead: no such file or folder: ${missing}\n`);
    return 2;
  }
  if (options.config !== undefined && !existsSync(options.config)) {
    io.stderr(`bulkhead: config file not found: ${options.config}\n`);
    return 2;
  }
  const resolverOptions = { ...(options.config ? { explicit: resolve(options.config) } : {}), ...(options.profile ? { top: { profile: options.profile } } : {}) };
  // One view of the disk for this run: discovery lists each folder, config and chart lookups reuse it.
  const disk = listedDisk();
  const resolver = new ConfigResolver(resolverOptions, disk);
  const root = process.cwd();
  // Paths first (no texts): every configuration is checked before anything is analysed or fixed.
  const tasks: FileTask[] = [];
  for (const file of discover(options.paths, { gitignore: options.ignoreFile }, disk)) {
    const [problem] = resolver.problems(file.path);
    if (problem) {
      io.stderr(`bulkhead: invalid configuration ${relativeDisplay(root, problem.file)}:${problem.line}:${problem.column}: ${problem.message}\n`);
      return 2;
    }
    tasks.push({ index: tasks.length, path: file.path, display: relativeDisplay(root, file.path), size: file.size, explicit: file.explicit });
  }
  const results: FileResult[] = [];
  const roots = projectRoots(options.paths);
  const render = renderOptions(options, io.isTTY && options.output === undefined);
  await analyzeFiles(
    groupUnits(tasks, {}, disk),
    {
      resolver: resolverOptions,
      root,
      projectRoots: roots,
      ...(options.only ? { only: options.only } : {}),
      ...(options.fix ? { fix: 'write' as const } : options.fixDryRun ? { fix: 'diff' as const } : {}),
      ...(render ? { render } : {}),
    },
    { ...(options.workers ? { workers: options.workers } : {}), inThread: true, disk, composeIndex: composeIndex(roots, options, tasks, disk) },
    (r) => results.push(r),
  );
  // Results arrive in any order from the workers; output follows discovery order.
  results.sort((a, b) => a.index - b.index);
  const files = results.flatMap((r) => [r, ...(r.more ?? [])]);
  const reports = files.flatMap((r) => (r.report ? [r.report] : []));
  const rendered = files.flatMap((r) => (r.rendered ? [r.rendered] : []));
  const summary = render ? totalOf(rendered.map((r) => r.summary)) : summarize(reports);
  for (const r of results) if (r.fixed) io.stderr(`${r.fixed}\n`);
  if (options.fixDryRun) {
    io.stdout(results.map((r) => r.diff ?? '').join(''));
    return exitCode(summary, options);
  }
  const print = (out: (chunk: string) => void): void => {
    if (render) return fileByFileFormat(render).write(rendered.map((r) => r.text), summary, out);
    const model = buildReport(reports, process.cwd());
    out(options.format === 'markdown' ? renderMarkdown(model) : renderHtml(model, { webview: false, nonce: randomBytes(16).toString('base64') }));
  };
  if (options.output) writeInPieces(options.output, print);
  else {
    const chunks: string[] = [];
    print((chunk) => chunks.push(chunk));
    io.stdout(chunks.join(''));
  }
  return exitCode(summary, options);
}

/** Writes a file piece by piece: a corpus's JSON (28 MB) is never one string, nor one buffer. */
function writeInPieces(path: string, print: (out: (chunk: string) => void) => void): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    print((chunk) => {
      const bytes = Buffer.from(chunk);
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    });
  } finally {
    closeSync(fd);
  }
}

/** The formats printed file by file are rendered by the threads that analyse (not for a dry run, which prints diffs). */
function renderOptions(options: CliOptions, tty: boolean): RenderOptions | undefined {
  if (options.fixDryRun) return undefined;
  switch (options.format) {
    case 'json':
    case 'sarif':
      return { format: options.format };
    case 'stylish':
      return { format: 'stylish', color: options.color ?? (tty && !process.env.NO_COLOR) };
    default:
      return undefined;
  }
}

function exitCode(s: Summary, options: CliOptions): number {
  if (options.failOn === 'never') return 0;
  const threshold = RANK[options.failOn];
  const worst = s.error ? RANK.error : s.warning ? RANK.warning : s.info ? RANK.info : 0;
  return worst >= threshold ? 1 : 0;
}

/**
 * The steps that read the compose builds under the roots, once for all analysis threads. When only
 * folders were named and discovery honoured .gitignore, it found what the model's own walk would:
 * no second walk.
 */
function composeIndex(roots: readonly string[], options: CliOptions, discovered: readonly FileTask[], disk: ProjectFiles): Generator<void, ComposeIndexEntries> {
  const sameWalk = options.ignoreFile !== false && discovered.every((t) => !t.explicit);
  return new ProjectModel(roots, undefined, disk).composeIndexSteps(sameWalk ? discovered : undefined);
}

/** The folders cross-file rules may read: each folder named, and the folder of each file named. */
function projectRoots(paths: readonly string[]): string[] {
  return [...new Set(paths.map((p) => (statSync(p).isDirectory() ? resolve(p) : dirname(resolve(p)))))];
}

if (require.main === module) {
  // A run of the CLI is short and its engine code large: V8's optimising compiler spent more CPU
  // inlining than the inlined code saved (a quarter of all CPU on a 6,800-file corpus, and twice
  // over with a worker thread, whose isolate compiles everything again). Set before any code is
  // hot; the flag is process-wide, so worker threads have it too.
  setFlagsFromString('--no-turbo-inlining');
  // `bulkhead . | head`: the reader went away; stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  run(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), isTTY: process.stdout.isTTY === true }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // Never a stack trace for users; BULKHEAD_DEBUG=1 shows it.
      process.stderr.write(`bulkhead: unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      if (process.env.BULKHEAD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}
