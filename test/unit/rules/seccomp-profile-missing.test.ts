import rule from '../../../server/src/engine/rules/seccomp-profile-missing';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          seccompProfile:
            type: RuntimeDefault
        initContainers: [{name: init, image: "busybox:1.36"}]
        containers: [{name: app, image: "nginx:1.27"}]
    `,
    {
      name: 'k8s: every container sets its own',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: nginx:1.27
            securityContext: {seccompProfile: {type: Localhost, localhostProfile: a.json}}
          - name: b
            image: nginx:1.27
            securityContext:
              seccompProfile: {type: RuntimeDefault}
      `,
    },
    {
      name: 'k8s: an unconfined profile is seccomp-unconfined\'s finding',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {seccompProfile: {type: Unconfined}}\n  containers: [{name: app, image: "nginx:1.27"}]\n',
    },
    {
      name: 'k8s: Windows pods cannot set seccomp',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  containers: [{name: app, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}]\n',
      config: { profile: 'pss-restricted' },
    },
    { name: 'k8s: not a pod', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n' },
    {
      name: 'k8s: a container without image is a kustomize patch; the base has the rest (corpus: kubeflow deployment-patch.yaml)',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cache-server}\nspec:\n  template:\n    spec:\n      containers:\n      - name: server\n        env: [{name: NAMESPACE_TO_WATCH, value: ""}]\n',
    },
  ],
  invalid: [
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'missing',
          message:
            'Container "app" has no seccomp profile (neither its securityContext nor the pod\'s sets seccompProfile), so it may run without a syscall filter; set seccompProfile type RuntimeDefault at pod level.',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 14,
          severity: 'info',
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault for the pod',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
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
      name: 'k8s: error under pss-restricted; containers without their own profile, CronJob in the third document',
      config: { profile: 'pss-restricted' },
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
        kind: CronJob
        metadata: {name: c}
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  securityContext: {runAsNonRoot: true}
                  initContainers:
                  - name: init
                    image: busybox:1.36
                  containers:
                  - name: job
                    image: busybox:1.36
                    securityContext:
                      seccompProfile: {type: RuntimeDefault}
                  ephemeralContainers:
                  - name: debug
                    image: busybox:1.36
      `,
      errors: [
        {
          messageId: 'missing', message: rule.messages.missing.replace('{{subject}}', 'Init container "init"'), line: 21, column: 19, endLine: 21, endColumn: 23, severity: 'error',
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault for the container',
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
                kind: CronJob
                metadata: {name: c}
                spec:
                  schedule: "@hourly"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          securityContext: {runAsNonRoot: true}
                          initContainers:
                          - name: init
                            image: busybox:1.36
                            securityContext:
                              seccompProfile:
                                type: RuntimeDefault
                          containers:
                          - name: job
                            image: busybox:1.36
                            securityContext:
                              seccompProfile: {type: RuntimeDefault}
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
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: c}
                spec:
                  schedule: "@hourly"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          securityContext: {runAsNonRoot: true}
                          initContainers:
                          - name: init
                            image: busybox:1.36
                            securityContext:
                              allowPrivilegeEscalation: false
                              readOnlyRootFilesystem: true
                              capabilities:
                                drop:
                                - ALL
                              seccompProfile:
                                type: RuntimeDefault
                          containers:
                          - name: job
                            image: busybox:1.36
                            securityContext:
                              seccompProfile: {type: RuntimeDefault}
                          ephemeralContainers:
                          - name: debug
                            image: busybox:1.36
              `,
            },
          ],
        },
        {
          messageId: 'missing', line: 29, column: 19, endLine: 29, endColumn: 24, severity: 'error',
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault for the container',
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
                kind: CronJob
                metadata: {name: c}
                spec:
                  schedule: "@hourly"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          securityContext: {runAsNonRoot: true}
                          initContainers:
                          - name: init
                            image: busybox:1.36
                          containers:
                          - name: job
                            image: busybox:1.36
                            securityContext:
                              seccompProfile: {type: RuntimeDefault}
                          ephemeralContainers:
                          - name: debug
                            image: busybox:1.36
                            securityContext:
                              seccompProfile:
                                type: RuntimeDefault
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
                kind: CronJob
                metadata: {name: c}
                spec:
                  schedule: "@hourly"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          securityContext: {runAsNonRoot: true}
                          initContainers:
                          - name: init
                            image: busybox:1.36
                          containers:
                          - name: job
                            image: busybox:1.36
                            securityContext:
                              seccompProfile: {type: RuntimeDefault}
                          ephemeralContainers:
                          - name: debug
                            image: busybox:1.36
                            securityContext:
                              allowPrivilegeEscalation: false
                              readOnlyRootFilesystem: true
                              capabilities:
                                drop:
                                - ALL
                              seccompProfile:
                                type: RuntimeDefault
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: the deprecated annotations do not count',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              metadata:
                annotations:
                  seccomp.security.alpha.kubernetes.io/pod: runtime/default
                  container.seccomp.security.alpha.kubernetes.io/sidecar: localhost/sidecar.json
              spec:
                containers:
                - name: web
                  image: nginx:1.27
                - name: sidecar
                  image: envoyproxy/envoy:v1.31.0
      `,
      errors: [
        {
          messageId: 'annotationOnly',
          message:
            'Container "web" gets its seccomp profile only from the deprecated annotation "seccomp.security.alpha.kubernetes.io/pod"; set securityContext.seccompProfile instead, which Pod Security restricted requires.',
          line: 15,
          column: 17,
          endLine: 15,
          endColumn: 20,
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault for the pod',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web}
                  spec:
                    template:
                      metadata:
                        annotations:
                          seccomp.security.alpha.kubernetes.io/pod: runtime/default
                          container.seccomp.security.alpha.kubernetes.io/sidecar: localhost/sidecar.json
                      spec:
                        containers:
                        - name: web
                          image: nginx:1.27
                        - name: sidecar
                          image: envoyproxy/envoy:v1.31.0
                        securityContext:
                          seccompProfile:
                            type: RuntimeDefault
              `,
            },
            {
              title: 'Harden container',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web}
                  spec:
                    template:
                      metadata:
                        annotations:
                          seccomp.security.alpha.kubernetes.io/pod: runtime/default
                          container.seccomp.security.alpha.kubernetes.io/sidecar: localhost/sidecar.json
                      spec:
                        containers:
                        - name: web
                          image: nginx:1.27
                          securityContext:
                            allowPrivilegeEscalation: false
                            readOnlyRootFilesystem: true
                            capabilities:
                              drop:
                              - ALL
                            runAsNonRoot: true
                            seccompProfile:
                              type: RuntimeDefault
                        - name: sidecar
                          image: envoyproxy/envoy:v1.31.0
              `,
            },
          ],
        },
        {
          messageId: 'annotationOnly',
          message:
            'Container "sidecar" gets its seccomp profile only from the deprecated annotation "container.seccomp.security.alpha.kubernetes.io/sidecar"; set securityContext.seccompProfile instead, which Pod Security restricted requires.',
          line: 17,
          column: 17,
          endLine: 17,
          endColumn: 24,
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault for the pod',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web}
                  spec:
                    template:
                      metadata:
                        annotations:
                          seccomp.security.alpha.kubernetes.io/pod: runtime/default
                          container.seccomp.security.alpha.kubernetes.io/sidecar: localhost/sidecar.json
                      spec:
                        containers:
                        - name: web
                          image: nginx:1.27
                        - name: sidecar
                          image: envoyproxy/envoy:v1.31.0
                        securityContext:
                          seccompProfile:
                            type: RuntimeDefault
              `,
            },
            {
              title: 'Harden container',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web}
                  spec:
                    template:
                      metadata:
                        annotations:
                          seccomp.security.alpha.kubernetes.io/pod: runtime/default
                          container.seccomp.security.alpha.kubernetes.io/sidecar: localhost/sidecar.json
                      spec:
                        containers:
                        - name: web
                          image: nginx:1.27
                        - name: sidecar
                          image: envoyproxy/envoy:v1.31.0
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
      name: 'k8s: the pod-level profile merges into a flow pod securityContext; CRLF kept',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  securityContext: {runAsNonRoot: true}\r\n  containers:\r\n  - name: app\r\n    image: nginx:1.27\r\n    securityContext: {}\r\n',
      errors: [{
        messageId: 'missing', line: 7, column: 11, endLine: 7, endColumn: 14,
        suggestions: [
          {
            title: 'Set seccompProfile type RuntimeDefault for the pod',
            output: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\r\n  containers:\r\n  - name: app\r\n    image: nginx:1.27\r\n    securityContext: {}\r\n',
          },
          {
            title: 'Harden container',
            output: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  securityContext: {runAsNonRoot: true}\r\n  containers:\r\n  - name: app\r\n    image: nginx:1.27\r\n    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: 4-space indentation with indented lists, pod-level securityContext in block style',
      code: dedent`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
            name: db
        spec:
            template:
                spec:
                    securityContext:
                        fsGroup: 999
                    containers:
                        -   name: db
                            image: postgres:16
                            ports:
                                -   containerPort: 5432
                    volumes:
                        -   name: data
                            emptyDir: {}
      `,
      errors: [{
        messageId: 'missing', line: 11, column: 27, endLine: 11, endColumn: 29,
        suggestions: [
          {
            title: 'Set seccompProfile type RuntimeDefault for the pod',
            output: dedent`
              apiVersion: apps/v1
              kind: StatefulSet
              metadata:
                  name: db
              spec:
                  template:
                      spec:
                          securityContext:
                              fsGroup: 999
                              seccompProfile:
                                  type: RuntimeDefault
                          containers:
                              -   name: db
                                  image: postgres:16
                                  ports:
                                      -   containerPort: 5432
                          volumes:
                              -   name: data
                                  emptyDir: {}
            `,
          },
          {
            title: 'Harden container',
            output: dedent`
              apiVersion: apps/v1
              kind: StatefulSet
              metadata:
                  name: db
              spec:
                  template:
                      spec:
                          securityContext:
                              fsGroup: 999
                          containers:
                              -   name: db
                                  image: postgres:16
                                  ports:
                                      -   containerPort: 5432
                                  securityContext:
                                      allowPrivilegeEscalation: false
                                      readOnlyRootFilesystem: true
                                      capabilities:
                                          drop:
                                              - ALL
                                      runAsNonRoot: true
                                      seccompProfile:
                                          type: RuntimeDefault
                          volumes:
                              -   name: data
                                  emptyDir: {}
            `,
          },
        ],
      }],
    },
  ],
});
