import { defineRule, type RuleContext } from '../rule';
import { compileImagePattern, composeImages, dockerfileImages, isPlaceholderImage, k8sImages, matchesImagePattern, type ImageUse } from './shared/images';

type MessageId = 'denied' | 'deniedWithReason';

export default defineRule<MessageId>({
  id: 'image-denied',
  title: 'Image is on the denied list',
  severity: 'error',
  fix: 'none',
  refs: ['approved/denied vendor images'],
  messages: {
    denied: 'Image "{{image}}" matches the deniedImages pattern "{{pattern}}"; use an approved image instead.',
    deniedWithReason: 'Image "{{image}}" matches the deniedImages pattern "{{pattern}}": {{reason}}',
  },
  check: {
    dockerfile: (model, ctx) => checkImages(dockerfileImages(model), ctx),
    compose: (file, ctx) => checkImages(composeImages(file), ctx),
    k8s: (object, ctx) => checkImages(k8sImages(object), ctx),
  },
});

function checkImages(uses: readonly ImageUse[], ctx: RuleContext<MessageId>): void {
  const denied = ctx.config.deniedImages;
  if (denied.length === 0 || uses.length === 0) return;
  for (const { ref } of uses) {
    if (isPlaceholderImage(ref)) continue;
    // The first matching entry explains the finding; one finding per image reference.
    const entry = denied.find((d) => matchesImagePattern(ref, compileImagePattern(d.pattern, true)));
    if (!entry) continue;
    const reason = entry.reason?.trim();
    if (reason) ctx.report({ span: ref.span, messageId: 'deniedWithReason', data: { image: ref.raw, pattern: entry.pattern, reason } });
    else ctx.report({ span: ref.span, messageId: 'denied', data: { image: ref.raw, pattern: entry.pattern } });
  }
}
