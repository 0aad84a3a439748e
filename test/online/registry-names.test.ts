import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseImageRef } from '../../server/src/engine/model/image';
import { tagKey } from '../../server/src/engine/online';
import { readDockerCredentials, registryOfAuthKey } from '../../server/src/online/docker-config';
import { parseChallenge, registryBase } from '../../server/src/online/registry';
import { signatureTag } from '../../server/src/online/signatures';

/** The pure parts of the registry client: names, challenges, credentials (no network). */
describe('online: registry names, challenges and credentials', () => {
  it('Docker Hub names are normalised before they reach the registry', () => {
    const ref = (raw: string) => parseImageRef(raw, { start: 0, end: raw.length });
    assert.deepEqual(['nginx', 'bitnami/redis:7', 'index.docker.io/library/nginx:1.27', 'ghcr.io/org/app:1', 'localhost:5000/app'].map((r) => tagKey(ref(r))), [
      'docker.io/library/nginx:latest',
      'docker.io/bitnami/redis:7',
      'docker.io/library/nginx:1.27',
      'ghcr.io/org/app:1',
      'localhost:5000/app:latest',
    ]);
    assert.deepEqual(['docker.io', 'ghcr.io', 'localhost:5000', '127.0.0.1:41234', '[::1]:5000', 'registry.example.com:8443'].map(registryBase), [
      'https://registry-1.docker.io',
      'https://ghcr.io',
      'http://localhost:5000',
      'http://127.0.0.1:41234',
      'http://[::1]:5000',
      'https://registry.example.com:8443',
    ]);
  });

  it('parses WWW-Authenticate challenges (quoted, escaped, unquoted values)', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'), {
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' },
    });
    assert.deepEqual(parseChallenge('Basic realm="a \\"quoted\\" realm", charset=UTF-8'), { scheme: 'basic', params: { realm: 'a "quoted" realm', charset: 'UTF-8' } });
    assert.equal(parseChallenge(undefined), undefined);
  });

  it('reads plain auths entries of config.json, never helpers; a broken file means anonymous', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-docker-config-'));
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: Buffer.from('hub-user:hub:pass').toString('base64') },
          'ghcr.io': { username: 'gh', password: 'token' },
          'quay.io': {},
          'gcr.io': { auth: '' },
        },
        credHelpers: { 'gcr.io': 'gcloud' },
        credsStore: 'desktop',
      }));
      assert.deepEqual([...readDockerCredentials(dir)], [
        ['docker.io', { username: 'hub-user', password: 'hub:pass' }],
        ['ghcr.io', { username: 'gh', password: 'token' }],
      ]);
      writeFileSync(join(dir, 'config.json'), '{not json');
      assert.deepEqual([...readDockerCredentials(dir)], []);
      assert.deepEqual([...readDockerCredentials(join(dir, 'absent'))], []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(['https://index.docker.io/v1/', 'registry-1.docker.io', 'HTTPS://GHCR.IO/', 'localhost:5000'].map(registryOfAuthKey), ['docker.io', 'docker.io', 'ghcr.io', 'localhost:5000']);
  });

  it('cosign signature tags', () => {
    assert.equal(signatureTag(`sha256:${'ab'.repeat(32)}`), `sha256-${'ab'.repeat(32)}.sig`);
  });
});
