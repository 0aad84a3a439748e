import assert from 'node:assert/strict';
import { lint } from '../../../server/src/engine/lint';
import { defineRule } from '../../../server/src/engine/rule';
import imageTagLatest from '../../../server/src/engine/rules/image-tag-latest';
import internalError from '../../../server/src/engine/rules/internal-error';
import { SourceFile } from '../../../server/src/engine/source';
import { checkDocsExamples, testConfig } from '../../rule-tester';

const secret = 'hunter2-super-secret';
const throwing = defineRule({
  id: 'throwing-rule',
  title: 'Throws',
  severity: 'error',
  fix: 'none',
  refs: [],
  messages: { m: 'never' },
  check: {
    dockerfile(_m, ctx) {
      ctx.report({ span: { start: 0, end: 1 }, messageId: 'm' });
      throw new TypeError(`boom\nvalue was ${secret}`);
    },
    k8s() {
      throw new RangeError(`Maximum call stack size exceeded ${secret}`);
    },
  },
});

describe('internal-error', () => {
  it('a throwing rule yields one internal-error and the other rules still report', () => {
    const source = new SourceFile('Dockerfile', 'FROM ubuntu\n');
    const result = lint(source, { config: testConfig(), rules: [throwing, imageTagLatest] });
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.message]),
      [
        ['internal-error', 'Rule throwing-rule failed on this file (TypeError: boom); its findings are missing. The other rules still ran.'],
        ['image-tag-latest', 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.'],
      ],
    );
  });

  it('points at the object and never repeats data from the error', () => {
    const source = new SourceFile('p.yaml', 'apiVersion: v1\nkind: Pod\n');
    const [finding] = lint(source, { config: testConfig(), rules: [throwing] }).findings;
    assert.equal(finding?.message, 'Rule throwing-rule failed on this file (RangeError: stack or size limit exceeded); its findings are missing. The other rules still ran.');
    assert.deepEqual(finding?.span, { start: 21, end: 24 });
    assert.ok(!JSON.stringify(finding).includes(secret));
  });

  it('docs page', () => checkDocsExamples(internalError));
});
