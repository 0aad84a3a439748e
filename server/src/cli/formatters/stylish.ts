import type { Severity } from '../../engine';
import type { FileReport } from '../../report/file-report';
import { documentOf, type FileByFileFormat } from './file-by-file';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;
const SEVERITY_COLOR: Record<Severity, keyof typeof COLORS> = { error: 'red', warning: 'yellow', info: 'blue' };

/** ESLint-style text: findings grouped by file, aligned columns, a summary line. */
export function stylishFormat(color: boolean): FileByFileFormat {
  const paint = (code: keyof typeof COLORS, text: string): string => (color ? `\u001b[${COLORS[code]}m${text}\u001b[0m` : text);
  return {
    file(r) {
      const shown = r.findings.filter((f) => !f.suppressed);
      if (shown.length === 0) return '';
      const rows = shown.map((f) => ({ pos: `${f.range.start.line}:${f.range.start.column}`, sev: f.severity, msg: f.message, id: f.ruleId }));
      const posWidth = Math.max(...rows.map((x) => x.pos.length));
      return `\n${paint('underline', r.path)}\n${rows.map((row) => `  ${paint('gray', row.pos.padEnd(posWidth))}  ${paint(SEVERITY_COLOR[row.sev], row.sev.padEnd(7))}  ${row.msg}  ${paint('gray', row.id)}\n`).join('')}`;
    },
    write(parts, s, out) {
      const printed = parts.some((p) => p !== '');
      for (const part of parts) if (part) out(part);
      const total = s.error + s.warning + s.info;
      const files = `${s.files} ${s.files === 1 ? 'file' : 'files'} checked`;
      const suppressed = s.suppressed ? `, ${s.suppressed} suppressed` : '';
      if (total === 0) return out(`${printed ? '\n' : ''}${paint('bold', `✔ No problems (${files}${suppressed})`)}\n`);
      const line = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${s.error} ${plural(s.error, 'error')}, ${s.warning} ${plural(s.warning, 'warning')}, ${s.info} info) in ${files}${suppressed}`;
      out(`\n${paint(s.error ? 'red' : s.warning ? 'yellow' : 'blue', paint('bold', line))}\n`);
    },
  };
}

export const formatStylish = (reports: readonly FileReport[], color: boolean): string => documentOf(stylishFormat(color), reports);

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
