import rule from '../../../server/src/engine/rules/probe-missing';
import { dedent, RuleTester } from '../../rule-tester';

const deployment = (containers: string, extra = ''): string =>
  'apiVersion: apps/v1\n' +
  'kind: Deployment\n' +
  'metadata: {name: web}\n' +
  'spec:\n' +
  '  template:\n' +
  '    spec:\n' +
  extra +
  '      containers:\n' +
  containers;

new RuleTester().run(rule, {
  valid: [
    deployment('      - name: web\n        image: nginx:1.27\n        readinessProbe: {httpGet: {path: /ready, port: 8080}}\n        livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n'),
    { name: 'a readiness probe alone', code: deployment('      - name: web\n        image: nginx:1.27\n        readinessProbe:\n          tcpSocket: {port: 80}\n') },
    { name: 'a liveness probe alone', code: deployment('      - name: web\n        image: nginx:1.27\n        livenessProbe:\n          exec: {command: [cat, /tmp/healthy]}\n') },
    {
      name: 'probes from a merge key',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        x-probes: &probes
          readinessProbe: {httpGet: {path: /, port: 80}}
        spec:
          containers:
          - <<: *probes
            name: web
            image: nginx:1.27
      `,
    },
    {
      name: 'Jobs run to completion',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: "app:1.0"}]\n',
    },
    {
      name: 'CronJobs run to completion',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: "app:1.0"}]\n',
    },
    { name: 'a bare Pod that never restarts', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: once}\nspec:\n  restartPolicy: Never\n  containers: [{name: once, image: "busybox:1.36"}]\n' },
    { name: 'a bare Pod restarted on failure only', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: once}\nspec:\n  restartPolicy: OnFailure\n  containers: [{name: once, image: "busybox:1.36"}]\n' },
    {
      name: 'init containers, sidecars and ephemeral containers are not checked',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - {name: init, image: busybox:1.36}
          - {name: proxy, image: envoyproxy/envoy:v1.31.0, restartPolicy: Always}
          containers:
          - name: web
            image: nginx:1.27
            readinessProbe: {httpGet: {path: /, port: 80}}
          ephemeralContainers:
          - {name: debug, image: busybox:1.36}
      `,
    },
    {
      name: 'a kustomize patch: containers without an image',
      code: deployment('      - name: web\n        env: [{name: A, value: b}]\n'),
    },
  ],
  invalid: [
    {
      code: deployment('      - name: web\n        image: nginx:1.27\n'),
      errors: [
        {
          messageId: 'noProbes',
          message: 'Container "web" has neither a liveness nor a readiness probe, so Kubernetes cannot restart it when it hangs nor hold traffic back while it is not ready; add the probes its service supports.',
          line: 8, column: 15, endLine: 8, endColumn: 18,
        },
      ],
    },
    {
      name: 'a startup probe alone does not watch the container after start',
      code: deployment('      - name: "web"\n        image: nginx:1.27\n        startupProbe: {httpGet: {path: /, port: 80}}\n      - name: sidecar\n        image: busybox:1.36\n        livenessProbe: {exec: {command: ["true"]}}\n'),
      errors: [{ messageId: 'noProbes', line: 8, column: 15, endLine: 8, endColumn: 20 }],
    },
    {
      name: 'a bare Pod that restarts',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Always\n  containers: [{name: server, image: "httpd:2.4"}]\n',
      errors: [{ messageId: 'noProbes', line: 6, column: 23, endLine: 6, endColumn: 29 }],
    },
    {
      name: 'third document, List item, StatefulSet and PodTemplate',
      code: dedent`
        apiVersion: v1
        kind: Service
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: StatefulSet
          metadata: {name: db}
          spec:
            template:
              spec:
                containers:
                - name: postgres
                  image: postgres:17.2
        - apiVersion: v1
          kind: PodTemplate
          metadata: {name: t}
          template:
            spec:
              containers: [{name: t, image: "app:1.0"}]
      `,
      errors: [
        { messageId: 'noProbes', line: 19, column: 17, endLine: 19, endColumn: 25 },
        { messageId: 'noProbes', line: 26, column: 27, endLine: 26, endColumn: 28 },
      ],
    },
  ],
});
