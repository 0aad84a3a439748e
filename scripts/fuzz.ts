// Fuzzes the engine with random and mutated Dockerfiles, Compose files, Kubernetes manifests and
// .bulkhead.yaml files. Bounded by count and time, seedable, reproducible (input i of seed s is
// always the same), each input checked in a worker thread under a watchdog.
//   npm run fuzz -- [--count N] [--seconds S] [--seed N] [--timeout MS] [--workers N]
//                   [--corpus DIR]... [--no-corpus] [--replay I[,I...] [--minimize]] [--save DIR]
// Exit code 0 when every input passed, 1 otherwise (each failure printed with its replay command).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { check } from './fuzz/check';
import { bundledSeeds, loadSeeds, type FuzzInput, type SeedFile } from './fuzz/inputs';
import { minimize } from './fuzz/minimize';
import { runFuzz, type FuzzFailure } from './fuzz/run';

const ROOT = join(__dirname, '..');
/** Where the shared corpus lives next to a checkout (or a worktree of one). */
const CORPUS_CANDIDATES = [join(ROOT, '..', 'shared', 'corpus'), join(ROOT, '..', '..', 'shared', 'corpus')];

interface Args {
  seed: number;
  count: number;
  seconds: number | undefined;
  timeoutMs: number;
  workers: number;
  corpus: string[];
  noCorpus: boolean;
  replay: number[] | undefined;
  minimize: boolean;
  save: string;
}

function parse(argv: readonly string[]): Args {
  const args: Args = { seed: Date.now() % 1_000_000, count: Infinity, seconds: undefined, timeoutMs: 30_000, workers: availableParallelism(), corpus: [], noCorpus: false, replay: undefined, minimize: false, save: 'fuzz-failures' };
  const number = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '--seed': args.seed = number(arg, value()); break;
      case '--count': args.count = number(arg, value()); break;
      case '--seconds': args.seconds = number(arg, value()); break;
      case '--timeout': args.timeoutMs = number(arg, value()); break;
      case '--workers': args.workers = Math.max(1, number(arg, value())); break;
      case '--corpus': args.corpus.push(value() ?? ''); break;
      case '--no-corpus': args.noCorpus = true; break;
      case '--replay': args.replay = (value() ?? '').split(',').map((x) => number(arg, x)); break;
      case '--minimize': args.minimize = true; break;
      case '--save': args.save = value() ?? args.save; break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  if (args.count === Infinity && args.seconds === undefined) args.count = 2000;
  return args;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${(error as Error).message}`);
    return 2;
  }
  const corpusRoots = args.noCorpus ? [] : args.corpus.length ? args.corpus.map((c) => resolve(c)) : CORPUS_CANDIDATES.filter(existsSync).slice(0, 1);
  const missing = corpusRoots.find((c) => !existsSync(c));
  if (missing) {
    console.error(`fuzz: no such corpus folder: ${missing}`);
    return 2;
  }
  const seeds: SeedFile[] = [...bundledSeeds(ROOT), ...loadSeeds(corpusRoots, 'corpus')];
  const corpusFlags = args.noCorpus ? ' --no-corpus' : args.corpus.map((c) => ` --corpus ${c}`).join('');
  const count = (kind: string): number => seeds.filter((s) => s.kind === kind).length;
  console.log(`fuzz: seed ${args.seed}, ${args.replay ? `replaying ${args.replay.join(',')}` : `${args.count === Infinity ? 'unbounded count' : `${args.count} inputs`}${args.seconds !== undefined ? `, at most ${args.seconds} s` : ''}`}, ${args.workers} workers, ${args.timeoutMs} ms watchdog`);
  console.log(`fuzz: ${seeds.length} seed files (dockerfile ${count('dockerfile')}, compose ${count('compose')}, k8s ${count('k8s')}, config ${count('config')})${corpusRoots.length ? ` including ${corpusRoots.join(', ')}` : ', no corpus'}`);

  const printFailure = (f: FuzzFailure): void => {
    const dir = join(args.save, `seed-${args.seed}-input-${f.input.index}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, basename(f.input.path));
    writeFileSync(file, f.input.text);
    console.log(`\nFAIL ${f.type} #${f.input.index} (${f.input.families.join('+')}; ${f.input.kind}${f.input.forceKind ? ', kind forced' : ''}; config ${f.input.config}; ${f.input.text.length} chars; from ${f.input.origin})`);
    for (const p of f.problems.slice(0, 10)) console.log(`  ${p}`);
    if (f.detail) console.log(f.detail.split('\n').slice(0, 12).map((l) => `    ${l}`).join('\n'));
    console.log(`  input saved to ${file}`);
    console.log(`  replay: npm run fuzz -- --seed ${args.seed} --replay ${f.input.index}${corpusFlags}`);
  };

  const summary = await runFuzz({
    seed: args.seed,
    count: args.count,
    ...(args.seconds !== undefined ? { seconds: args.seconds } : {}),
    ...(args.replay ? { indices: args.replay } : {}),
    timeoutMs: args.timeoutMs,
    workers: args.workers,
    seeds,
    onFailure: printFailure,
    onProgress: (done, failures, ms) => console.log(`fuzz: ${done} inputs, ${failures} failures, ${(ms / 1000).toFixed(0)} s`),
  });

  const secs = summary.elapsedMs / 1000;
  const top = (m: ReadonlyMap<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`\nfuzz: seed ${summary.seed}: ${summary.inputs} inputs in ${secs.toFixed(1)} s (${(summary.inputs / Math.max(secs, 0.001)).toFixed(0)}/s), ${summary.failures.length} failures`);
  console.log(`  kinds: ${top(summary.kinds)}`);
  console.log(`  families: ${top(summary.families)}`);
  console.log(`  ${(summary.totalChars / 1e6).toFixed(1)} M chars in all, largest input ${(summary.largestChars / 1e6).toFixed(2)} M chars`);
  console.log(`  slowest: ${summary.slowest.map((s) => `#${s.index} ${s.ms.toFixed(0)} ms (${s.kind}, ${s.families.join('+')}, ${s.chars} chars)`).join('; ')}`);
  const byType = new Map<string, number>();
  for (const f of summary.failures) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
  if (summary.failures.length) console.log(`  failures: ${top(byType)}; inputs saved under ${args.save}/`);
  if (args.minimize) for (const f of summary.failures) if (f.type === 'check' || f.type === 'crash') printMinimized(f, args.save);
  return summary.failures.length === 0 ? 0 : 1;
}

/** Shrinks a failing input in this process (crashes and broken invariants; hangs need the watchdog). */
function printMinimized(f: FuzzFailure, save: string): void {
  const signature = (problem: string): string => problem.replace(/\d+/g, 'N');
  const wanted = signature(f.problems[0]!);
  const fails = (text: string): boolean => {
    const input: FuzzInput = { ...f.input, text };
    try {
      return check(input).some((p) => signature(p) === wanted);
    } catch (error) {
      return signature(`uncaught ${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`) === wanted;
    }
  };
  const small = minimize(f.input.text, fails);
  const file = join(save, `seed-${f.input.seed}-input-${f.input.index}`, `minimized-${basename(f.input.path)}`);
  writeFileSync(file, small);
  console.log(`\nminimized #${f.input.index} to ${small.length} chars (${file}): ${JSON.stringify(small.length <= 2000 ? small : `${small.slice(0, 2000)}...`)}`);
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
