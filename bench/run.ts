// Bulkhead benchmark (not a test). Measures, in one run on the same machine state:
//  - per-file latency p50/p99 of a typical Dockerfile, compose file and k8s file (from-scratch lint,
//    alternating the text and the text plus a comment line, once 200 other files of its kind were
//    linted over and over for 2 s, as in a running language server), next to the parse floor and
//    the npm peers;
//  - re-analysis latency after a one-line edit in the three largest k8s files (the editor's
//    incremental path), p50/p99;
//  - whole-corpus audit wall time and peak RSS of the CLI with 1 and 2 workers, next to a
//    single-threaded parse floor of the same files run the same way (fresh process, files read one
//    at a time);
//  - client activation cost (loading dist/client.js and calling activate with a stub `vscode`).
// Writes bench/results/latest.json and bench/results/latest.md.
//   npm run bench [-- --corpus DIR] [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { IncrementalLinter } from '../server/src/engine/incremental';
import { lint } from '../server/src/engine/lint';
import { defaultConfig } from '../server/src/engine/config';
import { SourceFile } from '../server/src/engine/source';
import { VERSION } from '../server/src/version';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const corpusArg = args.indexOf('--corpus');
const CORPUS = corpusArg >= 0 ? args[corpusArg + 1]! : join(ROOT, '..', 'shared', 'corpus');
const QUICK = args.includes('--quick');
const PEERS_DIR = join(ROOT, 'bench', '.peers');
const RESULTS = join(ROOT, 'bench', 'results');

if (!existsSync(CORPUS)) {
  console.error(`bench: corpus not found at ${CORPUS} (pass --corpus DIR)`);
  process.exit(2);
}

/** The "typical" files of PEERS.md (median-size upstream files) and the three largest k8s files. */
const TYPICAL = {
  dockerfile: 'dockerfile/dotnet__dotnet-docker/src/aspnet/10.0/alpine3.23-extra/arm64v8/Dockerfile',
  compose: 'compose/docker__awesome-compose/react-rust-postgres/compose.yaml',
  k8s: 'k8s/kubernetes__examples/_archived/selenium/selenium-node-firefox-deployment.yaml',
} as const;
const LARGEST = [
  'k8s/kubeflow__manifests/applications/kserve/kserve/kserve.yaml',
  'k8s/kubeflow__manifests/experimental/ray/kuberay-operator/base/resources.yaml',
  'k8s/argoproj__argo-cd/manifests/install.yaml',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `fn` at least `minRuns` times and `minMs` milliseconds (at most 5,000 runs); returns per-call
 * ms. The cap was 500: the p99 of 500 runs is their 5th-slowest, which a few collections decide.
 */
function measure(fn: (i: number) => void, minRuns = 20, minMs = QUICK ? 500 : 3000): number[] {
  fn(-1); // first call: JIT and lazy loading
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; (i < minRuns || performance.now() - start < minMs) && i < 5000; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  return times;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const stats = (t: number[]): { p50: number; p99: number; runs: number } => ({ p50: round(percentile(t, 50)), p99: round(percentile(t, 99)), runs: t.length });

function installPeers(): { dockerfileUtils?: { validate(text: string): unknown[] }; dclint?: unknown } {
  if (!existsSync(join(PEERS_DIR, 'node_modules', 'dockerfile-utils')) || !existsSync(join(PEERS_DIR, 'node_modules', 'dclint'))) {
    mkdirSync(PEERS_DIR, { recursive: true });
    if (!existsSync(join(PEERS_DIR, 'package.json'))) writeFileSync(join(PEERS_DIR, 'package.json'), '{"private":true}\n');
    console.log('installing peers (dockerfile-utils@0.16.3, dclint@3.1.0) into bench/.peers ...');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'dockerfile-utils@0.16.3', 'dclint@3.1.0'], { cwd: PEERS_DIR, stdio: 'inherit' });
    if (r.status !== 0) console.warn('peers could not be installed; their columns stay empty');
  }
  const out: { dockerfileUtils?: { validate(text: string): unknown[] }; dclint?: unknown } = {};
  try {
    out.dockerfileUtils = require(join(PEERS_DIR, 'node_modules', 'dockerfile-utils'));
  } catch {
    // not installed
  }
  return out;
}

