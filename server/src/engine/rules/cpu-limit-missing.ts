import { defineRule } from '../rule';
import { composeResourcesFix } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { resourcesFix } from './shared/k8s-fixes';
import { composeLimit, containerLabel, k8sResourceSet, resourceContainers, resourceServices } from './shared/resources';

export default defineRule<'container' | 'service' | 'unlimited'>({
  id: 'cpu-limit-missing',
  title: 'CPU limit missing',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['CIS Docker 5.12', 'CKV_K8S_11', 'KSV-0011', 'CWE-770'],
  messages: {
    container:
      'Container "{{name}}" has no CPU limit (resources.limits.cpu): a busy or compromised container can take all the CPU its node has spare and slow down its neighbours.',
    service:
      'Service "{{name}}" has no CPU limit (deploy.resources.limits.cpus or cpus): a busy or compromised container can take all of the host\'s CPU.',
    unlimited: 'Service "{{name}}" sets {{field}} to {{value}}, which means no CPU limit: a busy or compromised container can take all of the host\'s CPU.',
  },
  check: {
    compose(file, ctx) {
      for (const service of resourceServices(file)) {
        const limit = composeLimit(service, 'cpus');
        if (limit.state !== 'missing' && limit.state !== 'unlimited') continue;
        const suggest = () => present(composeResourcesFix(service, ctx.config.defaults));
        if (limit.state === 'missing') ctx.report({ span: service.nameSpan, messageId: 'service', data: { name: service.name }, suggest });
        else ctx.report({ span: limit.span, messageId: 'unlimited', data: { name: service.name, field: limit.field, value: limit.value }, suggest });
      }
    },
    k8s(object, ctx) {
      for (const c of resourceContainers(object)) {
        if (!k8sResourceSet(c, 'limits', 'cpu')) ctx.report({ span: c.anchor, messageId: 'container', data: { name: containerLabel(c) }, suggest: () => present(resourcesFix(c, ctx.config.defaults)) });
      }
    },
  },
});
