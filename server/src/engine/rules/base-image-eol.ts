import { defineRule, type RuleContext } from '../rule';
import { imageReleases } from './shared/eol';
import { composeImages, dockerfileImages, isPlaceholderImage, k8sImages, type ImageUse } from './shared/images';

type MessageId = 'eol';

export default defineRule<MessageId>({
  id: 'base-image-eol',
  title: 'Image past end of life',
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 4.3', 'CIS Docker 4.7'],
  messages: {
    eol: 'Image "{{image}}" is built on {{releases}}: a release past its end of life no longer gets security fixes, so known vulnerabilities stay unpatched. Move to a supported release.',
  },
  check: {
    dockerfile: (model, ctx) => dockerfileImages(model).forEach((use) => checkImage(use, ctx)),
    compose: (file, ctx) => composeImages(file).forEach((use) => checkImage(use, ctx)),
    k8s: (object, ctx) => k8sImages(object).forEach((use) => checkImage(use, ctx)),
  },
});

function checkImage({ ref }: ImageUse, ctx: RuleContext<MessageId>): void {
  if (isPlaceholderImage(ref)) return;
  const today = ctx.config.today;
  // Dates are YYYY-MM-DD, so they compare as strings; `eol` is the first day without fixes.
  const past = imageReleases(ref).filter((r) => r.eol <= today);
  if (past.length === 0) return;
  const releases = past.map((r) => `${r.name} (end of life ${r.eol})`).join(' and ');
  // The tag names the release unless the repository does (ubi8, distroless base-debian10).
  const span = past.every((r) => r.fromTag) && ref.tagSpan ? ref.tagSpan : ref.span;
  ctx.report({ span, messageId: 'eol', data: { image: ref.raw, releases } });
}
