import {
  DockerfileParser,
  From,
  Instruction as AstInstructionClass,
  JSONInstruction,
  ModifiableInstruction,
  Onbuild,
  PropertyInstruction,
  type Argument as AstArgument,
  type Instruction as AstInstruction,
  type Property as AstProperty,
} from 'dockerfile-ast';
import type { DockerfileComment, DockerfileModel, Flag, Heredoc, Instruction, Mount, Property, Stage, Word } from '../model/dockerfile';
import { parseImageRef } from '../model/image';
import type { SourceFile, Span } from '../source';
import { basename, parseShell, SHELLS, ShellScript } from './shell';

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * dockerfile-ast reads an instruction's arguments from its text on every call, and its own
 * constructors and getters call that up to seven times per RUN (a third of a Dockerfile lint).
 * The text and range are fixed at construction, so the first reading is kept; callers get a copy
 * because ModifiableInstruction shifts its flags off the array it is given.
 */
const astPrototype = AstInstructionClass.prototype as unknown as { getRawArguments(this: ArgumentsRead): AstArgument[] };
type ArgumentsRead = { argumentsRead?: AstArgument[] };
const readArguments = astPrototype.getRawArguments;
astPrototype.getRawArguments = function (this: ArgumentsRead): AstArgument[] {
  return (this.argumentsRead ??= readArguments.call(this)).slice();
};

/** Windows base images (`mcr.microsoft.com/windows/servercore`, `.../nanoserver`, `dotnet/...:...-windowsservercore-...`). */
const WINDOWS_BASE = /windows|nanoserver|servercore/i;

