import {
  DockerfileParser,
  From,
  JSONInstruction,
  ModifiableInstruction,
  Onbuild,
  PropertyInstruction,
  type Instruction as AstInstruction,
  type Property as AstProperty,
} from 'dockerfile-ast';
import type { DockerfileComment, DockerfileModel, Flag, Heredoc, Instruction, Mount, Property, Stage, Word } from '../model/dockerfile';
import { parseImageRef } from '../model/image';
import type { SourceFile, Span } from '../source';
import { parseShell, SHELLS, ShellScript } from './shell';

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Parses a Dockerfile into the model. Never throws on any input text. */
export function parseDockerfile(source: SourceFile): DockerfileModel {
  const ast = DockerfileParser.parse(source.text);
  const toSpan = (range: AstRange): Span => ({ start: source.lines.offsetAt(range.start), end: source.lines.offsetAt(range.end) });
  const escapeChar = ast.getEscapeCharacter();
  const problems: { message: string; span: Span }[] = [];
  const instructions: Instruction[] = [];
  const stages: MutableStage[] = [];
  const globalArgs: Instruction[] = [];
  const globalArgValues = new Map<string, string | undefined>();

  const convert = (node: AstInstruction, stage: MutableStage | undefined, onbuild: boolean): Instruction => {
    const keyword = node.getKeyword();
    const flags: Flag[] =
      node instanceof ModifiableInstruction
        ? node.getFlags().map((f) => {
            const valueRange = f.getValueRange();
            return { name: f.getName(), value: f.getValue() ?? undefined, span: toSpan(f.getRange()), valueSpan: valueRange ? toSpan(valueRange) : undefined };
          })
        : [];
    const heredocs = readHeredocs(node, source, toSpan, problems);
    const jsonStrings = node instanceof JSONInstruction && node.getClosingBracket() ? node.getJSONStrings() : [];
    const jsonForm = jsonStrings.length > 0 || (node instanceof JSONInstruction && node.getOpeningBracket() !== null && node.getClosingBracket() !== null);
    const args: Word[] = jsonForm
      ? jsonStrings.map((a) => jsonWord(source, toSpan(a.getRange()), a.getJSONValue()))
      : node.getArguments().map((a) => ({ value: a.getValue(), span: toSpan(a.getRange()) }));
    const argsRange = node.getArgumentsRange();
    const firstArg = args[0];
    const span = toSpan(node.getRange());
    const properties = node instanceof PropertyInstruction ? readProperties(node, keyword, toSpan) : [];
    const instruction: Instruction = {
      keyword,
      keywordSpan: toSpan(node.getInstructionRange()),
      span,
      argsSpan: firstArg ? { start: firstArg.span.start, end: span.end } : argsRange && flags.length === 0 ? toSpan(argsRange) : undefined,
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
    for (const p of instruction.shell?.problems ?? []) problems.push(p);
    return instruction;
  };

  for (const node of ast.getInstructions()) {
    const current = stages[stages.length - 1];
    if (node instanceof From) {
      const from = convert(node, undefined, false);
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

  const comments: DockerfileComment[] = ast.getComments().map((c) => ({ text: c.getContent() ?? '', span: toSpan(c.getRange()) }));
  return { source, escapeChar, instructions, stages, globalArgs, comments, problems };
}

type MutableStage = Stage & { instructions: Instruction[] };

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

/**
 * An exec-form (JSON) string. dockerfile-ast keeps the quotes and drops blanks inside the string,
 * so the value is decoded from the source text; `fallback` is used when that is not valid JSON.
 */
function jsonWord(source: SourceFile, span: Span, fallback: string): Word {
  try {
    const value: unknown = JSON.parse(source.slice(span));
    if (typeof value === 'string') return { value, span };
  } catch {
    // e.g. a line continuation inside the string
  }
  return { value: fallback, span };
}

function readProperties(node: PropertyInstruction, keyword: string, toSpan: (r: AstRange) => Span): Property[] {
  const props: AstProperty[] = keyword === 'ARG' ? [(node as unknown as { getProperty(): AstProperty | null }).getProperty()].filter((p): p is AstProperty => p !== null) : node.getProperties();
  return props.map((p) => {
    const valueRange = p.getValueRange();
    return {
      name: p.getName(),
      nameSpan: toSpan(p.getNameRange()),
      // getValue() removes quotes and escapes as Docker does; getUnescapedValue() keeps the quotes.
      value: p.getValue() ?? undefined,
      valueSpan: valueRange ? toSpan(valueRange) : undefined,
      span: toSpan(p.getRange()),
    };
  });
}

function readHeredocs(node: AstInstruction, source: SourceFile, toSpan: (r: AstRange) => Span, problems: { message: string; span: Span }[]): Heredoc[] {
  if (!['RUN', 'COPY', 'ADD'].includes(node.getKeyword())) return [];
  // Public on Run and Copy, protected (but implemented) on the base class that Add uses.
  const heredocs = (node as unknown as { getHeredocs(): import('dockerfile-ast').Heredoc[] }).getHeredocs();
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
    const text = args.map((a) => JSON.stringify(a.value)).join(' ');
    // Offsets of the quoted JSON strings map onto each argument's span start.
    const offsets: number[] = [];
    args.forEach((a, i) => {
      const quoted = JSON.stringify(a.value);
      for (let k = 0; k < quoted.length; k++) offsets.push(Math.min(a.span.start + k, a.span.end));
      if (i < args.length - 1) offsets.push(a.span.end);
    });
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
    out += c === '\r' ? '\n' : c;
    offsets.push(i);
    if (c === '\r' && text[i + 1] === '\n') i++;
    i++;
  }
  offsets.push(end);
  return { text: out, offsets };
}
