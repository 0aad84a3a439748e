import type { ComposeFile, ComposeService } from '../../model/compose';
import type { Container, K8sObject } from '../../model/k8s';
import { isMap, isScalar, nodeSpan, str, type YMap, type YNode } from '../../model/yaml';
import type { Span } from '../../source';

/**
 * Resource limits and requests of Compose services and Kubernetes containers, for the
 * memory/cpu/pids limit and request rules.
 */

export type ComposeResource = 'memory' | 'cpus' | 'pids';

/** Where Compose sets each limit: `deploy.resources.limits.<key>` and the service-level fields. */
const COMPOSE_FIELDS: Record<ComposeResource, { readonly deploy: string; readonly service: readonly string[] }> = {
  memory: { deploy: 'memory', service: ['mem_limit'] },
  // cpu_quota (with cpu_period) is the CFS quota `cpus` is shorthand for; cpu_shares is only a weight.
  cpus: { deploy: 'cpus', service: ['cpus', 'cpu_quota'] },
  pids: { deploy: 'pids', service: ['pids_limit'] },
};

export type ComposeLimit =
  | { readonly state: 'set' }
  | { readonly state: 'missing' }
  /** Set to a value meaning "no limit" (0, or -1 for pids and cpu_quota). */
  | { readonly state: 'unlimited'; readonly field: string; readonly value: string; readonly span: Span }
  /** The service extends one in another file, which may set it. */
  | { readonly state: 'unknown' };

const LEADING_NUMBER = /^\s*([-+]?\d*\.?\d+)/;

/**
 * Services that can run on their own: with an `image`, a `build` or an `extends`. The others
 * are fragments of an override file (`compose.override.yaml` patching a service defined
 * elsewhere), where limits may come from the base file.
 */
export function resourceServices(file: ComposeFile): ComposeService[] {
  return file.services.filter((s) => s.node.has('image') || s.node.has('build') || s.node.has('extends'));
}

/**
 * Whether a Compose service limits `resource`, following `extends` within the file (the
 * extending service's own fields win). YAML merge keys are already resolved by the model.
 */
export function composeLimit(service: ComposeService, resource: ComposeResource): ComposeLimit {
  const fields = COMPOSE_FIELDS[resource];
  const seen = new Set<YMap>();
  let node: YMap | undefined = service.node;
  while (node && !seen.has(node)) {
    seen.add(node);
    const candidates: [string, YNode | undefined][] = [
      [`deploy.resources.limits.${fields.deploy}`, node.path('deploy', 'resources', 'limits', fields.deploy)],
      ...fields.service.map((f): [string, YNode | undefined] => [f, node!.get(f)]),
    ];
    for (const [field, value] of candidates) {
      if (value === undefined || (isScalar(value) && value.value === null)) continue;
      const text = str(value);
      const n = text === undefined ? undefined : LEADING_NUMBER.exec(text);
      if (text !== undefined && !text.includes('$') && n && Number(n[1]) <= 0) {
        return { state: 'unlimited', field, value: text, span: nodeSpan(value) };
      }
      return { state: 'set' };
    }
    const ext: YNode | undefined = node.get('extends');
    if (ext === undefined) return { state: 'missing' };
    if (isMap(ext) && ext.has('file')) return { state: 'unknown' };
    const base: string | undefined = isMap(ext) ? str(ext.get('service')) : str(ext);
    node = base === undefined ? undefined : service.file.services.find((s) => s.name === base)?.node;
    if (!node) return { state: 'unknown' };
  }
  return { state: 'missing' };
}

export type K8sSection = 'limits' | 'requests';
export type K8sResource = 'memory' | 'cpu';

/**
 * Containers whose resources matter: app and init containers. Ephemeral (debug) containers
 * cannot declare resources, so they are left out, and so are containers without an `image`:
 * they are partial manifests (kustomize patches, overlays) whose resources may come from the
 * base.
 */
export function resourceContainers(object: K8sObject): Container[] {
  return (object.pod?.containers ?? []).filter((c) => c.type !== 'ephemeralContainers' && c.node.has('image'));
}

function hasValue(map: YNode | undefined, section: K8sSection, resource: K8sResource): boolean {
  if (!isMap(map)) return false;
  const v = map.path(section, resource);
  return v !== undefined && !(isScalar(v) && v.value === null);
}

/**
 * Whether `container` has `resources.<section>.<resource>`, set on itself or for the whole pod
 * (`spec.resources`, pod-level resources). A request defaults to the limit when only the limit
 * is written, so a limit counts as a request.
 */
export function k8sResourceSet(container: Container, section: K8sSection, resource: K8sResource): boolean {
  const own = container.node.get('resources');
  const pod = container.pod.node.get('resources');
  if (hasValue(own, section, resource) || hasValue(pod, section, resource)) return true;
  return section === 'requests' && (hasValue(own, 'limits', resource) || hasValue(pod, 'limits', resource));
}

/** How a container is named in messages. */
export function containerLabel(container: Container): string {
  return container.name || '(unnamed)';
}
