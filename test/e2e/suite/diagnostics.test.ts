import * as assert from 'node:assert/strict';
import { COMPOSE, DOCKERFILE, EXPECTED, K8S, RULES } from './fixtures';
import { bulkheadDiagnostics, docsUrl, open, ruleId, waitForFindings } from './helpers';

describe('diagnostics', () => {
  for (const file of [DOCKERFILE, COMPOSE, K8S]) {
    it(`${file}: rule ids, docs links, severities and ranges`, async () => {
      const { document } = await open(file);
      assert.equal(document.languageId, EXPECTED[file]!.language);
      await waitForFindings(document.uri, RULES, EXPECTED[file]!.findings);
      for (const d of bulkheadDiagnostics(document.uri)) {
        // every Bulkhead diagnostic, whatever its rule: code = { value: rule id, target: docs page }
        assert.ok(typeof d.code === 'object' && typeof d.code.value === 'string', `code of ${d.message}`);
        assert.equal(d.code.target.toString(true), docsUrl(String(d.code.value)));
        assert.match(ruleId(d)!, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
    });
  }
});
