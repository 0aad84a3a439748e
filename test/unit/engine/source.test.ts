import assert from 'node:assert/strict';
import { LineIndex, SourceFile } from '../../../server/src/engine/source';

describe('LineIndex', () => {
  it('treats \\n, \\r\\n and a lone \\r as line breaks, like LSP', () => {
    const index = new LineIndex('a\nbc\r\nd\re');
    assert.equal(index.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((o) => index.positionAt(o)), [
      { line: 0, character: 0 }, { line: 0, character: 1 },
      { line: 1, character: 0 }, { line: 1, character: 1 }, { line: 1, character: 2 }, { line: 1, character: 3 },
      { line: 2, character: 0 }, { line: 2, character: 1 },
      { line: 3, character: 0 }, { line: 3, character: 1 },
    ]);
    assert.deepEqual([0, 1, 2, 3].map((l) => index.lineText(l)), ['a', 'bc', 'd', 'e']);
  });

  it('round-trips offsets and clamps out-of-range input', () => {
    const text = 'FROM x\r\n  RUN y\n\nz';
    const index = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const p = index.positionAt(o);
      // Offsets inside a \r\n pair map to the end of the line.
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      assert.equal(index.offsetAt(p), o, `offset ${o}`);
    }
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(999), { line: 3, character: 1 });
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 6, 'a column past the end stops before the line break');
    assert.equal(index.offsetAt({ line: 9, character: 0 }), text.length);
  });

  it('counts UTF-16 code units (astral characters take two)', () => {
    const index = new LineIndex('a😀b\nc');
    assert.deepEqual(index.positionAt(3), { line: 0, character: 3 });
    assert.deepEqual(index.positionAt(5), { line: 1, character: 0 });
  });

  it('SourceFile knows its line ending', () => {
    assert.equal(new SourceFile('f', 'a\r\nb\r\n').eol, '\r\n');
    assert.equal(new SourceFile('f', 'a\nb').eol, '\n');
    assert.equal(new SourceFile('f', '').eol, '\n');
  });
});
