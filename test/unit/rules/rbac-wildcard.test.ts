import rule from '../../../server/src/engine/rules/rbac-wildcard';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    dedent`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader, namespace: app}
      rules:
      - apiGroups: [""]
        resources: ["pods", "configmaps"]
        verbs: ["get", "list", "watch"]
    `,
    {
      name: 'aggregated ClusterRole: the controller overwrites its rules',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: monitoring}
        aggregationRule:
          clusterRoleSelectors:
          - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
        rules: []
      `,
    },
    {
      name: 'non-resource URL rules grant HTTP paths, not API objects',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: health}
        rules:
        - nonResourceURLs: ["/healthz", "/livez"]
          verbs: ["*"]
      `,
    },
    {
      name: 'a subresource of every resource is not the full wildcard',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: scaler}
        rules:
        - apiGroups: ["apps"]
          resources: ["*/scale"]
          verbs: ["update"]
      `,
    },
    {
      name: 'a Role kind of another API group is not RBAC',
      code: dedent`
        apiVersion: iam.example.com/v1
        kind: Role
        metadata: {name: custom}
        rules:
        - apiGroups: ["*"]
          resources: ["*"]
          verbs: ["*"]
      `,
    },
    {
      name: 'bindings have no rules',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
        - {kind: Group, name: "*"}
      `,
    },
  ],
  invalid: [
    {
      name: 'every wildcard of a rule, flow style',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: god}
        rules:
        - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
      `,
      errors: [
        {
          messageId: 'apiGroups',
          message: 'The "*" API group in ClusterRole "god" applies the rule to every API group, including custom resources installed later; list the API groups explicitly.',
          line: 5, column: 16, endLine: 5, endColumn: 19,
        },
        {
          messageId: 'resources',
          message: 'The "*" resource in ClusterRole "god" grants access to every resource of every API group, Secrets included, and to any resource added later; list only the resources that are needed.',
          line: 5, column: 34, endLine: 5, endColumn: 37,
        },
        {
          messageId: 'verbs',
          message: 'The "*" verb in ClusterRole "god" grants every action on the listed resources, including delete, escalate and impersonate, and any verb added later; list only the verbs that are needed.',
          line: 5, column: 48, endLine: 5, endColumn: 51,
          severity: 'error',
        },
      ],
    },
    {
      name: 'block style, quoted and plain items, Role in the core group',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app-admin
          namespace: app
        rules:
        - apiGroups:
          - ""
          resources:
          - '*'
          verbs:
          - get
          - list
      `,
      errors: [
        {
          messageId: 'resources',
          message: 'The "*" resource in Role "app-admin" grants access to every resource of the listed API groups, Secrets included, and to any resource added later; list only the resources that are needed.',
          line: 10, column: 5, endLine: 10, endColumn: 8,
          severity: 'error',
        },
      ],
    },
    {
      name: 'read-only wildcard on named custom groups is a warning',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: istio-reader}
        rules:
        - apiGroups: [networking.istio.io, security.istio.io]
          resources: ["*"]
          verbs: [get, list, watch]
      `,
      errors: [
        {
          messageId: 'resources',
          message: 'The "*" resource in ClusterRole "istio-reader" grants access to every resource of the listed API groups, and to any resource added later; list only the resources that are needed.',
          line: 6, column: 15, endLine: 6, endColumn: 18,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'read-only wildcard API group on named resources is a warning',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: deploy-reader}
        rules:
        - apiGroups: ["*"]
          resources: [deployments]
          verbs: [get]
      `,
      errors: [{ messageId: 'apiGroups', line: 5, column: 15, endLine: 5, endColumn: 18, severity: 'warning' }],
    },
    {
      name: 'third document, List item, unnamed role, wildcard verb on leases',
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
          rules:
          - apiGroups: [coordination.k8s.io]
            resources: [leases]
            verbs: ["*"]
      `,
      errors: [
        {
          messageId: 'verbs',
          message: 'The "*" verb in Role grants every action on the listed resources, including delete, escalate and impersonate, and any verb added later; list only the verbs that are needed.',
          line: 17, column: 13, endLine: 17, endColumn: 16,
          severity: 'error',
        },
      ],
    },
    {
      name: 'a list shared through an alias points at each rule\'s own key',
      code: dedent`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ops}
        rules:
        - apiGroups: [apps]
          resources: [deployments]
          verbs: &all ["*"]
        - apiGroups: [batch]
          resources: [jobs]
          verbs: *all
      `,
      errors: [
        { messageId: 'verbs', line: 7, column: 16, endLine: 7, endColumn: 19 },
        { messageId: 'verbs', line: 10, column: 3, endLine: 10, endColumn: 8 },
      ],
    },
    {
      name: 'OpenShift legacy authorization group',
      code: dedent`
        apiVersion: authorization.openshift.io/v1
        kind: ClusterRole
        metadata: {name: legacy}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: ["*"]
      `,
      errors: [{ messageId: 'verbs', line: 7, column: 11, endLine: 7, endColumn: 14 }],
    },
  ],
});
