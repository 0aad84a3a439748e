import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../../../server/src/version';
import { ROOT } from '../../rule-tester';

describe('version', () => {
  it('matches package.json', () => {
    assert.equal(VERSION, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
