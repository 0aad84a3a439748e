import type { Span } from '../source';

/**
 * A reader for Go `text/template` as Helm uses it: the text is split into literal text and
 * `{{ ... }}` actions (trim markers `{{- ` / ` -}}` applied, `{{/* comments *\/}}` dropped) and
 * the actions are parsed into pipelines and control structures. Every node keeps its span in the
 * template text, so what the renderer outputs can be traced back. The reader never throws: what
 * it cannot read becomes an `unknown` node, which renders as an opaque value.
 */

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | DefineNode | TemplateNode | BreakNode;

export interface TextNode {
  readonly type: 'text';
  /** The text after trim markers removed surrounding whitespace. */
  readonly span: Span;
}

export interface ActionNode {
  readonly type: 'action';
  readonly span: Span;
  /** Undefined when the action could not be parsed. */
  readonly pipe: Pipeline | undefined;
}

export interface IfNode {
  readonly type: 'if';
  readonly span: Span;
  readonly pipe: Pipeline | undefined;
  readonly then: readonly Node[];
  readonly else: readonly Node[] | undefined;
}

export interface WithNode {
  readonly type: 'with';
  readonly span: Span;
  readonly pipe: Pipeline | undefined;
  readonly then: readonly Node[];
  readonly else: readonly Node[] | undefined;
}

export interface RangeNode {
  readonly type: 'range';
  readonly span: Span;
  readonly pipe: Pipeline | undefined;
  readonly then: readonly Node[];
  readonly else: readonly Node[] | undefined;
}

/** `define` and `block` bodies (a `block` also renders where it stands, as a `template` node). */
export interface DefineNode {
  readonly type: 'define';
  readonly span: Span;
  readonly name: string;
  readonly body: readonly Node[];
}

/** `{{ template "name" . }}`: its output is another template's, which is not rendered (opaque). */
export interface TemplateNode {
  readonly type: 'template';
  readonly span: Span;
}

export interface BreakNode {
  readonly type: 'break' | 'continue';
  readonly span: Span;
}

export interface Pipeline {
  /** Variables declared (`$x := ...`, `$i, $v := ...`) or assigned (`$x = ...`). */
  readonly vars: readonly string[];
  readonly assign: boolean;
  readonly commands: readonly Command[];
}

export interface Command {
  readonly args: readonly Operand[];
}

export type Operand =
  | { readonly type: 'field'; readonly base: 'dot' | { readonly variable: string } | { readonly pipe: Pipeline }; readonly path: readonly string[] }
  | { readonly type: 'ident'; readonly name: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'nil' };

export interface Template {
  readonly nodes: readonly Node[];
  /** `define`/`block` bodies by name. */
  readonly defines: ReadonlyMap<string, DefineNode>;
  /** Set when the actions do not nest properly (an `end` missing or extra); the rest is still read. */
  readonly problem?: { readonly message: string; readonly span: Span };
}

interface RawAction {
  readonly span: Span;
  /** The text between the delimiters and trim markers. */
  readonly inner: string;
  readonly innerStart: number;
}

type Item = { readonly kind: 'text'; readonly span: Span } | ({ readonly kind: 'action' } & RawAction);

const SPACE = /[ \t\r\n]/;

/** Splits a template into text and actions, applying trim markers and dropping comments. */
export function lexTemplate(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos <= text.length) {
    const open = text.indexOf('{{', pos);
    const textEnd = open < 0 ? text.length : open;
    let start = pos;
    let end = textEnd;
    if (trimNext) while (start < end && SPACE.test(text[start]!)) start++;
    if (open < 0) {
      if (end > start) items.push({ kind: 'text', span: { start, end } });
      break;
    }
    const trimLeft = text[open + 2] === '-' && SPACE.test(text[open + 3] ?? '');
    if (trimLeft) while (end > start && SPACE.test(text[end - 1]!)) end--;
    if (end > start) items.push({ kind: 'text', span: { start, end } });
    let innerStart = open + (trimLeft ? 3 : 2);
    // A comment: `{{/* ... */}}`, `{{- /* ... */ -}}`.
    let afterSpace = innerStart;
    while (trimLeft && SPACE.test(text[afterSpace] ?? '')) afterSpace++;
    if (text.startsWith('/*', afterSpace)) {
      const close = text.indexOf('*/', afterSpace + 2);
      const endDelim = close < 0 ? -1 : text.indexOf('}}', close + 2);
      if (endDelim < 0) {
        pos = text.length + 1;
        trimNext = false;
        continue;
      }
      trimNext = /[ \t\r\n]-$/.test(text.slice(close + 2, endDelim));
      pos = endDelim + 2;
      continue;
    }
    const close = findClose(text, innerStart);
    const closeAt = close < 0 ? text.length : close;
    const trimRight = closeAt >= 2 && text[closeAt - 1] === '-' && SPACE.test(text[closeAt - 2]!);
    const innerEnd = trimRight ? closeAt - 1 : closeAt;
    if (innerStart > innerEnd) innerStart = innerEnd;
    items.push({ kind: 'action', span: { start: open, end: close < 0 ? text.length : close + 2 }, inner: text.slice(innerStart, innerEnd), innerStart });
    trimNext = trimRight;
    pos = close < 0 ? text.length + 1 : close + 2;
  }
  return items;
}

