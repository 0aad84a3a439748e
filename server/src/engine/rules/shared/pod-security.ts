import type { EngineConfig } from '../../config';
import type { ComposeService } from '../../model/compose';
import type { Container, K8sObject, PodSpec } from '../../model/k8s';
import { isMap, isScalar, items, nodeSpan, str, type YMap, type YNode, type YScalar } from '../../model/yaml';
import type { Span } from '../../source';

/**
 * Shared knowledge of the Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards,
 * k8s.io/pod-security-admission/policy) and of the matching Docker/Compose options, for the
 * privilege and isolation rules.
 */

/** The Pod Security level the profile enforces, if any: some controls differ between levels. */
export type PssLevel = 'baseline' | 'restricted';

export function pssLevel(config: EngineConfig): PssLevel | undefined {
  return config.profile === 'pss-restricted' ? 'restricted' : config.profile === 'pss-baseline' ? 'baseline' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

/**
 * A pod declared for Windows (`spec.os.name: windows`). Since Kubernetes 1.25 the Linux-only
 * restricted controls (privilege escalation, seccomp, capabilities) do not apply to it, and the
 * API rejects those fields on it.
 */
export function isWindowsPod(pod: PodSpec): boolean {
  return str(pod.node.path('os', 'name')) === 'windows';
}

/** `Container "web"`, `Init container "setup"`, `Ephemeral container "debug"`: the subject of a message. */
export function containerLabel(container: Container): string {
  const kind = container.type === 'initContainers' ? 'Init container' : container.type === 'ephemeralContainers' ? 'Ephemeral container' : 'Container';
  return `${kind} "${container.name}"`;
}

/**
 * A container without `image` is a fragment: a kustomize strategic-merge patch or an overlay
 * that only changes a few fields. Whatever it does not mention comes from the base, so it cannot
 * be reported as missing.
 */
export function isFragment(container: Container): boolean {
  return !container.node.has('image');
}

/** Every container of the object's pod (init, regular, ephemeral); none for other kinds. */
export function podContainers(object: K8sObject): readonly Container[] {
  return object.pod?.containers ?? [];
}

/** A value found by `lookup`, with where to point for it. */
export interface Found {
  readonly node: YNode;
  /** The value, or the key that brings in a shared anchor (`securityContext: *common`) on the way to it. */
  readonly span: Span;
  /** The last key of the path, or that same alias-using key. */
  readonly key: Span;
  /** Whether the value was reached through an alias to a map or sequence written elsewhere. */
  readonly shared: boolean;
}

/**
 * Follows `path` from `map`. When a map or sequence on the way comes through an alias, findings
 * point at the key that uses the alias, so each container that shares an anchor gets its own place.
 */
export function lookup(map: YMap | undefined, ...path: string[]): Found | undefined {
  let current: YNode | undefined = map;
  let useSite: Span | undefined;
  let key: Span | undefined;
  for (const k of path) {
    if (!isMap(current)) return undefined;
    const pair = current.pair(k);
    if (!pair || pair.value === undefined) return undefined;
    key = pair.key.span;
    // An alias's pair ends at the alias; the anchored node lies elsewhere.
    if (!useSite && !isScalar(pair.value) && (pair.value.span.start < pair.span.start || pair.value.span.end > pair.span.end)) useSite = pair.key.span;
    current = pair.value;
  }
  if (current === undefined || key === undefined) return undefined;
  return { node: current, span: useSite ?? nodeSpan(current), key: useSite ?? key, shared: useSite !== undefined };
}

/** `lookup` in a container's own securityContext (never inherited from the pod). */
export function containerSetting(container: Container, ...path: string[]): Found | undefined {
  return lookup(container.node, 'securityContext', ...path);
}

/** A found string value, pointing where `lookup` says. */
export function scalarAt(found: Found | undefined): ScalarValue | undefined {
  const value = scalarValue(found?.node);
  return value && found ? { ...value, span: found.span } : undefined;
}

/** The string items of a found sequence; items of a shared anchor point at the alias-using key. */
export function itemsAt(found: Found | undefined): ScalarValue[] {
  if (!found) return [];
  const list = stringItems(found.node);
  return found.shared ? list.map((v) => ({ ...v, span: found.span })) : list;
}

/** A scalar string value with the span to report (the alias use when it came through one). */
export interface ScalarValue {
  readonly text: string;
  readonly node: YScalar;
  readonly span: Span;
}

export function scalarValue(node: YNode | undefined): ScalarValue | undefined {
  const text = str(node);
  if (text === undefined || !isScalar(node)) return undefined;
  return { text, node, span: nodeSpan(node) };
}

/** The string items of a sequence (non-strings are skipped). */
export function stringItems(node: YNode | undefined): ScalarValue[] {
  const out: ScalarValue[] = [];
  for (const item of items(node)) {
    const v = scalarValue(item);
    if (v) out.push(v);
  }
  return out;
}

/** A map entry's key span, for findings about a key whose value is incomplete. */
function keySpan(map: YMap | undefined, key: string): Span | undefined {
  const pair = map?.pair(key);
  return pair ? pair.key.span : undefined;
}

/** Profile types that keep a seccomp or AppArmor filter in place. */
export const CONFINED_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

export interface Annotation {
  readonly key: string;
  readonly value: ScalarValue;
}

/**
 * Annotations of the pod itself (the template's for workloads): only those reach the kubelet
 * and Pod Security admission, not the workload object's own annotations.
 */
export function podAnnotations(pod: PodSpec): Annotation[] {
  const ann = pod.metadata?.get('annotations');
  if (!isMap(ann)) return [];
  const out: Annotation[] = [];
  for (const p of ann.entries()) {
    const value = scalarValue(p.value);
    if (value) out.push({ key: p.keyText, value });
  }
  return out;
}

/** Legacy seccomp annotation values that keep a filter: `runtime/default`, `docker/default`, `localhost/<profile>`. */
export function confinedSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

// ---------------------------------------------------------------------------------------------
// Capabilities

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `sys_admin` → `SYS_ADMIN` (Docker and the container runtimes accept them all). */
export function normalizeCapability(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** A container's `securityContext.capabilities.add` items. */
export function addedCapabilities(container: Container): ScalarValue[] {
  return itemsAt(containerSetting(container, 'capabilities', 'add'));
}

// ---------------------------------------------------------------------------------------------
// Compose

/**
 * The maps a service is built from: its own, then those it `extends` in the same file.
 * `complete` is false when a base lives in another file (or cannot be found), so a missing
 * setting cannot be told apart from an inherited one.
 */
export function composeServiceChain(service: ComposeService): { maps: YMap[]; complete: boolean } {
  const maps: YMap[] = [service.node];
  const seen = new Set([service.name]);
  let current = service.node;
  for (;;) {
    const ext = current.get('extends');
    if (ext === undefined || (isScalar(ext) && ext.value === null)) return { maps, complete: true };
    const base = isMap(ext) ? str(ext.get('service')) : str(ext);
    if (base === undefined || (isMap(ext) && ext.has('file')) || seen.has(base)) return { maps, complete: false };
    const node = service.file.servicesNode.get(base);
    if (!isMap(node)) return { maps, complete: false };
    seen.add(base);
    maps.push(node);
    current = node;
  }
}

/**
 * A service with neither `image` nor `build` (itself or through `extends`) is an override
 * fragment, merged onto a base file with `docker compose -f base.yaml -f override.yaml`: what it
 * does not mention comes from the base, so it cannot be reported as missing.
 */
export function isComposeFragment(service: ComposeService): boolean {
  return !composeServiceChain(service).maps.some((m) => m.has('image') || m.has('build'));
}

/** A scalar setting as the service ends up with it: its own value, else the nearest base's. */
export function composeSetting(service: ComposeService, key: string): { node: YNode | undefined; complete: boolean } {
  const { maps, complete } = composeServiceChain(service);
  for (const map of maps) {
    const node = map.get(key);
    if (node !== undefined && !(isScalar(node) && node.value === null)) return { node, complete: true };
  }
  return { node: undefined, complete };
}

/**
 * A sequence setting merged along `extends`: Compose appends the service's items to its base's,
 * so the list runs from the farthest base to the service itself. `ownKey` is the service's own key.
 */
export function composeList(service: ComposeService, key: string): { items: ScalarValue[]; ownKey: Span | undefined; complete: boolean } {
  const { maps, complete } = composeServiceChain(service);
  const out: ScalarValue[] = [];
  for (let i = maps.length - 1; i >= 0; i--) out.push(...stringItems(maps[i]!.get(key)));
  return { items: out, ownKey: keySpan(service.node, key), complete };
}

export interface SecurityOpt {
  /** `seccomp`, `apparmor`, `label`, `no-new-privileges`... */
  readonly key: string;
  /** The part after the first `:` or `=`; undefined for a bare option. */
  readonly value: string | undefined;
  readonly item: ScalarValue;
}

const OPTION_SEPARATOR = /[:=]/;

/** `security_opt` entries (`key:value`, `key=value` or a bare `key`) of one sequence node. */
function securityOpts(node: YNode | undefined): SecurityOpt[] {
  return stringItems(node).map(parseSecurityOpt);
}

/**
 * The service's own `security_opt` entries. Findings about a value use these: an inherited
 * entry is reported on the base service that writes it.
 */
export function ownSecurityOpts(service: ComposeService): SecurityOpt[] {
  return securityOpts(service.node.get('security_opt'));
}

/** `security_opt` merged along `extends`, for settings that must be present. */
export function composeSecurityOpts(service: ComposeService): { opts: SecurityOpt[]; ownKey: Span | undefined; complete: boolean } {
  const list = composeList(service, 'security_opt');
  return { opts: list.items.map(parseSecurityOpt), ownKey: list.ownKey, complete: list.complete };
}

function parseSecurityOpt(item: ScalarValue): SecurityOpt {
  const text = item.text.trim();
  const i = text.search(OPTION_SEPARATOR);
  return i < 0 ? { key: text, value: undefined, item } : { key: text.slice(0, i), value: text.slice(i + 1), item };
}

/** `Service "web"`: the subject of a message. */
export function serviceLabel(service: ComposeService): string {
  return `Service "${service.name}"`;
}
