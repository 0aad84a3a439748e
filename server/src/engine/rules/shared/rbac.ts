import type { K8sObject } from '../../model/k8s';
import { isMap, isScalar, items, nodeSpan, str, type YMap, type YNode } from '../../model/yaml';
import type { Span } from '../../source';

/**
 * RBAC objects as the API server reads them: `Role`/`ClusterRole` policy rules and
 * `RoleBinding`/`ClusterRoleBinding` references. Values are matched exactly (RBAC compares
 * verbs, resources and groups case-sensitively); a lone `*` is the wildcard. The
 * `*` + `/subresource` form (one subresource of every resource) is narrower and not treated as one.
 */

/** One string item of a rule list (`verbs`, `resources`, ...), with where to point at it. */
export interface RbacValue {
  readonly value: string;
  readonly span: Span;
}

export interface PolicyRule {
  readonly node: YMap;
  /** undefined when the key is missing (the API server rejects resource rules without it). */
  readonly apiGroups: readonly RbacValue[] | undefined;
  readonly resources: readonly RbacValue[];
  readonly verbs: readonly RbacValue[];
  readonly resourceNames: readonly RbacValue[];
  readonly nonResourceURLs: readonly RbacValue[];
}

export interface RoleObject {
  readonly object: K8sObject;
  /** `Role "name"` or `ClusterRole "name"`, for messages. */
  readonly label: string;
  readonly cluster: boolean;
  readonly rules: readonly PolicyRule[];
}

/** API groups whose Role/ClusterRole kinds carry Kubernetes policy rules (OpenShift's legacy group mirrors RBAC). */
const RBAC_GROUPS = new Set(['rbac.authorization.k8s.io', 'authorization.openshift.io']);

/** Whether the object's `apiVersion` is RBAC's (or a legacy alias of it). */
function isRbacApi(object: K8sObject): boolean {
  const slash = object.apiVersion.indexOf('/');
  // Old OpenShift served ClusterRole as `apiVersion: v1`.
  return slash < 0 ? object.apiVersion === 'v1' : RBAC_GROUPS.has(object.apiVersion.slice(0, slash));
}

/** `Kind "name"`, or the kind alone for an unnamed object. */
export function objectLabel(object: K8sObject): string {
  return object.name !== undefined ? `${object.kind} "${object.name}"` : object.kind;
}

/** The string items of a list field; non-scalar and null items are skipped. */
export function rbacValues(node: YNode | undefined): RbacValue[] {
  const out: RbacValue[] = [];
  for (const item of items(node)) {
    if (!isScalar(item) || item.value === null) continue;
    out.push({ value: item.text, span: nodeSpan(item) });
  }
  return out;
}

/**
 * The policy rules of a Role or ClusterRole; undefined for other objects. An aggregated
 * ClusterRole (`aggregationRule`) gets its rules from the aggregation controller, which
 * overwrites whatever the manifest lists, so it has none here.
 */
export function roleObject(object: K8sObject): RoleObject | undefined {
  if ((object.kind !== 'Role' && object.kind !== 'ClusterRole') || !isRbacApi(object)) return undefined;
  const cluster = object.kind === 'ClusterRole';
  const aggregated = cluster && isMap(object.node.get('aggregationRule'));
  const rules: PolicyRule[] = [];
  if (!aggregated) {
    for (const item of items(object.node.get('rules'))) {
      if (!isMap(item)) continue;
      const groups = item.get('apiGroups');
      rules.push({
        node: item,
        apiGroups: groups === undefined || (isScalar(groups) && groups.value === null) ? undefined : rbacValues(groups),
        resources: rbacValues(item.get('resources')),
        verbs: rbacValues(item.get('verbs')),
        resourceNames: rbacValues(item.get('resourceNames')),
        nonResourceURLs: rbacValues(item.get('nonResourceURLs')),
      });
    }
  }
  return { object, label: objectLabel(object), cluster, rules };
}

/**
 * Whether a rule applies to the core API group (`""`): it lists `""` or `*`. A rule without
 * `apiGroups` is invalid, but is read as the core group so that fixing it keeps the finding.
 */
export function coversCoreGroup(rule: PolicyRule): boolean {
  return rule.apiGroups === undefined || rule.apiGroups.some((g) => g.value === '' || g.value === '*');
}

/** The first item with one of `values`, if any. */
export function findValue(list: readonly RbacValue[], values: ReadonlySet<string>): RbacValue | undefined {
  return list.find((v) => values.has(v.value));
}

export interface RoleRef {
  readonly kind: string | undefined;
  readonly name: string;
  readonly nameSpan: Span;
}

export interface Subject {
  readonly kind: string | undefined;
  readonly name: string;
  readonly nameSpan: Span;
}

export interface BindingObject {
  readonly object: K8sObject;
  readonly label: string;
  readonly cluster: boolean;
  readonly roleRef: RoleRef | undefined;
  readonly subjects: readonly Subject[];
}

/** A RoleBinding or ClusterRoleBinding; undefined for other objects. */
export function bindingObject(object: K8sObject): BindingObject | undefined {
  if ((object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') || !isRbacApi(object)) return undefined;
  const ref = object.node.get('roleRef');
  let roleRef: RoleRef | undefined;
  if (isMap(ref)) {
    const nameNode = ref.get('name');
    const name = str(nameNode);
    if (name !== undefined && nameNode) roleRef = { kind: str(ref.get('kind')), name, nameSpan: nodeSpan(nameNode) };
  }
  const subjects: Subject[] = [];
  for (const item of items(object.node.get('subjects'))) {
    if (!isMap(item)) continue;
    const nameNode = item.get('name');
    const name = str(nameNode);
    if (name !== undefined && nameNode) subjects.push({ kind: str(item.get('kind')), name, nameSpan: nodeSpan(nameNode) });
  }
  return { object, label: objectLabel(object), cluster: object.kind === 'ClusterRoleBinding', roleRef, subjects };
}
