import rule from '../../../server/src/engine/rules/rbac-privilege-escalation';
import { dedent, RuleTester } from '../../rule-tester';

const role = (rules: string, kind = 'Role'): string => dedent`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ${kind}
  metadata: {name: ops, namespace: prod}
  rules:
` + rules;

new RuleTester().run(rule, {
  valid: [
    role('- apiGroups: [""]\n  resources: [pods, pods/log]\n  verbs: [get, list, watch]\n'),
    { name: 'bind restricted to a named role', code: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  resourceNames: [app-view]\n  verbs: [bind]\n', 'ClusterRole') },
    { name: 'impersonating a named service account', code: role('- apiGroups: [""]\n  resources: [serviceaccounts]\n  resourceNames: [deployer]\n  verbs: [impersonate]\n') },
    { name: 'a "*" verb is rbac-wildcard\'s finding', code: role('- apiGroups: [""]\n  resources: [pods, pods/exec]\n  verbs: ["*"]\n') },
    { name: 'a "*" resource is rbac-wildcard\'s finding', code: role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: [create]\n') },
    { name: 'pods of another API group (metrics)', code: role('- apiGroups: [metrics.k8s.io]\n  resources: [pods]\n  verbs: [create, get]\n') },
    { name: 'verbs that exec does not use', code: role('- apiGroups: [""]\n  resources: [pods/exec, pods/attach]\n  verbs: [list, watch]\n') },
    { name: 'deleting pods does not create them', code: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, delete, deletecollection]\n') },
    { name: 'non-resource rule', code: role('- nonResourceURLs: [/metrics]\n  verbs: [get]\n', 'ClusterRole') },
  ],
  invalid: [
    {
      name: 'bind and escalate on roles',
      code: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles, clusterroles]\n  verbs: [get, bind, escalate]\n', 'ClusterRole'),
      errors: [
        {
          messageId: 'escalationVerb',
          message: 'The "bind" verb lets subjects of ClusterRole "ops" bind any role, including ones with more permissions than it holds; remove it, or restrict the rule with resourceNames.',
          line: 7, column: 16, endLine: 7, endColumn: 20,
        },
        {
          messageId: 'escalationVerb',
          message: 'The "escalate" verb lets subjects of ClusterRole "ops" create or edit roles with more permissions than it holds; remove it, or restrict the rule with resourceNames.',
          line: 7, column: 22, endLine: 7, endColumn: 30,
        },
      ],
    },
    {
      name: 'impersonate, block style and quoted',
      code: role('- apiGroups:\n  - ""\n  resources:\n  - users\n  - groups\n  verbs:\n  - "impersonate"\n', 'ClusterRole'),
      errors: [
        {
          messageId: 'escalationVerb',
          message: 'The "impersonate" verb lets subjects of ClusterRole "ops" act as other users, groups or service accounts; remove it, or restrict the rule with resourceNames.',
          line: 11, column: 5, endLine: 11, endColumn: 18,
        },
      ],
    },
    {
      name: 'create pods, even with resourceNames (create ignores them)',
      code: role('- apiGroups: [""]\n  resources: [pods]\n  resourceNames: [worker]\n  verbs: [create, get]\n'),
      errors: [
        {
          messageId: 'createPods',
          message: 'Role "ops" can create pods, which can mount any Secret and run as any ServiceAccount of the namespace; grant create on pods only to controllers that need it.',
          line: 6, column: 15, endLine: 6, endColumn: 19,
        },
      ],
    },
    {
      name: 'exec and attach, flow style, with create on pods in the same rule',
      code: role('- {apiGroups: [""], resources: [pods, pods/exec, pods/attach], verbs: [create, get]}\n'),
      errors: [
        { messageId: 'createPods', line: 5, column: 33, endLine: 5, endColumn: 37 },
        {
          messageId: 'execPods',
          message: 'Role "ops" grants "create", "get" on pods/exec, which lets its subjects run commands in pods with the privileges and credentials of those pods; keep it to admin roles.',
          line: 5, column: 39, endLine: 5, endColumn: 48,
        },
        { messageId: 'execPods', line: 5, column: 50, endLine: 5, endColumn: 61 },
      ],
    },
    {
      name: 'get on nodes/proxy reaches the kubelet (WebSocket exec)',
      code: role('- apiGroups: [""]\n  resources: [nodes, nodes/proxy]\n  verbs: [get, list]\n', 'ClusterRole'),
      errors: [
        {
          messageId: 'execPods',
          message: 'ClusterRole "ops" grants "get" on nodes/proxy, which lets its subjects use the kubelet API, which runs commands in every pod of a node, with the privileges and credentials of those pods; keep it to admin roles.',
          line: 6, column: 22, endLine: 6, endColumn: 33,
        },
      ],
    },
    {
      name: 'third document, List item, wildcard API group covers the core group',
      code: dedent`
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: runner}
          rules:
          - apiGroups: ["*"]
            resources: [pods]
            verbs: [create]
      `,
      errors: [{ messageId: 'createPods', line: 17, column: 17, endLine: 17, endColumn: 21 }],
    },
  ],
});
