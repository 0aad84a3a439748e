import { isMap } from '../model/yaml';
import { indentPieces, piecesText, type Piece } from '../rendered/text';
import { field, listItems, mapEntries, NIL, printed, scalar, str, text, toYaml, truthy, UNKNOWN, type Val } from './values';

/**
 * The Helm and Sprig functions the renderer evaluates. Each takes already evaluated arguments
 * (the piped value last) and keeps provenance where the result is one of its arguments or a
 * string built from them. A function not listed here, or given an unknown argument it needs,
 * returns unknown: the output stays silent rather than wrong.
 */
type Fn = (args: readonly Val[]) => Val;

function pieces(v: Val): Piece[] | undefined {
  const p = printed(v);
  return p && !p.some((x) => x.uncertain) ? p : undefined;
}

/** A string function on the text of its last argument; the result points at the whole argument. */
function mapText(f: (s: string, args: readonly Val[]) => string | undefined): Fn {
  return (args) => {
    const last = args[args.length - 1];
    if (!last) return UNKNOWN;
    const p = pieces(last);
    const params = args.slice(0, -1);
    if (!p || params.some((a) => a.k === 'unknown')) return UNKNOWN;
    const before = piecesText(p);
    const after = f(before, params);
    if (after === undefined) return UNKNOWN;
    if (after === before) return { k: 'str', pieces: p };
    const origin = p.length === 1 ? p[0]!.origin : undefined;
    return str(after, origin ? { ...origin, exact: false } : undefined);
  };
}

function num(v: Val | undefined): number | undefined {
  if (!v) return undefined;
  const s = scalar(v);
  if (s.k === 'num') return s.n;
  if (s.k === 'bool') return s.b ? 1 : 0;
  if (s.k === 'nil') return 0;
  const t = text(s);
  if (t === undefined || t.trim() === '' || Number.isNaN(Number(t))) return undefined;
  return Number(t);
}

/** Comparable form of a scalar value: number, boolean, string or null; undefined when unknown or not a scalar. */
function basic(v: Val): number | boolean | string | null | undefined {
  const s = scalar(v);
  if (s.k === 'num') return s.n;
  if (s.k === 'bool') return s.b;
  if (s.k === 'nil') return null;
  return s.k === 'str' ? text(s) : undefined;
}

/** Go's `eq`: values of different kinds are not equal (Go would fail the render). */
function equal(a: Val, b: Val): boolean | undefined {
  const x = basic(a);
  const y = basic(b);
  return x === undefined || y === undefined ? undefined : x === y;
}

function bool(b: boolean | undefined): Val {
  return b === undefined ? UNKNOWN : { k: 'bool', b };
}

function compare(pred: (order: number) => boolean): Fn {
  return ([a, b]) => {
    const x = a ? basic(a) : undefined;
    const y = b ? basic(b) : undefined;
    if (typeof x === 'number' && typeof y === 'number') return bool(pred(x - y));
    if (typeof x === 'string' && typeof y === 'string') return bool(pred(x < y ? -1 : x > y ? 1 : 0));
    return UNKNOWN;
  };
}

function arith(op: (a: number, b: number) => number): Fn {
  return (args) => {
    const ns = args.map(num);
    if (ns.length === 0 || ns.some((n) => n === undefined)) return UNKNOWN;
    return { k: 'num', n: (ns as number[]).reduce(op) };
  };
}

