import { imageName } from '../model/image';
import { defineRule, type RuleContext } from '../rule';
import { compileImagePattern, composeImages, dockerfileImages, isPlaceholderImage, k8sImages, matchesImagePattern, nameUnresolved, type ImageUse } from './shared/images';

type MessageId = 'untrusted';

export default defineRule<MessageId>({
  id: 'image-registry-untrusted',
  title: 'Image from an untrusted registry',
  severity: 'error',
  fix: 'none',
  refs: ['hadolint DL3026', 'KSV-0125', 'CIS Docker 4.2'],
  messages: {
    untrusted: 'Image "{{image}}" ({{name}}) does not match any trustedRegistries entry; pull images only from registries your organisation trusts.',
  },
  check: {
    dockerfile: (model, ctx) => checkImages(dockerfileImages(model), ctx),
    compose: (file, ctx) => checkImages(composeImages(file), ctx),
    k8s: (object, ctx) => checkImages(k8sImages(object), ctx),
  },
});

function checkImages(uses: readonly ImageUse[], ctx: RuleContext<MessageId>): void {
  const trusted = ctx.config.trustedRegistries;
  if (trusted.length === 0 || uses.length === 0) return;
  const patterns = trusted.map((p) => compileImagePattern(p, false));
  for (const { ref } of uses) {
    // A variable may name any registry; only resolved names are judged.
    if (nameUnresolved(ref) || isPlaceholderImage(ref)) continue;
    if (patterns.some((p) => matchesImagePattern(ref, p))) continue;
    ctx.report({ span: ref.span, messageId: 'untrusted', data: { image: ref.raw, name: imageName(ref) } });
  }
}
