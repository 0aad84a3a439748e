import type { LimitDefaults } from '../../config';
import { YamlEditor, type YValue } from '../../fix/yaml-edit';
import { effectiveSecurity, k8sBool, k8sInt, type Container, type PodSpec } from '../../model/k8s';
import { isMap, isScalar, str, type YNode } from '../../model/yaml';
import type { Fix } from '../../rule';
import { present } from './fixes';
import { addedCapabilities, containerSetting, itemsAt, normalizeCapability } from './pod-security';
import { k8sResourceSet, type K8sResource } from './resources';

/**
 * Suggestions for Kubernetes pods and containers, built with the `YamlEditor` on the object's
 * document (so they keep the user's formatting and never change a node shared through an anchor).
 */

function editorFor(pod: PodSpec): YamlEditor {
  const doc = pod.object.doc;
  return new YamlEditor(doc.source, doc.contents);
}

/** Sets (adds or replaces) fields of the container's securityContext, creating it if missing. */
export function setContainerSecurity(container: Container, title: string, fields: { readonly [key: string]: YValue }): Fix | undefined {
  const e = editorFor(container.pod);
  return e.fix(title, e.ensure(container.node, { securityContext: fields }, { overwrite: true }));
}

/** Removes `securityContext.<path>` of a container (with `item`: that list item), and what it leaves empty. */
export function removeContainerSecurity(container: Container, title: string, path: readonly string[], item?: YNode): Fix | undefined {
  const e = editorFor(container.pod);
  return e.fix(title, [e.removeIn(container.node, ['securityContext', ...path], item)]);
}

/** Replaces one value (a scalar alias has its alias replaced). */
export function setValue(pod: PodSpec, title: string, node: YNode, value: YValue): Fix | undefined {
  const e = editorFor(pod);
  return e.fix(title, [e.set(node, value)]);
}

/** Sets (adds or replaces) fields of the pod spec. */
export function setPodFields(pod: PodSpec, title: string, fields: { readonly [key: string]: YValue }): Fix | undefined {
  const e = editorFor(pod);
  return e.fix(title, e.ensure(pod.node, fields, { overwrite: true }));
}

/** Removes `securityContext.<field>` of the pod, and the securityContext when that leaves it empty. */
export function removePodSecurity(pod: PodSpec, title: string, field: string): Fix | undefined {
  const e = editorFor(pod);
  return e.fix(title, [e.removeIn(pod.node, ['securityContext', field])]);
}

/** Removes a field of the pod spec. */
export function removePodField(pod: PodSpec, title: string, key: string): Fix | undefined {
  const e = editorFor(pod);
  return e.fix(title, [e.remove(pod.node, key)]);
}

const RUNTIME_DEFAULT = { type: 'RuntimeDefault' } as const;

/**
 * `seccompProfile: {type: RuntimeDefault}` for a container without one: at pod level when no
 * container of the pod sets its own profile (one edit covers them all), else on the container.
 */
export function seccompDefaultFix(container: Container): Fix | undefined {
  const pod = container.pod;
  if (!pod.containers.some((c) => containerSetting(c, 'seccompProfile') !== undefined)) {
    const e = editorFor(pod);
    return e.fix('Set seccompProfile type RuntimeDefault for the pod', e.ensure(pod.node, { securityContext: { seccompProfile: RUNTIME_DEFAULT } }, { overwrite: true }));
  }
  return setContainerSecurity(container, 'Set seccompProfile type RuntimeDefault for the container', { seccompProfile: RUNTIME_DEFAULT });
}

/** Whether the API would reject `allowPrivilegeEscalation: false` on the container (privileged, or CAP_SYS_ADMIN added). */
export function escalationImplied(container: Container): boolean {
  if (k8sBool(containerSetting(container, 'privileged')?.node) === true) return true;
  return addedCapabilities(container).some((c) => normalizeCapability(c.text) === 'SYS_ADMIN');
}

/**
 * The securityContext fields the Pod Security restricted profile wants that the container
 * does not have yet, at container level: `allowPrivilegeEscalation: false`,
 * `readOnlyRootFilesystem: true`, `capabilities.drop: [ALL]`, `runAsNonRoot: true` (unless the
 * pod or container already sets it, or runs as UID 0, which it would contradict) and a
 * RuntimeDefault seccomp profile (unless the pod or container sets a profile).
 */
