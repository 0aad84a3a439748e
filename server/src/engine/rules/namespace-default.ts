import type { K8sObject } from '../model/k8s';
import { isMap, nodeSpan, str } from '../model/yaml';
import { defineRule } from '../rule';
import { objectLabel } from './shared/rbac';

type MessageId = 'missing' | 'default';

/** Built-in cluster-scoped kinds (`kubectl api-resources --namespaced=false`), with the CSI snapshot classes. */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ClusterTrustBundle', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'DeviceClass', 'FlowSchema', 'IngressClass', 'IPAddress',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'ResourceSlice', 'RuntimeClass',
  'SelfSubjectAccessReview', 'SelfSubjectReview', 'SelfSubjectRulesReview', 'ServiceCIDR', 'StorageClass', 'StorageVersion',
  'StorageVersionMigration', 'SubjectAccessReview', 'TokenReview', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'VolumeAttachment', 'VolumeAttributesClass',
  'InitializerConfiguration', 'VolumeSnapshotClass', 'VolumeSnapshotContent', 'VolumeGroupSnapshotClass', 'VolumeGroupSnapshotContent',
]);

/** Well-known cluster-scoped custom resources, as `group/Kind`. */
const CLUSTER_SCOPED_CUSTOM = new Set([
  'auto.gke.io/AllowlistSynchronizer', 'cloud.google.com/ComputeClass', 'core.cnrm.cloud.google.com/ConfigConnector',
  'crd.projectcalico.org/BGPConfiguration', 'crd.projectcalico.org/BGPPeer', 'crd.projectcalico.org/FelixConfiguration',
  'crd.projectcalico.org/GlobalNetworkPolicy', 'crd.projectcalico.org/GlobalNetworkSet', 'crd.projectcalico.org/HostEndpoint',
  'crd.projectcalico.org/IPPool', 'karpenter.sh/NodeClaim', 'karpenter.sh/NodePool', 'kubeflow.org/Profile',
  'kueue.x-k8s.io/AdmissionCheck', 'kueue.x-k8s.io/Cohort', 'kueue.x-k8s.io/ResourceFlavor', 'kueue.x-k8s.io/Topology',
  'networking.gke.io/GKENetworkParamSet', 'networking.gke.io/Network', 'nmstate.io/NodeNetworkConfigurationPolicy',
  'security.openshift.io/SecurityContextConstraints', 'templates.gatekeeper.sh/ConstraintTemplate',
]);

/** Built-in API groups without a dot; any other group without one is a tool's config format (skaffold/v4, release-notes/v2). */
const DOTLESS_GROUPS = new Set(['apps', 'batch', 'policy', 'autoscaling', 'extensions']);

/** Groups of files read by tools, not objects sent to the API server (kubeadm, kind, k3d, kpt, eksctl, Katib...). */
const CONFIG_GROUPS = new Set([
  'kubeadm.k8s.io', 'audit.k8s.io', 'apiserver.k8s.io', 'kind.x-k8s.io', 'k3d.io', 'ctlptl.dev', 'eksctl.io', 'kpt.dev', 'fn.kpt.dev',
  'config.kubernetes.io', 'config.kubeflow.org', 'config.trainer.kubeflow.org', 'controller-runtime.sigs.k8s.io',
]);

export default defineRule<MessageId>({
  id: 'namespace-default',
  title: 'Object has no namespace or uses the default namespace',
  severity: 'off',
  fix: 'none',
  crossDocument: true,
  refs: ['CIS K8s 5.7.4'],
  messages: {
    missing: '{{object}} has no metadata.namespace, so it lands in whichever namespace the deploying client defaults to, usually "default"; set the namespace it belongs in.',
    default: '{{object}} is placed in the "default" namespace, which every user and workload shares and policies seldom protect; use a dedicated namespace.',
  },
  check: {
    k8s(object, ctx) {
      if (!isNamespaced(object)) return;
      const nsNode = object.metadata?.get('namespace');
      const namespace = str(nsNode);
      if (namespace === 'default' && nsNode) ctx.report({ span: nodeSpan(nsNode), messageId: 'default', data: { object: objectLabel(object) } });
      else if (namespace === undefined || namespace === '') ctx.report({ span: object.anchor, messageId: 'missing', data: { object: objectLabel(object) } });
    },
  },
});

function isNamespaced(object: K8sObject): boolean {
  const { kind, apiVersion } = object;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group === '' ? apiVersion !== 'v1' || kind === 'Config' : !group.includes('.') && !DOTLESS_GROUPS.has(group)) return false;
  if (group.endsWith('.config.k8s.io') || CONFIG_GROUPS.has(group)) return false;
  // A CustomResourceDefinition in the same file says how its kind is scoped.
  const scope = crdScope(object, group);
  if (scope !== undefined) return scope === 'Namespaced';
  if (CLUSTER_SCOPED.has(kind)) return false;
  return !isClusterScopedCustom(group, kind);
}

/** Custom resources known or conventionally named to be cluster-scoped (ClusterIssuer, GatewayClass...). */
function isClusterScopedCustom(group: string, kind: string): boolean {
  if (CLUSTER_SCOPED_CUSTOM.has(`${group}/${kind}`)) return true;
  if ((kind.startsWith('Cluster') && kind.length > 'Cluster'.length) || kind.endsWith('Class')) return true;
  // Gatekeeper constraints, Crossplane packages and v1 managed resources (v2 namespaced ones live in *.m.upbound.io).
  if (group === 'constraints.gatekeeper.sh' || group.endsWith('crossplane.io') || (group.endsWith('.upbound.io') && !group.endsWith('.m.upbound.io'))) return true;
  // Kyverno's CEL policies are cluster-scoped unless their kind says Namespaced.
  return group === 'policies.kyverno.io' && !kind.startsWith('Namespaced') && kind !== 'PolicyException';
}

/** `group/Kind` → scope of the CustomResourceDefinitions of a file, computed once per file (rules run per object). */
const crdScopes = new WeakMap<readonly K8sObject[], Map<string, string>>();

function crdScope(object: K8sObject, group: string): string | undefined {
  const siblings = object.siblings();
  let scopes = crdScopes.get(siblings);
  if (!scopes) {
    scopes = new Map();
    for (const crd of siblings) {
      if (crd.kind !== 'CustomResourceDefinition') continue;
      const spec = crd.node.get('spec');
      if (!isMap(spec)) continue;
      const crdGroup = str(spec.get('group'));
      const kind = str(spec.path('names', 'kind'));
      const scope = str(spec.get('scope'));
      if (crdGroup !== undefined && kind !== undefined && scope !== undefined) scopes.set(`${crdGroup}/${kind}`, scope);
    }
    crdScopes.set(siblings, scopes);
  }
  return scopes.get(`${group}/${object.kind}`);
}