function perFile(peers: ReturnType<typeof installPeers>): Record<string, Record<string, unknown>> {
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
  const config = defaultConfig({ profile: 'strict' });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [kind, rel] of Object.entries(TYPICAL)) {
    // A language server has analysed other files before this one: its code is compiled and optimised.
    // One pass over 200 files is not enough for that (V8 is still optimising through the first
    // hundreds of lints of the next file, and those compiles are the p99), so the 200 files are
    // linted again and again for WARM_UP_MS; the measured file stays new. The same warm-up for the
    // parse floor and the in-process peer.
    const others = warmUpFiles(kind).map((path) => [path, readFileSync(path, 'utf8')] as const);
    const until = performance.now() + WARM_UP_MS;
    do {
      for (const [other, text] of others) {
        lint(new SourceFile(other, text), { config, kind: kind as 'k8s' });
        if (kind === 'dockerfile') {
          DockerfileParser.parse(text);
          peers.dockerfileUtils?.validate(text);
        } else parseAllDocuments(text);
      }
    } while (performance.now() < until);
    const text = readFileSync(join(CORPUS, rel), 'utf8');
    const variants = [text, `${text}\n# edit\n`];
    const row: Record<string, unknown> = { file: rel, bytes: Buffer.byteLength(text) };
    row.bulkhead = stats(measure((i) => lint(new SourceFile(rel, variants[Math.abs(i) % 2]!), { config, kind: kind as 'k8s' })));
    row.noise = busyLoopLatency((row.bulkhead as { p50: number }).p50);
    row.parseFloor = stats(measure((i) => (kind === 'dockerfile' ? DockerfileParser.parse(variants[Math.abs(i) % 2]!) : parseAllDocuments(variants[Math.abs(i) % 2]!))));
    if (kind === 'dockerfile' && peers.dockerfileUtils) row.dockerfileUtils = stats(measure((i) => peers.dockerfileUtils!.validate(variants[Math.abs(i) % 2]!)));
    if (kind === 'compose') row.dclint = dclintLatency(join(CORPUS, rel));
    out[kind] = row;
  }
  return out;
}

/**
 * The host's own noise: a loop that allocates nothing and takes about as long as the lint's p50,
 * measured the same way. Where its p99 is far above its p50, so is any code's (preemption by other
 * tenants of the host), whatever the linter does.
 */
function busyLoopLatency(targetMs: number): { p50: number; p99: number; runs: number } {
  let sink = 0;
  const spin = (n: number): void => {
    for (let k = 0; k < n; k++) sink = (sink + k * 7) % 1_000_003;
  };
  let n = 1000;
  for (let t = 0; t < targetMs && n < 1e9; n *= 2) {
    const s = performance.now();
    spin(n);
    t = performance.now() - s;
  }
  const last = n / 2; // the count measured last, the first to take targetMs or more
  return stats(measure(() => spin(last)));
}

/** The first 200 other files of a kind's corpus folder, in name order. */
function warmUpFiles(kind: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= WARM_UP_FILES) return;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile() && path !== join(CORPUS, TYPICAL[kind as keyof typeof TYPICAL])) out.push(path);
    }
  };
  walk(join(CORPUS, kind));
  return out;
}
const WARM_UP_FILES = 200;
const WARM_UP_MS = QUICK ? 500 : 2000;

/** dclint lints files (it re-reads them), in a child process so its ajv setup does not skew our heap. */
function dclintLatency(path: string): { p50: number; p99: number; runs: number } | undefined {
  const script = `
    const { DCLinter } = require(${JSON.stringify(join(PEERS_DIR, 'node_modules', 'dclint'))});
    (async () => {
      const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
      const t = []; await linter.lintFiles([${JSON.stringify(path)}], false);
      const start = Date.now();
      for (let i = 0; (i < 20 || Date.now() - start < ${QUICK ? 500 : 3000}) && i < 200; i++) { const s = performance.now(); await linter.lintFiles([${JSON.stringify(path)}], false); t.push(performance.now() - s); }
      t.sort((a, b) => a - b);
      console.log(JSON.stringify({ p50: t[Math.floor(t.length / 2)], p99: t[Math.min(t.length - 1, Math.floor(t.length * 0.99))], runs: t.length }));
    })().catch((e) => { console.error(String(e)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const v = JSON.parse(r.stdout.trim().split('\n').pop()!) as { p50: number; p99: number; runs: number };
  return { p50: round(v.p50), p99: round(v.p99), runs: v.runs };
}

/** One-line edits in the largest manifests, through the incremental linter the editor uses. */
function largeEdits(): Record<string, unknown>[] {
  const config = defaultConfig({ profile: 'strict' });
  return LARGEST.map((rel) => {
    const text = readFileSync(join(CORPUS, rel), 'utf8');
    const lines = text.split('\n');
    const linter = new IncrementalLinter();
    const first = performance.now();
    linter.lint(new SourceFile(rel, text), { config, kind: 'k8s' });
    const initialMs = performance.now() - first;
    // Deterministic edit positions; each edit changes one line's value or inserts a comment line.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let current = text;
    const paths = { patched: 0, reused: 0, parsed: 0 };
    const times = measure(() => {
      const at = Math.floor(next() * lines.length);
      const edited = [...lines];
      // (Until 2026-11-24 a line without a value was replaced by the comment, deleting a key: that
      // breaks the document, which is then parsed whole. Typing does that too, but it is not this row.)
      if (/: \S/.test(edited[at]!)) edited[at] = edited[at]!.replace(/: (\S+)/, ': $1x');
      else edited.splice(at, 0, `${/^ */.exec(edited[at]!)![0]}# edit`);
      current = current === text ? edited.join('\n') : text;
      linter.lint(new SourceFile(rel, current), { config, kind: 'k8s' });
      paths.patched += linter.stats.patched;
      paths.parsed += linter.stats.parsed;
    }, 20, QUICK ? 2000 : 15000);
    return { file: rel, bytes: Buffer.byteLength(text), documents: linter.stats.reused + linter.stats.patched + linter.stats.parsed, firstLintMs: round(initialMs), ...stats(times), documentsPatched: paths.patched, documentsParsed: paths.parsed };
  });
}

