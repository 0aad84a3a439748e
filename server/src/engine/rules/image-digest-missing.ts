import { defineRule, type RuleContext } from '../rule';
import { composeImages, dockerfileImages, isPlaceholderImage, k8sImages, pinSuggestion, type ImageUse } from './shared/images';

type MessageId = 'noDigest';

export default defineRule<MessageId>({
  id: 'image-digest-missing',
  title: 'Image not pinned by digest',
  severity: 'info',
  // "Pin to digest" needs the digest the tag resolves to: offered once online checks fetched it.
  fix: 'suggestion',
  refs: ['CIS Kubernetes 5.5.1', 'CKV_K8S_43'],
  messages: {
    noDigest: 'Image "{{image}}" is not pinned by digest, so the content behind the reference can change without notice; pin it as "{{image}}@sha256:<digest>".',
  },
  check: {
    dockerfile: (model, ctx) => dockerfileImages(model).forEach((use) => checkImage(use, ctx)),
    compose: (file, ctx) => composeImages(file).forEach((use) => checkImage(use, ctx)),
    k8s: (object, ctx) => k8sImages(object).forEach((use) => checkImage(use, ctx)),
  },
});

function checkImage({ ref }: ImageUse, ctx: RuleContext<MessageId>): void {
  // A variable may carry the digest (`${IMAGE}`, `app@${DIGEST}`); only resolved references are judged.
  if (ref.digest !== undefined || ref.unresolved || ref.raw.trim() === '' || isPlaceholderImage(ref)) return;
  ctx.report({ span: ref.span, messageId: 'noDigest', data: { image: ref.raw }, suggest: () => pinSuggestion(ref, ctx.config) });
}
