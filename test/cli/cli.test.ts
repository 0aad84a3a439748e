import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../rule-tester';

const CLI = join(ROOT, 'dist', 'cli.js');
const WS = join(ROOT, 'test', 'fixtures', 'cli', 'ws');
/** The formatting tests look at two rules, so that new rules do not change their expected output. */
const FOCUS = ['--only', 'add-instead-of-copy,image-tag-latest'];

function bulkhead(args: string[], cwd = WS): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI', function () {
  this.timeout(20000);

  it('walks folders (skipping node_modules and .gitignored paths) and prints stylish output', () => {
    const r = bulkhead(['.', '--fail-on', 'warning', ...FOCUS]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        '',
        'app/Dockerfile',
        '  2:1  warning  Use COPY instead of ADD for local files: ADD also extracts archives and fetches URLs, which hides what enters the image.  add-instead-of-copy',
        '',
        'compose.yaml',
        '  3:18  warning  Image "nginx:latest" uses the mutable "latest" tag; pin a version tag or a digest.  image-tag-latest',
        '',
        '✖ 2 problems (0 errors, 2 warnings, 0 info) in 3 files checked',
        '',
      ].join('\n'),
    );
  });

  it('--format json follows the contract exactly', () => {
    const r = bulkhead(['app', 'compose.yaml', 'workflow.yml', '--format', 'json', ...FOCUS]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      version: 1,
      tool: { name: 'bulkhead', version: '0.1.0' },
      files: [
        {
          path: 'app/Dockerfile',
          kind: 'dockerfile',
          findings: [{
            ruleId: 'add-instead-of-copy',
            severity: 'warning',
            message: 'Use COPY instead of ADD for local files: ADD also extracts archives and fetches URLs, which hides what enters the image.',
            range: { start: { line: 2, column: 1 }, end: { line: 2, column: 4 } },
            fixable: true,
            suppressed: false,
          }],
        },
        {
          path: 'compose.yaml',
          kind: 'compose',
          findings: [{
            ruleId: 'image-tag-latest',
            severity: 'warning',
            message: 'Image "nginx:latest" uses the mutable "latest" tag; pin a version tag or a digest.',
            range: { start: { line: 3, column: 18 }, end: { line: 3, column: 24 } },
            fixable: false,
            suppressed: false,
          }],
        },
        { path: 'workflow.yml', kind: 'other', findings: [] },
      ],
      summary: { files: 3, error: 0, warning: 2, info: 0, suppressed: 0 },
    });
  });

  it('--format sarif names rules with help URIs and locations', () => {
    const r = bulkhead(['compose.yaml', '--format', 'sarif', ...FOCUS]);
    const log = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[]; partialFingerprints: Record<string, string> }[] }[] };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    const result = run.results[0]!;
    assert.equal(result.ruleId, 'image-tag-latest');
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'image-tag-latest');
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.helpUri, 'https://github.com/bulkhead-dev/bulkhead/blob/main/docs/rules/image-tag-latest.md');
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0]!.physicalLocation.artifactLocation.uri, 'compose.yaml');
    assert.deepEqual(result.locations[0]!.physicalLocation.region, { startLine: 3, startColumn: 18, endLine: 3, endColumn: 24 });
    assert.match(result.partialFingerprints['bulkhead/v1']!, /^[0-9a-f]{32}$/);
  });

  it('exit codes follow --fail-on', () => {
    assert.equal(bulkhead(['.', ...FOCUS]).code, 0, 'warnings only, default --fail-on error');
    assert.equal(bulkhead(['.', '--fail-on', 'warning', ...FOCUS]).code, 1);
    assert.equal(bulkhead(['.', '--fail-on', 'never', ...FOCUS]).code, 0);
    assert.equal(bulkhead(['clean.Dockerfile', '--fail-on', 'info', ...FOCUS]).code, 0);
    assert.equal(bulkhead(['clean.Dockerfile', ...FOCUS]).stdout, '✔ No problems (1 file checked)\n');
    assert.equal(bulkhead(['.', '--fail-on', 'error', '--only', 'secret-in-env', '--only', 'privileged-container']).code, 0);
  });

  it('bad usage: exit 2 with a one-line message naming the option', () => {
    const cases: [string[], string][] = [
      [['--format', 'xml'], 'bulkhead: invalid value "xml" for --format; expected one of: stylish, json, sarif, markdown, html\n'],
      [['--profile', 'paranoid'], 'bulkhead: invalid value "paranoid" for --profile; expected one of: recommended, pss-baseline, pss-restricted, cis-docker, strict\n'],
      [['--fail-on'], 'bulkhead: option --fail-on needs a value (error, warning, info, never)\n'],
      [['--frobnicate'], 'bulkhead: unknown option --frobnicate (see bulkhead --help)\n'],
      [['missing-dir'], 'bulkhead: no such file or folder: missing-dir\n'],
      [['--fix', '--fix-dry-run'], 'bulkhead: use either --fix or --fix-dry-run, not both\n'],
      [['--only', 'no-such-rule'], 'bulkhead: unknown rule id "no-such-rule" for --only\n'],
      [['--only', ','], 'bulkhead: option --only needs rule ids, e.g. --only image-tag-latest,secret-in-env\n'],
    ];
    for (const [args, message] of cases) {
      const r = bulkhead(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });

  it('--help and --version', () => {
    assert.match(bulkhead(['--help']).stdout, /^Usage: bulkhead \[paths\.\.\.\] \[options\]/);
    assert.equal(bulkhead(['--version']).stdout, '0.1.0\n');
  });

  it('--fix applies safe fixes in place and reports them; --fix-dry-run prints a diff', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-fix-'));
    try {
      cpSync(join(WS, 'app'), dir, { recursive: true });
      const dry = bulkhead(['--fix-dry-run', ...FOCUS], dir);
      assert.equal(dry.stdout, '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM ubuntu:24.04\n-ADD app.py /app/\n+COPY app.py /app/\n');
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM ubuntu:24.04\nADD app.py /app/\n');
      const fix = bulkhead(['--fix', ...FOCUS], dir);
      assert.equal(fix.stderr, 'fixed 1 problem in Dockerfile (add-instead-of-copy ×1)\n');
      assert.equal(fix.stdout, '✔ No problems (1 file checked)\n');
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM ubuntu:24.04\nCOPY app.py /app/\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--output writes the report to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-out-'));
    try {
      const r = bulkhead(['compose.yaml', '--format', 'json', '--output', join(dir, 'nested', 'report.json'), ...FOCUS]);
      assert.equal(r.stdout, '');
      assert.equal((JSON.parse(readFileSync(join(dir, 'nested', 'report.json'), 'utf8')) as { summary: { warning: number } }).summary.warning, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('malformed files never crash the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-bad-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), '');
      writeFileSync(join(dir, 'Dockerfile.comments'), '# only a comment\n');
      writeFileSync(join(dir, 'Dockerfile.heredoc'), 'FROM alpine:3.20\nRUN <<EOF\necho unterminated\n');
      writeFileSync(join(dir, 'Dockerfile.binary'), Buffer.from([0x46, 0x52, 0x00, 0xff, 0xfe, 0x00]));
      writeFileSync(join(dir, 'Dockerfile.long'), 'FROM alpine:3.20\nRUN echo a \\\n' + '  && echo b \\\n'.repeat(10000) + '  && true\n');
      writeFileSync(join(dir, 'Dockerfile.utf8'), Buffer.concat([Buffer.from('FROM alpine:3.20\nRUN echo '), Buffer.from([0xc3, 0x28, 0xa0]), Buffer.from('\n')]));
      const r = bulkhead(['.', '--format', 'json', '--only', 'add-instead-of-copy'], dir);
      assert.equal(r.stderr, '');
      const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
      assert.deepEqual(out.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]), [
        ['Dockerfile', []],
        ['Dockerfile.comments', []],
        ['Dockerfile.heredoc', ['syntax-error']],
        ['Dockerfile.long', []],
        ['Dockerfile.utf8', []],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
