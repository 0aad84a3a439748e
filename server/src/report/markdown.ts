import type { InventoryImage, ReportModel } from './model';

/** A table cell stays readable: the first uses of an image, then how many more (the HTML export lists all). */
const USES_LISTED = 10;
const usedIn = (uses: InventoryImage['uses'], cell: (text: string) => string): string =>
  [...uses.slice(0, USES_LISTED).map((u) => `${cell(u.path)}:${u.line} (${cell(u.context)})`), ...(uses.length > USES_LISTED ? [`… and ${uses.length - USES_LISTED} more`] : [])].join('<br>');

/** The audit report as Markdown (a PR comment, a wiki page). */
export function renderMarkdown(model: ReportModel): string {
  const t = model.totals;
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines: string[] = [
    '# Bulkhead audit report',
    '',
    `${model.root} · ${model.generatedAt} · bulkhead ${model.tool.version}`,
    '',
    `**${t.error} errors, ${t.warning} warnings, ${t.info} info** in ${t.files} files (${t.suppressed} suppressed); ${model.images.length} images referenced.`,
    '',
    '## Findings by rule',
    '',
    ...(model.byRule.length ? ['| rule | findings |', '|---|---:|', ...model.byRule.map((r) => `| [${r.ruleId}](${r.docsUrl}) | ${r.count} |`)] : ['No findings.']),
    '',
    '## Findings by file kind',
    '',
    '| kind | files | findings |',
    '|---|---:|---:|',
    ...model.byKind.map((k) => `| ${k.kind} | ${k.files} | ${k.findings} |`),
    '',
    '## Image inventory',
    '',
    ...(model.images.length
      ? ['| image | registry | tag | digest | trusted | used in |', '|---|---|---|---|---|---|', ...model.images.map((i) => `| \`${cell(i.key)}\` | ${i.registry} | ${cell(i.tag ?? '—')} | ${i.digest ? 'pinned' : 'not pinned'} | ${i.trusted === undefined ? '—' : i.trusted ? 'yes' : 'no'} | ${usedIn(i.uses, cell)} |`)]
      : ['No images referenced.']),
    '',
    '## Top files',
    '',
    ...(model.topFiles.length ? ['| file | errors | warnings | info |', '|---|---:|---:|---:|', ...model.topFiles.map((f) => `| ${cell(f.path)} | ${f.error} | ${f.warning} | ${f.info} |`)] : ['No findings.']),
    '',
    '## Findings',
    '',
    ...(model.findings.length ? ['| severity | rule | message | location |', '|---|---|---|---|', ...model.findings.map((f) => `| ${f.severity} | ${f.ruleId} | ${cell(f.message)} | ${cell(f.path)}:${f.line}:${f.column} |`)] : ['No findings.']),
    ...(model.findingsOmitted > 0 ? ['', `${model.findingsOmitted} more findings are in the SARIF and JSON exports.`] : []),
    '',
  ];
  return lines.join('\n');
}
