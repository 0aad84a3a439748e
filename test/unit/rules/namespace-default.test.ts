import rule from '../../../server/src/engine/rules/namespace-default';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n',
    { name: 'a templated namespace', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: "{{ .Release.Namespace }}"\n' },
    {
      name: 'cluster-scoped kinds',
      code: dedent`
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: pd.csi.storage.gke.io
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high}
        value: 1000
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata: {name: hook}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv1}
      `,
    },
    {
      name: 'cluster-scoped custom resources by convention',
      code: dedent`
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata: {name: letsencrypt}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: envoy}
        ---
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: require-labels}
        ---
        apiVersion: policies.kyverno.io/v1alpha1
        kind: ValidatingPolicy
        metadata: {name: check}
      `,
    },
    {
      name: 'a CustomResourceDefinition in the file declares the kind cluster-scoped',
      code: dedent`
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: tenants.example.com}
        spec:
          group: example.com
          scope: Cluster
          names: {kind: Tenant, plural: tenants}
        ---
        apiVersion: example.com/v1
        kind: Tenant
        metadata: {name: acme}
      `,
    },
    {
      name: 'tool configuration files are not API objects',
      code: dedent`
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [deploy.yaml]
        ---
        apiVersion: skaffold/v4beta6
        kind: Config
        metadata: {name: app}
        ---
        apiVersion: v1
        kind: Config
        clusters: []
        ---
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        ---
        apiVersion: kind.x-k8s.io/v1alpha4
        kind: Cluster
      `,
    },
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      errors: [
        {
          messageId: 'missing',
          message: 'Deployment "web" has no metadata.namespace, so it lands in whichever namespace the deploying client defaults to, usually "default"; set the namespace it belongs in.',
          line: 2, column: 7, endLine: 2, endColumn: 17,
        },
      ],
    },
    {
      name: 'the default namespace',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\n',
      errors: [
        {
          messageId: 'default',
          message: 'Service "web" is placed in the "default" namespace, which every user and workload shares and policies seldom protect; use a dedicated namespace.',
          line: 5, column: 14, endLine: 5, endColumn: 21,
        },
      ],
    },
    {
      name: 'quoted default, flow style; an empty namespace is missing',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: "default"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ""}\n',
      errors: [
        { messageId: 'default', line: 3, column: 32, endLine: 3, endColumn: 41 },
        { messageId: 'missing', line: 6, column: 7, endLine: 6, endColumn: 16 },
      ],
    },
    {
      name: 'a CustomResourceDefinition in the file declares the kind namespaced, whatever its name',
      code: dedent`
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: clustertemplates.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: ClusterTemplate, plural: clustertemplates}
        ---
        apiVersion: example.com/v1
        kind: ClusterTemplate
        metadata: {name: small}
      `,
      errors: [{ messageId: 'missing', line: 10, column: 7, endLine: 10, endColumn: 22 }],
    },
    {
      name: 'third document, List items, namespace through an alias',
      code: dedent`
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {kind: ClusterRole, name: view}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata: {name: app, namespace: &ns default}
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny, namespace: *ns}
        - apiVersion: monitoring.coreos.com/v1
          kind: ServiceMonitor
          metadata: {name: app}
      `,
      errors: [
        { messageId: 'default', line: 15, column: 40, endLine: 15, endColumn: 47 },
        { messageId: 'default', line: 18, column: 37, endLine: 18, endColumn: 40 },
        { messageId: 'missing', line: 20, column: 9, endLine: 20, endColumn: 23 },
      ],
    },
  ],
});
