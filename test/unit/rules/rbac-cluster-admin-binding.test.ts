import rule from '../../../server/src/engine/rules/rbac-cluster-admin-binding';
import { dedent, RuleTester } from '../../rule-tester';

const binding = (kind: string, roleRef: string, subjects: string, namespace = ''): string =>
  'apiVersion: rbac.authorization.k8s.io/v1\n' +
  `kind: ${kind}\n` +
  `metadata: {name: b${namespace ? `, namespace: ${namespace}` : ''}}\n` +
  `roleRef: ${roleRef}\n` +
  `subjects: ${subjects}\n`;

new RuleTester().run(rule, {
  valid: [
    binding('ClusterRoleBinding', '{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}', '[{kind: ServiceAccount, name: app, namespace: prod}]'),
    { name: 'a namespaced Role that happens to be called cluster-admin', code: binding('RoleBinding', '{kind: Role, name: cluster-admin}', '[{kind: User, name: alice}]', 'dev') },
    { name: 'the built-in public-info binding', code: binding('ClusterRoleBinding', '{kind: ClusterRole, name: "system:public-info-viewer"}', '[{kind: Group, name: "system:unauthenticated"}]') },
    { name: 'OIDC discovery for unauthenticated clients', code: binding('ClusterRoleBinding', '{kind: ClusterRole, name: "system:service-account-issuer-discovery"}', '[{kind: Group, name: "system:unauthenticated"}]') },
    { name: 'a service account is not a group', code: binding('ClusterRoleBinding', '{kind: ClusterRole, name: view}', '[{kind: ServiceAccount, name: masters, namespace: "system"}]') },
    { name: 'binding kinds of another API group', code: dedent`
        apiVersion: example.com/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {kind: ClusterRole, name: cluster-admin}
    ` },
  ],
  invalid: [
    {
      code: binding('ClusterRoleBinding', '\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin', '\n- kind: ServiceAccount\n  name: tiller\n  namespace: kube-system'),
      errors: [
        {
          messageId: 'clusterAdmin',
          message: 'ClusterRoleBinding "b" grants the cluster-admin ClusterRole, full control over every resource in the whole cluster; bind a role limited to what its subjects need.',
          line: 7, column: 9, endLine: 7, endColumn: 22,
        },
      ],
    },
    {
      name: 'RoleBinding to cluster-admin in a namespace',
      code: binding('RoleBinding', '{kind: ClusterRole, name: "cluster-admin"}', '[{kind: User, name: bob}]', 'team-a'),
      errors: [
        {
          messageId: 'clusterAdmin',
          message: 'RoleBinding "b" grants the cluster-admin ClusterRole, full control over every resource in namespace "team-a"; bind a role limited to what its subjects need.',
          line: 4, column: 36, endLine: 4, endColumn: 51,
        },
      ],
    },
    {
      name: 'RoleBinding without a namespace',
      code: binding('RoleBinding', '{kind: ClusterRole, name: cluster-admin}', '[]'),
      errors: [
        {
          messageId: 'clusterAdmin',
          message: 'RoleBinding "b" grants the cluster-admin ClusterRole, full control over every resource in its namespace; bind a role limited to what its subjects need.',
          line: 4, column: 36, endLine: 4, endColumn: 49,
        },
      ],
    },
    {
      name: 'system:masters group',
      code: binding('ClusterRoleBinding', '{kind: ClusterRole, name: edit}', '\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: system:masters'),
      errors: [
        {
          messageId: 'mastersGroup',
          message: 'ClusterRoleBinding "b" names the group "system:masters", whose members bypass every authorization check; super-user access should come from break-glass credentials, not from bindings managed here.',
          line: 8, column: 9, endLine: 8, endColumn: 23,
        },
      ],
    },
    {
      name: 'anonymous user and unauthenticated group',
      code: binding('ClusterRoleBinding', '{kind: ClusterRole, name: view}', '\n- {kind: User, name: "system:anonymous"}\n- {kind: Group, name: \'system:unauthenticated\'}'),
      errors: [
        {
          messageId: 'anonymous',
          message: 'ClusterRoleBinding "b" grants "view" to "system:anonymous", that is to every request without credentials; bind it to authenticated subjects only.',
          line: 6, column: 22, endLine: 6, endColumn: 40,
        },
        { messageId: 'anonymous', line: 7, column: 23, endLine: 7, endColumn: 47 },
      ],
    },
    {
      name: 'cluster-admin to anonymous: both findings',
      code: binding('ClusterRoleBinding', '{kind: ClusterRole, name: cluster-admin}', '[{kind: Group, name: "system:unauthenticated"}]'),
      errors: [
        { messageId: 'clusterAdmin', line: 4, column: 36, endLine: 4, endColumn: 49 },
        { messageId: 'anonymous', line: 5, column: 32, endLine: 5, endColumn: 56 },
      ],
    },
    {
      name: 'third document, List items sharing the role name through an alias',
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
          kind: ClusterRoleBinding
          metadata: {name: first}
          roleRef: {kind: ClusterRole, name: &admin cluster-admin}
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: {name: second}
          roleRef: {kind: ClusterRole, name: *admin}
      `,
      errors: [
        { messageId: 'clusterAdmin', line: 15, column: 45, endLine: 15, endColumn: 58 },
        { messageId: 'clusterAdmin', line: 19, column: 38, endLine: 19, endColumn: 44 },
      ],
    },
  ],
});
