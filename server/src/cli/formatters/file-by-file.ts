import { summarize, type FileReport, type Summary } from '../../report/file-report';

/**
 * A format that prints file by file (json, sarif, stylish). Each file's part is rendered where the
 * file was analysed, so a worker thread sends text rather than findings, and the CLI keeps strings
 * rather than every finding of the run; the document is put together from the parts at the end.
 */
export interface FileByFileFormat {
  /** One file's part, ready to be joined ('' when the file prints nothing). */
  file(report: FileReport): string;
  /** Writes the document in pieces: a large one is never one string. */
  write(parts: readonly string[], summary: Summary, out: (chunk: string) => void): void;
}

/** The whole document as one string. */
export function documentOf(format: FileByFileFormat, reports: readonly FileReport[]): string {
  const chunks: string[] = [];
  format.write(reports.map(format.file), summarize(reports), (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/** Stands for the parts in a document stringified around them. */
const PARTS = 'bulkhead:parts';

/** `JSON.stringify(value, null, 2)` at the given depth, ready to be an array element of a document. */
export function jsonAt(value: unknown, depth: number): string {
  // Nested in `depth` arrays, stringify indents it as it will stand; the arrays' own lines are cut
  // off (`[\n`, `  [\n`, ...: depth × (depth + 1) characters at each end). Re-indenting with a
  // replace costs three times the time and four times the memory.
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const edge = depth * (depth + 1);
  return text.slice(edge, text.length - edge);
}

/**
 * Writes `JSON.stringify(document, null, 2)` and a line break, where the one array holding `PARTS`
 * holds the non-empty parts (each made by `jsonAt` at the array's depth) instead: what
 * stringifying it whole gives.
 */
export function writeJsonDocument(document: (parts: readonly string[]) => unknown, parts: readonly string[], out: (chunk: string) => void): void {
  const text = JSON.stringify(document([PARTS]), null, 2);
  const hole = /\[\n *"bulkhead:parts"\n( *)\]/.exec(text)!;
  const filled = parts.filter((p) => p !== '');
  out(text.slice(0, hole.index));
  if (filled.length === 0) out('[]');
  else {
    out('[\n');
    filled.forEach((part, i) => out(i === 0 ? part : `,\n${part}`));
    out(`\n${hole[1]}]`);
  }
  out(`${text.slice(hole.index + hole[0].length)}\n`);
}
