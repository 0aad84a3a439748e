import { SHELLS, type ShellCommand, type ShellScript, type ShellWord } from '../parse/shell';
import { defineRule, type RuleContext } from '../rule';
import type { Span } from '../source';
import { tightEnd } from './shared/tls';

type MessageId = 'pipe' | 'substitution';

/** curl short options that take a value (so the rest of a bundle, or the next word, is that value). */
const CURL_VALUE_OPTS = new Set('AbcCdDeEFHKmoPQrTtuUwxXyYz');
const WGET_VALUE_OPTS = new Set('aABDeiIlOoPQRtTUwX');
const PYTHON = /^(?:python[0-9.]*|pypy[0-9.]*)$/;
const INTERPRETERS = new Set([...SHELLS, 'mksh', 'busybox', 'perl', 'ruby', 'node', 'nodejs', 'php']);
/** Options that take the next word as their value, per interpreter family. */
const SHELL_VALUE_OPTS = new Set(['-o', '+o', '-O', '+O']);
const PYTHON_VALUE_OPTS = new Set(['-W', '-X', '-Q']);
const PERL_VALUE_OPTS = new Set(['-I', '-M', '-m', '-x']);

export default defineRule<MessageId>({
  id: 'remote-script-piped-to-shell',
  title: 'Remote script piped to a shell',
  severity: 'error',
  fix: 'none',
  refs: ['CWE-494', 'CWE-829'],
  messages: {
    pipe: 'The output of {{fetcher}} is piped into {{interpreter}}, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.',
    substitution: '{{interpreter}} runs a script downloaded by {{fetcher}} through {{how}}, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (!ins.shell) continue;
        const reported = new Set<string>();
        for (const cmd of ins.shell.allCommands()) checkCommand(cmd, ctx, reported);
      }
    },
  },
});

function checkCommand(cmd: ShellCommand, ctx: RuleContext<MessageId>, reported: Set<string>): void {
  const report = (messageId: MessageId, span: Span, data: Record<string, string>): void => {
    // `sh -c "..."` strings are tokenized twice (as a word and as a script): report each place once.
    const key = `${span.start}:${span.end}`;
    if (reported.has(key)) return;
    reported.add(key);
    ctx.report({ span, messageId, data });
  };
  const u = cmd.unwrapped();

  // curl ... | sh
  const fetcher = fetchToStdout(u);
  if (fetcher && cmd.terminator === '|') {
    const pipeline = cmd.pipeline;
    for (let i = pipeline.indexOf(cmd) + 1; i < pipeline.length; i++) {
      const next = pipeline[i]!;
      // `| xargs sh` passes lines as arguments; it does not run them as a program.
      if (next.program === 'xargs') continue;
      const interpreter = interpreterReadingStdin(next.unwrapped());
      if (interpreter) {
        report('pipe', { start: cmd.span.start, end: tightEnd(next) }, { fetcher, interpreter });
        break;
      }
    }
  }

  // sh -c "$(curl ...)", eval "$(wget -O- ...)", bash <(curl ...), bash < <(curl ...), source <(curl ...)
  const interpreter = interpreterName(u);
  if (!interpreter) return;
  const scriptWords = scriptSourceWords(u);
  for (const word of scriptWords) {
    const fetch = fetchInside(word, u.substitutions);
    if (!fetch) continue;
    const how = word.value.startsWith('<(') ? 'process substitution' : 'command substitution';
    report('substitution', { start: cmd.span.start, end: tightEnd(cmd) }, { interpreter, fetcher: fetch, how });
    return;
  }
}

/** The name of a downloader writing to standard output (`curl URL`, `wget -qO- URL`), or undefined. */
function fetchToStdout(cmd: ShellCommand): string | undefined {
  const busybox = cmd.program === 'busybox';
  const program = busybox ? cmd.args[0]?.value : cmd.program;
  const args = busybox ? cmd.args.slice(1) : cmd.args;
  if (program === 'curl') return curlToStdout(args) ? 'curl' : undefined;
  if (program === 'wget' || program === 'wget2') return wgetOutput(args) === '-' ? 'wget' : undefined;
  return undefined;
}

/** curl writes to stdout unless `-o file`/`--output file` (not `-`) or `-O`/`--remote-name` is given. */
function curlToStdout(args: readonly ShellWord[]): boolean {
  let toFile = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') break;
    if (v.startsWith('--')) {
      if (v === '--output' || v.startsWith('--output=')) {
        const out = v === '--output' ? args[++i]?.value : v.slice('--output='.length);
        toFile = out !== '-' && out !== '/dev/stdout';
      } else if (v === '--remote-name' || v === '--remote-name-all') toFile = true;
      continue;
    }
    if (!/^-[A-Za-z0-9#:]/.test(v)) continue;
    for (let k = 1; k < v.length; k++) {
      const c = v[k]!;
      if (c === 'O') toFile = true;
      if (CURL_VALUE_OPTS.has(c)) {
        const value = k + 1 < v.length ? v.slice(k + 1) : args[++i]?.value;
        if (c === 'o') toFile = value !== '-' && value !== '/dev/stdout';
        break;
      }
    }
  }
  return !toFile;
}

/** The `-O`/`--output-document` value of a wget command (`-` is stdout), or undefined. */
function wgetOutput(args: readonly ShellWord[]): string | undefined {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') break;
    if (v.startsWith('--')) {
      if (v === '--output-document') out = args[++i]?.value;
      else if (v.startsWith('--output-document=')) out = v.slice('--output-document='.length);
      continue;
    }
    if (!/^-[A-Za-z0-9]/.test(v)) continue;
    for (let k = 1; k < v.length; k++) {
      const c = v[k]!;
      if (WGET_VALUE_OPTS.has(c)) {
        const value = k + 1 < v.length ? v.slice(k + 1) : args[++i]?.value;
        if (c === 'O') out = value === '/dev/stdout' ? '-' : value;
        break;
      }
    }
  }
  return out;
}

