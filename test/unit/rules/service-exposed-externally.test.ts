import rule from '../../../server/src/engine/rules/service-exposed-externally';
import { dedent, RuleTester } from '../../rule-tester';

const svc = (spec: string, annotations = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${annotations}spec:\n${spec}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'ClusterIP by default', code: svc('  selector: {app: web}\n  ports: [{port: 80}]\n') },
    { name: 'explicit ClusterIP, headless', code: svc('  type: ClusterIP\n  clusterIP: None\n  ports: [{port: 80}]\n') },
    { name: 'ExternalName points outwards, not inwards', code: svc('  type: ExternalName\n  externalName: db.example.com\n') },
    { name: 'empty externalIPs', code: svc('  externalIPs: []\n  ports: [{port: 80}]\n') },
    {
      name: 'internal load balancers (AWS, GKE, Azure)',
      code: dedent`
        apiVersion: v1
        kind: Service
        metadata:
          name: a
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-internal: "true"
        spec:
          type: LoadBalancer
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: b
          annotations: {networking.gke.io/load-balancer-type: "Internal"}
        spec:
          type: LoadBalancer
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: c
          annotations:
            service.beta.kubernetes.io/azure-load-balancer-internal: "true"
        spec: {type: LoadBalancer}
      `,
    },
    { name: 'load balancer restricted to chosen networks', code: svc('  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8, 203.0.113.0/24]\n') },
  ],
  invalid: [
    {
      name: 'NodePort',
      code: svc('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]\n'),
      errors: [
        {
          messageId: 'nodePort',
          message: 'Service "web" is of type NodePort: it opens a port on every node\'s address, reachable by anything that can reach a node; prefer ClusterIP behind an Ingress or Gateway.',
          severity: 'info',
          line: 6, column: 9, endLine: 6, endColumn: 17,
        },
      ],
    },
    {
      name: 'LoadBalancer, quoted type; an annotation saying "false" keeps it external',
      code: svc('  type: "LoadBalancer"\n', '  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: "false"\n'),
      errors: [
        {
          messageId: 'loadBalancer',
          message: 'Service "web" is of type LoadBalancer: the cloud provider gives it an address outside the cluster, usually public; make sure that is intended, or restrict it with loadBalancerSourceRanges or an internal load balancer.',
          line: 8, column: 9, endLine: 8, endColumn: 23,
        },
      ],
    },
    {
      name: 'source ranges that include everyone',
      code: svc('  type: LoadBalancer\n  loadBalancerSourceRanges: ["10.0.0.0/8", "0.0.0.0/0"]\n'),
      errors: [{ messageId: 'loadBalancer', line: 6, column: 9, endLine: 6, endColumn: 21 }],
    },
    {
      name: 'externalIPs point at the key',
      code: svc('  selector: {app: web}\n  externalIPs:\n  - 198.51.100.7\n'),
      errors: [
        {
          messageId: 'externalIPs',
          message: 'Service "web" sets externalIPs: the nodes answer for those addresses from outside the cluster (and externalIPs can intercept other traffic, CVE-2020-8554); prefer an Ingress, Gateway or LoadBalancer.',
          line: 7, column: 3, endLine: 7, endColumn: 14,
        },
      ],
    },
    {
      name: 'third document and List items, flow style',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata: {name: admin}
          spec: {type: NodePort, externalIPs: [203.0.113.10], ports: [{port: 8080}]}
      `,
      errors: [
        { messageId: 'nodePort', line: 15, column: 16, endLine: 15, endColumn: 24 },
        { messageId: 'externalIPs', line: 15, column: 26, endLine: 15, endColumn: 37 },
      ],
    },
  ],
});
