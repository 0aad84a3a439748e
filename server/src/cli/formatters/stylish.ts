import type { Severity } from '../../engine';
import { summarize, type FileReport } from '../../report/file-report';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;

/** ESLint-style text: findings grouped by file, aligned columns, a summary line. */
export function formatStylish(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: keyof typeof COLORS, text: string): string => (color ? `\u001b[${COLORS[code]}m${text}\u001b[0m` : text);
  const sevColor: Record<Severity, keyof typeof COLORS> = { error: 'red', warning: 'yellow', info: 'blue' };
  let out = '';
  for (const r of reports) {
    const shown = r.findings.filter((f) => !f.suppressed);
    if (shown.length === 0) continue;
    out += `\n${paint('underline', r.path)}\n`;
    const rows = shown.map((f) => ({ pos: `${f.range.start.line}:${f.range.start.column}`, sev: f.severity, msg: f.message, id: f.ruleId }));
    const posWidth = Math.max(...rows.map((x) => x.pos.length));
    for (const row of rows) {
      out += `  ${paint('gray', row.pos.padEnd(posWidth))}  ${paint(sevColor[row.sev], row.sev.padEnd(7))}  ${row.msg}  ${paint('gray', row.id)}\n`;
    }
  }
  const s = summarize(reports);
  const total = s.error + s.warning + s.info;
  const files = `${s.files} ${s.files === 1 ? 'file' : 'files'} checked`;
  if (total === 0) return `${out}${out ? '\n' : ''}${paint('bold', `✔ No problems (${files}${s.suppressed ? `, ${s.suppressed} suppressed` : ''})`)}\n`;
  const line = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${s.error} ${plural(s.error, 'error')}, ${s.warning} ${plural(s.warning, 'warning')}, ${s.info} info) in ${files}${s.suppressed ? `, ${s.suppressed} suppressed` : ''}`;
  return `${out}\n${paint(s.error ? 'red' : s.warning ? 'yellow' : 'blue', paint('bold', line))}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
