import { defineRule } from '../rule';
import { composeResourcesFix } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { composeLimit, resourceServices } from './shared/resources';

export default defineRule<'service' | 'unlimited'>({
  id: 'pids-limit-missing',
  title: 'PIDs limit missing',
  severity: 'info',
  fix: 'suggestion',
  refs: ['CIS Docker 5.29', 'CWE-770'],
  messages: {
    service:
      'Service "{{name}}" has no PIDs limit (pids_limit or deploy.resources.limits.pids): a fork bomb or a process leak in the container can exhaust the host\'s process table.',
    unlimited: 'Service "{{name}}" sets {{field}} to {{value}}, which means no PIDs limit: a fork bomb in the container can exhaust the host\'s process table.',
  },
  check: {
    compose(file, ctx) {
      for (const service of resourceServices(file)) {
        const limit = composeLimit(service, 'pids');
        if (limit.state !== 'missing' && limit.state !== 'unlimited') continue;
        const suggest = () => present(composeResourcesFix(service, ctx.config.defaults));
        if (limit.state === 'missing') ctx.report({ span: service.nameSpan, messageId: 'service', data: { name: service.name }, suggest });
        else ctx.report({ span: limit.span, messageId: 'unlimited', data: { name: service.name, field: limit.field, value: limit.value }, suggest });
      }
    },
  },
});
