import { defineRule } from '../rule';
import { publishedPorts } from './shared/datastores';

export default defineRule<'privileged'>({
  id: 'port-privileged',
  title: 'Privileged host port published',
  severity: 'info',
  fix: 'none',
  refs: ['CIS Docker 5.8'],
  messages: {
    privileged:
      'Host port {{host}} of "{{port}}" is a privileged port (below 1024), reserved for system services; publish the service on a port from 1024 up unless it really must answer there.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        for (const p of publishedPorts(service)) {
          // A range is privileged when any port in it is.
          if (!p.hostPorts || p.hostPorts.from === 0 || p.hostPorts.from >= 1024) continue;
          const host = p.hostPorts.from === p.hostPorts.to ? String(p.hostPorts.from) : `${p.hostPorts.from}-${p.hostPorts.to}`;
          ctx.report({ span: p.publishedSpan, messageId: 'privileged', data: { host, port: p.label } });
        }
      }
    },
  },
});