/** The CLI over the whole corpus, in fresh processes; the floor runs the same way. */
function corpus(): Record<string, unknown> {
  const run = (cmd: string, cmdArgs: string[]): { wallS: number; maxRssMb: number } => {
    const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`could not time ${cmd} ${cmdArgs.join(' ')}: ${r.stderr.slice(-500)}`);
    return { wallS: Number(m[1]), maxRssMb: Math.round(Number(m[2]) / 1024) };
  };
  const floorScript = join(ROOT, 'bench', 'parse-floor.js');
  const cli = join(ROOT, 'dist', 'cli.js');
  const cliArgs = (w: number): string[] => [cli, CORPUS, '--workers', String(w), '--format', 'json', '--fail-on', 'never', '--output', '/dev/null'];
  // Best of two for each, interleaved so machine noise hits all alike.
  const best = (a: { wallS: number; maxRssMb: number }, b: { wallS: number; maxRssMb: number }) => (a.wallS <= b.wallS ? a : b);
  // The CLI runs V8 without inlining (see cli/main.ts): the floor is timed with that flag too, and
  // the ratios use whichever floor run was faster.
  const floorArgs = (flag: string[]): string[] => [...flag, floorScript, CORPUS];
  const NO_INLINING = ['--no-turbo-inlining'];
  let floorDefault = run(process.execPath, floorArgs([]));
  let floorNoInlining = run(process.execPath, floorArgs(NO_INLINING));
  let one = run(process.execPath, cliArgs(1));
  let two = run(process.execPath, cliArgs(2));
  if (!QUICK) {
    floorDefault = best(floorDefault, run(process.execPath, floorArgs([])));
    floorNoInlining = best(floorNoInlining, run(process.execPath, floorArgs(NO_INLINING)));
    one = best(one, run(process.execPath, cliArgs(1)));
    two = best(two, run(process.execPath, cliArgs(2)));
  }
  const floor = best(floorDefault, floorNoInlining);
  // What a second core gives this kind of work here: two parse floors at once, each on the whole corpus.
  const pair = spawnSync('bash', ['-c', `for i in 1 2; do /usr/bin/time -f "PAIR %e" ${JSON.stringify(process.execPath)} ${JSON.stringify(floorScript)} ${JSON.stringify(CORPUS)} >/dev/null & done; wait`], { encoding: 'utf8' });
  const pairWallS = Math.max(...[...pair.stderr.matchAll(/PAIR ([\d.]+)/g)].map((m) => Number(m[1])));
  return { parseFloor1Thread: floor, parseFloorDefaultFlags: floorDefault, parseFloorNoInlining: floorNoInlining, cliWorkers1: one, cliWorkers2: two, ratioWorkers2ToFloor: round(two.wallS / floor.wallS), ratioWorkers1ToFloor: round(one.wallS / floor.wallS), twoFloorsAtOnceWallS: pairWallS, secondCoreThroughput: round((2 * floor.wallS) / pairWallS) };
}

