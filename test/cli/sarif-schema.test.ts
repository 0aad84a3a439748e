import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The vendored schema declares JSON Schema draft 2020-12, so it needs Ajv's 2020 build
// (the default Ajv export only knows draft-07 and refuses the schema's $schema URI).
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { ROOT } from '../rule-tester';

const CLI = join(ROOT, 'dist', 'cli.js');
const SCHEMA = join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

interface SarifResult { ruleId: string; level?: string; suppressions?: unknown[]; fixes?: unknown[]; relatedLocations?: unknown[] }
interface SarifLog { version: string; runs: { results: SarifResult[] }[] }

function sarifOf(cwd: string): SarifLog {
  const r = spawnSync(process.execPath, [CLI, '--format', 'sarif', '--fail-on', 'never'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return JSON.parse(r.stdout) as SarifLog;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return JSON.stringify(errors ?? [], null, 2);
}

describe('SARIF output against the official SARIF 2.1.0 schema', function () {
  this.timeout(20000);
  let validate: ValidateFunction;

  before(() => {
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as { title: string };
    assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
    // ajv-formats is not installed: formats (uri, uuid, date-time) are not checked.
    validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  });

  function assertValid(log: unknown): void {
    const ok = validate(log);
    assert.ok(ok, `SARIF log is not valid against the schema:\n${describeErrors(validate.errors)}`);
  }

  it('bulkhead --format sarif on examples/ is valid', () => {
    const log = sarifOf(join(ROOT, 'examples'));
    assert.ok(log.runs[0]!.results.length > 0, 'the example workspace should produce results');
    assertValid(log);
  });

  it('is valid with suppressions, fixes and related locations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-sarif-'));
    try {
      // The suppression comment covers the next instruction only: the first ADD is suppressed,
      // the second one is reported with its ADD -> COPY fix.
      writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu:24.04\n# bulkhead-ignore add-instead-of-copy -- reviewed\nADD a /a\nADD b /b\n');
      // A LoadBalancer Service selecting a PostgreSQL Deployment: datastore-port-published points at the container.
      writeFileSync(join(dir, 'db.yaml'), [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: db',
        'spec:',
        '  selector:',
        '    matchLabels:',
        '      app: db',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: db',
        '    spec:',
        '      containers:',
        '        - name: postgres',
        '          image: postgres:16.4',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: db',
        'spec:',
        '  type: LoadBalancer',
        '  selector:',
        '    app: db',
        '  ports:',
        '    - port: 5432',
        '',
      ].join('\n'));
      const log = sarifOf(dir);
      const results = log.runs[0]!.results;
      const adds = results.filter((r) => r.ruleId === 'add-instead-of-copy');
      assert.equal(adds.length, 2);
      assert.equal(adds.filter((r) => r.suppressions?.length).length, 1, 'one suppressed finding');
      assert.ok(adds.some((r) => !r.suppressions && r.fixes?.length), 'one unsuppressed finding with a fix');
      assert.ok(results.some((r) => r.ruleId === 'datastore-port-published' && r.relatedLocations?.length), 'a finding with related locations');
      assertValid(log);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('negative control: an invalid result level is rejected', () => {
    const log = sarifOf(join(ROOT, 'examples'));
    log.runs[0]!.results[0]!.level = 'critical';
    assert.equal(validate(log), false);
    assert.ok(
      validate.errors?.some((e) => e.instancePath === '/runs/0/results/0/level' && e.keyword === 'enum'),
      `expected an enum error at /runs/0/results/0/level, got:\n${describeErrors(validate.errors)}`,
    );
  });
});
