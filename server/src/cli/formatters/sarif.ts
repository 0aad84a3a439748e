import { createHash } from 'node:crypto';
import { ALL_RULES, type Rule, type Severity } from '../../engine';
import { VERSION } from '../../version';
import type { FileReport, Range1, ReportedFinding } from '../../report/file-report';
import { documentOf, jsonAt, writeJsonDocument, type FileByFileFormat } from './file-by-file';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security results by this score. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

/** SARIF 2.1.0 with rule metadata, CIS/PSS/CWE tags and fingerprints stable across runs. */
export function sarifFormat(root = process.cwd()): FileByFileFormat {
  return {
    file: (r) => sarifResults(r).map((result) => jsonAt(result, 4)).join(',\n'),
    write: (parts, _summary, out) =>
      writeJsonDocument(
        (results) => ({
          $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
          version: '2.1.0',
          runs: [{
            tool: {
              driver: {
                name: 'bulkhead',
                version: VERSION,
                semanticVersion: VERSION,
                informationUri: 'https://github.com/bulkhead-dev/bulkhead',
                rules: ALL_RULES.map(ruleDescriptor),
              },
            },
            originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' + encodeUri(root.replace(/\\/g, '/').replace(/^\//, '').replace(/\/$/, '')) + '/' } },
            columnKind: 'utf16CodeUnits',
            results,
          }],
        }),
        parts,
        out,
      ),
  };
}

export const formatSarif = (reports: readonly FileReport[], root = process.cwd()): string => documentOf(sarifFormat(root), reports);

const RULE_INDEX = new Map(ALL_RULES.map((r, i) => [r.id, i]));

function sarifResults(r: FileReport): object[] {
  const occurrences = new Map<string, number>();
  return r.findings.map((f) => {
    const base = `${f.ruleId}\u0000${r.path}\u0000${f.lineText}`;
    const occurrence = occurrences.get(base) ?? 0;
    occurrences.set(base, occurrence + 1);
    return {
      ruleId: f.ruleId,
      ruleIndex: RULE_INDEX.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeUri(r.path), uriBaseId: '%SRCROOT%' },
          region: region(f.range),
        },
      }],
      partialFingerprints: { 'bulkhead/v1': createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32) },
      ...(f.related?.length ? { relatedLocations: f.related.map((rel, i) => relatedLocation(rel, i)) } : {}),
      ...(f.suppressed ? { suppressions: [{ kind: 'inSource', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) }] } : {}),
      ...(f.fix ? { fixes: [fixOf(r.path, f.fix)] } : {}),
    };
  });
}

function ruleDescriptor(rule: Rule): object {
  const level = rule.severity === 'off' ? 'none' : LEVEL[rule.severity];
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}. See ${rule.docsUrl}` },
    helpUri: rule.docsUrl,
    help: { text: `${rule.title}. Documentation: ${rule.docsUrl}`, markdown: `**${rule.title}**\n\n[Documentation](${rule.docsUrl})` },
    defaultConfiguration: { level, enabled: rule.severity !== 'off' },
    properties: {
      tags: tagsOf(rule),
      precision: 'high',
      ...(rule.severity !== 'off' ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

/** `security`, the kinds, and one tag per reference: CWE as GitHub's `external/cwe/cwe-N`, others as written. */
export function tagsOf(rule: Rule): string[] {
  const tags = new Set<string>(['security', ...rule.kinds]);
  for (const ref of rule.refs) {
    const cwe = /^CWE-(\d+)/.exec(ref);
    tags.add(cwe ? `external/cwe/cwe-${cwe[1]}` : ref);
  }
  return [...tags];
}

function region(range: Range1): object {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

function relatedLocation(related: ReportedFinding['related'][number], id: number): object {
  return {
    id,
    message: { text: related.message },
    physicalLocation: { artifactLocation: { uri: encodeUri(related.path), uriBaseId: '%SRCROOT%' }, region: region(related.range) },
  };
}

function fixOf(path: string, fix: NonNullable<ReportedFinding['fix']>): object {
  return {
    description: { text: fix.title },
    artifactChanges: [{
      artifactLocation: { uri: encodeUri(path), uriBaseId: '%SRCROOT%' },
      replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    }],
  };
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
