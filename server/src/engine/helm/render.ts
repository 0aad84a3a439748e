import { TextBuilder, type Origin, type Piece, type Rendered } from '../rendered/text';
import type { SourceFile, Span } from '../source';
import { callFunction } from './functions';
import type { Command, Node, Operand, Pipeline, Template } from './template';
import { field, listItems, mapEntries, NIL, printed, str, truthy, UNKNOWN, type Val } from './values';

/** Rendering stops (the rest is left out, marked uncertain) beyond these. */
const MAX_OUTPUT = 4 * 1024 * 1024;
const MAX_ITERATIONS = 10_000;

class Stop extends Error {
  constructor(readonly kind: 'break' | 'continue' | 'limit') {
    super(kind);
  }
}

/**
 * Renders one template with the chart's values, the way `helm template` would for what it
 * supports, into text whose pieces point at the template (its own text and the actions that
 * produced values) and at `values.yaml` (values, and subtrees written by `toYaml`).
 *
 * What cannot be evaluated is kept out of the way without breaking the YAML: an unknown value
 * inside a line becomes an opaque scalar (`$helm_1`); an unknown value that would fill whole
 * lines (an `include` of labels under `labels:`) is left out with a mark; an `if` on an unknown
 * condition, or a `range`/`with` over an unknown value, renders its first branch once, marked
 * uncertain. Findings on uncertain text, and "missing" findings on objects with marks, are
 * dropped later: silent rather than wrong.
 */
