import assert from 'node:assert/strict';
import { lintConfigFile } from '../../../server/src/engine/lint';
import rule from '../../../server/src/engine/rules/invalid-config';
import { SourceFile } from '../../../server/src/engine/source';
import { checkDocsExamples, exercisedMessages, range } from '../../rule-tester';

describe('invalid-config', () => {
  it('one finding per problem, at the key or value at fault', () => {
    const source = new SourceFile('/ws/.bulkhead.yaml', 'rules:\n  no-such-rule: error\nprofile: paranoid\n');
    const findings = lintConfigFile(source).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.message, range(source, f)]), [
      ['invalid-config', 'invalid', 'error', 'Invalid configuration: unknown rule id "no-such-rule" in "rules".', { line: 2, column: 3, endLine: 2, endColumn: 15 }],
      ['invalid-config', 'invalid', 'error', 'Invalid configuration: "profile" must be one of: recommended, pss-baseline, pss-restricted, cis-docker, strict (got "paranoid").', { line: 3, column: 10, endLine: 3, endColumn: 18 }],
    ]);
    exercisedMessages.set(rule.id, new Set(findings.map((f) => f.messageId)));
  });

  it('a valid file has no findings', () => {
    assert.deepEqual(lintConfigFile(new SourceFile('/ws/.bulkhead.yaml', 'profile: strict\nrules: {image-tag-latest: off}\n')).findings, []);
  });

  it('docs examples', () => checkDocsExamples(rule));
});
