// Runs the engine over ../shared/corpus (or given folders) and prints findings per rule, with samples,
// to hunt false positives. Not a test.
//   npx tsx scripts/corpus.ts [folders...] [--rule id[,id]] [--samples N] [--profile strict] [--show-all]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultConfig, type ProfileName } from '../server/src/engine/config';
import { detectKind } from '../server/src/engine/detect';
import { lint } from '../server/src/engine/lint';
import { SourceFile } from '../server/src/engine/source';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const onlyRules = opt('--rule')?.split(',');
const samples = Number(opt('--samples') ?? 3);
const profile = (opt('--profile') ?? 'strict') as ProfileName;
const showAll = args.includes('--show-all');
const folders = args.filter((a) => !a.startsWith('--'));
const corpus = join(__dirname, '..', '..', 'shared', 'corpus');
const roots = folders.length ? folders : [corpus];
const config = defaultConfig({ profile });

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile()) yield p;
  }
}

const counts = new Map<string, { n: number; files: Set<string>; samples: string[] }>();
let files = 0;
for (const root of roots) {
  for (const path of statSync(root).isDirectory() ? walk(root) : [root]) {
    const text = readFileSync(path, 'utf8');
    const rel = relative(corpus, path);
    if (detectKind(path, text) === 'other') continue;
    files++;
    const source = new SourceFile(path, text);
    for (const f of lint(source, { config }).findings) {
      if (onlyRules && !onlyRules.includes(f.ruleId)) continue;
      const c = counts.get(f.ruleId) ?? { n: 0, files: new Set(), samples: [] };
      counts.set(f.ruleId, c);
      c.n++;
      c.files.add(rel);
      if (showAll || c.samples.length < samples) {
        const pos = source.lines.positionAt(f.span.start);
        c.samples.push(`    ${rel}:${pos.line + 1}:${pos.character + 1} ${f.message}\n      | ${source.lines.lineText(pos.line).trim().slice(0, 160)}`);
      }
    }
  }
}
console.log(`${files} files`);
for (const [id, c] of [...counts].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`${String(c.n).padStart(6)} in ${String(c.files.size).padStart(5)} files  ${id}`);
  for (const s of c.samples) console.log(s);
}
