import rule from '../../../server/src/engine/rules/memory-limit-missing';
import { dedent, RuleTester } from '../../rule-tester';

const compose = 'compose.yaml';
const k8s = 'manifest.yaml';

new RuleTester().run(rule, {
  valid: [
    { name: 'compose mem_limit', filename: compose, code: 'services:\n  app:\n    image: app:1\n    mem_limit: 512m\n' },
    { name: 'compose deploy limits', filename: compose, code: 'services:\n  app:\n    image: app:1\n    deploy:\n      resources:\n        limits: {memory: 512M}\n' },
    { name: 'compose value from a variable', filename: compose, code: 'services:\n  app:\n    image: app:1\n    mem_limit: ${APP_MEMORY:-512m}\n' },
    {
      name: 'compose limits from a merge key and from extends in the same file',
      filename: compose,
      code: dedent`
        x-limits: &limits
          deploy:
            resources:
              limits: {memory: 256M}
        services:
          base:
            image: app:1
            <<: *limits
          worker:
            extends: base
          cron:
            extends: {service: worker}
      `,
    },
    { name: 'compose extends a service of another file (unknown)', filename: compose, code: 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: app\n' },
    { name: 'compose override fragment without image or build', filename: 'compose.override.yaml', code: 'services:\n  app:\n    environment:\n      DEBUG: "1"\n' },
    {
      name: 'k8s app and init containers with limits; ephemeral containers cannot have resources',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: init
            image: busybox:1.36
            resources: {limits: {memory: 64Mi}}
          containers:
          - name: app
            image: app:1
            resources:
              limits:
                memory: 512Mi
          ephemeralContainers:
          - name: debug
            image: busybox:1.36
      `,
    },
    {
      name: 'k8s pod-level resources cover every container',
      filename: k8s,
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resources: {limits: {memory: 1Gi}}\n  containers:\n  - {name: a, image: app:1}\n  - {name: b, image: sidecar:1}\n',
    },
    {
      name: 'k8s kustomize patch without images',
      filename: k8s,
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        env: [{name: DEBUG, value: "1"}]\n',
    },
    { name: 'k8s objects without pods', filename: k8s, code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n' },
  ],
  invalid: [
    {
      name: 'compose service without a limit points at the service key',
      filename: compose,
      code: dedent`
        services:
          web:
            image: nginx:1.27
            deploy:
              resources:
                limits: {cpus: "0.5"}
                reservations: {memory: 128M}
      `,
      errors: [
        {
          messageId: 'service',
          message: 'Service "web" has no memory limit (deploy.resources.limits.memory or mem_limit): a leak or a load spike can use up the host\'s memory and starve other containers.',
          severity: 'warning',
          line: 2, column: 3, endLine: 2, endColumn: 6,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  web:
                    image: nginx:1.27
                    deploy:
                      resources:
                        limits: {cpus: "0.5", memory: 512m, pids: 200}
                        reservations: {memory: 128M}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose zero means unlimited; null value is missing; build-only service; extends without limits',
      filename: compose,
      code: dedent`
        services:
          a:
            image: app:1
            mem_limit: 0
          b:
            build: .
            deploy:
              resources:
                limits:
                  memory: "0"
          c:
            image: app:1
            mem_limit:
          d:
            extends: c
      `,
      errors: [
        {
          messageId: 'unlimited',
          message: 'Service "a" sets mem_limit to 0, which means no memory limit: a leak or a load spike can use up the host\'s memory.',
          line: 4, column: 16, endLine: 4, endColumn: 17,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    mem_limit: 512m
                    cpus: "0.5"
                    pids_limit: 200
                  b:
                    build: .
                    deploy:
                      resources:
                        limits:
                          memory: "0"
                  c:
                    image: app:1
                    mem_limit:
                  d:
                    extends: c
              `,
            },
          ],
        },
        {
          messageId: 'unlimited', line: 10, column: 19, endLine: 10, endColumn: 22,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    mem_limit: 0
                  b:
                    build: .
                    deploy:
                      resources:
                        limits:
                          memory: "512m"
                          cpus: "0.5"
                          pids: 200
                  c:
                    image: app:1
                    mem_limit:
                  d:
                    extends: c
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
                    mem_limit: 0
                  b:
                    build: .
                    deploy:
                      resources:
                        limits:
                          memory: "0"
                  c:
                    image: app:1
                    mem_limit: 512m
                    cpus: "0.5"
                    pids_limit: 200
                  d:
                    extends: c
              `,
            },
          ],
        },
        {
          messageId: 'service', line: 14, column: 3, endLine: 14, endColumn: 4,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    mem_limit: 0
                  b:
                    build: .
                    deploy:
                      resources:
                        limits:
                          memory: "0"
                  c:
                    image: app:1
                    mem_limit:
                  d:
                    extends: c
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
      name: 'k8s container name is the anchor; init container too',
      filename: k8s,
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              initContainers:
              - name: migrate
                image: app:1
                resources: {requests: {memory: 64Mi}}
              containers:
              - name: web
                image: nginx:1.27
                resources:
                  limits: {cpu: 500m}
      `,
      errors: [
        {
          messageId: 'container',
          message: 'Container "migrate" has no memory limit (resources.limits.memory): a leak or a load spike can use up the node\'s memory and get other pods killed or evicted.',
          line: 8, column: 15, endLine: 8, endColumn: 22,
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
                      initContainers:
                      - name: migrate
                        image: app:1
                        resources: {requests: {memory: 64Mi, cpu: 250m}, limits: {memory: 512Mi, cpu: 500m}}
                      containers:
                      - name: web
                        image: nginx:1.27
                        resources:
                          limits: {cpu: 500m}
              `,
            },
          ],
        },
        {
          messageId: 'container', line: 12, column: 15, endLine: 12, endColumn: 18,
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
                      initContainers:
                      - name: migrate
                        image: app:1
                        resources: {requests: {memory: 64Mi}}
                      containers:
                      - name: web
                        image: nginx:1.27
                        resources:
                          limits: {cpu: 500m, memory: 512Mi}
                          requests:
                            memory: 256Mi
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s third document, List items, flow style, CronJob, null limit',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: report}
          spec:
            schedule: "0 3 * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    containers: [{name: report, image: "report:2", resources: {limits: {memory: null}}}]
        - apiVersion: v1
          kind: PodTemplate
          metadata: {name: t}
          template:
            spec:
              containers:
              - {name: "t", image: app:1, resources: {}}
      `,
      errors: [
        {
          messageId: 'container', line: 21, column: 33, endLine: 21, endColumn: 39,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: report}
                  spec:
                    schedule: "0 3 * * *"
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            containers: [{name: report, image: "report:2", resources: {limits: {memory: 512Mi, cpu: 500m}, requests: {memory: 256Mi, cpu: 250m}}}]
                - apiVersion: v1
                  kind: PodTemplate
                  metadata: {name: t}
                  template:
                    spec:
                      containers:
                      - {name: "t", image: app:1, resources: {}}
              `,
            },
          ],
        },
        {
          messageId: 'container', line: 28, column: 16, endLine: 28, endColumn: 19,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: report}
                  spec:
                    schedule: "0 3 * * *"
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            containers: [{name: report, image: "report:2", resources: {limits: {memory: null}}}]
                - apiVersion: v1
                  kind: PodTemplate
                  metadata: {name: t}
                  template:
                    spec:
                      containers:
                      - {name: "t", image: app:1, resources: {limits: {memory: 512Mi, cpu: 500m}, requests: {memory: 256Mi, cpu: 250m}}}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: CRLF and 4-space indentation; a reservation above the default becomes the limit',
      code: 'services:\r\n    db:\r\n        image: postgres:16\r\n        deploy:\r\n            replicas: 1\r\n            resources:\r\n                reservations:\r\n                    memory: 1g\r\n',
      errors: [{
        messageId: 'service', line: 2, column: 5, endLine: 2, endColumn: 7,
        suggestions: [
          {
            title: 'Add resource limits and requests',
            output: 'services:\r\n    db:\r\n        image: postgres:16\r\n        deploy:\r\n            replicas: 1\r\n            resources:\r\n                reservations:\r\n                    memory: 1g\r\n                limits:\r\n                    memory: 1g\r\n                    cpus: "0.5"\r\n                    pids: 200\r\n',
          },
        ],
      }],
    },
    {
      name: 'compose: a deploy section merged in with << would be replaced whole by an own one: no suggestion',
      code: dedent`
        x-deploy: &deploy
          deploy: {replicas: 2}
        services:
          web:
            <<: *deploy
            image: nginx:1.27
      `,
      errors: [{ messageId: 'service', line: 4, column: 3, endLine: 4, endColumn: 6 }],
    },
    {
      name: 'k8s: 4-space indentation, indented lists, CRLF; a request above the default limit becomes the limit',
      code: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: api\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                -   name: api\r\n                    image: example/api:1\r\n                    resources:\r\n                        requests:\r\n                            memory: 2Gi   # JVM heap\r\n',
      errors: [{
        messageId: 'container', line: 9, column: 27, endLine: 9, endColumn: 30,
        suggestions: [
          {
            title: 'Add resource limits and requests',
            output: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: api\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                -   name: api\r\n                    image: example/api:1\r\n                    resources:\r\n                        requests:\r\n                            memory: 2Gi   # JVM heap\r\n                            cpu: 250m\r\n                        limits:\r\n                            memory: 2Gi\r\n                            cpu: 500m\r\n',
          },
        ],
      }],
    },
  ],
});
