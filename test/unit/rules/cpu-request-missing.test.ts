import rule from '../../../server/src/engine/rules/cpu-request-missing';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { name: 'request set', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1\n    resources:\n      requests: {cpu: 250m}\n' },
    { name: 'a limit alone is also the request', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1\n    resources:\n      limits: {cpu: 250m}\n' },
    { name: 'pod-level request', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resources: {requests: {cpu: 250m}}\n  containers: [{name: a, image: app:1}, {name: b, image: app:1}]\n' },
    { name: 'ephemeral containers cannot declare resources', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: app:1, resources: {requests: {cpu: 250m}}}]\n  ephemeralContainers: [{name: debug, image: busybox:1.36}]\n' },
  ],
  invalid: [
    {
      name: 'Deployment container without the request',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: web
                image: nginx:1.27
                resources:
                  requests: {memory: 128Mi}
      `,
      errors: [
        {
          messageId: 'container',
          message: 'Container "web" has no CPU request (resources.requests.cpu): the scheduler cannot reserve CPU for it, so it may be placed on a busy node and be starved under contention.',
          severity: 'info',
          line: 8, column: 15, endLine: 8, endColumn: 18,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        resources:
                          requests: {memory: 128Mi, cpu: 250m}
                          limits:
                            memory: 512Mi
                            cpu: 500m
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'init containers, third document, List items, flow style, null value',
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
          kind: Job
          metadata: {name: j}
          spec:
            template:
              spec:
                initContainers: [{name: init, image: busybox:1.36, resources: {requests: {cpu: null}}}]
                containers:
                - name: "job"
                  image: app:1
      `,
      errors: [
        {
          messageId: 'container', line: 18, column: 33, endLine: 18, endColumn: 37,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
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
                  kind: Job
                  metadata: {name: j}
                  spec:
                    template:
                      spec:
                        initContainers: [{name: init, image: busybox:1.36, resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi, cpu: 500m}}}]
                        containers:
                        - name: "job"
                          image: app:1
              `,
            },
          ],
        },
        {
          messageId: 'container', line: 20, column: 17, endLine: 20, endColumn: 22,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
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
                  kind: Job
                  metadata: {name: j}
                  spec:
                    template:
                      spec:
                        initContainers: [{name: init, image: busybox:1.36, resources: {requests: {cpu: null}}}]
                        containers:
                        - name: "job"
                          image: app:1
                          resources:
                            limits:
                              memory: 512Mi
                              cpu: 500m
                            requests:
                              memory: 256Mi
                              cpu: 250m
              `,
            },
          ],
        },
      ],
    },
  ],
});