/** The interpreter's name when `cmd` is one (`sh`, `bash`, `python3`, `perl`, ..., `busybox sh`, `source`, `.`, `eval`). */
function interpreterName(cmd: ShellCommand): string | undefined {
  const program = cmd.program;
  if (program === undefined) return undefined;
  if (program === 'busybox') {
    const applet = cmd.args[0]?.value;
    return applet !== undefined && SHELLS.has(applet) ? `busybox ${applet}` : undefined;
  }
  if (INTERPRETERS.has(program) || PYTHON.test(program) || program === 'source' || program === '.' || program === 'eval') return program;
  return undefined;
}

type Family = 'shell' | 'python' | 'php' | 'other';

function family(program: string): Family {
  if (SHELLS.has(program) || program === 'mksh' || program === 'busybox') return 'shell';
  if (PYTHON.test(program)) return 'python';
  return program === 'php' ? 'php' : 'other';
}

/** Options that give the program text inline (`sh -c`, `python -c`/`-m`, `perl`/`ruby`/`node -e`, `php -r`). */
const INLINE: Record<Family, RegExp> = {
  shell: /^-[A-Za-z]*c[A-Za-z]*$/,
  python: /^-[A-Za-z]*[cm]/,
  php: /^-[A-Za-z]*[rR]/,
  other: /^-[A-Za-z]*[eEp]|^--(?:eval|print)(?:=|$)/,
};
const VALUE_OPTS: Record<Family, ReadonlySet<string>> = { shell: SHELL_VALUE_OPTS, python: PYTHON_VALUE_OPTS, php: new Set(['-c', '-d', '-z']), other: PERL_VALUE_OPTS };

/** The interpreter's arguments (after `busybox sh`). */
function interpreterArgs(cmd: ShellCommand): ShellWord[] {
  return cmd.program === 'busybox' ? cmd.args.slice(1) : cmd.args;
}

/**
 * Whether `cmd` is an interpreter that reads its program from standard input: `sh`, `bash -s`,
 * `bash -`, `python3 -`, `perl`, `node` (no script operand, no `-c`/`-e`/`-m`). Returns its name.
 */
function interpreterReadingStdin(cmd: ShellCommand): string | undefined {
  const name = interpreterName(cmd);
  if (!name || name === 'source' || name === '.' || name === 'eval') return undefined;
  const fam = family(cmd.program!);
  const args = interpreterArgs(cmd);
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-' || v === '/dev/stdin') return name;
    if (v === '--') {
      // End of options: the next word, if any, is the script file (or `-`).
      const next = args[i + 1]?.value;
      return next === undefined || next === '-' || next === '/dev/stdin' ? name : undefined;
    }
    if (v.startsWith('-') || (fam === 'shell' && v.startsWith('+'))) {
      if (INLINE[fam].test(v)) return undefined;
      if (fam === 'shell' && /^-[A-Za-z]*s/.test(v)) return name;
      if (VALUE_OPTS[fam].has(v)) i++;
      continue;
    }
    // A script file operand: standard input is that script's input, not its program.
    return undefined;
  }
  return name;
}

/**
 * Words that hold the program an interpreter runs: its inline program (`sh -c`, `python -c`,
 * `perl -e`), every argument of `eval`, the script operand (`bash <(curl ...)`, `source <(curl ...)`)
 * and a `<` redirect source (`bash < <(curl ...)`).
 */
function scriptSourceWords(cmd: ShellCommand): ShellWord[] {
  const program = cmd.program!;
  const args = interpreterArgs(cmd);
  if (program === 'eval') return [...args];
  const fam = family(program);
  const words: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (program !== 'source' && program !== '.' && INLINE[fam].test(v)) {
      const script = v.includes('=') ? args[i] : args[i + 1];
      if (script) words.push(script);
      break;
    }
    if (v.startsWith('-')) {
      if (VALUE_OPTS[fam].has(v)) i++;
      continue;
    }
    // The first operand is the script file.
    words.push(args[i]!);
    break;
  }
  for (const r of cmd.redirects) if (r.op === '<' && r.target) words.push(r.target);
  return words;
}

/**
 * The downloader inside a `$(...)`, backtick or `<(...)` substitution written in `word`, if any.
 * A `sh -c` string is also tokenized as a script of the command; that script starts before the
 * word's first substitution opener, so it is not mistaken for a substitution.
 */
function fetchInside(word: ShellWord, substitutions: readonly ShellScript[]): string | undefined {
  const opener = firstOpener(word.value);
  if (opener < 0) return undefined;
  const openerOffset = word.offsets[opener] ?? word.span.start;
  for (const sub of substitutions) {
    const first = sub.commands[0];
    if (!first || first.span.start <= openerOffset || first.span.start >= word.span.end) continue;
    for (const c of sub.allCommands()) {
      const fetch = fetchToStdout(c.unwrapped());
      if (fetch) return fetch;
    }
  }
  return undefined;
}

/** Index of the first `$(`, backtick or `<(` in a word's value, or -1. */
function firstOpener(value: string): number {
  const candidates = [value.indexOf('$('), value.indexOf('`'), value.indexOf('<(')].filter((i) => i >= 0);
  return candidates.length === 0 ? -1 : Math.min(...candidates);
}