export function renderTemplate(file: SourceFile, template: Template, root: Val): Rendered {
  const out = new TextBuilder();
  const scopes: Map<string, Val>[] = [new Map([['$', root]])];
  let uncertain = 0;
  let iterations = 0;

  const lookup = (name: string): Val => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const v = scopes[i]!.get(name);
      if (v) return v;
    }
    return UNKNOWN;
  };
  const declare = (name: string, v: Val, assign: boolean): void => {
    if (assign) {
      for (let i = scopes.length - 1; i >= 0; i--) {
        if (scopes[i]!.has(name)) {
          scopes[i]!.set(name, v);
          return;
        }
      }
    }
    scopes[scopes.length - 1]!.set(name, v);
  };

  const operand = (op: Operand, dot: Val): Val => {
    switch (op.type) {
      case 'field': {
        let v = op.base === 'dot' ? dot : 'variable' in op.base ? lookup(op.base.variable) : pipeline(op.base.pipe, dot);
        for (const name of op.path) v = field(v, name);
        return v;
      }
      case 'ident':
        return callFunction(op.name, []);
      case 'string':
        return str(op.value);
      case 'number':
        return { k: 'num', n: op.value };
      case 'bool':
        return { k: 'bool', b: op.value };
      case 'nil':
        return NIL;
    }
  };

  const command = (cmd: Command, dot: Val, piped: Val | undefined): Val => {
    const [first, ...rest] = cmd.args;
    if (!first) return UNKNOWN;
    if (first.type === 'ident') {
      const args = rest.map((a) => operand(a, dot));
      if (piped) args.push(piped);
      return callFunction(first.name, args);
    }
    // Arguments after a field are a method call (`.Capabilities.APIVersions.Has "x"`): not evaluated.
    if (rest.length > 0 || piped) return UNKNOWN;
    return operand(first, dot);
  };

  const pipeline = (pipe: Pipeline | undefined, dot: Val): Val => {
    if (!pipe) return UNKNOWN;
    let v: Val | undefined;
    for (const cmd of pipe.commands) v = command(cmd, dot, v);
    return v ?? UNKNOWN;
  };

  const append = (piece: Piece, fallback?: Origin): void => {
    if (out.length > MAX_OUTPUT) throw new Stop('limit');
    out.append(uncertain > 0 ? { ...piece, uncertain: true } : piece, fallback);
  };

  const own = (span: Span): Origin => ({ file, span, exact: false });

  /** An unknown value: opaque scalar inside a line, left out (marked) when it stands for whole lines. */
  const writeUnknown = (v: Val, span: Span): void => {
    const line = out.currentLine();
    const lineStart = /^[ \t]*$/.test(line);
    const lineEnd = /^[ \t]*(?:\r?\n|$|\{\{)/.test(file.text.slice(span.end, span.end + 256));
    const lines = v.k === 'unknown' ? v.lines : undefined;
    if (lines !== undefined || (lineStart && lineEnd)) {
      out.mark({ start: out.length, end: out.length, indent: lines ?? line.length });
      return;
    }
    const readable = file.slice(span).replace(/\s+/g, ' ');
    const start = out.length;
    append({ text: out.opaqueToken(readable.length > 60 ? `${readable.slice(0, 57)}...` : readable), uncertain: true }, own(span));
    out.mark({ start, end: out.length });
  };

  /** Renders a branch whose condition is unknown: once, marked uncertain. */
  const uncertainly = (render: () => void): void => {
    const start = out.length;
    uncertain++;
    try {
      render();
    } finally {
      uncertain--;
      out.mark({ start, end: out.length });
    }
  };

  /** A block left out because a values.yaml value is empty (`with .Values.x` on `x: {}`). */
  const noteSkipped = (pipe: Pipeline | undefined, v: Val, body: readonly Node[], span: Span): void => {
    const only = pipe?.commands.length === 1 ? pipe.commands[0]!.args : undefined;
    if (only?.length !== 1 || only[0]!.type !== 'field' || only[0]!.path[0] !== 'Values') return;
    const value = v.k === 'yaml' && v.key ? { file: v.file, key: v.key, node: v.node.span } : v.k === 'nil' && v.at ? { file: v.at.file, key: v.at.key } : undefined;
    const first = body[0];
    const m = first?.type === 'text' ? /^[ \t]*\r?\n?([ \t]*)([A-Za-z_][\w.-]*):/.exec(file.slice(first.span)) : null;
    if (value && m) out.skipped({ key: m[2]!, indent: m[1]!.length, value, by: own({ start: span.start, end: file.text.indexOf('}}', span.start) + 2 }) });
  };

  const scoped = (vars: Map<string, Val> | undefined, render: () => void): void => {
    scopes.push(vars ?? new Map());
    try {
      render();
    } finally {
      scopes.pop();
    }
  };

  const nodes = (list: readonly Node[], dot: Val): void => {
    for (const node of list) {
      switch (node.type) {
        case 'text':
          append({ text: file.slice(node.span), origin: { file, span: node.span, exact: true } });
          break;
        case 'action': {
          const v = pipeline(node.pipe, dot);
          if (node.pipe && node.pipe.vars.length > 0) {
            declare(node.pipe.vars[0]!, v, node.pipe.assign);
            break;
          }
          const pieces = v.k === 'unknown' ? undefined : printed(v);
          if (pieces) for (const p of pieces) append(p, own(node.span));
          else writeUnknown(v, node.span);
          break;
        }
        case 'template':
          writeUnknown(UNKNOWN, node.span);
          break;
        case 'define':
          break;
        case 'break':
        case 'continue':
          throw new Stop(node.type);
        case 'if':
        case 'with': {
          scoped(undefined, () => {
            const v = pipeline(node.pipe, dot);
            if (node.pipe?.vars.length) declare(node.pipe.vars[0]!, v, node.pipe.assign);
            const t = node.pipe ? truthy(v) : undefined;
            const inner = node.type === 'with' ? v : dot;
            if (t === true) scoped(undefined, () => nodes(node.then, inner));
            else if (t === false) {
              noteSkipped(node.pipe, v, node.then, node.span);
              if (node.else) scoped(undefined, () => nodes(node.else!, dot));
            } else uncertainly(() => scoped(undefined, () => nodes(node.then, inner)));
          });
          break;
        }
        case 'range':
          scoped(undefined, () => range(node.pipe, node.then, node.else, dot));
          break;
      }
    }
  };

  const range = (pipe: Pipeline | undefined, body: readonly Node[], elseBody: readonly Node[] | undefined, dot: Val): void => {
    const v = pipeline(pipe, dot);
    const vars = pipe?.vars ?? [];
    const entries: [Val, Val][] | undefined =
      listItems(v)?.map((item, i): [Val, Val] => [{ k: 'num', n: i }, item]) ?? mapEntries(v)?.map(([k, item]): [Val, Val] => [str(k), item]);
    const iterate = (key: Val, item: Val): boolean => {
      if (++iterations > MAX_ITERATIONS) throw new Stop('limit');
      const bindings = new Map<string, Val>();
      if (vars.length === 1) bindings.set(vars[0]!, item);
      if (vars.length === 2) {
        bindings.set(vars[0]!, key);
        bindings.set(vars[1]!, item);
      }
      try {
        scoped(bindings, () => nodes(body, item));
      } catch (e) {
        if (e instanceof Stop && e.kind === 'break') return false;
        if (!(e instanceof Stop && e.kind === 'continue')) throw e;
      }
      return true;
    };
    if (!entries) {
      uncertainly(() => iterate(UNKNOWN, UNKNOWN));
      return;
    }
    if (entries.length === 0) {
      if (elseBody) scoped(undefined, () => nodes(elseBody, dot));
      return;
    }
    for (const [key, item] of entries) if (!iterate(key, item)) break;
  };

  try {
    nodes(template.nodes, root);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    // Too long, or a stray `break`: what was rendered stays, the rest is unknown.
    out.mark({ start: out.length, end: out.length });
  }
  return out.build(file.path);
}
