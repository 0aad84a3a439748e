import { defineRule } from '../rule';
import { bindLocalhostFix } from './shared/compose-fixes';
import { publishedPorts } from './shared/datastores';
import { present } from './shared/fixes';

export default defineRule<'allInterfaces' | 'randomHostPort'>({
  id: 'port-published-all-interfaces',
  title: 'Port published on all interfaces',
  severity: 'info',
  fix: 'suggestion',
  refs: ['CIS Docker 5.14', 'dclint no-unbound-port-interfaces'],
  messages: {
    allInterfaces:
      'Port "{{port}}" is published on all host interfaces (0.0.0.0), so every network the host is on can reach it, past host firewalls such as ufw; bind it to 127.0.0.1 unless other machines need it.',
    randomHostPort:
      'Port "{{port}}" is published on a random host port on all host interfaces (0.0.0.0), so every network the host is on can reach it; use "expose" for container-to-container traffic or bind it to 127.0.0.1.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        for (const p of publishedPorts(service)) {
          if (p.binding !== 'all') continue;
          ctx.report({ span: p.span, messageId: p.hasHostPort ? 'allInterfaces' : 'randomHostPort', data: { port: p.label }, suggest: () => present(bindLocalhostFix(service, p)) });
        }
      }
    },
  },
});
