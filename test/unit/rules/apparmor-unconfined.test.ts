import rule from '../../../server/src/engine/rules/apparmor-unconfined';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["apparmor:docker-default"]\n' },
    { name: 'compose: other options', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [seccomp:unconfined, "label=disable"]\n' },
    dedent`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations:
          container.apparmor.security.beta.kubernetes.io/app: localhost/k8s-app
          container.apparmor.security.beta.kubernetes.io/init: runtime/default
          container.apparmor.security.beta.kubernetes.io/other: ""
      spec:
        securityContext:
          appArmorProfile: {type: RuntimeDefault}
        initContainers: [{name: init, image: "busybox:1.36"}]
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            appArmorProfile:
              type: Localhost
              localhostProfile: k8s-app
    `,
    {
      name: 'k8s: annotations on the workload object do not reach its pods',
      code: dedent`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          annotations:
            container.apparmor.security.beta.kubernetes.io/agent: unconfined
        spec:
          template:
            spec:
              containers: [{name: agent, image: "example/agent:1"}]
      `,
    },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:unconfined\n      - apparmor=unconfined\n',
      errors: [
        {
          messageId: 'compose',
          message: 'Service "web" sets "apparmor:unconfined", which lifts the AppArmor confinement Docker applies by default; remove it or use a custom profile.',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 28,
          severity: 'error',
          suggestions: [
            {
              title: 'Remove "apparmor:unconfined" from security_opt',
              output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=unconfined\n',
            },
          ],
        },
        {
          messageId: 'compose', line: 6, column: 9, endLine: 6, endColumn: 28,
          suggestions: [
            {
              title: 'Remove "apparmor=unconfined" from security_opt',
              output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:unconfined\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: pod and container fields, every container type, third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                appArmorProfile: {type: Unconfined}
              initContainers:
              - name: init
                image: busybox:1.36
                securityContext:
                  appArmorProfile:
                    type: 'Unconfined'
              containers:
              - name: web
                image: nginx:1.27
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                securityContext: {appArmorProfile: {type: Unconfined}}
      `,
      errors: [
        {
          messageId: 'profileType',
          message: 'The pod sets appArmorProfile type "Unconfined", which lifts the AppArmor confinement the runtime applies by default; use RuntimeDefault or a Localhost profile.',
          line: 16,
          column: 33,
          endLine: 16,
          endColumn: 43,
          suggestions: [
            {
              title: 'Set appArmorProfile type RuntimeDefault',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        appArmorProfile: {type: RuntimeDefault}
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          appArmorProfile:
                            type: 'Unconfined'
                      containers:
                      - name: web
                        image: nginx:1.27
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext: {appArmorProfile: {type: Unconfined}}
              `,
            },
          ],
        },
        {
          messageId: 'profileType', line: 22, column: 19, endLine: 22, endColumn: 31,
          suggestions: [
            {
              title: 'Set appArmorProfile type RuntimeDefault',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        appArmorProfile: {type: Unconfined}
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          appArmorProfile:
                            type: 'RuntimeDefault'
                      containers:
                      - name: web
                        image: nginx:1.27
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext: {appArmorProfile: {type: Unconfined}}
              `,
            },
          ],
        },
        {
          messageId: 'profileType', message: rule.messages.profileType.replace('{{subject}}', 'Ephemeral container "debug"').replace('{{type}}', 'Unconfined'), line: 29, column: 51, endLine: 29, endColumn: 61,
          suggestions: [
            {
              title: 'Set appArmorProfile type RuntimeDefault',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      securityContext:
                        appArmorProfile: {type: Unconfined}
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          appArmorProfile:
                            type: 'Unconfined'
                      containers:
                      - name: web
                        image: nginx:1.27
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext: {appArmorProfile: {type: RuntimeDefault}}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: beta annotations on the pod template, List item',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: DaemonSet
          metadata: {name: cni}
          spec:
            template:
              metadata:
                annotations:
                  container.apparmor.security.beta.kubernetes.io/install-cni: unconfined
              spec:
                containers: [{name: install-cni, image: "example/cni:1"}]
      `,
      errors: [
        {
          messageId: 'annotation',
          message:
            'Annotation "container.apparmor.security.beta.kubernetes.io/install-cni" sets the AppArmor profile to "unconfined", which lifts the confinement the runtime applies by default; use runtime/default or a localhost/ profile.',
          line: 11,
          column: 71,
          endLine: 11,
          endColumn: 81,
        },
      ],
    },
    {
      name: 'compose: the entry is removed from a flow list; the only entry takes the key with it',
      filename: 'compose.yaml',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            security_opt: ["apparmor:unconfined", "no-new-privileges:true"]
          worker:
            image: example/worker:1
            security_opt: [apparmor=unconfined]
            restart: always
      `,
      errors: [
        {
          messageId: 'compose', line: 4, column: 20, endLine: 4, endColumn: 41,
          suggestions: [
            {
              title: 'Remove "apparmor:unconfined" from security_opt',
              output: dedent`
                services:
                  web:
                    image: nginx:1.27
                    security_opt: ["no-new-privileges:true"]
                  worker:
                    image: example/worker:1
                    security_opt: [apparmor=unconfined]
                    restart: always
              `,
            },
          ],
        },
        {
          messageId: 'compose', line: 7, column: 20, endLine: 7, endColumn: 39,
          suggestions: [
            {
              title: 'Remove "apparmor=unconfined" from security_opt',
              output: dedent`
                services:
                  web:
                    image: nginx:1.27
                    security_opt: ["apparmor:unconfined", "no-new-privileges:true"]
                  worker:
                    image: example/worker:1
                    restart: always
              `,
            },
          ],
        },
      ],
    },
  ],
});
