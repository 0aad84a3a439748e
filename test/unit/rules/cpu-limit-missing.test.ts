import rule from '../../../server/src/engine/rules/cpu-limit-missing';
import { dedent, RuleTester } from '../../rule-tester';

const compose = 'compose.yaml';
const k8s = 'manifest.yaml';

new RuleTester().run(rule, {
  valid: [
    { name: 'compose cpus', filename: compose, code: 'services:\n  app:\n    image: app:1\n    cpus: 0.5\n' },
    { name: 'compose cpu_quota', filename: compose, code: 'services:\n  app:\n    image: app:1\n    cpu_quota: 50000\n    cpu_period: 100000\n' },
    { name: 'compose deploy limits', filename: compose, code: 'services:\n  app:\n    image: app:1\n    deploy:\n      resources:\n        limits: {cpus: "0.50"}\n' },
    {
      name: 'compose limits inherited through extends',
      filename: compose,
      code: dedent`
        services:
          base:
            image: app:1
            cpus: "1.5"
          worker:
            extends:
              service: base
      `,
    },
    { name: 'compose override fragment without image or build', filename: 'docker-compose.override.yml', code: 'services:\n  app:\n    ports: ["127.0.0.1:8080:80"]\n' },
    {
      name: 'k8s limits on app and init containers, pod-level limits',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources:
            limits: {cpu: "2"}
          initContainers:
          - {name: init, image: busybox:1.36}
          containers:
          - name: app
            image: app:1
            resources: {limits: {cpu: 500m}}
          ephemeralContainers:
          - {name: debug, image: busybox:1.36}
      `,
    },
  ],
  invalid: [
    {
      name: 'compose service without a CPU limit',
      filename: compose,
      code: 'services:\n  worker:\n    image: worker:3\n    cpu_shares: 512\n    mem_limit: 256m\n',
      errors: [
        {
          messageId: 'service',
          message: 'Service "worker" has no CPU limit (deploy.resources.limits.cpus or cpus): a busy or compromised container can take all of the host\'s CPU.',
          severity: 'warning',
          line: 2, column: 3, endLine: 2, endColumn: 9,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: 'services:\n  worker:\n    image: worker:3\n    cpu_shares: 512\n    mem_limit: 256m\n    cpus: "0.5"\n    pids_limit: 200\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose unlimited values; extends chain without limits',
      filename: compose,
      code: dedent`
        services:
          a:
            image: app:1
            cpus: 0
          b:
            image: app:1
            cpu_quota: -1
          c:
            image: app:1
            deploy: {resources: {limits: {cpus: '0.0'}}}
          d:
            image: app:1
          e:
            extends: d
      `,
      errors: [
        {
          messageId: 'unlimited',
          message: 'Service "a" sets cpus to 0, which means no CPU limit: a busy or compromised container can take all of the host\'s CPU.',
          line: 4, column: 11, endLine: 4, endColumn: 12,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    cpus: "0.5"
                    mem_limit: 512m
                    pids_limit: 200
                  b:
                    image: app:1
                    cpu_quota: -1
                  c:
                    image: app:1
                    deploy: {resources: {limits: {cpus: '0.0'}}}
                  d:
                    image: app:1
                  e:
                    extends: d
              `,
            },
          ],
        },
        {
          messageId: 'unlimited', line: 7, column: 16, endLine: 7, endColumn: 18,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    cpus: 0
                  b:
                    image: app:1
                    cpu_quota: 50000
                    mem_limit: 512m
                    pids_limit: 200
                  c:
                    image: app:1
                    deploy: {resources: {limits: {cpus: '0.0'}}}
                  d:
                    image: app:1
                  e:
                    extends: d
              `,
            },
          ],
        },
        {
          messageId: 'unlimited', line: 10, column: 41, endLine: 10, endColumn: 46,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    cpus: 0
                  b:
                    image: app:1
                    cpu_quota: -1
                  c:
                    image: app:1
                    deploy: {resources: {limits: {cpus: '0.5', memory: 512m, pids: 200}}}
                  d:
                    image: app:1
                  e:
                    extends: d
              `,
            },
          ],
        },
        {
          messageId: 'service', line: 11, column: 3, endLine: 11, endColumn: 4,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    cpus: 0
                  b:
                    image: app:1
                    cpu_quota: -1
                  c:
                    image: app:1
                    deploy: {resources: {limits: {cpus: '0.0'}}}
                  d:
                    image: app:1
                    deploy:
                      resources:
                        limits:
                          memory: 512m
                          cpus: "0.5"
                          pids: 200
                  e:
                    extends: d
              `,
            },
          ],
        },
        {
          messageId: 'service', line: 13, column: 3, endLine: 13, endColumn: 4,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    cpus: 0
                  b:
                    image: app:1
                    cpu_quota: -1
                  c:
                    image: app:1
                    deploy: {resources: {limits: {cpus: '0.0'}}}
                  d:
                    image: app:1
                  e:
                    extends: d
                    deploy:
                      resources:
                        limits:
                          memory: 512m
                          cpus: "0.5"
                          pids: 200
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s containers, init containers, third document and List items',
      filename: k8s,
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
        - apiVersion: apps/v1
          kind: StatefulSet
          metadata: {name: db}
          spec:
            template:
              spec:
                initContainers:
                - name: perms
                  image: busybox:1.36
                containers:
                - name: db
                  image: postgres:17
                  resources:
                    limits: {memory: 1Gi}
                    requests: {cpu: 250m}
      `,
      errors: [
        {
          messageId: 'container',
          message: 'Container "perms" has no CPU limit (resources.limits.cpu): a busy or compromised container can take all the CPU its node has spare and slow down its neighbours.',
          line: 19, column: 17, endLine: 19, endColumn: 22,
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
                - apiVersion: apps/v1
                  kind: StatefulSet
                  metadata: {name: db}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: perms
                          image: busybox:1.36
                          resources:
                            limits:
                              memory: 512Mi
                              cpu: 500m
                            requests:
                              memory: 256Mi
                              cpu: 250m
                        containers:
                        - name: db
                          image: postgres:17
                          resources:
                            limits: {memory: 1Gi}
                            requests: {cpu: 250m}
              `,
            },
          ],
        },
        {
          messageId: 'container', line: 22, column: 17, endLine: 22, endColumn: 19,
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
                - apiVersion: apps/v1
                  kind: StatefulSet
                  metadata: {name: db}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: perms
                          image: busybox:1.36
                        containers:
                        - name: db
                          image: postgres:17
                          resources:
                            limits: {memory: 1Gi, cpu: 500m}
                            requests: {cpu: 250m}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: flow-style service; a CPU reservation above the default becomes the limit',
      code: 'services:\n  encoder: {image: "example/encoder:1", deploy: {resources: {reservations: {cpus: "2"}}}}\n',
      errors: [{
        messageId: 'service', line: 2, column: 3, endLine: 2, endColumn: 10,
        suggestions: [
          {
            title: 'Add resource limits and requests',
            output: 'services:\n  encoder: {image: "example/encoder:1", deploy: {resources: {reservations: {cpus: "2"}, limits: {memory: 512m, cpus: "2", pids: 200}}}}\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: a CPU request above the default limit becomes the limit; indented lists',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: build
              image: example/build:1
              resources:
                requests: {cpu: "2", memory: 1Gi}
                limits: {memory: 1Gi}
      `,
      errors: [{
        messageId: 'container', line: 6, column: 13, endLine: 6, endColumn: 18,
        suggestions: [
          {
            title: 'Add resource limits and requests',
            output: dedent`
              apiVersion: v1
              kind: Pod
              metadata: {name: p}
              spec:
                containers:
                  - name: build
                    image: example/build:1
                    resources:
                      requests: {cpu: "2", memory: 1Gi}
                      limits: {memory: 1Gi, cpu: "2"}
            `,
          },
        ],
      }],
    },
  ],
});
