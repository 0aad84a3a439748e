import assert from 'node:assert/strict';
import { analysisStopped } from '../../../server/src/engine/limits';
import rule from '../../../server/src/engine/rules/analysis-limit';
import { exercisedMessages, RuleTester } from '../../rule-tester';

const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k, i) => `  ${k}: &${k} [${Array(9).fill('*' + 'abcdefgh'[i]).join(',')}]`))
  .join('\n') + '\n';
let deep = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ';
for (let i = 0; i < 300; i++) deep += '[';
for (let i = 0; i < 300; i++) deep += ']';
deep += '\n';

new RuleTester().run(rule, {
  valid: [
    { filename: 'Dockerfile', code: 'FROM alpine:3.20\n', config: { maxFileSize: 17 } },
    { name: 'a few aliases are fine', filename: 'compose.yaml', code: 'x-env: &env {A: "1"}\nservices:\n  a: {image: "x:1", environment: *env}\n  b: {image: "y:1", environment: *env}\n' },
  ],
  invalid: [
    {
      name: 'file over maxFileSize',
      filename: 'Dockerfile',
      code: 'FROM alpine:3.20\n',
      config: { maxFileSize: 10 },
      errors: [{ messageId: 'fileTooLarge', message: 'File is 17 bytes, over the 10-byte limit (maxFileSize); it was not analysed.', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'billion laughs',
      filename: 'bomb.yaml',
      code: bomb,
      errors: [{ messageId: 'yamlLimit', message: 'YAML aliases expand this document beyond a safe size (alias bomb?); it was not analysed.', line: 1, column: 1, endLine: 1, endColumn: 15 }],
    },
    {
      name: 'nesting deeper than 200 levels',
      filename: 'deep.yaml',
      code: deep,
      errors: [{ messageId: 'yamlLimit', message: 'YAML nesting deeper than 200 levels; the deeper part was not analysed.', line: 4, column: 205, endLine: 4, endColumn: 407 }],
    },
  ],
});

// Produced outside lint (a file's analysis is stopped from outside): test/unit/robustness/time-budget.test.ts.
describe('analysis-limit: stopped', () => {
  it('names the reason and points at the start of the file', () => {
    const f = analysisStopped('over the 20000 ms time budget');
    assert.deepEqual([f.ruleId, f.messageId, f.severity, f.message, f.span], ['analysis-limit', 'stopped', 'info', 'Analysis stopped (over the 20000 ms time budget); this file was not analysed.', { start: 0, end: 0 }]);
    exercisedMessages.get('analysis-limit')?.add('stopped');
  });
});
