import { defineRule } from '../rule';
import { composeResourcesFix } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { resourcesFix } from './shared/k8s-fixes';
import { composeLimit, containerLabel, k8sResourceSet, resourceContainers, resourceServices } from './shared/resources';

export default defineRule<'container' | 'service' | 'unlimited'>({
  id: 'memory-limit-missing',
  title: 'Memory limit missing',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['CIS Docker 5.11', 'CKV_K8S_13', 'KSV-0018', 'CWE-770'],
  messages: {
    container:
      'Container "{{name}}" has no memory limit (resources.limits.memory): a leak or a load spike can use up the node\'s memory and get other pods killed or evicted.',
    service:
      'Service "{{name}}" has no memory limit (deploy.resources.limits.memory or mem_limit): a leak or a load spike can use up the host\'s memory and starve other containers.',
    unlimited: 'Service "{{name}}" sets {{field}} to {{value}}, which means no memory limit: a leak or a load spike can use up the host\'s memory.',
  },
  check: {
    compose(file, ctx) {
      for (const service of resourceServices(file)) {
        const limit = composeLimit(service, 'memory');
        if (limit.state !== 'missing' && limit.state !== 'unlimited') continue;
        const suggest = () => present(composeResourcesFix(service, ctx.config.defaults));
        if (limit.state === 'missing') ctx.report({ span: service.nameSpan, messageId: 'service', data: { name: service.name }, suggest });
        else ctx.report({ span: limit.span, messageId: 'unlimited', data: { name: service.name, field: limit.field, value: limit.value }, suggest });
      }
    },
    k8s(object, ctx) {
      for (const c of resourceContainers(object)) {
        if (!k8sResourceSet(c, 'limits', 'memory')) ctx.report({ span: c.anchor, messageId: 'container', data: { name: containerLabel(c) }, suggest: () => present(resourcesFix(c, ctx.config.defaults)) });
      }
    },
  },
});
