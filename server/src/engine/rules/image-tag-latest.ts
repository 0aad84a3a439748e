import { defineRule, type RuleContext } from '../rule';
import { composeImages, dockerfileImages, k8sImages, pinSuggestion, type ImageUse } from './shared/images';

type MessageId = 'noTag' | 'latest';

export default defineRule<MessageId>({
  id: 'image-tag-latest',
  title: 'Image has no tag or uses latest',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['hadolint DL3006', 'hadolint DL3007', 'CKV_K8S_14', 'KSV-0013', 'CIS Docker 4.2'],
  messages: {
    noTag: 'Image "{{image}}" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.',
    latest: 'Image "{{image}}" uses the mutable "latest" tag; pin a version tag or a digest.',
  },
  check: {
    dockerfile: (model, ctx) => dockerfileImages(model).forEach((use) => checkImage(use, ctx)),
    compose: (file, ctx) => composeImages(file).forEach((use) => checkImage(use, ctx)),
    k8s: (object, ctx) => k8sImages(object).forEach((use) => checkImage(use, ctx)),
  },
});

function checkImage({ ref }: ImageUse, ctx: RuleContext<MessageId>): void {
  // Unresolved variables may carry the tag; a digest pins the image whatever the tag says.
  if (ref.unresolved || ref.digest) return;
  const suggest = () => pinSuggestion(ref, ctx.config);
  if (ref.tag === undefined) ctx.report({ span: ref.span, messageId: 'noTag', data: { image: ref.raw }, suggest });
  else if (ref.tag === 'latest') ctx.report({ span: ref.tagSpan ?? ref.span, messageId: 'latest', data: { image: ref.raw }, suggest });
}
