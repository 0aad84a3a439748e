import { familiarName } from '../model/image';
import { tagKey } from '../online';
import { defineRule, type RuleContext } from '../rule';
import { composeImages, digestSpan, dockerfileImages, isPlaceholderImage, k8sImages, shortDigest, type ImageUse } from './shared/images';

type MessageId = 'drift';

export default defineRule<MessageId>({
  id: 'image-digest-drift',
  title: 'Pinned digest no longer matches its tag',
  // Online: needs the registry's answer (bulkhead.online.enabled); silent without it.
  severity: 'info',
  fix: 'suggestion',
  refs: ['CIS Kubernetes 5.5.1', 'SLSA Build L3 (pinned dependencies)'],
  messages: {
    drift: 'Image "{{name}}:{{tag}}" is pinned to {{pinned}}, but the tag now points to {{current}}: the image was rebuilt or the tag moved; review the new image and update the digest.',
  },
  check: {
    dockerfile: (model, ctx) => dockerfileImages(model).forEach((use) => checkImage(use, ctx)),
    compose: (file, ctx) => composeImages(file).forEach((use) => checkImage(use, ctx)),
    k8s: (object, ctx) => k8sImages(object).forEach((use) => checkImage(use, ctx)),
  },
});

function checkImage({ ref }: ImageUse, ctx: RuleContext<MessageId>): void {
  // Only a written tag can drift; a bare digest names nothing that moves.
  if (ref.digest === undefined || ref.tag === undefined || ref.unresolved || isPlaceholderImage(ref)) return;
  const current = ctx.config.online?.tags?.[tagKey(ref)]?.digest;
  if (current === undefined || current.toLowerCase() === ref.digest.toLowerCase()) return;
  // Registries answer with sha256; a digest of another algorithm cannot be compared with it.
  if (algorithm(current) !== algorithm(ref.digest)) return;
  const at = digestSpan(ref);
  ctx.report({
    span: at ?? ref.span,
    messageId: 'drift',
    data: { name: familiarName(ref), tag: ref.tag, pinned: ref.digest, current },
    suggest: at ? [{ title: `Update the digest to ${shortDigest(current)}`, edits: [{ span: at, newText: current }] }] : [],
  });
}

function algorithm(digest: string): string {
  return digest.slice(0, digest.indexOf(':')).toLowerCase();
}