/** Parses a Dockerfile into the model. Never throws on any input text. */
export function parseDockerfile(source: SourceFile): DockerfileModel {
  // dockerfile-ast rescans a first-line comment once per character when no line break ends it
  // (quadratic: minutes for a 500 KB one-line file); a file that is one comment line gets one.
  const ast = DockerfileParser.parse(/^\uFEFF?[ \t]*#[^\r\n]*$/.test(source.text) ? `${source.text}\n` : source.text);
  const toSpan = (range: AstRange): Span => ({ start: source.lines.offsetAt(range.start), end: source.lines.offsetAt(range.end) });
  const escapeChar = ast.getEscapeCharacter();
  const problems: { message: string; span: Span }[] = [];
  const instructions: Instruction[] = [];
  const stages: MutableStage[] = [];
  const globalArgs: Instruction[] = [];
  const globalArgValues = new Map<string, string | undefined>();

  /** The stage's shell is POSIX (Linux images' default), so RUN bodies are shell scripts. */
  let posixShell = true;
  const convert = (node: AstInstruction, stage: MutableStage | undefined, onbuild: boolean): Instruction => {
    const keyword = node.getKeyword();
    const flags: Flag[] =
      node instanceof ModifiableInstruction
        ? node.getFlags().map((f) => {
            const valueRange = f.getValueRange();
            return { name: f.getName(), value: f.getValue() ?? undefined, span: toSpan(f.getRange()), valueSpan: valueRange ? toSpan(valueRange) : undefined };
          })
        : [];
    // dockerfile-ast re-reads the arguments on each call: one call per instruction.
    const astArgs = node.getArguments();
    const heredocs = readHeredocs(node, astArgs, source, toSpan, problems);
    const open = node instanceof JSONInstruction ? node.getOpeningBracket() : null;
    const close = node instanceof JSONInstruction ? node.getClosingBracket() : null;
    const jsonArgs = open && close ? parseJsonArray(source.text, toSpan(open.getRange()).start, toSpan(close.getRange()).end, escapeChar) : undefined;
    const jsonForm = jsonArgs !== undefined;
    const args: Word[] = jsonArgs ?? astArgs.map((a) => ({ value: a.getValue(), span: toSpan(a.getRange()) }));
    const firstArg = args[0];
    const span = toSpan(node.getRange());
    const properties = node instanceof PropertyInstruction ? readProperties(node, keyword, toSpan, escapeChar) : [];
    const instruction: Instruction = {
      keyword,
      keywordSpan: toSpan(node.getInstructionRange()),
      span,
      argsSpan: firstArg ? { start: firstArg.span.start, end: span.end } : flags.length === 0 ? argumentsSpan(node, toSpan) : undefined,
      args,
      flags,
      jsonForm,
      heredocs,
      stage,
      onbuild,
      properties,
      shell: keyword === 'RUN' ? runScript(source, escapeChar, args, jsonForm, firstArg?.span.start, span.end, heredocs) : undefined,
      mounts: keyword === 'RUN' ? flags.filter((f) => f.name === 'mount').map(parseMount) : [],
    };
    // RUN bodies are read as POSIX shell; under `SHELL ["powershell", ...]` (Windows images) its
    // tokenizer's complaints would be false.
    if (posixShell) for (const p of instruction.shell?.problems ?? []) problems.push(p);
    if (keyword === 'SHELL' && jsonForm) posixShell = SHELLS.has(basename(args[0]?.value ?? 'sh'));
    return instruction;
  };

  for (const node of ast.getInstructions()) {
    const current = stages[stages.length - 1];
    if (node instanceof From) {
      const from = convert(node, undefined, false);
      // Windows images run RUN with cmd (and usually powershell inside it), not sh.
      posixShell = escapeChar !== '`' && !WINDOWS_BASE.test(from.args[0]?.value ?? '');
      const stage = newStage(stages.length, from, node, stages, globalArgValues, source);
      // FROM and its stage refer to each other; the stage exists only once FROM is converted.
      (from as { stage: Stage | undefined }).stage = stage;
      stages.push(stage);
      instructions.push(from);
      continue;
    }
    const instruction = convert(node, current, false);
    instructions.push(instruction);
    if (current) current.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') {
      globalArgs.push(instruction);
      for (const p of instruction.properties) globalArgValues.set(p.name, p.value);
    }
    if (node instanceof Onbuild) {
      const trigger = node.getTriggerInstruction();
      if (trigger) {
        const t = convert(trigger, current, true);
        instructions.push(t);
        if (current) current.instructions.push(t);
      }
    }
  }

  // dockerfile-ast reads any `# key=value` line at the top as a directive; Docker knows only these.
  const pseudoDirectives = ast.getDirectives().filter((d) => !DIRECTIVES.has(d.getName().toLowerCase()));
  const comments: DockerfileComment[] = [
    ...pseudoDirectives.map((d) => {
      const span = toSpan(d.getRange());
      return { text: source.slice(span).replace(/^\s*#/, '').trim(), span };
    }),
    ...ast.getComments().map((c) => ({ text: c.getContent() ?? '', span: toSpan(c.getRange()) })),
  ];
  return { source, escapeChar, instructions, stages, globalArgs, comments, problems };
}

type MutableStage = Stage & { instructions: Instruction[] };

const DIRECTIVES = new Set(['syntax', 'escape', 'check']);

function newStage(
  index: number,
  from: Instruction,
  node: From,
  earlier: readonly Stage[],
  globalArgs: ReadonlyMap<string, string | undefined>,
  source: SourceFile,
): MutableStage {
  const name = node.getBuildStage()?.toLowerCase() ?? undefined;
  const imageWord = from.args[0];
  let image;
  let baseStage: Stage | undefined;
  let isScratch = false;
  if (imageWord) {
    const resolved = substituteArgs(imageWord.value, globalArgs);
    baseStage = earlier.find((s) => s.name !== undefined && s.name === resolved.toLowerCase());
    isScratch = resolved.toLowerCase() === 'scratch';
    if (!baseStage && !isScratch) {
      // Spans inside the reference are exact only when the written text is what was parsed.
      const written = source.slice(imageWord.span);
      image = parseImageRef(resolved, imageWord.span, written === resolved);
    }
  }
  return { index, name, from, image, baseStage, isScratch, instructions: [], label: name ?? String(index) };
}

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` with the defaults of the
 * ARGs declared before the first FROM. Unknown names stay as written (so the result is flagged
 * unresolved).
 */
export function substituteArgs(text: string, args: ReadonlyMap<string, string | undefined>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, op, word, bare) => {
    const name = (braced ?? bare) as string;
    const value = args.get(name);
    if (op === '-') return value ? value : (word as string);
    if (op === '+') return value ? (word as string) : '';
    return value ?? whole;
  });
}

/** A Dockerfile word as Docker reads it (quotes removed, escapes applied), variables kept as written. */
export function unquoteWord(raw: string, escapeChar: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (c === escapeChar && i + 1 < raw.length && (quote === undefined || '"$`\\'.includes(raw[i + 1]!) || raw[i + 1] === escapeChar)) {
      out += raw[++i];
    } else if (c === '"' || (c === "'" && quote === undefined)) {
      quote = quote === c ? undefined : quote ?? c;
    } else out += c;
  }
  return out;
}

