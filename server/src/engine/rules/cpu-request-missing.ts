import { defineRule } from '../rule';
import { present } from './shared/fixes';
import { resourcesFix } from './shared/k8s-fixes';
import { containerLabel, k8sResourceSet, resourceContainers } from './shared/resources';

export default defineRule<'container'>({
  id: 'cpu-request-missing',
  title: 'CPU request missing',
  severity: 'info',
  fix: 'suggestion',
  refs: ['CKV_K8S_10'],
  messages: {
    container:
      'Container "{{name}}" has no CPU request (resources.requests.cpu): the scheduler cannot reserve CPU for it, so it may be placed on a busy node and be starved under contention.',
  },
  check: {
    k8s(object, ctx) {
      for (const c of resourceContainers(object)) {
        if (!k8sResourceSet(c, 'requests', 'cpu')) ctx.report({ span: c.anchor, messageId: 'container', data: { name: containerLabel(c) }, suggest: () => present(resourcesFix(c, ctx.config.defaults)) });
      }
    },
  },
});
