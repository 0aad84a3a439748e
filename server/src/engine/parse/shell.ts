import type { Span } from '../source';

/**
 * A small POSIX-shell tokenizer for RUN bodies, heredoc scripts and `sh -c` strings. It splits
 * commands on `;`, `&`, `&&`, `||`, `|` and newlines, removes quotes, keeps `$VAR` expansions
 * literally, and parses `$(...)`, backticks and `<(...)` as nested scripts. It does not expand
 * variables, globs or aliases, and control structures (`if`, `for`, `case`, ...) are only
 * skipped over so that the commands inside them are seen. That is what the rules need: which
 * programs run with which arguments, and what is piped into what.
 */

export interface ShellWord {
  /** The word after quote removal; `$VAR`, `${VAR}` and `$(...)` stay as written. */
  readonly value: string;
  readonly span: Span;
  /** Whether any part of the word was quoted. */
  readonly quoted: boolean;
  /** Source offset of every character of `value`, so nested scripts keep exact spans. */
  readonly offsets: readonly number[];
}

export interface ShellRedirect {
  readonly op: string;
  readonly target: ShellWord | undefined;
}

export class ShellCommand {
  /** `VAR=value` words before the program. */
  readonly assignments: ShellWord[] = [];
  /** The program and its arguments. */
  readonly argv: ShellWord[] = [];
  readonly redirects: ShellRedirect[] = [];
  /** Scripts of `$(...)`, backticks and `<(...)` found in this command's words. */
  readonly substitutions: ShellScript[] = [];
  /** The commands of the pipeline this command belongs to, in order (itself included). */
  pipeline: ShellCommand[] = [this];
  /** The operator that ends this command (`;`, `&&`, `||`, `|`, `&`, newline) or undefined at the end. */
  terminator: string | undefined;
  span: Span = { start: 0, end: 0 };

  /** Base name of the program: `/usr/bin/apt-get` → `apt-get`. */
  get program(): string | undefined {
    const first = this.argv[0];
    return first === undefined ? undefined : basename(first.value);
  }

  get args(): ShellWord[] {
    return this.argv.slice(1);
  }

  /** The first argument that is not an option, e.g. `install` in `apt-get -y install x`. */
  get subcommand(): ShellWord | undefined {
    return this.args.find((w) => !w.value.startsWith('-'));
  }

  /** Arguments that are not options (and not the subcommand when `skipSubcommand`). */
  operands(skipSubcommand = true): ShellWord[] {
    const sub = skipSubcommand ? this.subcommand : undefined;
    return this.args.filter((w) => w !== sub && !w.value.startsWith('-'));
  }

  /**
   * The argument that is one of `names`: long options match `--name` and `--name=value`; a
   * one-letter short option also matches inside a bundle (`-fsSLk` has `-k`).
   */
  findFlag(...names: string[]): ShellWord | undefined {
    for (const word of this.args) {
      const v = word.value;
      if (v === '--') break;
      for (const name of names) {
        if (v === name) return word;
        if (name.startsWith('--') && v.startsWith(name + '=')) return word;
        if (/^-[A-Za-z0-9]$/.test(name) && /^-[A-Za-z0-9]{2,}$/.test(v) && v.includes(name[1]!)) return word;
      }
    }
    return undefined;
  }

  hasFlag(...names: string[]): boolean {
    return this.findFlag(...names) !== undefined;
  }

  /** The value of an option given as `--name value`, `--name=value` or `-n value`. */
  flagValue(...names: string[]): ShellWord | undefined {
    const args = this.args;
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      for (const name of names) {
        if (v === name) return args[i + 1];
        if (v.startsWith(name + '=')) {
          const w = args[i]!;
          const skip = name.length + 1;
          return { ...w, value: v.slice(skip), offsets: w.offsets.slice(skip) };
        }
      }
    }
    return undefined;
  }

  /**
   * This command with wrapper programs peeled off: `sudo -u x apt-get ...`, `env A=1 apt-get`,
   * `nohup`, `time`, `exec`, `command`, `nice`, `xargs -r`. Returns itself when there is none.
   */
  unwrapped(): ShellCommand {
    let start = 0;
    for (;;) {
      const program = this.argv[start] && basename(this.argv[start]!.value);
      if (program === undefined || !WRAPPERS.has(program)) break;
      start++;
      while (start < this.argv.length) {
        const v = this.argv[start]!.value;
        if (program === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) start++;
        else if (v.startsWith('-')) {
          start++;
          if (program === 'sudo' && /^-[ugCDhpRrTt]$/.test(v)) start++; // options that take a value
        } else break;
      }
      if (WRAPPER_WITH_OPERAND.has(program)) start++;
    }
    if (start === 0) return this;
    const inner = new ShellCommand();
    inner.argv.push(...this.argv.slice(start));
    inner.assignments.push(...this.assignments);
    inner.redirects.push(...this.redirects);
    inner.substitutions.push(...this.substitutions);
    inner.pipeline = this.pipeline;
    inner.terminator = this.terminator;
    inner.span = this.span;
    return inner;
  }
}

