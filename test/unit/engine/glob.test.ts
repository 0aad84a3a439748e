import assert from 'node:assert/strict';
import { compileGlob, globSource, isGlob, matchGlob } from '../../../server/src/engine/glob';

/** [glob, texts that match, texts that do not]. */
const TABLE: [string, string[], string[]][] = [
  ['nginx', ['nginx'], ['nginx2', 'xnginx', 'Nginx', 'docker.io/library/nginx', '']],
  ['*', ['', 'nginx', 'a.b:c'], ['a/b']],
  ['ghcr.io/org/*', ['ghcr.io/org/app', 'ghcr.io/org/'], ['ghcr.io/org/team/app', 'ghcr.io/other/app', 'ghcr.io/org']],
  ['ghcr.io/**', ['ghcr.io/org/app', 'ghcr.io/a/b/c', 'ghcr.io/'], ['ghcr.io', 'ghcr.iox/a', 'quay.io/ghcr.io/a']],
  ['**/app', ['app', 'x/app', 'x/y/app'], ['xapp', 'x/app/y']],
  ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b'], ['ab', 'a/xb', 'b']],
  ['a**b', ['ab', 'axb', 'a/x/b'], ['a', 'b']],
  ['src/**', ['src/a', 'src/a/b.ts'], ['src', 'lib/src/a']],
  ['file.?s', ['file.ts', 'file.js'], ['file.s', 'file.tsx', 'file./s']],
  ['[abc]x', ['ax', 'bx', 'cx'], ['dx', 'x', 'abx']],
  ['v[0-9]', ['v0', 'v7'], ['va', 'v10']],
  ['v[!0-9]', ['va', 'v-'], ['v1', 'v/']],
  ['v[^0-9]', ['va'], ['v1']],
  ['[/]', [], ['/']],
  ['[]]', [']'], ['[]']],
  ['[a-]', ['a', '-'], ['b']],
  ['*.{yml,yaml}', ['a.yml', 'a.yaml'], ['a.json', 'a.', 'a.ym']],
  ['{a,b/{c,d}}', ['a', 'b/c', 'b/d'], ['b', 'b/e', 'a/c']],
  ['{*.ts,lib/**}', ['x.ts', 'lib/a/b'], ['a/x.ts', 'lib']],
  ['ubuntu:1{4,6}.*', ['ubuntu:14.04', 'ubuntu:16.10'], ['ubuntu:18.04', 'ubuntu:14']],
  ['a\\*b', ['a*b'], ['axb']],
  ['a\\', ['a\\'], ['a']],
  ['[abc', ['[abc'], ['a']],
  ['{a,b', ['{a,b'], ['a']],
  ['a.b(c)+$^|', ['a.b(c)+$^|'], ['aXb(c)+$^|', 'a.b(cc)$^|']],
  ['', [''], ['a']],
];

describe('glob', () => {
  for (const [glob, yes, no] of TABLE) {
    it(`${JSON.stringify(glob)} (${globSource(glob)})`, () => {
      for (const text of yes) assert.ok(matchGlob(glob, text), `${JSON.stringify(glob)} should match ${JSON.stringify(text)}`);
      for (const text of no) assert.ok(!matchGlob(glob, text), `${JSON.stringify(glob)} should not match ${JSON.stringify(text)}`);
    });
  }

  it('is case-sensitive unless asked otherwise', () => {
    assert.ok(!matchGlob('*_TOKEN', 'github_token'));
    assert.ok(matchGlob('*_TOKEN', 'github_token', { caseInsensitive: true }));
  });

  it('caches compiled globs per case mode', () => {
    assert.equal(compileGlob('a*'), compileGlob('a*'));
    assert.notEqual(compileGlob('a*'), compileGlob('a*', { caseInsensitive: true }));
    assert.equal(compileGlob('a*').flags, '');
    assert.equal(compileGlob('a*', { caseInsensitive: true }).flags, 'i');
  });

  it('tells globs from plain text', () => {
    assert.ok(isGlob('ghcr.io/*'));
    assert.ok(isGlob('v?'));
    assert.ok(isGlob('[ab]'));
    assert.ok(isGlob('{a,b}'));
    assert.ok(!isGlob('docker.io/library/nginx:1.27'));
  });
});
