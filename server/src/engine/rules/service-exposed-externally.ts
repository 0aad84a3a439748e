import { defineRule } from '../rule';
import { serviceExposures } from './shared/datastores';

export default defineRule<'nodePort' | 'loadBalancer' | 'externalIPs'>({
  id: 'service-exposed-externally',
  title: 'Service exposed outside the cluster',
  severity: 'info',
  fix: 'none',
  refs: ['kube-linter exposed-services', 'CWE-668'],
  messages: {
    nodePort:
      'Service "{{name}}" is of type NodePort: it opens a port on every node\'s address, reachable by anything that can reach a node; prefer ClusterIP behind an Ingress or Gateway.',
    loadBalancer:
      'Service "{{name}}" is of type LoadBalancer: the cloud provider gives it an address outside the cluster, usually public; make sure that is intended, or restrict it with loadBalancerSourceRanges or an internal load balancer.',
    externalIPs:
      'Service "{{name}}" sets externalIPs: the nodes answer for those addresses from outside the cluster (and externalIPs can intercept other traffic, CVE-2020-8554); prefer an Ingress, Gateway or LoadBalancer.',
  },
  check: {
    k8s(object, ctx) {
      for (const e of serviceExposures(object)) {
        const messageId = e.how === 'NodePort' ? 'nodePort' : e.how === 'LoadBalancer' ? 'loadBalancer' : 'externalIPs';
        ctx.report({ span: e.span, messageId, data: { name: object.name ?? '(unnamed)' } });
      }
    },
  },
});