/** The `}}` closing an action, skipping strings and raw strings; -1 when unterminated. */
function findClose(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i;
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Action parsing

type Token =
  | { readonly t: 'field'; readonly path: readonly string[] }
  | { readonly t: 'var'; readonly name: string; readonly path: readonly string[] }
  | { readonly t: 'ident'; readonly name: string }
  | { readonly t: 'string'; readonly value: string }
  | { readonly t: 'number'; readonly value: number; readonly text: string }
  | { readonly t: 'punct'; readonly value: '(' | ')' | '|' | ':=' | '=' | ',' }
  | { readonly t: 'chain'; readonly path: readonly string[] };

class ParseError extends Error {}

/** Deeper nesting is not read (a template is not analysed, an action is opaque). */
export const MAX_NESTING = 500;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fieldPath = (): string[] => {
    const path: string[] = [];
    while (src[i] === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      i++;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      path.push(m[0]);
      i += m[0].length;
    }
    return path;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\\') {
          j++;
          const e = src[j];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '\\' ? '\\' : e === '"' ? '"' : `\\${e ?? ''}`;
        } else value += src[j];
      }
      if (j >= src.length) throw new ParseError('unterminated quoted string');
      out.push({ t: 'string', value });
      i = j + 1;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ParseError('unterminated raw string');
      out.push({ t: 'string', value: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === "'") {
      const m = /^'(\\.|[^'\\])'/.exec(src.slice(i));
      if (!m) throw new ParseError('bad character constant');
      const ch = m[1]!.length === 2 ? m[1]![1]! : m[1]!;
      out.push({ t: 'number', value: ch.charCodeAt(0), text: m[0] });
      i += m[0].length;
    } else if (c === '.') {
      if (/[A-Za-z_]/.test(src[i + 1] ?? '')) {
        const path = fieldPath();
        // `(...).field` continues the parenthesised pipeline.
        const prev = out[out.length - 1];
        if (prev && prev.t === 'punct' && prev.value === ')' && src[i - path.join('.').length - 2] === ')') out.push({ t: 'chain', path });
        else out.push({ t: 'field', path });
      } else if (/[0-9]/.test(src[i + 1] ?? '')) {
        const m = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?/.exec(src.slice(i))!;
        out.push({ t: 'number', value: Number(m[0]), text: m[0] });
        i += m[0].length;
      } else {
        out.push({ t: 'field', path: [] });
        i++;
      }
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      out.push({ t: 'var', name: m[0], path: fieldPath() });
    } else if (/[-+0-9]/.test(c) && /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[0-9][0-9_]*(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+)/.test(src.slice(i))) {
      const m = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+)/.exec(src.slice(i))!;
      const text = m[0];
      const clean = text.replace(/_/g, '');
      const value = /^[-+]?0[bB]/.test(clean) ? parseInt(clean.replace(/0[bB]/, ''), 2) * (clean.startsWith('-') ? -1 : 1) : Number(clean);
      out.push({ t: 'number', value, text });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      out.push({ t: 'ident', name: m[0] });
    } else if (c === ':' && src[i + 1] === '=') {
      out.push({ t: 'punct', value: ':=' });
      i += 2;
    } else if (c === '(' || c === ')' || c === '|' || c === '=' || c === ',') {
      out.push({ t: 'punct', value: c });
      i++;
    } else {
      throw new ParseError(`unexpected "${c}"`);
    }
  }
  return out;
}