function readProperties(node: PropertyInstruction, keyword: string, toSpan: (r: AstRange) => Span, escapeChar: string): Property[] {
  const props: AstProperty[] = keyword === 'ARG' ? [(node as unknown as { getProperty(): AstProperty | null }).getProperty()].filter((p): p is AstProperty => p !== null) : node.getProperties();
  return props.map((p) => {
    const valueRange = p.getValueRange();
    return {
      name: p.getName(),
      nameSpan: toSpan(p.getNameRange()),
      value: p.getValue() === null ? undefined : unquoteWord(p.getValue()!, escapeChar),
      valueSpan: valueRange ? toSpan(valueRange) : undefined,
      span: toSpan(p.getRange()),
    };
  });
}

/** dockerfile-ast reads the arguments again for their range: asked only when there is no first argument. */
function argumentsSpan(node: AstInstruction, toSpan: (r: AstRange) => Span): Span | undefined {
  const range = node.getArgumentsRange();
  return range ? toSpan(range) : undefined;
}

function readHeredocs(node: AstInstruction, astArgs: readonly AstArgument[], source: SourceFile, toSpan: (r: AstRange) => Span, problems: { message: string; span: Span }[]): Heredoc[] {
  if (!['RUN', 'COPY', 'ADD'].includes(node.getKeyword())) return [];
  // dockerfile-ast only makes heredocs of arguments starting with `<<`, and its reader throws on
  // some lone-CR line breaks without one (`RUN \\\r#x\n`): ask only when there can be one.
  const opener = astArgs.find((a) => a.getValue().startsWith('<<'));
  if (!opener) return [];
  let heredocs: import('dockerfile-ast').Heredoc[];
  try {
    // Public on Run and Copy, protected (but implemented) on the base class that Add uses.
    heredocs = (node as unknown as { getHeredocs(): import('dockerfile-ast').Heredoc[] }).getHeredocs();
  } catch {
    problems.push({ message: 'Heredoc could not be read (check the line breaks of this instruction)', span: toSpan(opener.getRange()) });
    return [];
  }
  return heredocs.map((h) => {
    const content = h.getContentRange();
    if (!h.getDelimiterRange()) problems.push({ message: `Heredoc <<${h.getName()} is not terminated`, span: toSpan(h.getStartRange()) });
    const contentSpan = content ? toSpan(content) : { start: toSpan(h.getStartRange()).end, end: toSpan(h.getStartRange()).end };
    return { name: h.getName(), content: source.slice(contentSpan), contentSpan };
  });
}

function parseMount(flag: Flag): Mount {
  const options = new Map<string, string>();
  for (const part of (flag.value ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    else if (part.trim()) options.set(part.trim().toLowerCase(), 'true');
  }
  return { type: options.get('type') ?? 'bind', options, span: flag.span };
}

/**
 * Reads an exec-form argument list `["a", "b"]` between `start` and `end` (continuations
 * allowed) as Docker does: a JSON array of strings. Anything else is shell form (undefined).
 */
function parseJsonArray(text: string, start: number, end: number, escapeChar: string): Word[] | undefined {
  const { text: logical, offsets } = logicalText(text, start, end, escapeChar, []);
  const words: Word[] = [];
  const literal = /\s*("(?:[^"\\\u0000-\u001f]|\\.)*")\s*([,\]])/y;
  let i = logical.indexOf('[') + 1;
  if (i === 0) return undefined;
  if (/^\s*\]\s*$/.test(logical.slice(i))) return [];
  while (i < logical.length) {
    literal.lastIndex = i;
    const m = literal.exec(logical);
    if (!m) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(m[1]!);
    } catch {
      return undefined;
    }
    const at = m.index + m[0].indexOf('"');
    words.push({ value: value as string, span: { start: offsets[at]!, end: offsets[at + m[1]!.length - 1]! + 1 } });
    i = literal.lastIndex;
    if (m[2] === ']') return /^\s*$/.test(logical.slice(i)) ? words : undefined;
  }
  return undefined;
}

