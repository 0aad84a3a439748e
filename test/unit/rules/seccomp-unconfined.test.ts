import rule from '../../../server/src/engine/rules/seccomp-unconfined';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { name: 'compose: custom profile', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["seccomp:./profile.json"]\n' },
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          seccompProfile: {type: RuntimeDefault}
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/app.json
    `,
    {
      name: 'k8s: allowed annotation values; an annotation for no container is inert',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: runtime/default
            container.seccomp.security.alpha.kubernetes.io/app: localhost/app.json
            container.seccomp.security.alpha.kubernetes.io/gone: unconfined
        spec:
          containers:
          - name: app
            image: nginx:1.27
      `,
    },
    {
      name: 'k8s: annotations on the workload object do not reach its pods',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
        spec:
          template:
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
      `,
    },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n',
      errors: [
        {
          messageId: 'compose',
          message:
            'Service "web" sets "seccomp:unconfined", which runs it without Docker\'s default syscall filter and exposes the whole kernel API; remove it or use a custom profile.',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 27,
          severity: 'error',
          suggestions: [
            {
              title: 'Remove "seccomp:unconfined" from security_opt',
              output: 'services:\n  web:\n    image: nginx:1.27\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: = form; inherited options are reported on the base only',
      filename: 'compose.yaml',
      code: dedent`
        services:
          base:
            image: nginx:1.27
            security_opt: ["seccomp=unconfined", "apparmor=unconfined"]
          web:
            extends: base
      `,
      errors: [{
        messageId: 'compose', line: 4, column: 20, endLine: 4, endColumn: 40,
        suggestions: [
          {
            title: 'Remove "seccomp=unconfined" from security_opt',
            output: dedent`
              services:
                base:
                  image: nginx:1.27
                  security_opt: ["apparmor=unconfined"]
                web:
                  extends: base
            `,
          },
        ],
      }],
    },
    {
      name: 'k8s: pod and container level, every container type',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                seccompProfile:
                  type: Unconfined
              initContainers:
              - name: init
                image: busybox:1.36
                securityContext: {seccompProfile: {type: "Unconfined"}}
              containers:
              - name: web
                image: nginx:1.27
                securityContext:
                  seccompProfile: {type: RuntimeDefault}
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                securityContext:
                  seccompProfile:
                    type: Unconfined
      `,
      errors: [
        {
          messageId: 'profileType',
          message:
            'The pod sets seccompProfile type "Unconfined", which runs it without a syscall filter and exposes the whole kernel API; use RuntimeDefault or a Localhost profile.',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 27,
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        seccompProfile:
                          type: RuntimeDefault
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {seccompProfile: {type: "Unconfined"}}
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          seccompProfile: {type: RuntimeDefault}
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          seccompProfile:
                            type: Unconfined
              `,
            },
          ],
        },
        {
          messageId: 'profileType', line: 13, column: 50, endLine: 13, endColumn: 62,
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        seccompProfile:
                          type: Unconfined
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {seccompProfile: {type: "RuntimeDefault"}}
                      containers:
                      - name: web
                        image: nginx:1.27
                        securityContext:
                          seccompProfile: {type: RuntimeDefault}
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          seccompProfile:
                            type: Unconfined
              `,
            },
          ],
        },
        {
          messageId: 'profileType', message: rule.messages.profileType.replace('{{subject}}', 'Ephemeral container "debug"').replace('{{type}}', 'Unconfined'), line: 24, column: 19, endLine: 24, endColumn: 29,
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault',
              output: dedent`
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        seccompProfile:
                          type: Unconfined
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext: {seccompProfile: {type: "Unconfined"}}
                      containers:
                      - name: web
                        image: nginx:1.27
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
          ],
        },
      ],
    },
    {
      name: 'k8s: legacy annotations on the pod template, List in the third document',
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
              metadata:
                annotations:
                  seccomp.security.alpha.kubernetes.io/pod: unconfined
                  container.seccomp.security.alpha.kubernetes.io/job: "unconfined"
              spec:
                restartPolicy: Never
                containers: [{name: job, image: "busybox:1.36"}]
      `,
      errors: [
        {
          messageId: 'annotation',
          message:
            'Annotation "seccomp.security.alpha.kubernetes.io/pod" sets the seccomp profile to "unconfined", which runs the pod without a syscall filter; use securityContext.seccompProfile with type RuntimeDefault.',
          line: 19,
          column: 53,
          endLine: 19,
          endColumn: 63,
        },
        {
          messageId: 'annotation',
          message:
            'Annotation "container.seccomp.security.alpha.kubernetes.io/job" sets the seccomp profile to "unconfined", which runs container "job" without a syscall filter; use securityContext.seccompProfile with type RuntimeDefault.',
          line: 20,
          column: 63,
          endLine: 20,
          endColumn: 75,
        },
      ],
    },
    {
      name: 'compose: the entry is removed from a block list, CRLF and comments kept',
      filename: 'compose.yaml',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n      - no-new-privileges:true\r\n      - seccomp:unconfined  # strace needs it\r\n      - label:disable\r\n',
      errors: [{
        messageId: 'compose', line: 6, column: 9, endLine: 6, endColumn: 27,
        suggestions: [
          {
            title: 'Remove "seccomp:unconfined" from security_opt',
            output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n      - no-new-privileges:true\r\n      - label:disable\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: 4-space indentation; a profile shared through an anchor gets no suggestion (its edit would change every user)',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata:
            name: p
        spec:
            securityContext:
                seccompProfile:
                    type: 'Unconfined'
            containers:
                -   name: a
                    image: busybox:1.36
                    securityContext:
                        seccompProfile: &unconfined {type: Unconfined}
                -   name: b
                    image: busybox:1.36
                    securityContext:
                        seccompProfile: *unconfined
      `,
      errors: [
        {
          messageId: 'profileType', line: 8, column: 19, endLine: 8, endColumn: 31,
          suggestions: [
            {
              title: 'Set seccompProfile type RuntimeDefault',
              output: dedent`
                apiVersion: v1
                kind: Pod
                metadata:
                    name: p
                spec:
                    securityContext:
                        seccompProfile:
                            type: 'RuntimeDefault'
                    containers:
                        -   name: a
                            image: busybox:1.36
                            securityContext:
                                seccompProfile: &unconfined {type: Unconfined}
                        -   name: b
                            image: busybox:1.36
                            securityContext:
                                seccompProfile: *unconfined
              `,
            },
          ],
        },
        { messageId: 'profileType', line: 13, column: 52, endLine: 13, endColumn: 62 },
        { messageId: 'profileType', line: 17, column: 17, endLine: 17, endColumn: 31 },
      ],
    },
  ],
});
