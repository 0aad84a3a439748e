import { defineRule } from '../rule';
import { present } from './shared/fixes';
import { resourcesFix } from './shared/k8s-fixes';
import { containerLabel, k8sResourceSet, resourceContainers } from './shared/resources';

export default defineRule<'container'>({
  id: 'memory-request-missing',
  title: 'Memory request missing',
  severity: 'info',
  fix: 'suggestion',
  refs: ['CKV_K8S_12'],
  messages: {
    container:
      'Container "{{name}}" has no memory request (resources.requests.memory): the scheduler cannot reserve memory for it, so it may land on a full node and be the first to be evicted.',
  },
  check: {
    k8s(object, ctx) {
      for (const c of resourceContainers(object)) {
        if (!k8sResourceSet(c, 'requests', 'memory')) ctx.report({ span: c.anchor, messageId: 'container', data: { name: containerLabel(c) }, suggest: () => present(resourcesFix(c, ctx.config.defaults)) });
      }
    },
  },
});
