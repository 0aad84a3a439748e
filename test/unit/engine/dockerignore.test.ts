import assert from 'node:assert/strict';
import { dockerignored, folderExcluded, parseDockerignore } from '../../../server/src/engine/dockerignore';

const ignored = (patterns: string, path: string): boolean => dockerignored(parseDockerignore(patterns), path);

describe('.dockerignore matching (moby/patternmatcher semantics)', () => {
  it('anchors patterns at the context root: a bare name is not matched deeper', () => {
    assert.equal(ignored('.env', '.env'), true);
    assert.equal(ignored('.env', 'app/.env'), false);
    assert.equal(ignored('/secrets', 'secrets/key.pem'), true, 'a leading slash is dropped; folders match their contents');
    assert.equal(ignored('*.pem', 'certs/server.pem'), false);
    assert.equal(ignored('*/*.pem', 'certs/server.pem'), true);
  });

  it('supports ** for any number of folders', () => {
    assert.equal(ignored('**/*.pem', 'server.pem'), true);
    assert.equal(ignored('**/*.pem', 'a/b/c/server.pem'), true);
    assert.equal(ignored('**/.aws', 'home/me/.aws/credentials'), true);
    assert.equal(ignored('config/**', 'config/a/b.yaml'), true);
    assert.equal(ignored('a/**/z', 'a/z'), true);
    assert.equal(ignored('a/**/z', 'a/b/c/z'), true);
  });

  it('lets the last matching pattern decide; an exception can re-include a file of an excluded folder', () => {
    assert.equal(ignored('secrets\n!secrets/public.pem', 'secrets/public.pem'), false);
    assert.equal(ignored('secrets\n!secrets/public.pem', 'secrets/private.pem'), true);
    assert.equal(ignored('!keep.env\n*.env', 'keep.env'), true, 'order matters');
    assert.equal(ignored('*.env\n!keep.env', 'keep.env'), false);
  });

  it('reads comments, blank lines, cleaned paths, ?, classes and escapes', () => {
    assert.equal(ignored('# comment\n\n  ./dist/../build  \n', 'build/app'), true);
    assert.equal(ignored('id_rsa?', 'id_rsa2'), true);
    assert.equal(ignored('id_rsa?', 'id_rsa'), false);
    assert.equal(ignored('[a-c].key', 'b.key'), true);
    assert.equal(ignored('[^a].key', 'a.key'), false);
    assert.equal(ignored('[!a].key', 'a.key'), true, 'Go negates classes with ^ only');
    assert.equal(ignored('\\*.txt', '*.txt'), true);
    assert.equal(ignored('\\*.txt', 'a.txt'), false);
  });

  it('knows when a folder can be skipped entirely', () => {
    assert.equal(folderExcluded(parseDockerignore('node_modules'), 'node_modules'), true);
    assert.equal(folderExcluded(parseDockerignore('node_modules\n!node_modules/keep'), 'node_modules'), false);
    assert.equal(folderExcluded(parseDockerignore('*.md'), 'docs'), false);
  });
});

describe('.dockerignore hostile input', () => {
  it('a malformed pattern matches nothing and never throws', () => {
    assert.equal(ignored('[z-a].key\n(\n*', 'x.key'), true, 'the later valid pattern still applies');
    assert.deepEqual(parseDockerignore('[z-a]').length, 0);
  });
});
