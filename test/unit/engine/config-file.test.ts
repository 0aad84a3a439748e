import assert from 'node:assert/strict';
import { parseConfigFile } from '../../../server/src/engine/config-file';
import { findRule } from '../../../server/src/engine/rules/index';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent } from '../../rule-tester';

const known = (id: string): boolean => findRule(id) !== undefined;
function parse(text: string) {
  const source = new SourceFile('.bulkhead.yaml', text);
  const { config, problems } = parseConfigFile(source, known);
  return {
    config,
    problems: problems.map((p) => {
      const s = source.lines.positionAt(p.span.start);
      return `${s.line + 1}:${s.character + 1} ${source.slice(p.span)} | ${p.message}`;
    }),
  };
}

describe('.bulkhead.yaml parsing', () => {
  it('reads every key', () => {
    const { config, problems } = parse(dedent`
      profile: pss-restricted
      rules: {image-tag-latest: off, add-instead-of-copy: error}
      trustedRegistries: ["ghcr.io/acme/*"]
      deniedImages: ["docker.io/library/ubuntu:14.*", {pattern: "*/*/centos", reason: "EOL distribution"}]
      ignorePaths: [vendor/, "**/*.generated.yaml"]
      secrets: {names: ["*_PASSPHRASE"], allowedNames: [SECRET_SAUCE_VERSION]}
      defaults: {memory: 1Gi, cpu: "1", pids: 100}
      suppressions: {requireReason: true, forbid: [image-tag-latest]}
      maxFileSize: 1048576
      overrides:
        - files: legacy/**
          profile: strict
          rules: {image-tag-latest: warning}
      verification: {keys: [keys/release.pub]}
      images: {ghcr.io/acme/api: services/api/Dockerfile}
      root: true
    `);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      profile: 'pss-restricted',
      rules: { 'image-tag-latest': 'off', 'add-instead-of-copy': 'error' },
      trustedRegistries: ['ghcr.io/acme/*'],
      deniedImages: [{ pattern: 'docker.io/library/ubuntu:14.*' }, { pattern: '*/*/centos', reason: 'EOL distribution' }],
      ignorePaths: ['vendor/', '**/*.generated.yaml'],
      secrets: { names: ['*_PASSPHRASE'], allowedNames: ['SECRET_SAUCE_VERSION'] },
      defaults: { memory: '1Gi', cpu: '1', pids: 100 },
      suppressions: { requireReason: true, forbid: ['image-tag-latest'] },
      maxFileSize: 1048576,
      overrides: [{ files: ['legacy/**'], profile: 'strict', rules: { 'image-tag-latest': 'warning' } }],
      verification: { keys: ['keys/release.pub'] },
      images: { 'ghcr.io/acme/api': 'services/api/Dockerfile' },
      root: true,
    });
  });

  it('images: a mapping of image names to Dockerfile paths', () => {
    assert.deepEqual(parse('images: [ghcr.io/acme/api]\n').problems, ['1:9 [ghcr.io/acme/api] | "images" must be a mapping of image names to Dockerfile paths']);
    assert.deepEqual(parse('images: {ghcr.io/acme/api: [a, b]}\n').problems, ['1:28 [a, b] | "images.ghcr.io/acme/api" must be a string']);
  });

  it('an empty file is an empty configuration', () => {
    assert.deepEqual(parse(''), { config: {}, problems: [] });
    assert.deepEqual(parse('# only comments\n'), { config: {}, problems: [] });
  });

  it('names each problem and points at the key or value at fault', () => {
    assert.deepEqual(parse(dedent`
      profil: strict
      profile: paranoid
      rules:
        image-tag-latst: error
        add-instead-of-copy: loud
      trustedRegistries: ghcr.io/acme/*
      suppressions: {requireReason: "yes", forbid: [nope], extra: 1}
      maxFileSize: -3
      overrides: [{rules: {}}]
      defaults: {memory: [1]}
      verification: {keys: key.pub, sign: true}
    `).problems, [
      '1:1 profil | unknown key "profil" (allowed: profile, rules, trustedRegistries, deniedImages, ignorePaths, secrets, defaults, suppressions, maxFileSize, overrides, verification, images, root)',
      '2:10 paranoid | "profile" must be one of: recommended, pss-baseline, pss-restricted, cis-docker, strict (got "paranoid")',
      '4:3 image-tag-latst | unknown rule id "image-tag-latst" in "rules"',
      '5:24 loud | "rules.add-instead-of-copy" must be off, info, warning or error',
      '6:20 ghcr.io/acme/* | "trustedRegistries" must be a list of strings',
      '7:31 "yes" | "suppressions.requireReason" must be true or false',
      '7:47 nope | unknown rule id "nope" in "suppressions.forbid"',
      '7:54 extra | unknown key "extra" in "suppressions" (allowed: requireReason, forbid)',
      '8:14 -3 | "maxFileSize" must be a positive whole number',
      '9:13 {rules: {}} | "overrides[]" entries need "files" (a glob or a list of globs)',
      '10:20 [1] | "defaults.memory" must be a string',
      '11:22 key.pub | "verification.keys" must be a list of strings',
      '11:31 sign | unknown key "sign" in "verification" (allowed: keys)',
    ]);
  });

  it('YAML errors and non-mapping documents are problems too', () => {
    assert.deepEqual(parse('rules: [\n').problems.length > 0, true);
    assert.deepEqual(parse('- a\n- b\n').problems, ['1:1 - a\n- b\n | the configuration must be a mapping of keys (profile, rules, ...)']);
    assert.deepEqual(parse('profile: strict\n---\nprofile: strict\n').problems, ['3:1 profile: strict\n | the configuration must be a single YAML document']);
  });
});