class PipelineParser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  next(): Token | undefined {
    return this.tokens[this.i++];
  }

  /** A pipeline with its optional declaration, up to `)` or the end. */
  pipeline(allowDecl: boolean): Pipeline {
    const vars: string[] = [];
    let assign = false;
    if (allowDecl) {
      // `$x :=`, `$x =`, `$i, $v :=`
      let j = this.i;
      const names: string[] = [];
      while (this.tokens[j]?.t === 'var' && (this.tokens[j] as { path: readonly string[] }).path.length === 0) {
        names.push((this.tokens[j] as { name: string }).name);
        const sep = this.tokens[j + 1];
        if (sep?.t === 'punct' && sep.value === ',') {
          j += 2;
          continue;
        }
        if (sep?.t === 'punct' && (sep.value === ':=' || sep.value === '=')) {
          vars.push(...names);
          assign = sep.value === '=';
          this.i = j + 2;
        }
        break;
      }
    }
    const commands: Command[] = [];
    for (;;) {
      const args: Operand[] = [];
      for (let t = this.peek(); t && !(t.t === 'punct' && (t.value === '|' || t.value === ')')); t = this.peek()) args.push(this.operand());
      if (args.length === 0) throw new ParseError('missing command');
      commands.push({ args });
      const t = this.peek();
      if (t?.t === 'punct' && t.value === '|') {
        this.i++;
        continue;
      }
      break;
    }
    return { vars, assign, commands };
  }

  private depth = 0;

  private operand(): Operand {
    const t = this.next()!;
    switch (t.t) {
      case 'field':
        return { type: 'field', base: 'dot', path: t.path };
      case 'var':
        return { type: 'field', base: { variable: t.name }, path: t.path };
      case 'string':
        return { type: 'string', value: t.value };
      case 'number':
        return { type: 'number', value: t.value, text: t.text };
      case 'ident':
        if (t.name === 'true' || t.name === 'false') return { type: 'bool', value: t.name === 'true' };
        if (t.name === 'nil') return { type: 'nil' };
        return { type: 'ident', name: t.name };
      case 'punct':
        if (t.value === '(') {
          if (++this.depth > MAX_NESTING) throw new ParseError('parentheses nested too deep');
          const pipe = this.pipeline(false);
          this.depth--;
          const close = this.next();
          if (!close || close.t !== 'punct' || close.value !== ')') throw new ParseError('unclosed left paren');
          const chain = this.peek();
          if (chain?.t === 'chain') {
            this.i++;
            return { type: 'field', base: { pipe }, path: chain.path };
          }
          return { type: 'field', base: { pipe }, path: [] };
        }
        throw new ParseError(`unexpected "${t.value}"`);
      case 'chain':
        throw new ParseError('unexpected field chain');
    }
  }
}