/** Activation: load the client bundle and call activate() with a minimal stub of the vscode API. */
function activation(): Record<string, unknown> {
  const script = join(ROOT, 'bench', 'activation.js');
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`activation bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

function markdown(result: Record<string, any>): string {
  const pf = result.perFile as Record<string, any>;
  const lines = [
    `# Bulkhead benchmark`,
    '',
    `${result.date} · bulkhead ${result.version} · Node ${result.node} · ${result.cpus} × ${result.cpuModel} · load average at start ${result.loadAtStart}`,
    '',
    '## Per-file latency (ms, from-scratch lint of a changed text, after linting 200 other files of the kind for 2 s)',
    '',
    '| kind | file (bytes) | bulkhead p50 | bulkhead p99 | busy loop p50 / p99 | parse floor p50 | dockerfile-utils p50 | dclint p50 | target p99 ≤ 5 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...Object.entries(pf).map(([k, r]) => `| ${k} | \`${r.file}\` (${r.bytes}) | ${r.bulkhead.p50} | ${r.bulkhead.p99} | ${r.noise.p50} / ${r.noise.p99} | ${r.parseFloor.p50} | ${r.dockerfileUtils?.p50 ?? '–'} | ${r.dclint?.p50 ?? '–'} | ${r.bulkhead.p99 <= 5 ? 'met' : 'missed'} |`),
    '',
    'The busy loop allocates nothing and runs about as long as the lint\'s p50, measured the same way: its p99 is what the host adds (preemption by other tenants). What bulkhead\'s p99 has beyond it is its own: garbage collection and JIT recompilation in a process that has linted many different files.',
    '',
    '## One-line edit in the largest manifests (ms, incremental re-analysis until findings)',
    '',
    '| file (bytes, documents) | first lint | p50 | p99 | documents patched / parsed | target p50 ≤ 50, p99 ≤ 150 |',
    '|---|---:|---:|---:|---|---|',
    ...(result.largeEdits as any[]).map((r) => `| \`${r.file}\` (${r.bytes}, ${r.documents}) | ${r.firstLintMs} | ${r.p50} | ${r.p99} | ${r.documentsPatched} / ${r.documentsParsed} | ${r.p50 <= 50 && r.p99 <= 150 ? 'met' : 'missed'} |`),
    '',
    '## Whole-corpus audit (fresh processes, best of two)',
    '',
    '| run | wall s | peak RSS MB |',
    '|---|---:|---:|',
    `| parse floor, 1 thread (dockerfile-ast + yaml, read one file at a time) | ${result.corpus.parseFloorDefaultFlags.wallS} | ${result.corpus.parseFloorDefaultFlags.maxRssMb} |`,
    `| parse floor, 1 thread, with the CLI's \`--no-turbo-inlining\` | ${result.corpus.parseFloorNoInlining.wallS} | ${result.corpus.parseFloorNoInlining.maxRssMb} |`,
    `| bulkhead CLI, --workers 1 | ${result.corpus.cliWorkers1.wallS} | ${result.corpus.cliWorkers1.maxRssMb} |`,
    `| bulkhead CLI, --workers 2 | ${result.corpus.cliWorkers2.wallS} | ${result.corpus.cliWorkers2.maxRssMb} |`,
    '',
    `The floor is the faster of its two runs: ${result.corpus.parseFloor1Thread.wallS} s.`,
    '',
    `Ratio (2 workers / floor): **${result.corpus.ratioWorkers2ToFloor}** (target ≤ 0.8: ${result.corpus.ratioWorkers2ToFloor <= 0.8 ? 'met' : 'missed'}; peak RSS target ≤ 400 MB: ${result.corpus.cliWorkers2.maxRssMb <= 400 ? 'met' : 'missed'}). With 1 worker: ${result.corpus.ratioWorkers1ToFloor}.`,
    '',
    `What the second core gives this work on this machine: two parse floors at once take ${result.corpus.twoFloorsAtOnceWallS} s, ${result.corpus.secondCoreThroughput}× the throughput of one (2× if the cores did not share caches and memory bandwidth).`,
    '',
    '## Activation',
    '',
    `Loading \`dist/client.js\` and calling \`activate()\` with a stub vscode API: ${result.activation.activateMs} ms (target ≤ 50 ms); the activation bundle holds ${result.activation.clientBundleKb} KB. Right after activation the extension host loads \`dist/language-client.js\` (${result.activation.languageClientBundleKb} KB, vscode-languageclient and the audit UI): ${result.activation.languageClientLoadMs} ms. Engine modules in either bundle: ${result.activation.engineModulesInClient}.`,
    '',
  ];
  return lines.join('\n');
}

function main(): void {
  console.log(`bench: corpus ${CORPUS}${QUICK ? ' (quick)' : ''}`);
  // The minified bundles, as the .vsix ships them.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--minify', '--metafile'], { stdio: 'inherit' });
  const loadAtStart = loadavg()[0]!.toFixed(2);
  const peers = installPeers();
  console.log('per-file latency ...');
  const perFileResult = perFile(peers);
  console.log('one-line edits in the largest manifests ...');
  const largeEditsResult = largeEdits();
  console.log('whole-corpus audit ...');
  const corpusResult = corpus();
  console.log('activation ...');
  const activationResult = activation();
  const result = {
    date: new Date().toISOString(),
    version: VERSION,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? '',
    loadAtStart,
    perFile: perFileResult,
    largeEdits: largeEditsResult,
    corpus: corpusResult,
    activation: activationResult,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'latest.md'), markdown(result));
  console.log(markdown(result));
}

main();
