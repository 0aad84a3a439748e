// Checks the fast YAML path against the library path over a corpus: every document the fast path
// accepts must give the library's tree exactly. Prints mismatches, coverage and timings; exits 1 on a mismatch (CI runs it on examples/ with a fixed seed).
//   npx tsx scripts/yaml-fast-check.ts [folder] [--mutate N] [--generate N] [--seed S] [--declines]
// --mutate N: also checks N small random mutations of snippets of accepted documents.
// --generate N: also checks N random documents built from the constructs the fast path handles,
// with comments, blank lines and indentation put anywhere, some of them mutated too.
// --declines: lists where the fast path declined (its code line, with a sample line of the corpus), most bytes first.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { YNode } from '../server/src/engine/model/yaml';
import { parseYamlDocument, splitDocuments, yamlFastPath } from '../server/src/engine/parse/yaml';
import { declineTrace, parseOrThrow } from '../server/src/engine/parse/yaml-fast';
import { SourceFile } from '../server/src/engine/source';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const mutations = Number(opt('--mutate') ?? 0);
const generated = Number(opt('--generate') ?? 0);
const seed = Number(opt('--seed') ?? 1);
const listDeclines = args.includes('--declines');
declineTrace.enabled = listDeclines;
const declines = new Map<string, { docs: number; bytes: number; sample: string }>();
yamlFastPath.enabled = false; // parseYamlDocument below is the library path
const root = args.find((a) => !a.startsWith('--')) ?? join(__dirname, '..', '..', 'shared', 'corpus');

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) yield p;
  }
}

