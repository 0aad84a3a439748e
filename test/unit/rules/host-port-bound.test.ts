import rule from '../../../server/src/engine/rules/host-port-bound';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { name: 'containerPort only', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1\n    ports: [{containerPort: 8080}]\n' },
    { name: 'hostPort 0 means none', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1\n    ports: [{containerPort: 8080, hostPort: 0}]\n' },
    { name: 'a quoted hostPort is rejected by the API server', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1\n    ports: [{containerPort: 8080, hostPort: "8080"}]\n' },
  ],
  invalid: [
    {
      name: 'DaemonSet container with host ports',
      code: dedent`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ingress}
        spec:
          template:
            spec:
              containers:
              - name: controller
                image: ingress-nginx/controller:v1.11.3
                ports:
                - containerPort: 80
                  hostPort: 80
                - {containerPort: 443, hostPort: 443, hostIP: 10.0.0.5}
      `,
      errors: [
        {
          messageId: 'hostPort',
          message: 'Container "controller" binds host port 80: the port opens on the node\'s own address, where anything that can reach the node can connect, and only one such pod fits per node; the Pod Security Standards baseline forbids it.',
          severity: 'warning',
          line: 12, column: 21, endLine: 12, endColumn: 23,
        },
        { messageId: 'hostPort', line: 13, column: 42, endLine: 13, endColumn: 45 },
      ],
    },
    {
      name: 'pss-baseline profile makes it an error',
      config: { profile: 'pss-baseline' },
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1\n    ports: [{containerPort: 9000, hostPort: 9000}]\n',
      errors: [{ messageId: 'hostPort', severity: 'error', line: 8, column: 45, endLine: 8, endColumn: 49 }],
    },
    {
      name: 'init container, third document, List items, CronJob',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: probe}
          spec:
            schedule: "*/5 * * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    initContainers:
                    - name: init
                      image: busybox:1.36
                      ports:
                      - containerPort: 7000
                        hostPort: 7000
                    containers: [{name: probe, image: probe:1}]
      `,
      errors: [{ messageId: 'hostPort', line: 26, column: 27, endLine: 26, endColumn: 31 }],
    },
  ],
});