/** Go's `fmt` verbs for the common cases (%s %d %v %q %%); unknown otherwise. */
function sprintf(format: string, args: readonly Val[]): Val {
  const out: Piece[] = [];
  let i = 0;
  let literal = '';
  let failed = false;
  const flush = (): void => {
    if (literal) out.push({ text: literal });
    literal = '';
  };
  format.replace(/%([-+# 0]*\d*(?:\.\d+)?)?([%a-zA-Z])|[^%]+|%/g, (m, _flags: string | undefined, verb: string | undefined) => {
    if (!verb) {
      literal += m;
      return m;
    }
    if (verb === '%') {
      literal += '%';
      return m;
    }
    const arg = args[i++];
    const p = arg ? pieces(arg) : undefined;
    if (!p || !'sdvq'.includes(verb)) {
      failed = true;
      return m;
    }
    flush();
    if (verb === 'q') out.push({ text: JSON.stringify(piecesText(p)) });
    else out.push(...p);
    return m;
  });
  flush();
  return failed ? UNKNOWN : { k: 'str', pieces: out };
}

const FUNCTIONS: Record<string, Fn> = {
  default: (args) => {
    const [fallback, given] = args;
    if (!fallback) return UNKNOWN;
    if (given === undefined) return fallback;
    const t = truthy(given);
    return t === undefined ? UNKNOWN : t ? given : fallback;
  },
  required: (args) => {
    const v = args[args.length - 1] ?? UNKNOWN;
    return truthy(v) === false ? UNKNOWN : v;
  },
  coalesce: (args) => {
    for (const a of args) {
      const t = truthy(a);
      if (t === undefined) return UNKNOWN;
      if (t) return a;
    }
    return NIL;
  },
  ternary: ([a, b, cond]) => {
    const t = cond ? truthy(cond) : undefined;
    return t === undefined ? UNKNOWN : t ? (a ?? UNKNOWN) : (b ?? UNKNOWN);
  },
  empty: ([v]) => bool(v ? (truthy(v) === undefined ? undefined : !truthy(v)) : undefined),
  not: ([v]) => bool(v && truthy(v) !== undefined ? !truthy(v) : undefined),
  // Go's `and`/`or` return one of their arguments; unknown when an unknown one could decide.
  and: (args) => {
    for (const a of args) {
      const t = truthy(a);
      if (t === undefined) return UNKNOWN;
      if (!t) return a;
    }
    return args[args.length - 1] ?? UNKNOWN;
  },
  or: (args) => {
    for (const a of args) {
      const t = truthy(a);
      if (t === undefined) return UNKNOWN;
      if (t) return a;
    }
    return args[args.length - 1] ?? UNKNOWN;
  },
  eq: ([a, ...rest]) => {
    if (!a || rest.length === 0) return UNKNOWN;
    let unknown = false;
    for (const b of rest) {
      const e = equal(a, b);
      if (e === true) return bool(true);
      if (e === undefined) unknown = true;
    }
    return unknown ? UNKNOWN : bool(false);
  },
  ne: ([a, b]) => {
    const e = a && b ? equal(a, b) : undefined;
    return e === undefined ? UNKNOWN : bool(!e);
  },
  lt: compare((o) => o < 0),
  le: compare((o) => o <= 0),
  gt: compare((o) => o > 0),
  ge: compare((o) => o >= 0),
  quote: (args) => wrap(args, '"'),
  squote: (args) => wrap(args, "'"),
  toYaml: ([v]) => (v ? toYaml(v) : UNKNOWN),
  nindent: ([n, v]) => indent(n, v, true),
  indent: ([n, v]) => indent(n, v, false),
  toString: (args: readonly Val[]): Val => {
    const p = args[0] ? pieces(args[0]) : undefined;
    return p ? { k: 'str', pieces: p } : UNKNOWN;
  },
  print: (args) => concat(args, ''),
  println: (args) => concat(args, ' ', '\n'),
  printf: ([format, ...args]) => {
    const f = format ? text(format) : undefined;
    return f === undefined ? UNKNOWN : sprintf(f, args);
  },
  int: ([v]) => intOf(v),
  int64: ([v]) => intOf(v),
  atoi: ([v]) => intOf(v),
  float64: ([v]) => {
    const n = num(v);
    return n === undefined ? UNKNOWN : { k: 'num', n };
  },
  add: arith((a, b) => a + b),
  sub: arith((a, b) => a - b),
  mul: arith((a, b) => a * b),
  div: arith((a, b) => (b === 0 ? NaN : Math.trunc(a / b))),
  mod: arith((a, b) => a % b),
  max: arith((a, b) => Math.max(a, b)),
  min: arith((a, b) => Math.min(a, b)),
  add1: ([v]) => {
    const n = num(v);
    return n === undefined ? UNKNOWN : { k: 'num', n: n + 1 };
  },
  len: ([v]) => {
    if (!v) return UNKNOWN;
    const items = listItems(v) ?? mapEntries(v);
    if (items) return { k: 'num', n: items.length };
    const t = text(v);
    return t === undefined ? UNKNOWN : { k: 'num', n: t.length };
  },
  trunc: mapText((s, [n]) => {
    const k = num(n);
    return k === undefined ? undefined : k >= 0 ? s.slice(0, k) : s.slice(k);
  }),
  trim: mapText((s) => s.trim()),
  trimSuffix: mapText((s, [suffix]) => {
    const t = suffix ? text(suffix) : undefined;
    return t === undefined ? undefined : t && s.endsWith(t) ? s.slice(0, -t.length) : s;
  }),
  trimPrefix: mapText((s, [prefix]) => {
    const t = prefix ? text(prefix) : undefined;
    return t === undefined ? undefined : t && s.startsWith(t) ? s.slice(t.length) : s;
  }),
  trimAll: mapText((s, [chars]) => {
    const t = chars ? text(chars) : undefined;
    if (t === undefined) return undefined;
    let a = 0;
    let b = s.length;
    while (a < b && t.includes(s[a]!)) a++;
    while (b > a && t.includes(s[b - 1]!)) b--;
    return s.slice(a, b);
  }),
  lower: mapText((s) => s.toLowerCase()),
  upper: mapText((s) => s.toUpperCase()),
  title: mapText((s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  replace: mapText((s, [from, to]) => {
    const a = from ? text(from) : undefined;
    const b = to ? text(to) : undefined;
    return a === undefined || b === undefined ? undefined : a === '' ? s : s.split(a).join(b);
  }),
  b64enc: mapText((s) => Buffer.from(s, 'utf8').toString('base64')),
  contains: ([sub, s]) => predicate(sub, s, (a, b) => b.includes(a)),
  hasPrefix: ([p, s]) => predicate(p, s, (a, b) => b.startsWith(a)),
  hasSuffix: ([p, s]) => predicate(p, s, (a, b) => b.endsWith(a)),
  hasKey: ([m, key]) => {
    const k = key ? text(key) : undefined;
    if (!m || k === undefined) return UNKNOWN;
    if (m.k === 'dict') return bool(m.entries.has(k));
    if (m.k === 'yaml' && isMap(m.node)) return bool(m.node.has(k));
    return m.k === 'nil' ? bool(false) : UNKNOWN;
  },
  get: ([m, key]) => {
    const k = key ? text(key) : undefined;
    return m && k !== undefined ? withEmptyString(field(m, k)) : UNKNOWN;
  },
  index: ([v, ...keys]) => {
    let cur = v ?? UNKNOWN;
    for (const key of keys) {
      const items = listItems(cur);
      const n = num(key);
      if (items && n !== undefined && scalar(key).k === 'num') cur = items[n] ?? UNKNOWN;
      else {
        const k = text(key);
        cur = k === undefined ? UNKNOWN : field(cur, k);
      }
    }
    return cur;
  },
  list: (args) => ({ k: 'list', items: args }),
  dict: (args) => {
    const entries = new Map<string, Val>();
    for (let i = 0; i + 1 < args.length; i += 2) {
      const k = text(args[i]!);
      if (k === undefined) return UNKNOWN;
      entries.set(k, args[i + 1]!);
    }
    return { k: 'dict', entries };
  },
  first: ([v]) => (v ? (listItems(v)?.[0] ?? (listItems(v) ? NIL : UNKNOWN)) : UNKNOWN),
  last: ([v]) => {
    const items = v ? listItems(v) : undefined;
    return items ? (items[items.length - 1] ?? NIL) : UNKNOWN;
  },
  until: ([n]) => {
    const k = num(n);
    return k === undefined || k > 1000 ? UNKNOWN : { k: 'list', items: Array.from({ length: Math.max(0, k) }, (_, i) => ({ k: 'num', n: i }) as Val) };
  },
  join: ([sep, v]) => {
    const s = sep ? text(sep) : undefined;
    const items = v ? listItems(v) : undefined;
    const texts = items?.map(text);
    return s === undefined || !texts || texts.some((t) => t === undefined) ? UNKNOWN : str(texts.join(s));
  },
  kindIs: ([kind, v]) => {
    const k = kind ? text(kind) : undefined;
    const actual = v ? kindOf(v) : undefined;
    return k === undefined || actual === undefined ? UNKNOWN : bool(k === actual);
  },
  kindOf: ([v]) => {
    const actual = v ? kindOf(v) : undefined;
    return actual === undefined ? UNKNOWN : str(actual);
  },
  // `fail` stops Helm's rendering; the branch that calls it is not one the chart is installed with.
  fail: () => UNKNOWN,
};

function withEmptyString(v: Val): Val {
  return v.k === 'nil' ? str('') : v;
}

function kindOf(v: Val): string | undefined {
  const s = scalar(v);
  switch (s.k) {
    case 'str':
      return 'string';
    case 'num':
      return Number.isInteger(s.n) ? 'int' : 'float64';
    case 'bool':
      return 'bool';
    case 'nil':
      return 'invalid';
    case 'list':
      return 'slice';
    case 'dict':
      return 'map';
    case 'yaml':
      return isMap(s.node) ? 'map' : 'slice';
    default:
      return undefined;
  }
}

function predicate(a: Val | undefined, b: Val | undefined, f: (a: string, b: string) => boolean): Val {
  const x = a ? text(a) : undefined;
  const y = b ? text(b) : undefined;
  return x === undefined || y === undefined ? UNKNOWN : bool(f(x, y));
}

function intOf(v: Val | undefined): Val {
  const n = num(v);
  return n === undefined ? UNKNOWN : { k: 'num', n: Math.trunc(n) };
}

function wrap(args: readonly Val[], quote: string): Val {
  const out: Piece[] = [];
  for (const a of args) {
    if (a.k === 'nil') continue;
    const p = pieces(a);
    if (!p) return UNKNOWN;
    if (out.length > 0) out.push({ text: ' ' });
    // Values with quotes or backslashes are escaped by Go's %q; their text then differs from the source.
    const plain = piecesText(p);
    const escaped = quote === '"' ? JSON.stringify(plain).slice(1, -1) : plain;
    out.push({ text: quote }, ...(escaped === plain ? p : [{ text: escaped }]), { text: quote });
  }
  return { k: 'str', pieces: out };
}

function indent(n: Val | undefined, v: Val | undefined, newline: boolean): Val {
  const width = num(n);
  const p = v && width !== undefined ? pieces(v) : undefined;
  // An unknown value after `nindent` still starts on a line of its own.
  if (!p || width === undefined) return newline && width !== undefined ? { k: 'unknown', lines: width } : UNKNOWN;
  const body = indentPieces(p, width);
  return { k: 'str', pieces: newline ? [{ text: '\n' }, ...body] : body };
}

function concat(args: readonly Val[], sep: string, end = ''): Val {
  const out: Piece[] = [];
  for (const [i, a] of args.entries()) {
    const p = pieces(a);
    if (!p) return UNKNOWN;
    if (i > 0 && sep) out.push({ text: sep });
    out.push(...p);
  }
  if (end) out.push({ text: end });
  return { k: 'str', pieces: out };
}

/** Calls a function by name; unknown for functions that are not evaluated (`include`, `tpl`, `lookup`...). */
export function callFunction(name: string, args: readonly Val[]): Val {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  return fn ? fn(args) : UNKNOWN;
}
