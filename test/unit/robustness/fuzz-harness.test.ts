import assert from 'node:assert/strict';
import { join } from 'node:path';
import { bundledSeeds, FAMILIES, makeInput, MAX_INPUT_CHARS, type FuzzInput } from '../../../scripts/fuzz/inputs';
import { minimize } from '../../../scripts/fuzz/minimize';
import { runFuzz } from '../../../scripts/fuzz/run';
import { ROOT } from '../../rule-tester';

const plain = (index: number, text: string): FuzzInput => ({ seed: 0, index, families: ['test'], origin: 'test', path: '/fuzz/Dockerfile', kind: 'dockerfile', forceKind: true, config: 0, text });

describe('fuzz harness', function () {
  this.timeout(60000);
  const seeds = bundledSeeds(ROOT);

  it('input i of seed s is always the same, and inputs differ', () => {
    assert.deepEqual(makeInput(7, 123, seeds, 4), makeInput(7, 123, seeds, 4));
    const texts = new Set(Array.from({ length: 50 }, (_, i) => makeInput(7, i, seeds, 4).text));
    assert.ok(texts.size > 45, `only ${texts.size} distinct inputs of 50`);
  });

  it('uses every mutation family and every kind, within the size cap', () => {
    const families = new Set<string>();
    const kinds = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const input = makeInput(1, i, seeds, 4);
      assert.ok(input.text.length <= MAX_INPUT_CHARS);
      input.families.forEach((f) => families.add(f));
      kinds.add(input.kind);
    }
    assert.deepEqual(FAMILIES.filter((f) => !families.has(f)), []);
    assert.deepEqual([...kinds].sort(), ['compose', 'config', 'dockerfile', 'k8s']);
  });

  it('reports a hang (watchdog), a crash, a dead worker and a broken invariant, and carries on', async () => {
    const texts = ['hang', 'ok', 'throw', 'ok', 'exit', 'broken', 'ok'];
    const summary = await runFuzz({
      seed: 0,
      count: texts.length,
      timeoutMs: 3000,
      workers: 1,
      make: (i) => plain(i, texts[i]!),
      target: join(ROOT, 'test', 'fixtures', 'fuzz', 'misbehaving-target.ts'),
    });
    assert.equal(summary.inputs, 7);
    assert.deepEqual(
      summary.failures.map((f) => [f.input.index, f.type, f.problems]),
      [
        [0, 'hang', ['no answer within 3000 ms']],
        [2, 'crash', ['uncaught TypeError: boom']],
        [4, 'worker', ['worker exited with code 3']],
        [5, 'check', ['a broken invariant']],
      ],
    );
  });

  it('minimizes a failing input to what makes it fail', () => {
    const text = 'FROM alpine\nRUN a\nRUN b \\\r#x\nRUN c\n';
    assert.equal(minimize(text, (t) => t.includes('\\\r#')), '\\\r#');
  });
});
