import rule from '../../../server/src/engine/rules/rbac-secrets-access';
import { dedent, RuleTester } from '../../rule-tester';

const role = (rules: string, kind = 'Role'): string => dedent`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: {name: app, namespace: prod}
  rules:
` + rules;

new RuleTester().run(rule, {
  valid: [
    role('- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get, list, watch]\n'),
    { name: 'resourceNames narrows access to named Secrets', code: role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-tls]\n  verbs: [get, watch]\n') },
    { name: 'writing Secrets is not reading them', code: role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [create, update, delete]\n') },
    { name: 'a "secrets" resource of another API group', code: role('- apiGroups: [vault.example.com]\n  resources: [secrets]\n  verbs: [get, list]\n') },
    { name: 'a "*" resource is rbac-wildcard\'s finding', code: role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: [get]\n') },
    { name: 'RBAC verbs are case-sensitive', code: role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [Get, List]\n') },
    {
      name: 'aggregated ClusterRole',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: agg}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {a: "true"}}]}
        rules:
        - {apiGroups: [""], resources: [secrets], verbs: [get]}
      `,
    },
  ],
  invalid: [
    {
      name: 'ClusterRole reading Secrets',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ingress-controller
        rules:
        - apiGroups:
          - ""
          resources:
          - configmaps
          - secrets
          verbs:
          - get
          - list
          - watch
      `,
      errors: [
        {
          messageId: 'readSecrets',
          message: 'ClusterRole "ingress-controller" grants "get", "list", "watch" on every Secret of the namespaces it is bound in (all of them through a ClusterRoleBinding), so anyone bound to it can read the credentials and tokens they hold; restrict the rule with resourceNames or remove the access.',
          line: 10, column: 5, endLine: 10, endColumn: 12,
        },
      ],
    },
    {
      name: 'Role with a "*" verb, flow style',
      code: role('- {apiGroups: [""], resources: ["secrets"], verbs: ["*"]}\n'),
      errors: [
        {
          messageId: 'readSecrets',
          message: 'Role "app" grants "*" on every Secret of its namespace, so anyone bound to it can read the credentials and tokens they hold; restrict the rule with resourceNames or remove the access.',
          line: 5, column: 33, endLine: 5, endColumn: 42,
        },
      ],
    },
    {
      name: 'wildcard API group and an empty resourceNames list still cover every Secret',
      code: role('- apiGroups: ["*"]\n  resources: [pods, secrets]\n  resourceNames: []\n  verbs: [list]\n'),
      errors: [{ messageId: 'readSecrets', line: 6, column: 21, endLine: 6, endColumn: 28 }],
    },
    {
      name: 'missing apiGroups is read as the core group',
      code: role('- resources: [secrets]\n  verbs: [watch]\n'),
      errors: [{ messageId: 'readSecrets', line: 5, column: 15, endLine: 5, endColumn: 22 }],
    },
    {
      name: 'third document, List item',
      code: dedent`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: RoleList
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: c}
          rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [get]
      `,
      errors: [{ messageId: 'readSecrets', line: 17, column: 17, endLine: 17, endColumn: 24 }],
    },
  ],
});
