import rule from '../../../server/src/engine/rules/service-account-token-automounted';
import { dedent, RuleTester } from '../../rule-tester';

const deployment = (podSpec: string, name = 'web'): string =>
  'apiVersion: apps/v1\n' +
  'kind: Deployment\n' +
  `metadata: {name: ${name}, namespace: prod}\n` +
  'spec:\n' +
  '  template:\n' +
  '    spec:\n' +
  podSpec +
  '      containers:\n' +
  '      - {name: app, image: nginx:1.27}\n';

new RuleTester().run(rule, {
  valid: [
    deployment('      automountServiceAccountToken: false\n'),
    { name: 'YAML 1.1 false', code: deployment('      automountServiceAccountToken: no\n') },
    { name: 'YAML 1.1 Off', code: deployment('      automountServiceAccountToken: Off\n') },
    { name: 'explicit true with a dedicated ServiceAccount declares the need', code: deployment('      serviceAccountName: web-api\n      automountServiceAccountToken: true\n') },
    {
      name: 'the ServiceAccount in document 1 disables it for the pod in document 3',
      code: dedent`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: prod}
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: prod}
        spec: {ports: [{port: 80}]}
        ---
      ` + deployment('      serviceAccountName: web\n'),
    },
    {
      name: 'ServiceAccount through the deprecated serviceAccount field, in a List',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata: {name: worker}
          automountServiceAccountToken: false
        - apiVersion: v1
          kind: Pod
          metadata: {name: worker}
          spec:
            serviceAccount: worker
            containers: [{name: w, image: busybox:1.36}]
      `,
    },
    {
      name: 'the default ServiceAccount disabled in the same file',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n---\n' + deployment(''),
    },
    {
      name: 'a kustomize patch without images is not a whole pod',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: web
                env: [{name: LOG_LEVEL, value: debug}]
      `,
    },
    { name: 'not a pod', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n' },
    {
      name: 'a ServiceAccount on its own is not reported (the pod is where the token is mounted)',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n',
    },
  ],
  invalid: [
    {
      code: deployment(''),
      errors: [
        {
          messageId: 'defaultMount',
          message: 'The pod of Deployment "web" mounts the token of ServiceAccount "default" because neither the pod nor the ServiceAccount sets automountServiceAccountToken: false; a compromised container can call the API server with it. Disable it unless the workload uses the Kubernetes API.',
          line: 2, column: 7, endLine: 2, endColumn: 17,
          suggestions: [
            {
              title: 'Set automountServiceAccountToken: false on the pod',
              output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: app, image: nginx:1.27}\n      automountServiceAccountToken: false\n',
            },
          ],
        },
      ],
    },
    {
      name: 'bare Pod, flow style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec: {serviceAccountName: tools, containers: [{name: sh, image: "busybox:1.36"}]}\n',
      errors: [
        {
          messageId: 'defaultMount',
          message: 'Pod "debug" mounts the token of ServiceAccount "tools" because neither the pod nor the ServiceAccount sets automountServiceAccountToken: false; a compromised container can call the API server with it. Disable it unless the workload uses the Kubernetes API.',
          line: 2, column: 7, endLine: 2, endColumn: 10,
          suggestions: [
            {
              title: 'Set automountServiceAccountToken: false on the pod',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec: {serviceAccountName: tools, containers: [{name: sh, image: "busybox:1.36"}], automountServiceAccountToken: false}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'the ServiceAccount in the file leaves the token on',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: prod}\nautomountServiceAccountToken: true\n---\n' + deployment('      serviceAccountName: web\n'),
      errors: [{
        messageId: 'defaultMount', line: 7, column: 7, endLine: 7, endColumn: 17,
        suggestions: [
          {
            title: 'Set automountServiceAccountToken: false on the pod',
            output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: prod}\nautomountServiceAccountToken: true\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n      containers:\n      - {name: app, image: nginx:1.27}\n      automountServiceAccountToken: false\n',
          },
        ],
      }],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: staging}\nautomountServiceAccountToken: false\n---\n' + deployment('      serviceAccountName: web\n'),
      errors: [{
        messageId: 'defaultMount', line: 7, column: 7, endLine: 7, endColumn: 17,
        suggestions: [
          {
            title: 'Set automountServiceAccountToken: false on the pod',
            output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: staging}\nautomountServiceAccountToken: false\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n      containers:\n      - {name: app, image: nginx:1.27}\n      automountServiceAccountToken: false\n',
          },
        ],
      }],
    },
    {
      name: 'a quoted "false" is a string, which the API server rejects for this field: the suggestion writes the boolean',
      code: deployment('      automountServiceAccountToken: "false"\n'),
      errors: [
        {
          messageId: 'defaultMount', line: 2, column: 7, endLine: 2, endColumn: 17,
          suggestions: [{ title: 'Set automountServiceAccountToken: false on the pod', output: deployment('      automountServiceAccountToken: false\n') }],
        },
      ],
    },
    {
      name: 'explicit true on the default ServiceAccount',
      code: deployment('      automountServiceAccountToken: true\n'),
      errors: [
        {
          messageId: 'defaultServiceAccount',
          message: 'automountServiceAccountToken: true mounts the token of the "default" ServiceAccount, which every pod of the namespace shares; give a workload that uses the Kubernetes API its own ServiceAccount with minimal RBAC.',
          line: 7, column: 37, endLine: 7, endColumn: 41,
        },
      ],
    },
    {
      name: 'pod-level yes overrides the ServiceAccount\'s false',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: false\n---\n' + deployment('      serviceAccountName: default\n      automountServiceAccountToken: yes\n'),
      errors: [{ messageId: 'defaultServiceAccount', line: 13, column: 37, endLine: 13, endColumn: 40 }],
    },
    {
      name: 'CronJob in the third document, with init and ephemeral containers',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  initContainers: [{name: init, image: busybox:1.36}]
                  containers: [{name: backup, image: restic/restic:0.17.0}]
      `,
      errors: [{
        messageId: 'defaultMount', line: 10, column: 7, endLine: 10, endColumn: 14,
        suggestions: [
          {
            title: 'Set automountServiceAccountToken: false on the pod',
            output: dedent`
              apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
              ---
              apiVersion: v1
              kind: Secret
              metadata: {name: b}
              ---
              apiVersion: batch/v1
              kind: CronJob
              metadata: {name: backup}
              spec:
                schedule: "0 3 * * *"
                jobTemplate:
                  spec:
                    template:
                      spec:
                        restartPolicy: OnFailure
                        initContainers: [{name: init, image: busybox:1.36}]
                        containers: [{name: backup, image: restic/restic:0.17.0}]
                        automountServiceAccountToken: false
            `,
          },
        ],
      }],
    },
    {
      name: 'a List item with 4-space indentation and CRLF line endings',
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n    -   apiVersion: batch/v1\r\n        kind: Job\r\n        metadata:\r\n            name: migrate\r\n        spec:\r\n            template:\r\n                spec:\r\n                    restartPolicy: Never\r\n                    containers:\r\n                        -   name: migrate\r\n                            image: example/migrate:1\r\n',
      errors: [{
        messageId: 'defaultMount', line: 5, column: 15, endLine: 5, endColumn: 18,
        suggestions: [
          {
            title: 'Set automountServiceAccountToken: false on the pod',
            output: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n    -   apiVersion: batch/v1\r\n        kind: Job\r\n        metadata:\r\n            name: migrate\r\n        spec:\r\n            template:\r\n                spec:\r\n                    restartPolicy: Never\r\n                    containers:\r\n                        -   name: migrate\r\n                            image: example/migrate:1\r\n                    automountServiceAccountToken: false\r\n',
          },
        ],
      }],
    },
  ],
});
