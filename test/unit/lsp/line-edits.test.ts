import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineEdits } from '../../../server/src/lsp/code-actions';

/** Applies `lineEdits(before, after)` with the LSP document model: it must give `after` back. */
function roundTrip(before: string, after: string): { text: string; edits: [number, number, string][] } {
  const document = TextDocument.create('file:///x', 'dockerfile', 1, before);
  const edits = lineEdits(document, before, after);
  return { text: TextDocument.applyEdits(document, edits), edits: edits.map((e) => [e.range.start.line, e.range.end.line, e.newText]) };
}

describe('fix-all line edits', () => {
  it('one edit per run of changed lines, untouched lines not sent', () => {
    assert.deepEqual(roundTrip('a\nb\nc\nd\n', 'a\nB\nc\nD\n'), { text: 'a\nB\nc\nD\n', edits: [[1, 2, 'B\n'], [3, 4, 'D\n']] });
  });

  it('insertions, deletions, CRLF and a last line without a line break', () => {
    const cases: [string, string][] = [
      ['a\nb\n', 'a\nx\nb\n'],
      ['a\nb\nc', 'a\nc'],
      ['a\r\nb\r\nc', 'a\r\nB\r\nc!'],
      ['', 'new\n'],
      ['only', ''],
      ['x\ny\n', 'x\ny\nz'],
    ];
    for (const [before, after] of cases) assert.equal(roundTrip(before, after).text, after, JSON.stringify([before, after]));
  });
});