/** The first path where a and b differ, or undefined. */
function firstDiff(a: unknown, b: unknown, path = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${show(a)} vs ${show(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different classes`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k) => !kb.includes(k))) return `${path}: keys ${ka.join(',')} vs ${kb.join(',')}`;
  for (const k of ka) {
    const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 80 ? s.slice(0, 80) + '…' : s;
}

/** Why the library path disagrees with an accepted fast result, or undefined when it agrees. */
function check(text: string, fast: YNode[]): string | undefined {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, merge: false, strict: false });
  if (!Array.isArray(docs) || docs.length !== fast.length) return `library: ${Array.isArray(docs) ? docs.length : 0} documents, fast: ${fast.length}`;
  for (const doc of docs) {
    if (doc.errors.length) return `library error: ${doc.errors[0]!.message.split('\n')[0]}`;
    if (doc.warnings.length) return `library warning: ${doc.warnings[0]!.message.split('\n')[0]}`;
  }
  const slow = parseYamlDocument(new SourceFile('x.yaml', text), { start: 0, end: text.length }, 0);
  if (slow.length !== fast.length) return `slow path: ${slow.length} documents, fast: ${fast.length}`;
  for (const [i, doc] of slow.entries()) {
    if (doc.problems.length) return `slow path problem: ${doc.problems[0]!.message}`;
    if (doc.anchors !== false) return `slow path: anchors ${doc.anchors}`;
    const diff = firstDiff(fast[i], doc.contents, `$${i}`);
    if (diff) return diff;
  }
  return undefined;
}

const files = [...walk(root)];
const accepted: string[] = [];
let docsAccepted = 0;
let docsDeclined = 0;
let bytesAccepted = 0;
let bytesDeclined = 0;
let mismatches = 0;
for (const path of files) {
  const text = readFileSync(path, 'utf8');
  for (const chunk of splitDocuments(text)) {
    const chunkText = text.slice(chunk.start, chunk.end);
    let fast: YNode[] | undefined;
    try {
      fast = parseOrThrow(chunkText);
    } catch (error) {
      mismatches++;
      console.log(`EXCEPTION ${relative(root, path)} @${chunk.start}: ${(error as Error).stack}`);
      continue;
    }
    if (!fast) {
      if (listDeclines) {
        const where = declineTrace.where.replace(/^at \S+ \(|\)$/g, '').replace(/.*\//, '');
        const lineStart = chunkText.lastIndexOf('\n', declineTrace.at - 1) + 1;
        const line = chunkText.slice(lineStart, chunkText.indexOf('\n', declineTrace.at) >>> 0).slice(0, 100);
        const entry = declines.get(where) ?? { docs: 0, bytes: 0, sample: `${relative(root, path)} @${chunk.start + lineStart}: ${line}` };
        entry.docs++;
        entry.bytes += chunkText.length;
        declines.set(where, entry);
      }
      docsDeclined++;
      bytesDeclined += chunkText.length;
      continue;
    }
    const diff = check(chunkText, fast);
    if (diff) {
      mismatches++;
      console.log(`MISMATCH ${relative(root, path)} @${chunk.start}: ${diff}`);
      continue;
    }
    docsAccepted++;
    bytesAccepted += chunkText.length;
    accepted.push(chunkText);
  }
}

for (const [where, e] of [...declines].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 40)) console.log(`${(e.bytes / 1e6).toFixed(2)} MB ${e.docs} docs ${where}\n    ${e.sample}`);
declineTrace.enabled = false;

// parseYamlDocument's time on the accepted documents with and without the fast path (best of 3 rounds).
const time = (run: (text: string) => unknown): number => {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (const text of accepted) run(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};
const parse = (text: string) => parseYamlDocument(new SourceFile('x.yaml', text), { start: 0, end: text.length }, 0);
yamlFastPath.enabled = true;
const fastMs = time(parse);
yamlFastPath.enabled = false;
const slowMs = time(parse);
const mb = (n: number) => (n / 1e6).toFixed(2);
const total = bytesAccepted + bytesDeclined;
console.log(`files ${files.length}; documents accepted ${docsAccepted}, declined ${docsDeclined}`);
console.log(`bytes accepted ${mb(bytesAccepted)} MB (${((100 * bytesAccepted) / (total || 1)).toFixed(1)}%), declined ${mb(bytesDeclined)} MB`);
console.log(`parseYamlDocument on the accepted documents: fast path ${fastMs.toFixed(0)} ms, library ${slowMs.toFixed(0)} ms (${(slowMs / fastMs).toFixed(1)}x)`);
console.log(`mismatches ${mismatches}`);
if (mismatches > 0) process.exitCode = 1;
if (mutations > 0 && accepted.length === 0) throw new Error('--mutate needs a folder with documents the fast path accepts');

// Random inputs: mutated snippets of the accepted documents, and generated documents.
{
  // mulberry32
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const inserts = [' ', '  ', ':', ': ', '#', ' #', "'", '"', '|', '>', '|-', '>+', '|2', '- ', '-', '[', ']', '{', '}', ',', '\n', '\n\n', 'a', '\\', '\\n', '?', '&', '*', '!', '%', '...', '---', '\t', '0', '.', 'x: ', '"a"', "''", '\x00', '\x02', '\x1f', '\x7f', '\u0085', '\u2028', '\ufeff', 'é', '😀', '\\x4', '\\u12', '\\U0001F600', '~', '<<', '=', '@', '`'];
  const lineStarts = (t: string): number[] => {
    const out = [0];
    for (let i = t.indexOf('\n'); i >= 0 && i + 1 < t.length; i = t.indexOf('\n', i + 1)) out.push(i + 1);
    return out;
  };
  const mutate = (t: string): string => {
    const at = Math.floor(random() * (t.length + 1));
    const lines = lineStarts(t);
    const line = pick(lines);
    const lineEnd = t.indexOf('\n', line) < 0 ? t.length : t.indexOf('\n', line) + 1;
    switch (Math.floor(random() * 10)) {
      case 0:
        return t.slice(0, at) + t.slice(at + 1);
      case 1:
      case 2:
        return t.slice(0, at) + pick(inserts) + t.slice(at);
      case 3:
        return t.slice(0, at) + t.charAt(at) + t.slice(at);
      case 4:
        return t.slice(0, line) + t.slice(lineEnd);
      case 5:
        return t.slice(0, lineEnd) + t.slice(line, lineEnd) + t.slice(lineEnd);
      case 6:
        return t.slice(0, line) + pick([' ', '  ', '   ', '    ']) + t.slice(line);
      case 7: {
        const n = Math.floor(random() * 4) + 1;
        let i = line;
        while (i < line + n && t[i] === ' ') i++;
        return t.slice(0, line) + t.slice(i);
      }
      case 8:
        return t.slice(0, line) + ' '.repeat(Math.floor(random() * 8)) + pick(['#', '# x', '#x', '', ' ']) + '\n' + t.slice(line);
      default: {
        // swap with the next line
        const nextEnd = t.indexOf('\n', lineEnd) < 0 ? t.length : t.indexOf('\n', lineEnd) + 1;
        return t.slice(0, line) + t.slice(lineEnd, nextEnd) + t.slice(line, lineEnd) + t.slice(nextEnd);
      }
    }
  };
  /** A piece of a document: whole lines, at most 60 of them. */
  const snippet = (t: string): string => {
    const lines = lineStarts(t);
    if (lines.length <= 60 && random() < 0.5) return t;
    const from = Math.floor(random() * lines.length);
    const to = Math.min(lines.length, from + 1 + Math.floor(random() * 60));
    return t.slice(lines[from], to < lines.length ? lines[to] : t.length);
  };
  let checked = 0;
  let acceptedInputs = 0;
  let inputMismatches = 0;
  /** Checks one input: declined, or the library's tree exactly. */
  const tryText = (label: string, t: string): void => {
    checked++;
    let fast: YNode[] | undefined;
    try {
      fast = parseOrThrow(t);
    } catch (error) {
      inputMismatches++;
      console.log(`${label} EXCEPTION ${JSON.stringify(t)}: ${(error as Error).stack}`);
      return;
    }
    if (!fast) return;
    acceptedInputs++;
    const diff = check(t, fast);
    if (diff) {
      inputMismatches++;
      failures.push(`${label} MISMATCH ${diff}\n${JSON.stringify(t)}`);
    }
  };
  const failures: string[] = [];
  for (let n = 0; n < mutations; n++) {
    let t = snippet(pick(accepted));
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e++) t = mutate(t);
    tryText('MUTANT', t);
  }

  // Random documents: block maps and sequences with every kind of value, and comment and blank
  // lines at random columns between any two lines.
  const words = ['a', 'name', 'x-y', 'k8s.io/z', '1', '0x1F', '1.5', 'true', 'null', '~', '-v', 'a b', 'http://h:1/p', 'a#b', 'é'];
  const chance = (p: number) => random() < p;
  const int = (n: number) => Math.floor(random() * n);
  const plainWord = () => pick(words);
  const quoted = (): string =>
    chance(0.5) ? `'${pick(['', 'it\'\'s', 'a b', '#x', ': y'])}'` : `"${pick(['', 'a\\nb', '\\u00e9', '\\"q\\"', 'tab\\t', 'x  ', ' #y'])}"`;
  const comment = () => pick(['#', '# c', '#c', '# - x: y']);
  let keyCounter = 0;
  const key = () => (chance(0.15) ? `"k${keyCounter++}"` : chance(0.05) ? `k${keyCounter++} ` : chance(0.03) ? `k${keyCounter++}:` : `k${keyCounter++}`);
  /** Blank and comment lines, to put before a line indented `indent`. */
  const trivia = (indent: number): string => {
    let out = '';
    while (chance(0.25)) out += chance(0.4) ? ' '.repeat(int(3)) + '\n' : ' '.repeat(Math.max(0, indent + int(7) - 3)) + comment() + '\n';
    return out;
  };
  const lineEnd = () => (chance(0.15) ? ' '.repeat(1 + int(2)) + comment() : chance(0.1) ? '  ' : '') + '\n';
  /** Continuation lines for a multi-line scalar, indented at least `min`. */
  const continuation = (min: number): string => {
    let out = '';
    while (chance(0.4)) out += chance(0.25) ? ' '.repeat(int(2)) + '\n' : ' '.repeat(Math.max(0, min + int(3) - (chance(0.1) ? 1 : 0))) + pick(['more', 'x: y', '- z', '# no', 'w #c', '"q"', "'", 'a  ']) + '\n';
    return out;
  };
  /** A quoted scalar over several lines, its lines indented about `min`. */
  const multilineQuoted = (min: number): string => {
    const q = pick(['"', "'"]);
    let out = q + pick(['a', '', 'x  ', '\\']);
    const lines = 1 + int(3);
    for (let i = 0; i < lines; i++) out += '\n' + (chance(0.2) ? '' : ' '.repeat(Math.max(0, min + int(3) - (chance(0.1) ? 1 : 0))) + pick(['b', 'c d', '  e', "''", '\\"', '\\n']));
    return out + q;
  };
  const blockScalar = (indent: number): string => {
    const header = pick(['|', '>', '|-', '>-', '|+', '>+', '|2', '>1-', '|+1']);
    const digit = /[0-9]/.exec(header);
    const base = digit ? indent + Number(digit[0]) : indent + 1 + int(3);
    let body = '';
    const lines = int(5);
    for (let i = 0; i < lines; i++) body += chance(0.2) ? ' '.repeat(int(base + 3)) + '\n' : ' '.repeat(base + (chance(0.2) ? int(3) : 0)) + pick(['text', 'more text', '# inside', '- item', 'k: v']) + '\n';
    return header + (chance(0.1) ? ' # h' : '') + '\n' + body;
  };
  const flow = (depth: number): string => {
    const n = int(4);
    const items: string[] = [];
    const isMap = chance(0.4);
    for (let i = 0; i < n; i++) {
      const item = depth < 2 && chance(0.2) ? flow(depth + 1) : chance(0.3) ? quoted() : pick(['a', 'b c', '1', 'x:y', 'true']);
      items.push(isMap ? `${chance(0.2) ? '"q' + i + '"' : 'f' + i}: ${item}` : item);
    }
    const sp = chance(0.2) ? ' ' : '';
    return isMap ? `{${sp}${items.join(', ')}${sp}}` : `[${sp}${items.join(pick([', ', ',', ' , ']))}${sp}]`;
  };
  /** The value after `key:` or `- ` on a line of a collection indented `indent` (ends with its newline). */
  const inlineValue = (indent: number, depth: number): string => {
    switch (int(10)) {
      case 8:
        return ' ' + multilineQuoted(indent + 1) + lineEnd();
      case 9: {
        // The scalar on the next line.
        const at = indent + 1 + int(3) - (chance(0.1) ? 1 : 0);
        const scalar = chance(0.3) ? multilineQuoted(at) + lineEnd() : plainWord() + '\n' + continuation(indent + 1);
        return lineEnd() + trivia(at) + ' '.repeat(at) + scalar;
      }
      case 0:
        return ' ' + quoted() + lineEnd();
      case 1:
        return ' ' + blockScalar(indent);
      case 2:
        return ' ' + flow(0) + lineEnd();
      case 3:
        return ' ' + plainWord() + '\n' + continuation(indent + 1);
      case 4:
        if (depth < 5) return lineEnd() + trivia(indent + 2) + block(indent + 1 + int(3), depth + 1);
        return ' x\n';
      case 5:
        return chance(0.3) ? lineEnd() : '\n';
      default:
        return ' ' + plainWord() + lineEnd();
    }
  };
  const block = (indent: number, depth: number): string => (chance(0.6) ? map(indent, depth) : seq(indent, depth));
  const map = (indent: number, depth: number, firstInline = false): string => {
    let out = '';
    const n = 1 + int(4);
    for (let i = 0; i < n; i++) {
      if (i > 0 || !firstInline) out += trivia(indent) + ' '.repeat(indent);
      const k = key();
      if (depth < 5 && chance(0.15)) out += k + ':' + lineEnd() + trivia(indent) + seq(indent + (chance(0.5) ? 0 : 2), depth + 1);
      else out += k + ':' + inlineValue(indent, depth);
    }
    return out;
  };
  const seq = (indent: number, depth: number): string => {
    let out = '';
    const n = 1 + int(4);
    for (let i = 0; i < n; i++) {
      out += trivia(indent) + ' '.repeat(indent) + '-';
      if (depth < 5 && chance(0.3)) {
        const gap = 1 + int(2);
        out += ' '.repeat(gap) + map(indent + 1 + gap, depth + 1, true);
      } else out += inlineValue(indent, depth);
    }
    return out;
  };
  for (let n = 0; n < generated; n++) {
    keyCounter = 0;
    let t = '';
    while (chance(0.1)) t += trivia(0) + '---' + (chance(0.2) ? ' ' : '') + lineEnd();
    t += (chance(0.2) ? trivia(0) + '---' + lineEnd() : '') + trivia(0) + block(chance(0.1) ? 2 : 0, 0) + trivia(0);
    if (chance(0.3)) t = mutate(t);
    tryText('GENERATED', t);
  }
  for (const f of failures.sort((a, b) => a.length - b.length).slice(0, 12)) console.log(f);
  console.log(`inputs checked ${checked} (${mutations} mutants, ${generated} generated), accepted ${acceptedInputs}, mismatches ${inputMismatches}`);
  if (inputMismatches > 0) process.exitCode = 1;
}
