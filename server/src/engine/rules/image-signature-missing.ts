import { familiarName } from '../model/image';
import { digestKey } from '../online';
import { defineRule, type RuleContext } from '../rule';
import { composeImages, dockerfileImages, k8sImages, type ImageUse } from './shared/images';

type MessageId = 'missing';

export default defineRule<MessageId>({
  id: 'image-signature-missing',
  title: 'Pinned image has no signature',
  // Online, and only with `verification.keys`: without keys a signature proves nothing.
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 4.5', 'CIS Kubernetes 5.5.1', 'SLSA Build L2 (signed provenance)'],
  messages: {
    missing: 'Image "{{image}}" has no signature in its registry (no cosign signature tag "{{sigTag}}"), so nothing shows it was published by a holder of the configured keys.',
  },
  check: {
    dockerfile: (model, ctx) => dockerfileImages(model).forEach((use) => checkImage(use, ctx)),
    compose: (file, ctx) => composeImages(file).forEach((use) => checkImage(use, ctx)),
    k8s: (object, ctx) => k8sImages(object).forEach((use) => checkImage(use, ctx)),
  },
});

function checkImage({ ref }: ImageUse, ctx: RuleContext<MessageId>): void {
  if (ref.digest === undefined || ref.unresolved || ctx.config.verification.keys.length === 0) return;
  if (ctx.config.online?.signatures?.[digestKey(ref)]?.status !== 'missing') return;
  ctx.report({ span: ref.span, messageId: 'missing', data: { image: `${familiarName(ref)}@${ref.digest}`, sigTag: `${ref.digest.replace(':', '-')}.sig` } });
}