const WRAPPERS = new Set(['sudo', 'env', 'nohup', 'time', 'exec', 'command', 'nice', 'xargs', 'doas', 'su-exec', 'gosu', 'chroot']);
/** Wrappers that take a user or a directory before the command. */
const WRAPPER_WITH_OPERAND = new Set(['gosu', 'su-exec', 'chroot']);

export class ShellScript {
  constructor(
    /** Commands in source order, including those of nested groups and control structures. */
    readonly commands: ShellCommand[],
    /** Problems the tokenizer noticed (unterminated quote, ...); spans point at the cause. */
    readonly problems: { message: string; span: Span }[] = [],
  ) {}

  /** Every command, including those inside substitutions, recursively. */
  allCommands(): ShellCommand[] {
    const out: ShellCommand[] = [];
    const visit = (script: ShellScript): void => {
      for (const cmd of script.commands) {
        out.push(cmd);
        for (const sub of cmd.substitutions) visit(sub);
      }
    };
    visit(this);
    return out;
  }
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

const CONTROL_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'fi', 'done', 'esac']);
/** Deepest `$(...)` nesting followed; deeper text stays plain words. */
const MAX_DEPTH = 16;
/** Characters a word is read differently at (everything else is copied as it is). */
const WORD_SPECIAL = new Set([...' \t\r\n;&|()<>', '\\', "'", '"', '`', '$']);
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const OPERATOR = /^(?:&&|\|\||;;|;&|<<<|<<-|<<|>>|>&|<&|&>|>\||[0-9]+(?:>>|>&|<&|>|<)|[;&|\n()<>])/;

/**
 * Tokenizes `text`. `offsets[i]` is the source offset of `text[i]` and `offsets[text.length]` the
 * end offset: a Dockerfile RUN body has its line continuations removed, so they are not contiguous.
 */
export function parseShell(text: string, offsets: readonly number[], depth = 0): ShellScript {
  return new ShellParser(text, offsets, depth).parse();
}

/** Tokenizes a string whose characters map one-to-one onto source offsets from `start`. */
export function parseShellAt(text: string, start: number): ShellScript {
  return parseShell(text, Array.from({ length: text.length + 1 }, (_, i) => start + i));
}

class ShellParser {
  private pos = 0;
  private readonly commands: ShellCommand[] = [];
  private readonly problems: { message: string; span: Span }[] = [];
  /** Index just after the last word read: where a command's span ends. */
  private lastTokenEnd = 0;
  /** Heredoc bodies to jump over when the tokenizer reaches the newline that starts them. */
  private readonly heredocBodies: { from: number; to: number }[] = [];

  constructor(
    private readonly text: string,
    private readonly offsets: readonly number[],
    private readonly depth: number,
  ) {}

  private at(i: number): number {
    return this.offsets[Math.min(i, this.offsets.length - 1)] ?? 0;
  }