/**
 * Tokenizes a RUN body: the shell-form command line with line continuations (and the comment
 * lines between them) removed, plus heredoc bodies that are fed to a shell. Exec form becomes
 * one command whose words are the JSON strings.
 */
function runScript(
  source: SourceFile,
  escapeChar: string,
  args: readonly Word[],
  jsonForm: boolean,
  start: number | undefined,
  end: number,
  heredocs: readonly Heredoc[],
): ShellScript {
  if (start === undefined) return parseShell('', [end]);
  if (jsonForm) {
    // Exec form runs no shell: one command whose words are the strings, quoted so the tokenizer keeps them whole.
    let text = '';
    const offsets: number[] = [];
    for (const a of args) {
      const quoted = `'${a.value.replace(/'/g, `'\\''`)}' `;
      for (let k = 0; k < quoted.length; k++) offsets.push(Math.min(a.span.start + k, a.span.end));
      text += quoted;
    }
    offsets.push(args[args.length - 1]?.span.end ?? end);
    return parseShell(text, offsets);
  }
  const { text, offsets } = logicalText(source.text, start, end, escapeChar, heredocs);
  const script = parseShell(text, offsets);
  const commandLine = script.commands[0]?.unwrapped();
  const shellConsumes = !commandLine || commandLine.argv.length === 0 || (SHELLS.has(commandLine.program ?? '') && !commandLine.hasFlag('-c'));
  if (!shellConsumes || heredocs.length === 0) return script;
  const commands = [...script.commands];
  const problems = [...script.problems];
  for (const h of heredocs) {
    const body = parseShell(h.content, Array.from({ length: h.content.length + 1 }, (_, i) => h.contentSpan.start + i));
    commands.push(...body.commands);
    problems.push(...body.problems);
  }
  return new ShellScript(commands, problems);
}

/**
 * The text Docker hands to the shell for source[start, end): an escape character followed by
 * optional blanks and a line break joins lines, and comment or empty lines inside a continued
 * instruction are dropped. Heredoc bodies are kept verbatim.
 */
function logicalText(text: string, start: number, end: number, escapeChar: string, heredocs: readonly Heredoc[]): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let i = start;
  const inHeredoc = (k: number): boolean => heredocs.some((h) => k >= h.contentSpan.start && k < h.contentSpan.end);
  while (i < end) {
    const c = text[i]!;
    if (c === escapeChar && !inHeredoc(i)) {
      const m = /^[ \t]*(\r\n|\r|\n)/.exec(text.slice(i + 1, Math.min(end, i + 1 + 256)));
      if (m) {
        i += 1 + m[0].length;
        // Docker drops comment lines and empty lines inside a continuation.
        for (;;) {
          const line = /^[ \t]*(#[^\r\n]*)?(\r\n|\r|\n)/.exec(text.slice(i, Math.min(end, i + 4096)));
          if (!line || i + line[0].length > end) break;
          i += line[0].length;
        }
        continue;
      }
    }
    if (c === '\r') {
      out += '\n';
      offsets.push(i);
      i += text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    // Up to the next escape character or CR, the text is copied as it is: one slice, not a
    // string per character.
    let next = i + 1;
    while (next < end && text[next] !== escapeChar && text[next] !== '\r') next++;
    out += text.slice(i, next);
    for (let k = i; k < next; k++) offsets.push(k);
    i = next;
  }
  offsets.push(end);
  return { text: out, offsets };
}
