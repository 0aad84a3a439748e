import rule from '../../../server/src/engine/rules/image-signature-missing';
import { RuleTester } from '../../rule-tester';

const D = `sha256:${'c'.repeat(64)}`;
const keys = { verification: { keys: ['/project/cosign.pub'] } };
const verdict = (status: 'valid' | 'missing' | 'invalid', name = 'ghcr.io/acme/web') => ({ online: { signatures: { [`${name}@${D}`]: { status } } } });

new RuleTester().run(rule, {
  valid: [
    { name: 'offline: no snapshot', code: `FROM ghcr.io/acme/web:2@${D}\n`, config: keys },
    { name: 'no keys configured: signatures are not checked', code: `FROM ghcr.io/acme/web:2@${D}\n`, config: verdict('missing') },
    { name: 'a valid signature', code: `FROM ghcr.io/acme/web:2@${D}\n`, config: { ...keys, ...verdict('valid') } },
    { name: 'an invalid one is image-signature-invalid', code: `FROM ghcr.io/acme/web:2@${D}\n`, config: { ...keys, ...verdict('invalid') } },
    { name: 'unpinned images are not looked up', code: 'FROM ghcr.io/acme/web:2\n', config: { ...keys, ...verdict('missing') } },
  ],
  invalid: [
    {
      code: `FROM ghcr.io/acme/web:2@${D}\n`,
      config: { ...keys, ...verdict('missing') },
      errors: [{
        messageId: 'missing',
        message: `Image "ghcr.io/acme/web@${D}" has no signature in its registry (no cosign signature tag "sha256-${'c'.repeat(64)}.sig"), so nothing shows it was published by a holder of the configured keys.`,
        severity: 'warning',
        line: 1, column: 6, endLine: 1, endColumn: 96,
      }],
    },
    {
      name: 'Docker Hub names are normalised; compose and the severity override',
      filename: 'compose.yaml',
      code: `services:\n  db:\n    image: postgres@${D}\n`,
      config: { ...keys, ...verdict('missing', 'docker.io/library/postgres'), rules: { 'image-signature-missing': 'error' } },
      errors: [{ messageId: 'missing', severity: 'error', line: 3, column: 12, endLine: 3, endColumn: 92 }],
    },
  ],
});
