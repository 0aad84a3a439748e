// Writes the files derived from the rule registry: the rule index (docs/rules/README.md), the rule-id
// lists of the configuration JSON schema and of the `bulkhead.rules` setting, and the pragma tables of
// docs/suppressions.md. `--check` fails (exit 1) when any of them is stale instead of writing.
//   npx tsx scripts/generate.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import FOREIGN from '../server/src/engine/data/foreign-pragmas.json';
import { ALL_RULES, RULES } from '../server/src/engine/rules/index';

const ROOT = join(__dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];

function write(path: string, content: string): void {
  const full = join(ROOT, path);
  let current = '';
  try {
    current = readFileSync(full, 'utf8');
  } catch {
    // new file
  }
  if (current === content) return;
  if (check) stale.push(path);
  else writeFileSync(full, content);
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
function replaceBlock(path: string, name: string, body: string): void {
  const full = join(ROOT, path);
  const text = readFileSync(full, 'utf8');
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`${path} lacks the ${start} block`);
  write(path, `${text.slice(0, a + start.length)}\n${body}${text.slice(b)}`);
}

const KIND = { dockerfile: 'Dockerfile', compose: 'Compose', k8s: 'Kubernetes' } as const;
const rows = RULES.map((r) => `| [${r.id}](${r.id}.md) | ${r.title} | ${r.kinds.map((k) => KIND[k]).join(', ')} | ${r.severity} | ${r.fix} |`);
const engine = ALL_RULES.filter((r) => r.kinds.length === 0).map((r) => `| [${r.id}](${r.id}.md) | ${r.title} | engine | ${r.severity} | ${r.fix} |`);
write(
  'docs/rules/README.md',
  `# Rules\n\nGenerated from the rule registry by \`scripts/generate.ts\`; do not edit by hand.\n\n| id | title | kinds | default severity | fix |\n|---|---|---|---|---|\n${[...rows, ...engine].join('\n')}\n`,
);

const ids = ALL_RULES.map((r) => r.id);
const schemaPath = 'schemas/bulkhead.schema.json';
const schema = JSON.parse(readFileSync(join(ROOT, schemaPath), 'utf8')) as { definitions: { ruleId: { enum: string[] } } };
schema.definitions.ruleId.enum = ids;
write(schemaPath, `${JSON.stringify(schema, null, 2)}\n`);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { propertyNames?: { enum: string[] } }> } } };
pkg.contributes.configuration.properties['bulkhead.rules']!.propertyNames = { enum: ids };
write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);

const table = Object.entries(FOREIGN as Record<string, unknown>)
  .filter(([tool]) => !tool.startsWith('$'))
  .map(([tool, map]) => `### ${tool}\n\n| their id | Bulkhead rule ids |\n|---|---|\n${Object.entries(map as Record<string, string[]>).map(([id, rules]) => `| \`${id}\` | ${rules.map((r) => `[${r}](rules/${r}.md)`).join(', ')} |`).join('\n')}\n`)
  .join('\n');
replaceBlock('docs/suppressions.md', 'pragma-tables', table);

if (stale.length) {
  console.error(`stale generated files (run "npx tsx scripts/generate.ts"): ${stale.join(', ')}`);
  process.exit(1);
}
