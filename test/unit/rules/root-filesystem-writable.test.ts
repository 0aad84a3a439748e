import rule from '../../../server/src/engine/rules/root-filesystem-writable';
import { dedent, RuleTester } from '../../rule-tester';

const pod = (securityContext: string, spec = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n  - name: app\n    image: nginx:1.27\n${securityContext}`;

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/tmp]\n' },
    { name: 'compose: quoted any-case yes', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: "Yes"\n' },
    {
      name: 'compose: inherited through extends',
      filename: 'compose.yaml',
      code: 'services:\n  base:\n    image: nginx:1.27\n    read_only: true\n  web:\n    extends:\n      service: base\n',
    },
    { name: 'compose: base in another file', filename: 'compose.yaml', code: 'services:\n  web:\n    extends: {file: base.yaml, service: web}\n' },
    pod('    securityContext:\n      readOnlyRootFilesystem: true\n'),
    { name: 'k8s: YAML 1.1 yes', code: pod('    securityContext: {readOnlyRootFilesystem: yes}\n') },
    { name: 'k8s: a quoted "false" is rejected by the API server, not reported', code: pod('    securityContext: {readOnlyRootFilesystem: "false"}\n') },
    { name: 'k8s: Windows pods cannot set the field', code: pod('', '  os: {name: windows}\n') },
    {
      name: 'k8s: a container without image is a kustomize patch; the base has the rest (corpus: kubeflow deployment-patch.yaml)',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cache-server}\nspec:\n  template:\n    spec:\n      containers:\n      - name: server\n        env: [{name: NAMESPACE_TO_WATCH, value: ""}]\n',
    },
    {
      name: 'k8s: hardened settings merged in with <<',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec:
            containers:
            - name: app
              image: nginx:1.27
              securityContext: &hardened
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                capabilities: {drop: [ALL]}
            - name: sidecar
              image: envoyproxy/envoy:v1.31.0
              securityContext:
                <<: *hardened
                runAsUser: 1000
      `,
    },
    {
      name: 'compose: an override fragment without image or build (corpus: opentelemetry-demo compose.observability.yaml)',
      filename: 'compose.observability.yaml',
      code: 'services:\n  otel-collector:\n    command: ["--config=/etc/otelcol-config.yml"]\n    depends_on: [jaeger]\n',
    },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'composeMissing',
          message: 'Service "web" does not set read_only: true, so an intruder can change its binaries and store tools; use tmpfs or volumes only where it must write.',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set read_only: true (add tmpfs: [/tmp] where the service writes)',
              output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: explicit false, through a merge key too',
      filename: 'compose.yaml',
      code: dedent`
        x-common: &common
          read_only: off
        services:
          web:
            image: nginx:1.27
            read_only: false
          api:
            <<: *common
            image: example/api:1
      `,
      errors: [
        {
          messageId: 'composeWritable', line: 2, column: 14, endLine: 2, endColumn: 17,
          suggestions: [
            {
              title: 'Set read_only: true (add tmpfs: [/tmp] where the service writes)',
              output: dedent`
                x-common: &common
                  read_only: off
                services:
                  web:
                    image: nginx:1.27
                    read_only: false
                  api:
                    <<: *common
                    image: example/api:1
                    read_only: true
              `,
            },
          ],
        },
        {
          messageId: 'composeWritable',
          message: 'Service "web" sets read_only to false, so an intruder can change its binaries and store tools; set read_only: true and use tmpfs or volumes where it must write.',
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              title: 'Set read_only: true (add tmpfs: [/tmp] where the service writes)',
              output: dedent`
                x-common: &common
                  read_only: off
                services:
                  web:
                    image: nginx:1.27
                    read_only: true
                  api:
                    <<: *common
                    image: example/api:1
              `,
            },
          ],
        },
      ],
    },
    {
      code: pod(''),
      errors: [
        {
          messageId: 'missing',
          message:
            'Container "app" does not set securityContext.readOnlyRootFilesystem: true, so an intruder can change its binaries and store tools; mount writable volumes only where it must write.',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 14,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true\n',
            },
            {
              title: 'Harden container',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      capabilities:\n        drop:\n        - ALL\n      runAsNonRoot: true\n      seccompProfile:\n        type: RuntimeDefault\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: explicit false, null, every container type, List in the third document',
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
          kind: ReplicaSet
          metadata: {name: rs}
          spec:
            template:
              spec:
                initContainers:
                - name: init
                  image: busybox:1.36
                  securityContext:
                    readOnlyRootFilesystem: false
                containers:
                - name: web
                  image: nginx:1.27
                  securityContext: {readOnlyRootFilesystem: ~}
                ephemeralContainers:
                - name: debug
                  image: busybox:1.36
      `,
      errors: [
        {
          messageId: 'writable',
          message:
            'Init container "init" sets readOnlyRootFilesystem: false, so an intruder can change its binaries and store tools; set it to true and mount writable volumes only where it must write.',
          line: 22,
          column: 37,
          endLine: 22,
          endColumn: 42,
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
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
                  kind: ReplicaSet
                  metadata: {name: rs}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: init
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: true
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext: {readOnlyRootFilesystem: ~}
                        ephemeralContainers:
                        - name: debug
                          image: busybox:1.36
              `,
            },
            {
              title: 'Harden container',
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
                  kind: ReplicaSet
                  metadata: {name: rs}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: init
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: true
                            allowPrivilegeEscalation: false
                            capabilities:
                              drop:
                              - ALL
                            runAsNonRoot: true
                            seccompProfile:
                              type: RuntimeDefault
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext: {readOnlyRootFilesystem: ~}
                        ephemeralContainers:
                        - name: debug
                          image: busybox:1.36
              `,
            },
          ],
        },
        {
          messageId: 'missing', line: 24, column: 17, endLine: 24, endColumn: 20,
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
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
                  kind: ReplicaSet
                  metadata: {name: rs}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: init
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: false
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext: {readOnlyRootFilesystem: true}
                        ephemeralContainers:
                        - name: debug
                          image: busybox:1.36
              `,
            },
            {
              title: 'Harden container',
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
                  kind: ReplicaSet
                  metadata: {name: rs}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: init
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: false
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                        ephemeralContainers:
                        - name: debug
                          image: busybox:1.36
              `,
            },
          ],
        },
        {
          messageId: 'missing', line: 28, column: 17, endLine: 28, endColumn: 22,
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
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
                  kind: ReplicaSet
                  metadata: {name: rs}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: init
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: false
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext: {readOnlyRootFilesystem: ~}
                        ephemeralContainers:
                        - name: debug
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: true
              `,
            },
            {
              title: 'Harden container',
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
                  kind: ReplicaSet
                  metadata: {name: rs}
                  spec:
                    template:
                      spec:
                        initContainers:
                        - name: init
                          image: busybox:1.36
                          securityContext:
                            readOnlyRootFilesystem: false
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext: {readOnlyRootFilesystem: ~}
                        ephemeralContainers:
                        - name: debug
                          image: busybox:1.36
                          securityContext:
                            allowPrivilegeEscalation: false
                            readOnlyRootFilesystem: true
                            capabilities:
                              drop:
                              - ALL
                            runAsNonRoot: true
                            seccompProfile:
                              type: RuntimeDefault
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: flow-style service and CRLF',
      filename: 'compose.yaml',
      code: 'services:\r\n  web: {image: nginx:1.27, ports: ["8080:80"]}\r\n',
      errors: [{
        messageId: 'composeMissing', line: 2, column: 3, endLine: 2, endColumn: 6,
        suggestions: [
          {
            title: 'Set read_only: true (add tmpfs: [/tmp] where the service writes)',
            output: 'services:\r\n  web: {image: nginx:1.27, ports: ["8080:80"], read_only: true}\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: Harden container keeps pod-level runAsNonRoot and seccompProfile, and leaves allowPrivilegeEscalation alone on a privileged container',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
              - name: web
                image: nginx:1.27
                securityContext:
                  runAsUser: 101   # nginx
              - name: vpn
                image: example/vpn:2
                securityContext: {privileged: true}
      `,
      errors: [
        {
          messageId: 'missing', line: 12, column: 15, endLine: 12, endColumn: 18,
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          runAsUser: 101   # nginx
                          readOnlyRootFilesystem: true
                      - name: vpn
                        image: example/vpn:2
                        securityContext: {privileged: true}
              `,
            },
            {
              title: 'Harden container',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          runAsUser: 101   # nginx
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          capabilities:
                            drop:
                            - ALL
                      - name: vpn
                        image: example/vpn:2
                        securityContext: {privileged: true}
              `,
            },
          ],
        },
        {
          messageId: 'missing', line: 16, column: 15, endLine: 16, endColumn: 18,
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          runAsUser: 101   # nginx
                      - name: vpn
                        image: example/vpn:2
                        securityContext: {privileged: true, readOnlyRootFilesystem: true}
              `,
            },
            {
              title: 'Harden container',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          runAsUser: 101   # nginx
                      - name: vpn
                        image: example/vpn:2
                        securityContext: {privileged: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: an own securityContext next to a << merge is edited; one only merged in gets no suggestion (an own one would replace it whole)',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec:
            containers:
            - &app
              name: app
              image: nginx:1.27
              securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
            - <<: *app
              name: sidecar
              securityContext: {runAsNonRoot: true}
            - name: init
              <<: {securityContext: {runAsNonRoot: true}}
              image: busybox:1.36
      `,
      errors: [
        {
          messageId: 'missing', line: 14, column: 13, endLine: 14, endColumn: 20,
          suggestions: [
            {
              title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: p}
                  spec:
                    containers:
                    - &app
                      name: app
                      image: nginx:1.27
                      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
                    - <<: *app
                      name: sidecar
                      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
                    - name: init
                      <<: {securityContext: {runAsNonRoot: true}}
                      image: busybox:1.36
              `,
            },
            {
              title: 'Harden container',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: p}
                  spec:
                    containers:
                    - &app
                      name: app
                      image: nginx:1.27
                      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
                    - <<: *app
                      name: sidecar
                      securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
                    - name: init
                      <<: {securityContext: {runAsNonRoot: true}}
                      image: busybox:1.36
              `,
            },
          ],
        },
        { messageId: 'missing', line: 16, column: 13, endLine: 16, endColumn: 17 },
      ],
    },
  ],
});
