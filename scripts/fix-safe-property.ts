// Property check of the safe fixes (fix-all, as `bulkhead --fix` and fix-on-save apply them) over
// a corpus of Dockerfiles. Not a test.
//   npx tsx scripts/fix-safe-property.ts [folders...]
//
// For every Dockerfile with safe fixes: the fixed text must parse with no new syntax problem, keep
// its instructions in order (only the keywords the fixes are meant to change may differ: ADD →
// COPY, MAINTAINER → LABEL; CMD/ENTRYPOINT keep their keyword), keep every non-fixed finding of
// other rules, and leave none of the fixed findings behind.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultConfig } from '../server/src/engine/config';
import { detectKind } from '../server/src/engine/detect';
import { fixAll } from '../server/src/engine/fix/fix-all';
import { lint } from '../server/src/engine/lint';
import { parseDockerfile } from '../server/src/engine/parse/dockerfile';
import { SourceFile } from '../server/src/engine/source';

const corpus = join(__dirname, '..', '..', 'shared', 'corpus');
const roots = process.argv.slice(2).length ? process.argv.slice(2) : [join(corpus, 'dockerfile')];
const config = defaultConfig({ profile: 'strict' });
/** Keyword changes a safe fix may make. */
const INTENDED = new Set(['ADD>COPY', 'MAINTAINER>LABEL']);

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile()) yield p;
  }
}

let files = 0;
let fixedFiles = 0;
const fixedByRule = new Map<string, number>();
const failures: string[] = [];
for (const root of roots) {
  for (const path of walk(root)) {
    const text = readFileSync(path, 'utf8');
    if (detectKind(path, text) !== 'dockerfile') continue;
    files++;
    const source = new SourceFile(path, text);
    const result = fixAll(source, { config, kind: 'dockerfile' });
    if (result.fixed.length === 0) continue;
    fixedFiles++;
    for (const f of result.fixed) fixedByRule.set(f.ruleId, (fixedByRule.get(f.ruleId) ?? 0) + 1);
    const where = relative(corpus, path);
    const before = parseDockerfile(source);
    const after = parseDockerfile(new SourceFile(path, result.text));
    if (after.problems.length > before.problems.length) failures.push(`${where}: new syntax problem: ${after.problems[before.problems.length]?.message}`);
    const keywords = (m: typeof before) => m.instructions.map((i) => i.keyword);
    const [k0, k1] = [keywords(before), keywords(after)];
    if (k0.length !== k1.length) failures.push(`${where}: ${k0.length} instructions became ${k1.length}`);
    else k0.forEach((k, i) => k !== k1[i] && !INTENDED.has(`${k}>${k1[i]}`) && failures.push(`${where}: instruction ${i + 1} ${k} became ${k1[i]}`));
    const fixedRules = new Set(result.fixed.map((f) => f.ruleId));
    const findings = (t: string) => lint(new SourceFile(path, t), { config, kind: 'dockerfile' }).findings;
    const left = findings(result.text).filter((f) => f.fix && fixedRules.has(f.ruleId));
    if (left.length) failures.push(`${where}: ${left.length} fixable ${left[0]!.ruleId} finding(s) left`);
    const others = (t: string) => findings(t).filter((f) => !fixedRules.has(f.ruleId)).map((f) => f.ruleId).sort().join(',');
    if (others(text) !== others(result.text)) failures.push(`${where}: other rules' findings changed`);
  }
}
console.log(`${files} Dockerfiles, ${fixedFiles} with safe fixes; fixes applied: ${[...fixedByRule].map(([r, n]) => `${r} ×${n}`).join(', ')}`);
console.log(`${failures.length} failures`);
for (const f of failures.slice(0, 50)) console.log(`  ${f}`);
process.exitCode = failures.length ? 1 : 0;