function hardenFields(container: Container): Record<string, YValue> {
  const fields: Record<string, YValue> = {};
  if (k8sBool(containerSetting(container, 'allowPrivilegeEscalation')?.node) !== false && !escalationImplied(container)) fields.allowPrivilegeEscalation = false;
  if (k8sBool(containerSetting(container, 'readOnlyRootFilesystem')?.node) !== true) fields.readOnlyRootFilesystem = true;
  if (!itemsAt(containerSetting(container, 'capabilities', 'drop')).some((i) => i.text === 'ALL')) fields.capabilities = { drop: ['ALL'] };
  const nonRoot = effectiveSecurity(container, 'runAsNonRoot');
  const user = effectiveSecurity(container, 'runAsUser');
  if (k8sBool(nonRoot?.node) !== true && k8sInt(user?.node) !== 0) fields.runAsNonRoot = true;
  if (!effectiveSecurity(container, 'seccompProfile')) fields.seccompProfile = RUNTIME_DEFAULT;
  return fields;
}

/** "Harden container": every missing restricted-profile field at once. */
function hardenContainer(container: Container): Fix | undefined {
  const fields = hardenFields(container);
  if (Object.keys(fields).length === 0) return undefined;
  return setContainerSecurity(container, 'Harden container', fields);
}

/**
 * A finding's own suggestions followed by "Harden container" for its container, unless that
 * would make exactly the same edits as one of them.
 */
export function withHarden(container: Container, ...fixes: (Fix | undefined)[]): Fix[] {
  const own = present(...fixes);
  const harden = hardenContainer(container);
  if (!harden || own.some((f) => sameEdits(f, harden))) return own;
  return [...own, harden];
}

function sameEdits(a: Fix, b: Fix): boolean {
  return JSON.stringify(a.edits) === JSON.stringify(b.edits);
}

// ---------------------------------------------------------------------------------------------
// Resources

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity (`512Mi`, `0.5`, `250m`, `1e3`) as a number, or undefined. */
function parseQuantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

/** The container's (or the pod's) written value of `resources.<section>.<resource>`. */
function writtenResource(container: Container, section: 'limits' | 'requests', resource: K8sResource): string | undefined {
  for (const owner of [container.node, container.pod.node]) {
    const v = owner.path('resources', section, resource);
    const text = isScalar(v) ? str(v) : undefined;
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * "Add resource limits and requests": the limits and requests the container lacks, with the
 * configured defaults. A limit is never written below an existing request (the request's value
 * is used then), and a request never above the limit written with it.
 */
export function resourcesFix(container: Container, defaults: LimitDefaults): Fix | undefined {
  const limits: Record<string, YValue> = {};
  const requests: Record<string, YValue> = {};
  const defaultsOf: Record<K8sResource, { limit: string; request: string }> = {
    memory: { limit: defaults.memory, request: defaults.memoryRequest },
    cpu: { limit: defaults.cpu, request: defaults.cpuRequest },
  };
  for (const resource of ['memory', 'cpu'] as const) {
    const d = defaultsOf[resource];
    let limit: string | undefined;
    if (!k8sResourceSet(container, 'limits', resource)) {
      const request = writtenResource(container, 'requests', resource);
      limit = d.limit;
      if (request !== undefined) {
        const r = parseQuantity(request);
        const l = parseQuantity(d.limit);
        if (r === undefined || l === undefined || r > l) limit = request;
      }
      limits[resource] = limit;
    }
    if (!k8sResourceSet(container, 'requests', resource)) {
      const r = parseQuantity(d.request);
      const l = limit === undefined ? undefined : parseQuantity(limit);
      requests[resource] = limit !== undefined && (r === undefined || l === undefined || r > l) ? limit : d.request;
    }
  }
  const resources: Record<string, YValue> = {};
  if (Object.keys(limits).length > 0) resources.limits = limits;
  if (Object.keys(requests).length > 0) resources.requests = requests;
  if (Object.keys(resources).length === 0) return undefined;
  const e = editorFor(container.pod);
  const current = container.node.pairs.find((p) => p.keyText === 'resources')?.value;
  // A `resources` that is not a map (a string, a list) is left to the user.
  if (current !== undefined && !isMap(current) && !(isScalar(current) && current.value === null)) return undefined;
  return e.fix('Add resource limits and requests', e.ensure(container.node, { resources }));
}
