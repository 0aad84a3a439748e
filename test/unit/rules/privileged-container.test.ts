import rule from '../../../server/src/engine/rules/privileged-container';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n' },
    { name: 'compose: quoted "no" is false', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: "no"\n' },
    { name: 'compose: empty value', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged:\n' },
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: false
    `,
    {
      name: 'k8s: a quoted "true" is a string, which the API server rejects',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: "true"}\n',
    },
    {
      name: 'k8s: YAML 1.1 off is false',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: off}\n',
    },
    {
      name: 'k8s: privileged is not a pod-level field',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {privileged: true}\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
    { name: 'k8s: not a pod', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  privileged: "true"\n' },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      errors: [
        {
          messageId: 'privileged',
          message:
            'Service "web" runs privileged: it gets every capability and access to all host devices, and AppArmor, SELinux and seccomp are lifted, so escaping to the host is trivial. Grant only the capabilities it needs instead.',
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 21,
          severity: 'error',
          suggestions: [
            {
              title: 'Set privileged: false',
              output: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n',
            },
            {
              title: 'Remove privileged',
              output: 'services:\n  web:\n    image: nginx:1.27\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: any-case yes/on, quoted or not; flow style; merge keys',
      filename: 'docker-compose.yml',
      code: dedent`
        x-base: &base
          privileged: "ON"
        services:
          a: {image: busybox:1.36, privileged: yes}
          b:
            <<: *base
            image: busybox:1.36
          c:
            image: busybox:1.36
            privileged: 'True'
      `,
      errors: [
        {
          messageId: 'privileged', line: 2, column: 15, endLine: 2, endColumn: 19,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                x-base: &base
                  privileged: "ON"
                services:
                  a: {image: busybox:1.36, privileged: yes}
                  b:
                    <<: *base
                    image: busybox:1.36
                    privileged: false
                  c:
                    image: busybox:1.36
                    privileged: 'True'
              `,
            },
          ],
        },
        {
          messageId: 'privileged', line: 4, column: 40, endLine: 4, endColumn: 43,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                x-base: &base
                  privileged: "ON"
                services:
                  a: {image: busybox:1.36, privileged: false}
                  b:
                    <<: *base
                    image: busybox:1.36
                  c:
                    image: busybox:1.36
                    privileged: 'True'
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                x-base: &base
                  privileged: "ON"
                services:
                  a: {image: busybox:1.36}
                  b:
                    <<: *base
                    image: busybox:1.36
                  c:
                    image: busybox:1.36
                    privileged: 'True'
              `,
            },
          ],
        },
        {
          messageId: 'privileged', line: 10, column: 17, endLine: 10, endColumn: 23,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                x-base: &base
                  privileged: "ON"
                services:
                  a: {image: busybox:1.36, privileged: yes}
                  b:
                    <<: *base
                    image: busybox:1.36
                  c:
                    image: busybox:1.36
                    privileged: false
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                x-base: &base
                  privileged: "ON"
                services:
                  a: {image: busybox:1.36, privileged: yes}
                  b:
                    <<: *base
                    image: busybox:1.36
                  c:
                    image: busybox:1.36
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: every container type, YAML 1.1 boolean, flow style, third document (once unprivileged, privilege-escalation-allowed reports the missing field instead of the implied escalation)',
      allowNewFindings: ['privilege-escalation-allowed'],
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              initContainers:
              - name: init
                image: busybox:1.36
                securityContext: {privileged: yes}
              containers:
              - name: web
                image: nginx:1.27
                securityContext:
                  privileged: true
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                securityContext:
                  privileged: True
      `,
      errors: [
        {
          messageId: 'privileged', message: rule.messages.privileged.replace('{{subject}}', 'Init container "init"'), line: 18, column: 39, endLine: 18, endColumn: 42,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {privileged: false}
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          privileged: true
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          privileged: True
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          privileged: true
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          privileged: True
              `,
            },
          ],
        },
        {
          messageId: 'privileged', line: 23, column: 23, endLine: 23, endColumn: 27,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {privileged: yes}
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          privileged: false
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          privileged: True
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {privileged: yes}
                      containers:
                      - name: web
                        image: nginx:1.27
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          privileged: True
              `,
            },
          ],
        },
        {
          messageId: 'privileged', message: rule.messages.privileged.replace('{{subject}}', 'Ephemeral container "debug"'), line: 28, column: 23, endLine: 28, endColumn: 27,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {privileged: yes}
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          privileged: true
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          privileged: false
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {privileged: yes}
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          privileged: true
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: PodTemplate and ReplicationController sharing a securityContext anchor: no edit of the shared anchor (once unprivileged, privilege-escalation-allowed reports the missing field)',
      allowNewFindings: ['privilege-escalation-allowed'],
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: PodTemplate
          metadata: {name: t}
          template:
            spec:
              containers:
              - name: a
                image: busybox:1.36
                securityContext: &sc
                  privileged: true
        - apiVersion: v1
          kind: ReplicationController
          metadata: {name: rc}
          spec:
            template:
              spec:
                containers:
                - name: b
                  image: busybox:1.36
                  securityContext: *sc
      `,
      errors: [
        { messageId: 'privileged', message: rule.messages.privileged.replace('{{subject}}', 'Container "a"'), line: 13, column: 23, endLine: 13, endColumn: 27 },
        // The second container points at the key that brings the shared anchor in.
        {
          messageId: 'privileged', message: rule.messages.privileged.replace('{{subject}}', 'Container "b"'), line: 23, column: 11, endLine: 23, endColumn: 26,
          suggestions: [
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: PodTemplate
                  metadata: {name: t}
                  template:
                    spec:
                      containers:
                      - name: a
                        image: busybox:1.36
                        securityContext: &sc
                          privileged: true
                - apiVersion: v1
                  kind: ReplicationController
                  metadata: {name: rc}
                  spec:
                    template:
                      spec:
                        containers:
                        - name: b
                          image: busybox:1.36
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: List items, CronJob, alias points at its use: the alias is replaced, the anchored value kept (once unprivileged, privilege-escalation-allowed reports the missing field)',
      allowNewFindings: ['privilege-escalation-allowed'],
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: nightly}
          spec:
            schedule: "0 3 * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: OnFailure
                    containers:
                    - name: job
                      image: busybox:1.36
                      securityContext:
                        privileged: &yes true
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec:
            containers:
            - name: app
              image: nginx:1.27
              securityContext: {privileged: *yes}
      `,
      errors: [
        { messageId: 'privileged', line: 18, column: 34, endLine: 18, endColumn: 38 },
        {
          messageId: 'privileged', line: 26, column: 37, endLine: 26, endColumn: 41,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: nightly}
                  spec:
                    schedule: "0 3 * * *"
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            restartPolicy: OnFailure
                            containers:
                            - name: job
                              image: busybox:1.36
                              securityContext:
                                privileged: &yes true
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: p}
                  spec:
                    containers:
                    - name: app
                      image: nginx:1.27
                      securityContext: {privileged: false}
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: nightly}
                  spec:
                    schedule: "0 3 * * *"
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            restartPolicy: OnFailure
                            containers:
                            - name: job
                              image: busybox:1.36
                              securityContext:
                                privileged: &yes true
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: p}
                  spec:
                    containers:
                    - name: app
                      image: nginx:1.27
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: CRLF line endings and 4-space indentation are kept',
      filename: 'compose.yaml',
      code: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        privileged: true   # needed for the VPN\r\n        ports:\r\n            - "8080:80"\r\n',
      errors: [{
        messageId: 'privileged', line: 4, column: 21, endLine: 4, endColumn: 25,
        suggestions: [
          {
            title: 'Set privileged: false',
            output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        privileged: false   # needed for the VPN\r\n        ports:\r\n            - "8080:80"\r\n',
          },
          {
            title: 'Remove privileged',
            output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        ports:\r\n            - "8080:80"\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: flow securityContext with other fields; 4-space indentation with indented lists (once unprivileged, privilege-escalation-allowed reports the missing field)',
      allowNewFindings: ['privilege-escalation-allowed'],
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata:
            name: p
        spec:
            containers:
                -   name: app
                    image: nginx:1.27
                    securityContext: {runAsNonRoot: true, privileged: true}
                -   name: sidecar
                    image: busybox:1.36
                    securityContext:
                        privileged: true
                        runAsUser: 1000
      `,
      errors: [
        {
          messageId: 'privileged', line: 9, column: 63, endLine: 9, endColumn: 67,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                apiVersion: v1
                kind: Pod
                metadata:
                    name: p
                spec:
                    containers:
                        -   name: app
                            image: nginx:1.27
                            securityContext: {runAsNonRoot: true, privileged: false}
                        -   name: sidecar
                            image: busybox:1.36
                            securityContext:
                                privileged: true
                                runAsUser: 1000
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: Pod
                metadata:
                    name: p
                spec:
                    containers:
                        -   name: app
                            image: nginx:1.27
                            securityContext: {runAsNonRoot: true}
                        -   name: sidecar
                            image: busybox:1.36
                            securityContext:
                                privileged: true
                                runAsUser: 1000
              `,
            },
          ],
        },
        {
          messageId: 'privileged', line: 13, column: 29, endLine: 13, endColumn: 33,
          suggestions: [
            {
              title: 'Set privileged: false',
              output: dedent`
                apiVersion: v1
                kind: Pod
                metadata:
                    name: p
                spec:
                    containers:
                        -   name: app
                            image: nginx:1.27
                            securityContext: {runAsNonRoot: true, privileged: true}
                        -   name: sidecar
                            image: busybox:1.36
                            securityContext:
                                privileged: false
                                runAsUser: 1000
              `,
            },
            {
              title: 'Remove privileged',
              output: dedent`
                apiVersion: v1
                kind: Pod
                metadata:
                    name: p
                spec:
                    containers:
                        -   name: app
                            image: nginx:1.27
                            securityContext: {runAsNonRoot: true, privileged: true}
                        -   name: sidecar
                            image: busybox:1.36
                            securityContext:
                                runAsUser: 1000
              `,
            },
          ],
        },
      ],
    },
  ],
});
