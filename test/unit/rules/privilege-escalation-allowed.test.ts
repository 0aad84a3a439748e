import rule from '../../../server/src/engine/rules/privilege-escalation-allowed';
import { dedent, RuleTester } from '../../rule-tester';

const pod = (container: string, spec = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n  - name: app\n    image: nginx:1.27\n${container}`;

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n' },
    { name: 'compose: = form', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges=true"]\n' },
    { name: 'compose: bare option', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [no-new-privileges]\n' },
    { name: 'compose: Go boolean spelling', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:1"]\n' },
    {
      name: 'compose: inherited through extends in the same file',
      filename: 'compose.yaml',
      code: dedent`
        services:
          base:
            image: nginx:1.27
            security_opt: [no-new-privileges:true]
          web:
            extends: base
          api:
            extends: {service: base}
      `,
    },
    {
      name: 'compose: a base in another file may set it',
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n',
    },
    pod('    securityContext:\n      allowPrivilegeEscalation: false\n'),
    { name: 'k8s: YAML 1.1 no', code: pod('    securityContext: {allowPrivilegeEscalation: no}\n') },
    {
      name: 'k8s: a quoted "false" is rejected by the API server, not reported',
      code: pod('    securityContext: {allowPrivilegeEscalation: "false"}\n'),
    },
    { name: 'k8s: Windows pods cannot set the field', code: pod('', '  os: {name: windows}\n') },
    { name: 'k8s: not a pod', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n' },
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
          message: 'Service "web" does not set security_opt "no-new-privileges:true", so setuid binaries and file capabilities can raise its privileges.',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
          severity: 'warning',
          suggestions: [
            {
              title: 'Add security_opt "no-new-privileges:true"',
              output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: security_opt without the option points at the key',
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:./profile.json\n',
      errors: [{
        messageId: 'composeMissing', line: 4, column: 5, endLine: 4, endColumn: 17,
        suggestions: [
          {
            title: 'Add security_opt "no-new-privileges:true"',
            output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:./profile.json\n      - no-new-privileges:true\n',
          },
        ],
      }],
    },
    {
      name: 'compose: explicitly disabled; the last option wins',
      filename: 'compose.yaml',
      code: dedent`
        services:
          a:
            image: nginx:1.27
            security_opt: ["no-new-privileges:false"]
          b:
            image: nginx:1.27
            security_opt:
              - no-new-privileges:true
              - no-new-privileges=false
          c:
            image: nginx:1.27
            security_opt:
              - no-new-privileges=false
              - no-new-privileges
      `,
      errors: [
        {
          messageId: 'composeDisabled',
          message:
            'Service "a" sets "no-new-privileges:false", which lets setuid binaries and file capabilities raise its privileges; use "no-new-privileges:true".',
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 45,
          suggestions: [
            {
              title: 'Set "no-new-privileges:true"',
              output: dedent`
                services:
                  a:
                    image: nginx:1.27
                    security_opt: ["no-new-privileges:true"]
                  b:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges:true
                      - no-new-privileges=false
                  c:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges=false
                      - no-new-privileges
              `,
            },
          ],
        },
        {
          messageId: 'composeDisabled', line: 9, column: 9, endLine: 9, endColumn: 32,
          suggestions: [
            {
              title: 'Set "no-new-privileges:true"',
              output: dedent`
                services:
                  a:
                    image: nginx:1.27
                    security_opt: ["no-new-privileges:false"]
                  b:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges:true
                      - no-new-privileges:true
                  c:
                    image: nginx:1.27
                    security_opt:
                      - no-new-privileges=false
                      - no-new-privileges
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: an inherited false is reported once, on the base',
      filename: 'compose.yaml',
      code: dedent`
        services:
          base:
            image: nginx:1.27
            security_opt: [no-new-privileges:false]
          web:
            extends: base
            security_opt: [seccomp:./profile.json]
      `,
      errors: [{
        messageId: 'composeDisabled', line: 4, column: 20, endLine: 4, endColumn: 43,
        suggestions: [
          {
            title: 'Set "no-new-privileges:true"',
            output: dedent`
              services:
                base:
                  image: nginx:1.27
                  security_opt: [no-new-privileges:true]
                web:
                  extends: base
                  security_opt: [seccomp:./profile.json]
            `,
          },
        ],
      }],
    },
    {
      code: pod(''),
      errors: [
        {
          messageId: 'missing',
          message:
            'Container "app" does not set securityContext.allowPrivilegeEscalation: false, so setuid binaries and file capabilities can raise its privileges; Pod Security restricted requires it.',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 14,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set allowPrivilegeEscalation: false',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n',
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
      name: 'k8s: explicitly true, YAML 1.1 on',
      code: pod('    securityContext:\n      allowPrivilegeEscalation: on\n'),
      errors: [
        {
          messageId: 'allowed',
          message: 'Container "app" sets allowPrivilegeEscalation: true, so setuid binaries and file capabilities can raise its privileges; set it to false.',
          line: 9,
          column: 33,
          endLine: 9,
          endColumn: 35,
          suggestions: [
            {
              title: 'Set allowPrivilegeEscalation: false',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n',
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
      name: 'k8s: privileged or CAP_SYS_ADMIN imply escalation whatever the field says',
      code: dedent`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          template:
            spec:
              os: {name: linux}
              initContainers:
              - name: setup
                image: busybox:1.36
                securityContext: {privileged: true, allowPrivilegeEscalation: false}
              containers:
              - name: agent
                image: example/agent:1.4
                securityContext:
                  capabilities:
                    add: ["CAP_SYS_ADMIN"]
      `,
      errors: [
        {
          messageId: 'implied',
          message: 'Init container "setup" is privileged, so privilege escalation is always allowed whatever allowPrivilegeEscalation says.',
          line: 11,
          column: 39,
          endLine: 11,
          endColumn: 43,
        },
        {
          messageId: 'implied',
          message: 'Container "agent" is granted CAP_SYS_ADMIN, so privilege escalation is always allowed whatever allowPrivilegeEscalation says.',
          line: 17,
          column: 19,
          endLine: 17,
          endColumn: 34,
        },
      ],
    },
    {
      name: 'k8s: List item in the third document, ephemeral container, null value',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b}
        ---
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
              securityContext: {allowPrivilegeEscalation: false}
            ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                allowPrivilegeEscalation:
      `,
      errors: [{
        messageId: 'missing', message: rule.messages.missing.replace('{{subject}}', 'Ephemeral container "debug"'), line: 21, column: 13, endLine: 21, endColumn: 18,
        suggestions: [
          {
            title: 'Set allowPrivilegeEscalation: false',
            output: dedent`
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
              ---
              apiVersion: v1
              kind: Secret
              metadata: {name: b}
              ---
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
                    securityContext: {allowPrivilegeEscalation: false}
                  ephemeralContainers:
                  - name: debug
                    image: busybox:1.36
                    securityContext:
                      allowPrivilegeEscalation: false
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
              kind: Secret
              metadata: {name: b}
              ---
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
                    securityContext: {allowPrivilegeEscalation: false}
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
      }],
    },
    {
      name: 'compose: appended to a flow security_opt; CRLF and 4-space indentation kept',
      filename: 'compose.yaml',
      code: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        security_opt: ["label:disable"]  # SELinux off for the bind mount\r\n    db:\r\n        image: postgres:16\r\n',
      errors: [
        {
          messageId: 'composeMissing', line: 4, column: 9, endLine: 4, endColumn: 21,
          suggestions: [
            {
              title: 'Add security_opt "no-new-privileges:true"',
              output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        security_opt: ["label:disable", "no-new-privileges:true"]  # SELinux off for the bind mount\r\n    db:\r\n        image: postgres:16\r\n',
            },
          ],
        },
        {
          messageId: 'composeMissing', line: 5, column: 5, endLine: 5, endColumn: 7,
          suggestions: [
            {
              title: 'Add security_opt "no-new-privileges:true"',
              output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        security_opt: ["label:disable"]  # SELinux off for the bind mount\r\n    db:\r\n        image: postgres:16\r\n        security_opt:\r\n            - no-new-privileges:true\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: a security_opt merged in with << (reported at the merged key) is repeated in the service\'s own list',
      filename: 'compose.yaml',
      code: dedent`
        x-secure: &secure
          security_opt: [apparmor:docker-default]
        services:
          web:
            <<: *secure
            image: nginx:1.27
      `,
      errors: [{
        messageId: 'composeMissing', line: 2, column: 3, endLine: 2, endColumn: 15,
        suggestions: [
          {
            title: 'Add security_opt "no-new-privileges:true"',
            output: dedent`
              x-secure: &secure
                security_opt: [apparmor:docker-default]
              services:
                web:
                  <<: *secure
                  image: nginx:1.27
                  security_opt:
                    - apparmor:docker-default
                    - no-new-privileges:true
            `,
          },
        ],
      }],
    },
    {
      name: 'k8s: empty flow securityContext; pod-level runAsNonRoot and seccompProfile are not repeated by Harden container',
      code: pod('    securityContext: {}\n', '  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n'),
      errors: [{
        messageId: 'missing', line: 9, column: 11, endLine: 9, endColumn: 14,
        suggestions: [
          {
            title: 'Set allowPrivilegeEscalation: false',
            output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {allowPrivilegeEscalation: false}\n',
          },
          {
            title: 'Harden container',
            output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: 4-space indentation, indented lists, CRLF, a container running as UID 0 does not get runAsNonRoot',
      code: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: web\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: web\r\n                  image: nginx:1.27\r\n                  securityContext:\r\n                      runAsUser: 0\r\n                      capabilities:\r\n                          drop:\r\n                              - NET_RAW\r\n',
      errors: [{
        messageId: 'missing', line: 9, column: 25, endLine: 9, endColumn: 28,
        suggestions: [
          {
            title: 'Set allowPrivilegeEscalation: false',
            output: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: web\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: web\r\n                  image: nginx:1.27\r\n                  securityContext:\r\n                      runAsUser: 0\r\n                      capabilities:\r\n                          drop:\r\n                              - NET_RAW\r\n                      allowPrivilegeEscalation: false\r\n',
          },
          {
            title: 'Harden container',
            output: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: web\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                - name: web\r\n                  image: nginx:1.27\r\n                  securityContext:\r\n                      runAsUser: 0\r\n                      capabilities:\r\n                          drop:\r\n                              - NET_RAW\r\n                              - ALL\r\n                      allowPrivilegeEscalation: false\r\n                      readOnlyRootFilesystem: true\r\n                      seccompProfile:\r\n                          type: RuntimeDefault\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: allowPrivilegeEscalation: true on a privileged container or one with SYS_ADMIN gets no suggestion (the API rejects false there)',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: nginx:1.27
            securityContext: {privileged: true, allowPrivilegeEscalation: true}
          - name: b
            image: nginx:1.27
            securityContext:
              allowPrivilegeEscalation: true
              capabilities: {add: [SYS_ADMIN]}
      `,
      errors: [
        { messageId: 'allowed', line: 8, column: 67, endLine: 8, endColumn: 71 },
        { messageId: 'allowed', line: 12, column: 33, endLine: 12, endColumn: 37 },
      ],
    },
  ],
});
