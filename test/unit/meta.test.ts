import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS } from '../../server/src/engine/config-file';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { exercisedMessages, ROOT } from '../rule-tester';
import { CATALOGUE_IDS } from './rule-ids';

const RULES_DIR = join(ROOT, 'server', 'src', 'engine', 'rules');
const DOC_SECTIONS = ['Why', 'Examples', 'How to fix', 'References'];

describe('meta: rule registry, files, tests and docs', () => {
  it('every rule file is registered under its file name', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    assert.deepEqual(ALL_RULES.map((r) => r.id).sort(), files);
  });

  it('rule ids come from the catalogue', () => {
    const unknown = ALL_RULES.map((r) => r.id).filter((id) => !(CATALOGUE_IDS as readonly string[]).includes(id));
    assert.deepEqual(unknown, []);
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      it('has a test table', () => {
        assert.ok(existsSync(join(ROOT, 'test', 'unit', 'rules', `${rule.id}.test.ts`)), `missing test/unit/rules/${rule.id}.test.ts`);
      });
      it('has a docs page with the standard sections', () => {
        const path = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
        assert.ok(existsSync(path), `missing docs/rules/${rule.id}.md`);
        const md = readFileSync(path, 'utf8');
        assert.ok(md.startsWith(`# ${rule.id}\n`), 'the page starts with "# <id>"');
        const h2 = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        assert.deepEqual(h2, DOC_SECTIONS);
        assert.ok(rule.docsUrl.endsWith(`/docs/rules/${rule.id}.md`));
      });
      it('declares refs, a title and messages', () => {
        assert.ok(rule.title.length > 0 && Object.keys(rule.messages).length > 0);
        if (rule.kinds.length > 0) assert.ok(rule.refs.length > 0, 'a checking rule names the controls it answers to');
      });
    });
  }

  after(function () {
    // Only meaningful when the whole suite ran (not under --grep or a single file).
    if (ALL_RULES.some((r) => !exercisedMessages.has(r.id))) return;
    const missing = ALL_RULES.flatMap((r) => Object.keys(r.messages).filter((m) => !exercisedMessages.get(r.id)!.has(m)).map((m) => `${r.id}/${m}`));
    assert.deepEqual(missing, [], 'every message id is produced by some invalid test case');
  });
});

describe('meta: generated files and grammar', () => {
  it('generated files are fresh (npx tsx scripts/generate.ts)', function () {
    this.timeout(30000);
    const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts', 'generate.ts'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('the config JSON schema has exactly the keys the parser accepts', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'bulkhead.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(schema.properties), [...CONFIG_KEYS]);
  });

  it('the suppression grammar highlights directive, rule ids and reason', () => {
    const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'bulkhead-suppression.tmLanguage.json'), 'utf8')) as { repository: { directive: { match: string } } };
    const re = new RegExp(grammar.repository.directive.match);
    assert.deepEqual(re.exec('bulkhead-ignore image-tag-latest,add-instead-of-copy -- pinned upstream')?.slice(1), ['bulkhead-ignore', 'image-tag-latest,add-instead-of-copy', '--', 'pinned upstream']);
    assert.deepEqual(re.exec('bulkhead-ignore-file all')?.slice(1), ['bulkhead-ignore-file', 'all', undefined, undefined]);
  });
});
