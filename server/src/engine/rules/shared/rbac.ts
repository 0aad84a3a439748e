import type { K8sObject } from '../../model/k8s';
import { isMap, isScalar, items, nodeSpan, str, type YMap } from '../../model/yaml';
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

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * The string items of the list `key` of `map`; non-scalar and null items are skipped. A list
 * reached through an alias or a merge key lives elsewhere in the file (maybe shared by several
 * rules), so its items point at this map's own key, or at the map.
 */
export function rbacValues(map: YMap, key: string): RbacValue[] {
  const pair = map.pair(key);
  const out: RbacValue[] = [];
  for (const item of items(pair?.value)) {
    if (!isScalar(item) || item.value === null) continue;
    const span = nodeSpan(item);
    out.push({ value: item.text, span: within(span, map.span) ? span : pair && within(pair.key.span, map.span) ? pair.key.span : map.span });
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
        apiGroups: groups === undefined || (isScalar(groups) && groups.value === null) ? undefined : rbacValues(item, 'apiGroups'),
        resources: rbacValues(item, 'resources'),
        verbs: rbacValues(item, 'verbs'),
        resourceNames: rbacValues(item, 'resourceNames'),
        nonResourceURLs: rbacValues(item, 'nonResourceURLs'),
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