/** Parses the text of one action (without delimiters) into a keyword and its pipeline. */
export function parseAction(inner: string): { keyword: string | undefined; pipe: Pipeline | undefined; name?: string; elseKeyword?: string } {
  let tokens: Token[];
  try {
    tokens = tokenize(inner);
  } catch {
    return { keyword: undefined, pipe: undefined };
  }
  const first = tokens[0];
  const keyword = first?.t === 'ident' && KEYWORDS.has(first.name) ? first.name : undefined;
  try {
    if (keyword === undefined) {
      const p = new PipelineParser(tokens);
      const pipe = p.pipeline(true);
      return { keyword, pipe: p.done ? pipe : undefined };
    }
    if (keyword === 'end' || keyword === 'break' || keyword === 'continue') return { keyword, pipe: undefined };
    if (keyword === 'else') {
      // `else`, `else if <pipe>`, `else with <pipe>`
      const second = tokens[1];
      if (second?.t === 'ident' && (second.name === 'if' || second.name === 'with')) {
        const p = new PipelineParser(tokens.slice(2));
        const pipe = p.pipeline(true);
        return { keyword, elseKeyword: second.name, pipe: p.done ? pipe : undefined };
      }
      return { keyword, pipe: undefined };
    }
    if (keyword === 'define' || keyword === 'template' || keyword === 'block') {
      const name = tokens[1]?.t === 'string' ? (tokens[1] as { value: string }).value : undefined;
      if (keyword === 'define') return { keyword, pipe: undefined, ...(name !== undefined ? { name } : {}) };
      const rest = tokens.slice(2);
      let pipe: Pipeline | undefined;
      if (rest.length > 0) {
        const p = new PipelineParser(rest);
        pipe = p.pipeline(false);
      }
      return { keyword, pipe, ...(name !== undefined ? { name } : {}) };
    }
    const p = new PipelineParser(tokens.slice(1));
    const pipe = p.pipeline(true);
    return { keyword, pipe: p.done ? pipe : undefined };
  } catch {
    return { keyword, pipe: undefined };
  }
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

/** Parses a whole template: text, actions and control structures, nested by `end`. */
export function parseTemplate(text: string): Template {
  const items = lexTemplate(text);
  const defines = new Map<string, DefineNode>();
  let problem: { message: string; span: Span } | undefined;
  let i = 0;
  let depth = 0;
  type Stop = { keyword: 'end' | 'else' | 'eof'; elseKeyword?: string; pipe?: Pipeline | undefined; span: Span };

  const list = (): { nodes: Node[]; stop: Stop } => {
    const nodes: Node[] = [];
    while (i < items.length) {
      const item = items[i++]!;
      if (item.kind === 'text') {
        nodes.push({ type: 'text', span: item.span });
        continue;
      }
      const action = parseAction(item.inner);
      switch (action.keyword) {
        case undefined:
          nodes.push({ type: 'action', span: item.span, pipe: action.pipe });
          break;
        case 'end':
          return { nodes, stop: { keyword: 'end', span: item.span } };
        case 'else':
          return { nodes, stop: { keyword: 'else', ...(action.elseKeyword ? { elseKeyword: action.elseKeyword } : {}), pipe: action.pipe, span: item.span } };
        case 'break':
        case 'continue':
          nodes.push({ type: action.keyword, span: item.span });
          break;
        case 'if':
        case 'with':
        case 'range':
          nodes.push(control(action.keyword, action.pipe, item.span));
          break;
        case 'define':
        case 'block': {
          const body = list();
          if (body.stop.keyword !== 'end') problem ??= { message: `{{ ${action.keyword} }} without a matching {{ end }}`, span: item.span };
          const span = { start: item.span.start, end: body.stop.span.end };
          const define: DefineNode = { type: 'define', span, name: action.name ?? '', body: body.nodes };
          if (action.name !== undefined) defines.set(action.name, define);
          // A block renders where it stands, like `template` (opaque).
          if (action.keyword === 'block') nodes.push({ type: 'template', span });
          break;
        }
        case 'template':
          nodes.push({ type: 'template', span: item.span });
          break;
      }
    }
    return { nodes, stop: { keyword: 'eof', span: { start: text.length, end: text.length } } };
  };

  const control = (keyword: 'if' | 'with' | 'range', pipe: Pipeline | undefined, span: Span): Node => {
    if (++depth > MAX_NESTING) throw new NestingLimit(span);
    const then = list();
    let elseNodes: Node[] | undefined;
    let stop = then.stop;
    if (stop.keyword === 'else') {
      if (stop.elseKeyword === 'if' || stop.elseKeyword === 'with') {
        // `else if` chains nest: the nested node ends at the same `end`.
        const nested = control(stop.elseKeyword as 'if' | 'with', stop.pipe, stop.span);
        elseNodes = [nested];
        depth--;
        return { type: keyword, span: { start: span.start, end: nested.span.end }, pipe, then: then.nodes, else: elseNodes };
      }
      const rest = list();
      elseNodes = rest.nodes;
      stop = rest.stop;
    }
    if (stop.keyword !== 'end') problem ??= { message: `{{ ${keyword} }} without a matching {{ end }}`, span };
    depth--;
    return { type: keyword, span: { start: span.start, end: stop.span.end }, pipe, then: then.nodes, else: elseNodes };
  };

  const nodes: Node[] = [];
  try {
    for (;;) {
      const part = list();
      nodes.push(...part.nodes);
      if (part.stop.keyword === 'eof') break;
      problem ??= { message: `unexpected {{ ${part.stop.keyword} }}`, span: part.stop.span };
    }
  } catch (error) {
    if (!(error instanceof NestingLimit)) throw error;
    return { nodes: [], defines, problem: { message: `actions nested deeper than ${MAX_NESTING} levels`, span: error.span } };
  }
  return { nodes, defines, ...(problem ? { problem } : {}) };
}

class NestingLimit extends Error {
  constructor(readonly span: Span) {
    super('nesting limit');
  }
}