  parse(): ShellScript {
    let current = new ShellCommand();
    let pipeline: ShellCommand[] = [];
    let startIndex = -1;
    let inCaseHeader = false; // between `case` and `in`
    const finish = (terminator: string | undefined, endIndex: number): void => {
      if (current.argv.length > 0 || current.assignments.length > 0) {
        current.terminator = terminator;
        current.span = { start: this.at(startIndex), end: this.at(Math.min(endIndex, Math.max(startIndex, this.lastTokenEnd))) };
        pipeline.push(current);
        current.pipeline = pipeline;
        this.commands.push(current);
      }
      if (terminator !== '|') pipeline = [];
      current = new ShellCommand();
      startIndex = -1;
    };

    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '#') {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
        continue;
      }
      const op = this.operator();
      if (op !== undefined) {
        const opStart = this.pos;
        this.pos += op.length;
        if (/^[0-9]*[<>&]/.test(op) && op !== '&&' && op !== '&') {
          this.skipBlanks();
          const target = this.word(current);
          current.redirects.push({ op, target });
          if (startIndex < 0) startIndex = opStart;
          if ((op === '<<' || op === '<<-') && target) this.queueHeredocBody(target.value, op === '<<-');
        } else if (op === ';;' || op === ';&') {
          finish(';', opStart);
          this.skipCasePattern();
        } else {
          finish(op === ')' ? ';' : op === '(' ? undefined : op, opStart);
        }
        continue;
      }
      const wordStart = this.pos;
      const word = this.word(current);
      if (!word) {
        this.pos++;
        continue;
      }
      if (current.argv.length === 0 && inCaseHeader) {
        if (word.value === 'in') {
          inCaseHeader = false;
          this.skipCasePattern();
        }
        continue;
      }
      if (current.argv.length === 0 && !word.quoted) {
        if (word.value === 'case') {
          inCaseHeader = true;
          continue;
        }
        if (word.value === 'for' || word.value === 'select') {
          this.skipToSeparator();
          continue;
        }
        if (CONTROL_WORDS.has(word.value)) continue;
      }
      // `NAME=value` is an assignment when the name and `=` are unquoted; the value may be quoted (`A="x y"`).
      if (current.argv.length === 0 && ASSIGNMENT.test(this.text.slice(wordStart, wordStart + 256))) {
        if (startIndex < 0) startIndex = wordStart;
        current.assignments.push(word);
        continue;
      }
      if (startIndex < 0) startIndex = wordStart;
      current.argv.push(word);
    }
    finish(undefined, this.text.length);
    if (this.depth < MAX_DEPTH) for (const cmd of this.commands) this.parseInlineScript(cmd.unwrapped(), cmd);
    return new ShellScript(this.commands, this.problems);
  }

  /** `sh -c "script"`: the script is tokenized too, as a substitution of the command. */
  private parseInlineScript(cmd: ShellCommand, owner: ShellCommand): void {
    if (!SHELLS.has(cmd.program ?? '')) return;
    const args = cmd.args;
    const c = args.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
    const script = c >= 0 ? args[c + 1] : undefined;
    // `sh -c "$(curl ...)"`: the substitution was already parsed as part of the word.
    if (!script || /^(\$\([\s\S]*\)|`[\s\S]*`)$/.test(script.value)) return;
    owner.substitutions.push(parseShell(script.value, script.offsets, this.depth + 1));
  }

  private skipBlanks(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** `for x in a b; do`: the loop header is not a command. */
  private skipToSeparator(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== ';' && this.text[this.pos] !== '\n') this.pos++;
  }

  /** After `in` or `;;` in a case statement: skip the `pattern)` label. */
  private skipCasePattern(): void {
    const m = /^\s*(esac\b|\(?[^()\n;]*\))/.exec(this.text.slice(this.pos));
    if (m && !m[1]!.startsWith('esac')) this.pos += m[0].length;
  }

  private queueHeredocBody(delimiter: string, stripTabs: boolean): void {
    const from = this.text.indexOf('\n', this.pos);
    if (from < 0) return;
    let lineStart = from + 1;
    while (lineStart < this.text.length) {
      let lineEnd = this.text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = this.text.length;
      const line = this.text.slice(lineStart, lineEnd).replace(/\r$/, '');
      if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) {
        this.heredocBodies.push({ from, to: lineEnd });
        return;
      }
      lineStart = lineEnd + 1;
    }
    this.heredocBodies.push({ from, to: this.text.length });
  }

  private operator(): string | undefined {
    if (this.text[this.pos] === '\n' && this.heredocBodies[0]?.from === this.pos) {
      this.pos = this.heredocBodies.shift()!.to;
      return '\n';
    }
    if (this.text.startsWith('<(', this.pos)) return undefined; // process substitution is a word
    return OPERATOR.exec(this.text.slice(this.pos, this.pos + 3))?.[0];
  }

  /** Reads one word at `pos`, or undefined when `pos` is at an operator or the end. */
  private word(owner: ShellCommand): ShellWord | undefined {
    const start = this.pos;
    let value = '';
    const offsets: number[] = [];
    let quoted = false;
    const push = (from: number, to: number): void => {
      value += this.text.slice(from, to);
      for (let i = from; i < to; i++) offsets.push(this.at(i));
    };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '<' && this.text[this.pos + 1] === '(') {
        this.substitution(owner, this.pos + 2, ')', push);
        continue;
      }
      if (' \t\r\n;&|()<>'.includes(c)) break;
      if (c === '\\') {
        quoted = true;
        if (this.pos + 1 < this.text.length && this.text[this.pos + 1] !== '\n') push(this.pos + 1, this.pos + 2);
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        quoted = true;
        let close = this.text.indexOf("'", this.pos + 1);
        if (close < 0) {
          this.problems.push({ message: 'Unterminated single quote', span: { start: this.at(this.pos), end: this.at(this.pos + 1) } });
          close = this.text.length;
        }
        push(this.pos + 1, close);
        this.pos = close + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        this.doubleQuoted(owner, push);
        continue;
      }
      if (c === '`' || (c === '$' && this.text[this.pos + 1] === '(' && this.text[this.pos + 2] !== '(')) {
        this.substitution(owner, this.pos + (c === '`' ? 1 : 2), c === '`' ? '`' : ')', push);
        continue;
      }
      if (c === '$' && (this.text[this.pos + 1] === '{' || this.text.startsWith('((', this.pos + 1))) {
        const closer = this.text[this.pos + 1] === '{' ? '}' : '))';
        const close = this.text.indexOf(closer, this.pos);
        const end = close < 0 ? this.text.length : close + closer.length;
        push(this.pos, end);
        this.pos = end;
        continue;
      }
      // A run of characters without meaning to the shell goes in at once.
      let next = this.pos + 1;
      while (next < this.text.length && !WORD_SPECIAL.has(this.text[next]!)) next++;
      push(this.pos, next);
      this.pos = next;
    }
    if (this.pos === start) return undefined;
    const end = this.at(Math.min(this.pos, this.text.length));
    this.lastTokenEnd = Math.min(this.pos, this.text.length);
    // The entry after the last character is where the value ends (before a closing quote).
    offsets.push(offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : end);
    return { value, span: { start: this.at(start), end }, quoted, offsets };
  }

  private doubleQuoted(owner: ShellCommand, push: (from: number, to: number) => void): void {
    const open = this.pos++;
    while (this.pos < this.text.length) {
      const d = this.text[this.pos]!;
      if (d === '"') {
        this.pos++;
        return;
      }
      if (d === '\\' && '$`"\\\n'.includes(this.text[this.pos + 1] ?? '')) {
        if (this.text[this.pos + 1] !== '\n') push(this.pos + 1, this.pos + 2);
        this.pos += 2;
      } else if (d === '`' || (d === '$' && this.text[this.pos + 1] === '(' && this.text[this.pos + 2] !== '(')) {
        this.substitution(owner, this.pos + (d === '`' ? 1 : 2), d === '`' ? '`' : ')', push);
      } else {
        push(this.pos, this.pos + 1);
        this.pos++;
      }
    }
    this.problems.push({ message: 'Unterminated double quote', span: { start: this.at(open), end: this.at(open + 1) } });
  }

  /**
   * Reads `$( ... )`, `<( ... )` or a backtick command whose body starts at `bodyStart`, parses
   * the body as a nested script of `owner`, and keeps its raw text in the current word.
   */
  private substitution(owner: ShellCommand, bodyStart: number, close: ')' | '`', push: (from: number, to: number) => void): void {
    const open = this.pos;
    const end = close === '`' ? this.findBacktick(bodyStart) : this.findClosingParen(bodyStart);
    const bodyEnd = end < 0 ? this.text.length : end;
    if (end < 0) this.problems.push({ message: 'Unterminated command substitution', span: { start: this.at(open), end: this.at(bodyStart) } });
    if (this.depth < MAX_DEPTH) {
      const nested = parseShell(this.text.slice(bodyStart, bodyEnd), this.offsets.slice(bodyStart, bodyEnd + 1), this.depth + 1);
      owner.substitutions.push(nested);
      this.problems.push(...nested.problems);
    }
    const stop = end < 0 ? this.text.length : end + 1;
    push(open, stop);
    this.pos = stop;
  }

  private findBacktick(from: number): number {
    for (let i = from; i < this.text.length; i++) {
      if (this.text[i] === '\\') i++;
      else if (this.text[i] === '`') return i;
    }
    return -1;
  }

  /** Index of the `)` that closes a `$(`/`<(` whose body starts at `from`, honouring quotes and nesting. */
  private findClosingParen(from: number): number {
    let depth = 1;
    for (let i = from; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\') i++;
      else if (c === "'") {
        i = this.text.indexOf("'", i + 1);
        if (i < 0) return -1;
      } else if (c === '"') {
        for (i++; i < this.text.length && this.text[i] !== '"'; i++) if (this.text[i] === '\\') i++;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i;
    }
    return -1;
  }
}
