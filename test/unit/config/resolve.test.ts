import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResolver } from '../../../server/src/config/resolve';

/**
 * In an untrusted workspace, paths that config files name outside the workspace are left out
 * (symbolic links followed); inside it and in a trusted workspace they are kept, made absolute.
 */
describe('config resolution: paths in an untrusted workspace', () => {
  let top: string;
  let ws: string;
  before(() => {
    top = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-trust-')));
    ws = join(top, 'ws');
    mkdirSync(join(ws, 'keys'), { recursive: true });
    mkdirSync(join(ws, 'svc'));
    writeFileSync(join(top, 'outside.pub'), 'not the workspace\'s');
    writeFileSync(join(ws, 'keys', 'in.pub'), 'key');
    symlinkSync(join(top, 'outside.pub'), join(ws, 'keys', 'link.pub'));
    symlinkSync(join(ws, 'keys', 'in.pub'), join(ws, 'keys', 'inner-link.pub'));
    writeFileSync(join(ws, '.bulkhead.yaml'), 'verification:\n  keys: [keys/in.pub, ../outside.pub, /etc/ssh/ssh_host_ed25519_key.pub, keys/link.pub, keys/inner-link.pub, keys/not-yet.pub, ..x.pub]\n');
    writeFileSync(join(ws, 'svc', '.bulkhead.yaml'), 'verification:\n  keys: [../keys/in.pub, ../../outside.pub]\n');
  });
  after(() => rmSync(top, { recursive: true, force: true }));

  const keysOf = (untrusted: boolean, file: string, roots = [ws]) => {
    const resolved = new ConfigResolver({ roots, untrusted }).forFile(join(ws, file));
    return { keys: resolved.config.verification.keys, untrustedPaths: resolved.untrustedPaths };
  };

  it('trusted: every path is kept, made absolute against its config file', () => {
    assert.deepEqual(keysOf(false, 'Dockerfile'), {
      keys: [join(ws, 'keys/in.pub'), join(top, 'outside.pub'), '/etc/ssh/ssh_host_ed25519_key.pub', join(ws, 'keys/link.pub'), join(ws, 'keys/inner-link.pub'), join(ws, 'keys/not-yet.pub'), join(ws, '..x.pub')],
      untrustedPaths: [],
    });
  });

  it('untrusted: a path outside the workspace (relative, absolute, or a link that leads out) is left out and listed', () => {
    assert.deepEqual(keysOf(true, 'Dockerfile'), {
      keys: [join(ws, 'keys/in.pub'), join(ws, 'keys/inner-link.pub'), join(ws, 'keys/not-yet.pub'), join(ws, '..x.pub')],
      untrustedPaths: [join(top, 'outside.pub'), '/etc/ssh/ssh_host_ed25519_key.pub', join(ws, 'keys/link.pub')],
    });
  });

  it('untrusted: each config file of the chain is judged (a nested one replaces the list)', () => {
    assert.deepEqual(keysOf(true, 'svc/Dockerfile'), {
      keys: [join(ws, 'keys/in.pub')],
      untrustedPaths: [join(top, 'outside.pub'), '/etc/ssh/ssh_host_ed25519_key.pub', join(ws, 'keys/link.pub'), join(top, 'outside.pub')],
    });
  });

  it('untrusted: images entries whose Dockerfile is outside the workspace are left out', () => {
    writeFileSync(join(ws, 'svc', '.bulkhead.yaml'), 'images:\n  ghcr.io/acme/api: api/Dockerfile\n  ghcr.io/acme/evil: ../../outside/Dockerfile\n');
    try {
      const resolve = (untrusted: boolean) => new ConfigResolver({ roots: [ws], untrusted }).forFile(join(ws, 'svc', 'compose.yaml'));
      assert.deepEqual(resolve(false).config.images, { 'ghcr.io/acme/api': `${ws}/svc/api/Dockerfile`, 'ghcr.io/acme/evil': `${top}/outside/Dockerfile` });
      assert.deepEqual(resolve(true).config.images, { 'ghcr.io/acme/api': `${ws}/svc/api/Dockerfile` });
      assert.deepEqual(resolve(true).untrustedPaths.slice(-1), [join(top, 'outside', 'Dockerfile')]);
    } finally {
      writeFileSync(join(ws, 'svc', '.bulkhead.yaml'), 'verification:\n  keys: [../keys/in.pub, ../../outside.pub]\n');
    }
  });

  it('untrusted without a workspace folder: no path is inside, none is kept', () => {
    assert.deepEqual(keysOf(true, 'svc/Dockerfile', []).keys, []);
  });
});
