import { defineRule } from '../rule';
import { isScalar, nodeSpan } from '../model/yaml';

type MessageId = 'notAlways' | 'defaultIfNotPresent';

export default defineRule<MessageId>({
  id: 'image-pull-policy',
  title: 'Image pull policy is not Always for a mutable tag',
  severity: 'off',
  fix: 'none',
  refs: ['CKV_K8S_15'],
  messages: {
    notAlways: 'Container "{{container}}" uses imagePullPolicy {{policy}} for "{{image}}", which has no digest: a node runs whatever it cached under that tag, even for pods without the pull credentials; use Always or pin a digest.',
    defaultIfNotPresent: 'Container "{{container}}" has no imagePullPolicy, so the version-tagged image "{{image}}" defaults to IfNotPresent: nodes run whatever they cached under that tag; set imagePullPolicy: Always or pin a digest.',
  },
  check: {
    k8s(object, ctx) {
      for (const container of object.pod?.containers ?? []) {
        const image = container.image;
        // A digest is immutable, so any policy runs the same image; templated references may carry one.
        if (!image || image.digest !== undefined || image.unresolved) continue;
        const policyNode = container.node.get('imagePullPolicy');
        const data = { container: container.name, image: image.raw };
        if (isScalar(policyNode) && policyNode.value !== null) {
          if (policyNode.text !== 'Always') ctx.report({ span: nodeSpan(policyNode), messageId: 'notAlways', data: { ...data, policy: policyNode.text } });
        } else if (policyNode === undefined || (isScalar(policyNode) && policyNode.value === null)) {
          // Without a policy, an untagged or `latest` image defaults to Always, any other tag to IfNotPresent.
          if (image.tag !== undefined && image.tag !== 'latest') ctx.report({ span: image.tagSpan ?? image.span, messageId: 'defaultIfNotPresent', data });
        }
      }
    },
  },
});
