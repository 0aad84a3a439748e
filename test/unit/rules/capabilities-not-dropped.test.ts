import rule from '../../../server/src/engine/rules/capabilities-not-dropped';
import { dedent, RuleTester } from '../../rule-tester';

const pod = (securityContext: string, spec = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n  - name: app\n    image: nginx:1.27\n${securityContext}`;

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n' },
    { name: 'compose: any case, CAP_ prefix', filename: 'compose.yaml', code: 'services:\n  a:\n    image: nginx:1.27\n    cap_drop: [all]\n  b:\n    image: nginx:1.27\n    cap_drop: ["CAP_ALL"]\n' },
    {
      name: 'compose: inherited through extends',
      filename: 'compose.yaml',
      code: 'services:\n  base:\n    image: nginx:1.27\n    cap_drop: [ALL]\n  web:\n    extends: base\n    cap_drop: [NET_RAW]\n',
    },
    { name: 'compose: base in another file', filename: 'compose.yaml', code: 'services:\n  web:\n    extends: {file: base.yaml, service: web}\n' },
    pod('    securityContext:\n      capabilities:\n        drop: ["ALL"]\n'),
    { name: 'k8s: runtimes read "all" as ALL outside the PSS profiles', code: pod('    securityContext: {capabilities: {drop: [all]}}\n') },
    { name: 'k8s: Windows pods cannot set capabilities', code: pod('', '  os:\n    name: windows\n'), config: { profile: 'pss-restricted' } },
    { name: 'k8s: not a pod', code: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n' },
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
          message: 'Service "web" keeps Docker\'s default capabilities (such as NET_RAW, CHOWN and SETUID); set cap_drop: [ALL] and add back only what it needs with cap_add.',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          severity: 'warning',
          suggestions: [
            {
              title: 'Drop all capabilities (cap_drop: [ALL])',
              output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: partial drop points at cap_drop, an empty list at the service',
      filename: 'compose.yaml',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            cap_drop:
              - NET_RAW
          api:
            image: example/api:1
            cap_drop: []
      `,
      errors: [
        {
          messageId: 'composePartial',
          message: 'Service "web" drops some capabilities but not ALL, so it keeps the rest of Docker\'s default set; use cap_drop: [ALL] and add back only what it needs.',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 13,
          suggestions: [
            {
              title: 'Drop all capabilities (cap_drop: [ALL])',
              output: dedent`
                services:
                  web:
                    image: nginx:1.27
                    cap_drop:
                      - NET_RAW
                      - ALL
                  api:
                    image: example/api:1
                    cap_drop: []
              `,
            },
          ],
        },
        {
          messageId: 'composeMissing', line: 6, column: 3, endLine: 6, endColumn: 6,
          suggestions: [
            {
              title: 'Drop all capabilities (cap_drop: [ALL])',
              output: dedent`
                services:
                  web:
                    image: nginx:1.27
                    cap_drop:
                      - NET_RAW
                  api:
                    image: example/api:1
                    cap_drop: [ALL]
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
            'Container "app" keeps the container runtime\'s default capabilities (such as NET_RAW, CHOWN and SETUID); set securityContext.capabilities.drop: ["ALL"] and add back only what it needs.',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 14,
          severity: 'warning',
          suggestions: [
            {
              title: 'Drop all capabilities (capabilities.drop: [ALL])',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n',
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
      name: 'k8s: every container type, partial drop, Linux pod, third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              os: {name: linux}
              restartPolicy: Never
              initContainers:
              - name: init
                image: busybox:1.36
                securityContext:
                  capabilities:
                    drop: [NET_RAW]
              containers:
              - name: job
                image: busybox:1.36
                securityContext: {capabilities: {add: [CHOWN]}}
              ephemeralContainers:
              - {name: debug, image: "busybox:1.36"}
      `,
      errors: [
        {
          messageId: 'partial',
          message: 'Init container "init" drops some capabilities but not ALL, so it keeps the rest of the default set; drop "ALL" and add back only what it needs.',
          line: 22,
          column: 13,
          endLine: 22,
          endColumn: 17,
          suggestions: [
            {
              title: 'Drop all capabilities (capabilities.drop: [ALL])',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      os: {name: linux}
                      restartPolicy: Never
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [NET_RAW, ALL]
                      containers:
                      - name: job
                        image: busybox:1.36
                        securityContext: {capabilities: {add: [CHOWN]}}
                      ephemeralContainers:
                      - {name: debug, image: "busybox:1.36"}
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
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      os: {name: linux}
                      restartPolicy: Never
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [NET_RAW, ALL]
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          runAsNonRoot: true
                          seccompProfile:
                            type: RuntimeDefault
                      containers:
                      - name: job
                        image: busybox:1.36
                        securityContext: {capabilities: {add: [CHOWN]}}
                      ephemeralContainers:
                      - {name: debug, image: "busybox:1.36"}
              `,
            },
          ],
        },
        {
          messageId: 'missing', line: 24, column: 15, endLine: 24, endColumn: 18,
          suggestions: [
            {
              title: 'Drop all capabilities (capabilities.drop: [ALL])',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      os: {name: linux}
                      restartPolicy: Never
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [NET_RAW]
                      containers:
                      - name: job
                        image: busybox:1.36
                        securityContext: {capabilities: {add: [CHOWN], drop: [ALL]}}
                      ephemeralContainers:
                      - {name: debug, image: "busybox:1.36"}
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
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      os: {name: linux}
                      restartPolicy: Never
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [NET_RAW]
                      containers:
                      - name: job
                        image: busybox:1.36
                        securityContext: {capabilities: {add: [CHOWN], drop: [ALL]}, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                      ephemeralContainers:
                      - {name: debug, image: "busybox:1.36"}
              `,
            },
          ],
        },
        {
          messageId: 'missing', message: rule.messages.missing.replace('{{subject}}', 'Ephemeral container "debug"'), line: 28, column: 16, endLine: 28, endColumn: 21,
          suggestions: [
            {
              title: 'Drop all capabilities (capabilities.drop: [ALL])',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      os: {name: linux}
                      restartPolicy: Never
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [NET_RAW]
                      containers:
                      - name: job
                        image: busybox:1.36
                        securityContext: {capabilities: {add: [CHOWN]}}
                      ephemeralContainers:
                      - {name: debug, image: "busybox:1.36", securityContext: {capabilities: {drop: [ALL]}}}
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
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      os: {name: linux}
                      restartPolicy: Never
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            drop: [NET_RAW]
                      containers:
                      - name: job
                        image: busybox:1.36
                        securityContext: {capabilities: {add: [CHOWN]}}
                      ephemeralContainers:
                      - {name: debug, image: "busybox:1.36", securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: containers sharing an anchor each get their own place',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: nginx:1.27
            securityContext: &sc
              capabilities:
                drop: [NET_RAW]
          - name: b
            image: nginx:1.27
            securityContext: *sc
      `,
      errors: [
        { messageId: 'partial', line: 10, column: 9, endLine: 10, endColumn: 13 },
        { messageId: 'partial', message: rule.messages.partial.replace('{{subject}}', 'Container "b"'), line: 13, column: 5, endLine: 13, endColumn: 20 },
      ],
    },
    {
      name: 'k8s: Pod Security only recognises "ALL" as written',
      code: pod('    securityContext:\n      capabilities:\n        drop: [all]\n'),
      config: { profile: 'pss-restricted' },
      errors: [
        {
          messageId: 'spelling',
          message: 'Container "app" drops "all", but Pod Security admission only recognises "ALL" written exactly like that.',
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 19,
          severity: 'error',
          suggestions: [
            {
              title: 'Write "ALL"',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n',
            },
            {
              title: 'Harden container',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [all, ALL]\n      allowPrivilegeEscalation: false\n      readOnlyRootFilesystem: true\n      runAsNonRoot: true\n      seccompProfile:\n        type: RuntimeDefault\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: ALL appended to a block cap_drop with CRLF line endings and 4-space indentation',
      filename: 'compose.yaml',
      code: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        cap_drop:\r\n        - NET_RAW   # no ping\r\n        cap_add: [NET_BIND_SERVICE]\r\n',
      errors: [{
        messageId: 'composePartial', line: 4, column: 9, endLine: 4, endColumn: 17,
        suggestions: [
          {
            title: 'Drop all capabilities (cap_drop: [ALL])',
            output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        cap_drop:\r\n        - NET_RAW   # no ping\r\n        - ALL\r\n        cap_add: [NET_BIND_SERVICE]\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: ALL appended to an indented drop list, 4-space indentation',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata:
            name: p
        spec:
            securityContext:
                runAsNonRoot: true
            containers:
                -   name: app
                    image: nginx:1.27
                    securityContext:
                        readOnlyRootFilesystem: true
                        capabilities:
                            drop:
                                - NET_RAW
      `,
      errors: [{
        messageId: 'partial', line: 14, column: 21, endLine: 14, endColumn: 25,
        suggestions: [
          {
            title: 'Drop all capabilities (capabilities.drop: [ALL])',
            output: dedent`
              apiVersion: v1
              kind: Pod
              metadata:
                  name: p
              spec:
                  securityContext:
                      runAsNonRoot: true
                  containers:
                      -   name: app
                          image: nginx:1.27
                          securityContext:
                              readOnlyRootFilesystem: true
                              capabilities:
                                  drop:
                                      - NET_RAW
                                      - ALL
            `,
          },
          {
            title: 'Harden container',
            output: dedent`
              apiVersion: v1
              kind: Pod
              metadata:
                  name: p
              spec:
                  securityContext:
                      runAsNonRoot: true
                  containers:
                      -   name: app
                          image: nginx:1.27
                          securityContext:
                              readOnlyRootFilesystem: true
                              capabilities:
                                  drop:
                                      - NET_RAW
                                      - ALL
                              allowPrivilegeEscalation: false
                              seccompProfile:
                                  type: RuntimeDefault
            `,
          },
        ],
      }],
    },
  ],
});
