import { defineRule } from '../rule';
import { bindLocalhostFix } from './shared/compose-fixes';
import { datastoreContainers, datastoreOf, publishedPorts, selectedWorkloads, serviceExposures } from './shared/datastores';
import { present } from './shared/fixes';

export default defineRule<'composePort' | 'k8sService'>({
  id: 'datastore-port-published',
  title: 'Datastore port published',
  severity: 'warning',
  fix: 'suggestion',
  crossDocument: true,
  refs: ['CIS Docker 5.14', 'CWE-668'],
  messages: {
    composePort:
      '{{product}} service "{{service}}" publishes port "{{port}}" on all host interfaces: the datastore is reachable from every network the host is on, past host firewalls such as ufw; bind it to 127.0.0.1 or drop the mapping.',
    k8sService:
      'Service "{{name}}" exposes {{product}} ({{workload}}) outside the cluster through {{how}}: datastores should only be reachable from inside the cluster; use a ClusterIP Service.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        const product = datastoreOf(service.image);
        if (!product) continue;
        for (const p of publishedPorts(service)) {
          if (p.binding !== 'all') continue;
          ctx.report({ span: p.span, messageId: 'composePort', data: { product, service: service.name, port: p.label }, suggest: () => present(bindLocalhostFix(service, p)) });
        }
      }
    },
    k8s(object, ctx) {
      const exposures = serviceExposures(object);
      const exposure = exposures[0];
      if (!exposure) return;
      const targets = selectedWorkloads(object).flatMap((w) => datastoreContainers(w).map((d) => ({ workload: w, ...d })));
      const first = targets[0];
      if (!first) return;
      ctx.report({
        span: exposure.span,
        messageId: 'k8sService',
        data: {
          name: object.name ?? '(unnamed)',
          product: first.product,
          workload: `${first.workload.kind} "${first.workload.name ?? '(unnamed)'}"`,
          how: exposures.map((e) => e.how).join(' and '),
        },
        related: targets.map((t) => ({
          file: t.workload.doc.source,
          span: t.container.image?.span ?? t.container.anchor,
          message: `${t.product} container "${t.container.name}" of ${t.workload.kind} "${t.workload.name ?? '(unnamed)'}" is selected by this Service.`,
        })),
      });
    },
  },
});
