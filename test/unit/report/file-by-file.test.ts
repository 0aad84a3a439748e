import assert from 'node:assert/strict';
import { jsonAt } from '../../../server/src/cli/formatters/file-by-file';
import { formatJson } from '../../../server/src/cli/formatters/json';
import { formatSarif } from '../../../server/src/cli/formatters/sarif';
import { formatStylish, stylishFormat } from '../../../server/src/cli/formatters/stylish';
import type { FileReport, ReportedFinding } from '../../../server/src/report/file-report';

// The CLI renders each file's part where the file is analysed and joins the parts at the end: the
// joined document must be exactly what stringifying it whole gives.
const range = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 4 } });
const finding = (ruleId: string, line: number, extra: Partial<ReportedFinding> = {}): ReportedFinding => ({
  ruleId,
  severity: 'warning',
  message: `"${ruleId}" – on line ${line}\n`,
  range: range(line),
  lineText: `ADD . /app ${line}`,
  fix: undefined,
  related: [],
  suppressed: undefined,
  ...extra,
});
const REPORTS: FileReport[] = [
  { path: 'api/Dockerfile', kind: 'dockerfile', images: [], findings: [finding('add-instead-of-copy', 3, { fix: { title: 'Replace ADD with COPY', edits: [{ range: range(3), newText: 'COPY' }] } }), finding('workdir-relative', 2, { severity: 'info', suppressed: { by: 'bulkhead-ignore' } })] },
  { path: 'clean.yaml', kind: 'k8s', images: [], findings: [] },
  { path: 'dir with space/compose.yaml', kind: 'compose', images: [], findings: [finding('privileged-container', 7, { severity: 'error', related: [{ path: 'api/Dockerfile', range: range(1), message: 'built here' }] })] },
];

describe('file-by-file output: parts joined into one document', () => {
  it('jsonAt(value, depth) is the value stringified as it stands at that depth', () => {
    const value = { a: [1, { b: 'x\ny' }], c: {} };
    for (const depth of [0, 1, 2, 4]) {
      const indent = ' '.repeat(2 * depth);
      assert.equal(jsonAt(value, depth), indent + JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`));
    }
    assert.equal(jsonAt([], 2), '    []');
  });

  for (const [name, format] of [['json', formatJson], ['sarif', formatSarif]] as const) {
    for (const reports of [[], REPORTS.slice(1, 2), REPORTS]) {
      it(`${name} with ${reports.length} files is the whole document stringified at once`, () => {
        const out = format(reports);
        assert.equal(out, `${JSON.stringify(JSON.parse(out), null, 2)}\n`);
      });
    }
  }

  it('json lists every file, the clean one too, in order, with the DESIGN.md fields', () => {
    const parsed = JSON.parse(formatJson(REPORTS)) as { files: { path: string; findings: { ruleId: string; fixable: boolean; suppressed: boolean }[] }[]; summary: unknown };
    assert.deepEqual(parsed.files.map((f) => [f.path, f.findings.map((x) => `${x.ruleId} fixable=${x.fixable} suppressed=${x.suppressed}`)]), [
      ['api/Dockerfile', ['add-instead-of-copy fixable=true suppressed=false', 'workdir-relative fixable=false suppressed=true']],
      ['clean.yaml', []],
      ['dir with space/compose.yaml', ['privileged-container fixable=false suppressed=false']],
    ]);
    assert.deepEqual(parsed.summary, { files: 3, error: 1, warning: 1, info: 0, suppressed: 1 });
  });

  it('sarif has one result per finding, in file order, with its fix and related location', () => {
    const results = (JSON.parse(formatSarif(REPORTS)) as { runs: { results: { ruleId: string; fixes?: unknown[]; relatedLocations?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results;
    assert.deepEqual(results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.fixes?.length ?? 0, r.relatedLocations?.length ?? 0]), [
      ['add-instead-of-copy', 'api/Dockerfile', 1, 0],
      ['workdir-relative', 'api/Dockerfile', 0, 0],
      ['privileged-container', 'dir%20with%20space/compose.yaml', 0, 1],
    ]);
  });

  it('stylish prints nothing for a file without shown findings, and the summary counts every file', () => {
    assert.equal(stylishFormat(false).file(REPORTS[1]!), '');
    assert.equal(
      formatStylish(REPORTS, false),
      '\napi/Dockerfile\n  3:1  warning  "add-instead-of-copy" – on line 3\n  add-instead-of-copy\n' +
        '\ndir with space/compose.yaml\n  7:1  error    "privileged-container" – on line 7\n  privileged-container\n' +
        '\n✖ 2 problems (1 error, 1 warning, 0 info) in 3 files checked, 1 suppressed\n',
    );
  });
});
