import { familiarName } from '../model/image';
import { digestKey } from '../online';
import { defineRule, type RuleContext } from '../rule';
import { composeImages, dockerfileImages, k8sImages, type ImageUse } from './shared/images';

type MessageId = 'invalid';

export default defineRule<MessageId>({
  id: 'image-signature-invalid',
  title: 'Image signature does not verify',
  // Online, and only with `verification.keys`.
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 4.5', 'CIS Kubernetes 5.5.1', 'CWE-347'],
  messages: {
    invalid: 'The signature of image "{{image}}" does not verify: {{detail}}; the image may not come from the holder of the configured keys.',
  },
  check: {
    dockerfile: (model, ctx) => dockerfileImages(model).forEach((use) => checkImage(use, ctx)),
    compose: (file, ctx) => composeImages(file).forEach((use) => checkImage(use, ctx)),
    k8s: (object, ctx) => k8sImages(object).forEach((use) => checkImage(use, ctx)),
  },
});

function checkImage({ ref }: ImageUse, ctx: RuleContext<MessageId>): void {
  if (ref.digest === undefined || ref.unresolved || ctx.config.verification.keys.length === 0) return;
  const lookup = ctx.config.online?.signatures?.[digestKey(ref)];
  if (lookup?.status !== 'invalid') return;
  ctx.report({ span: ref.span, messageId: 'invalid', data: { image: `${familiarName(ref)}@${ref.digest}`, detail: lookup.detail ?? 'no configured key verifies it' } });
}
