import rule from '../../../server/src/engine/rules/secret-as-env-var';
import { dedent, RuleTester } from '../../rule-tester';

const WHY = 'environment variables leak into logs, crash dumps and child processes, so prefer mounting the Secret as a file.';

new RuleTester().run(rule, {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1.0\n    env:\n    - {name: LOG_LEVEL, value: debug}\n',
    {
      name: 'ConfigMaps, field refs and mounted Secrets',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: c
            image: app:1.0
            env:
            - name: MODE
              valueFrom: {configMapKeyRef: {name: cfg, key: mode}}
            - name: NODE
              valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
            envFrom:
            - configMapRef: {name: cfg}
            volumeMounts:
            - {name: creds, mountPath: /etc/creds, readOnly: true}
          volumes:
          - name: creds
            secret: {secretName: creds}
      `,
    },
    { name: 'not a pod', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {secretKeyRef: x}\n' },
  ],
  invalid: [
    {
      name: 'secretKeyRef and envFrom secretRef in every container type',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              initContainers:
              - name: migrate
                image: app:1.0
                env:
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: db
                      key: password
              containers:
              - name: web
                image: app:1.0
                envFrom:
                - prefix: APP_
                  secretRef:
                    name: app-secrets
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}]
      `,
      errors: [
        { messageId: 'secretKeyRef', message: `Container "migrate" reads Secret "db" into environment variable DB_PASSWORD; ${WHY}`, line: 13, column: 13, endLine: 13, endColumn: 25, severity: 'info' },
        { messageId: 'secretRef', message: `Container "web" loads every key of Secret "app-secrets" as environment variables (envFrom); ${WHY}`, line: 21, column: 11, endLine: 21, endColumn: 20, severity: 'info' },
        { messageId: 'secretKeyRef', line: 26, column: 41, endLine: 26, endColumn: 53 },
      ],
    },
    {
      name: 'third document, List item',
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
          kind: Job
          metadata: {name: j}
          spec:
            template:
              spec:
                containers:
                - name: job
                  image: job:1.0
                  envFrom: [{secretRef: {name: job}}]
      `,
      errors: [{ messageId: 'secretRef', line: 21, column: 22, endLine: 21, endColumn: 31 }],
    },
    {
      name: 'an aliased env list shared by two containers is reported once',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: app:1.0
            env: &env
            - name: API_KEY
              valueFrom: {secretKeyRef: {name: api, key: key}}
          - name: b
            image: app:1.0
            env: *env
      `,
      errors: [{ messageId: 'secretKeyRef', line: 10, column: 19, endLine: 10, endColumn: 31 }],
    },
    {
      name: 'enabled explicitly in the recommended profile',
      config: { profile: 'recommended', rules: { 'secret-as-env-var': 'warning' } },
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: app:1.0\n    envFrom:\n    - secretRef: {name: s}\n',
      errors: [{ messageId: 'secretRef', line: 9, column: 7, endLine: 9, endColumn: 16, severity: 'warning' }],
    },
  ],
});
