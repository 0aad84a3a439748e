import rule from '../../../server/src/engine/rules/unused-suppression';
import { RuleTester } from '../../rule-tester';

// Only this rule runs here, so every suppression of another rule matches nothing.
new RuleTester().run(rule, {
  valid: [
    { filename: 'Dockerfile', code: '# a normal comment\nFROM alpine:3.20\n' },
    { name: 'foreign pragmas are not reported', filename: 'Dockerfile', code: '# hadolint ignore=DL3006\nFROM alpine:3.20\n' },
  ],
  invalid: [
    {
      filename: 'Dockerfile',
      code: '# bulkhead-ignore image-tag-latest -- old\nFROM alpine:3.20\n',
      errors: [{ messageId: 'unused', message: 'This suppression of image-tag-latest matched no finding; remove it.', line: 1, column: 1, endLine: 1, endColumn: 42 }],
    },
    {
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27  # bulkhead-ignore not-a-rule\n',
      errors: [{ messageId: 'unknownRule', message: 'Unknown rule id "not-a-rule" in a suppression.', line: 3, column: 24, endLine: 3, endColumn: 52 }],
    },
    {
      name: 'annotation',
      filename: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    bulkhead.dev/ignore: image-tag-latest\nspec: {containers: [{name: a, image: "x:1"}]}\n',
      errors: [{ messageId: 'unused', line: 5, column: 5, endLine: 5, endColumn: 42 }],
    },
    {
      name: 'reason required',
      filename: 'Dockerfile',
      code: '# bulkhead-ignore-file all\nFROM alpine:3.20\n',
      config: { suppressions: { requireReason: true, forbid: [] } },
      errors: [
        { messageId: 'missingReason', message: 'This project requires a reason for every suppression: add one after "--".', line: 1, column: 1, endLine: 1, endColumn: 27 },
        { messageId: 'unused', line: 1, column: 1, endLine: 1, endColumn: 27 },
      ],
    },
  ],
});
