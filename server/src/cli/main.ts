import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { detectKind, fileTooLarge, fixAll, lint, RULES, SourceFile, type Finding } from '../engine';
import { ConfigResolver } from '../config/resolve';
import { discover, kindFor, looksBinary, readText } from '../discovery/walk';
import { VERSION } from '../version';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { unifiedDiff } from './diff';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { renderHtml } from '../report/html';
import { renderMarkdown } from '../report/markdown';
import { buildReport } from '../report/model';
import { randomBytes } from 'node:crypto';
import { summarize, toReport, type FileReport } from '../report/file-report';

const RANK = { info: 1, warning: 2, error: 3, never: 4 } as const;

/** Runs the CLI; returns the exit code. Output goes through the given writers (tests pass their own). */
export function run(argv: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean }): number {
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
  const resolver = new ConfigResolver({ ...(options.config ? { explicit: resolve(options.config) } : {}), ...(options.profile ? { top: { profile: options.profile } } : {}) });
  // Relative to the working folder; files outside it keep their absolute path.
  const display = (abs: string): string => {
    const rel = relative(process.cwd(), abs);
    return (rel && !rel.startsWith('..') ? rel : abs).split(sep).join('/');
  };
  const reports: FileReport[] = [];
  const diffs: string[] = [];
  const fixedLines: string[] = [];
  // Paths first (no texts): every configuration is checked before anything is analysed or fixed.
  const files = [...discover(options.paths, { gitignore: options.ignoreFile })];
  for (const file of files) {
    const [problem] = resolver.problems(file.path);
    if (problem) {
      io.stderr(`bulkhead: invalid configuration ${display(problem.file)}:${problem.line}:${problem.column}: ${problem.message}\n`);
      return 2;
    }
  }
  const rules = options.only ? RULES.filter((r) => options.only!.includes(r.id)) : RULES;
  for (const file of files) {
    const { config, ignored } = resolver.forFile(file.path);
    if (ignored && !file.explicit) continue;
    const path = display(file.path);
    if (file.size > config.maxFileSize) {
      // Reported without reading the file.
      reports.push(toReport(path, detectKind(file.path, ''), new SourceFile(file.path, ''), [fileTooLarge(file.size, config.maxFileSize)], display));
      continue;
    }
    if (looksBinary(file.path)) continue;
    const text = readText(file.path);
    const kind = kindFor(file, text);
    if (kind === undefined) continue;
    let source = new SourceFile(file.path, text);
    if (options.fix || options.fixDryRun) {
      const fixed = fixAll(source, { config, kind, rules });
      if (fixed.text !== text) {
        if (options.fixDryRun) diffs.push(unifiedDiff(path, text, fixed.text));
        else {
          writeFileSync(file.path, fixed.text);
          fixedLines.push(`fixed ${fixed.fixed.length} ${fixed.fixed.length === 1 ? 'problem' : 'problems'} in ${path} (${describeFixes(fixed.fixed)})`);
          source = new SourceFile(file.path, fixed.text);
        }
      }
    }
    const result = lint(source, { config, kind, rules, inventory: true });
    reports.push(toReport(path, kind, source, result.findings, display, result.images));
  }
  for (const line of fixedLines) io.stderr(`${line}\n`);
  if (options.fixDryRun) {
    io.stdout(diffs.join(''));
    return exitCode(reports, options);
  }
  const out = format(reports, options, io.isTTY && options.output === undefined);
  if (options.output) {
    mkdirSync(dirname(resolve(options.output)), { recursive: true });
    writeFileSync(options.output, out);
  } else io.stdout(out);
  return exitCode(reports, options);
}

function format(reports: readonly FileReport[], options: CliOptions, tty: boolean): string {
  switch (options.format) {
    case 'json': return formatJson(reports);
    case 'sarif': return formatSarif(reports);
    case 'markdown': return renderMarkdown(buildReport(reports, process.cwd()));
    case 'html': return renderHtml(buildReport(reports, process.cwd()), { webview: false, nonce: randomBytes(16).toString('base64') });
    default: return formatStylish(reports, options.color ?? (tty && !process.env.NO_COLOR));
  }
}

function exitCode(reports: readonly FileReport[], options: CliOptions): number {
  if (options.failOn === 'never') return 0;
  const threshold = RANK[options.failOn];
  const s = summarize(reports);
  const worst = s.error ? RANK.error : s.warning ? RANK.warning : s.info ? RANK.info : 0;
  return worst >= threshold ? 1 : 0;
}

function describeFixes(fixed: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fixed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return [...counts].map(([id, n]) => `${id} ×${n}`).join(', ');
}

if (require.main === module) {
  let code: number;
  try {
    code = run(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), isTTY: process.stdout.isTTY === true });
  } catch (error) {
    // Never a stack trace for users; BULKHEAD_DEBUG=1 shows it.
    process.stderr.write(`bulkhead: unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    if (process.env.BULKHEAD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    code = 2;
  }
  process.exitCode = code;
}
