import rule from '../../../server/src/engine/rules/image-signature-invalid';
import { RuleTester } from '../../rule-tester';

const D = `sha256:${'d'.repeat(64)}`;
const keys = { verification: { keys: ['/project/cosign.pub'] } };
const invalid = (detail?: string) => ({ online: { signatures: { [`docker.io/acme/api@${D}`]: { status: 'invalid' as const, ...(detail ? { detail } : {}) } } } });

new RuleTester().run(rule, {
  valid: [
    { name: 'offline: no snapshot', code: `FROM acme/api@${D}\n`, config: keys },
    { name: 'no keys configured', code: `FROM acme/api@${D}\n`, config: invalid('x') },
    { name: 'a valid signature', code: `FROM acme/api@${D}\n`, config: { ...keys, online: { signatures: { [`docker.io/acme/api@${D}`]: { status: 'valid' as const } } } } },
    { name: 'a missing one is image-signature-missing', code: `FROM acme/api@${D}\n`, config: { ...keys, online: { signatures: { [`docker.io/acme/api@${D}`]: { status: 'missing' as const } } } } },
  ],
  invalid: [
    {
      code: `FROM acme/api:1.0@${D}\n`,
      config: { ...keys, ...invalid('the signed payload names sha256:eeee, not this image') },
      errors: [{
        messageId: 'invalid',
        message: `The signature of image "acme/api@${D}" does not verify: the signed payload names sha256:eeee, not this image; the image may not come from the holder of the configured keys.`,
        severity: 'warning',
        line: 1, column: 6, endLine: 1, endColumn: 90,
      }],
    },
    {
      name: 'k8s container; a verdict without detail',
      filename: 'pod.yaml',
      code: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: api\n    image: acme/api@${D}\n`,
      config: { ...keys, ...invalid() },
      errors: [{ messageId: 'invalid', message: `The signature of image "acme/api@${D}" does not verify: no configured key verifies it; the image may not come from the holder of the configured keys.`, line: 7, column: 12, endLine: 7, endColumn: 92 }],
    },
  ],
});
