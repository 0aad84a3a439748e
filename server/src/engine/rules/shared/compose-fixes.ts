import type { LimitDefaults } from '../../config';
import { YamlEditor, type YValue } from '../../fix/yaml-edit';
import type { ComposeService } from '../../model/compose';
import { isMap, isScalar, str, type YMap, type YNode } from '../../model/yaml';
import type { Fix } from '../../rule';
import { composeServiceChain, stringItems, type ScalarValue } from './pod-security';
import type { PublishedPort } from './datastores';
import { composeLimit, type ComposeResource } from './resources';

/**
 * Suggestions for Compose services, built with the `YamlEditor` on the service's document (so
 * they keep the user's formatting and never change a node shared through an anchor).
 */

function editorFor(service: ComposeService): YamlEditor {
  const doc = service.file.doc;
  return new YamlEditor(doc.source, doc.contents);
}

/**
 * Sets service keys (adds them, or replaces their value). A key the service only gets through a
 * `<<` merge gets its own entry, which overrides the merged one for this service alone.
 */
export function setServiceKeys(service: ComposeService, title: string, fields: { readonly [key: string]: YValue }): Fix | undefined {
  const e = editorFor(service);
  return e.fix(title, e.ensure(service.node, fields, { overwrite: true }));
}

/** Whether a base (`<<` merge or `extends` in the file) could provide `key` once the service's own entry is gone. */
function inherits(service: ComposeService, key: string): boolean {
  if (service.node.merged.some((m) => m.has(key))) return true;
  const { maps, complete } = composeServiceChain(service);
  return !complete || maps.slice(1).some((m) => m.has(key));
}

/** Removes a service's own key, unless a base would then provide it. */
export function removeServiceKey(service: ComposeService, title: string, key: string): Fix | undefined {
  if (inherits(service, key)) return undefined;
  const e = editorFor(service);
  return e.fix(title, [e.remove(service.node, key)]);
}

/** Replaces one value (a scalar alias has its alias replaced). */
export function setServiceValue(service: ComposeService, title: string, node: YNode, value: YValue): Fix | undefined {
  const e = editorFor(service);
  return e.fix(title, [e.set(node, value)]);
}

/** Removes one item of the service's own list `key` (the key itself when it is the only item). */
export function removeServiceItem(service: ComposeService, title: string, key: string, item: ScalarValue): Fix | undefined {
  const e = editorFor(service);
  return e.fix(title, [e.removeIn(service.node, [key], item.node)]);
}

/**
 * Adds `value` to the service's list `key`: appended to its own list in the list's style, or a
 * new key. When the list only comes from a `<<` merge, the service's own list repeats the
 * merged items (an own key replaces a merged one).
 */
export function addServiceItem(service: ComposeService, title: string, key: string, value: string): Fix | undefined {
  const own = service.node.pairs.some((p) => p.keyText === key);
  const merged = own ? [] : stringItems(service.node.get(key)).map((i) => i.text);
  const e = editorFor(service);
  return e.fix(title, e.ensure(service.node, { [key]: [...merged, value] }));
}

// ---------------------------------------------------------------------------------------------
// Resources

/** Service-level resource keys: a service that uses one gets the others in the same style. */
const LEGACY_KEYS = ['mem_limit', 'memswap_limit', 'mem_reservation', 'cpus', 'cpu_quota', 'cpu_period', 'cpu_shares', 'cpuset', 'pids_limit'];

/**
 * "Add resource limits and requests" for a service: the missing memory, CPU and PIDs limits
 * with the configured defaults, under `deploy.resources.limits` or, for a service that already
 * uses them, as `mem_limit`/`cpus`/`pids_limit`. A value meaning "unlimited" (0, -1) is
 * replaced where it is written, or overridden on the service when it is inherited.
 */
export function composeResourcesFix(service: ComposeService, defaults: LimitDefaults): Fix | undefined {
  const legacy = LEGACY_KEYS.some((k) => service.node.has(k));
  const values: Record<ComposeResource, YValue> = {
    memory: atLeastReservation(defaults.composeMemory, reservation(service, 'memory', 'mem_reservation'), parseBytes),
    cpus: atLeastReservation(defaults.composeCpus, reservation(service, 'cpus'), (t) => (/^\d*\.?\d+$/.test(t.trim()) ? Number(t) : undefined)),
    pids: defaults.pids,
  };
  const legacyKey: Record<ComposeResource, string> = { memory: 'mem_limit', cpus: 'cpus', pids: 'pids_limit' };
  const deploy: Record<string, YValue> = {};
  const top: Record<string, YValue> = {};
  for (const resource of ['memory', 'cpus', 'pids'] as const) {
    const limit = composeLimit(service, resource);
    if (limit.state === 'missing') {
      if (legacy) top[legacyKey[resource]] = values[resource];
      else deploy[resource] = values[resource];
    } else if (limit.state === 'unlimited') {
      const value = limit.field === 'cpu_quota' ? Math.round(Number(defaults.composeCpus) * 100_000) : values[resource];
      if (limit.field.startsWith('deploy.')) deploy[resource] = value;
      else top[limit.field] = value;
    }
  }
  const fields: Record<string, YValue> = { ...top };
  if (Object.keys(deploy).length > 0) fields.deploy = { resources: { limits: deploy } };
  if (Object.keys(fields).length === 0) return undefined;
  const current = service.node.get('deploy');
  if (fields.deploy && current !== undefined && !isMap(current) && !(isScalar(current) && current.value === null)) return undefined;
  return setServiceKeys(service, 'Add resource limits and requests', fields);
}

/** The service's own reservation (`deploy.resources.reservations.<key>`, or the service-level field). */
function reservation(service: ComposeService, key: string, serviceKey?: string): string | undefined {
  return str(service.node.path('deploy', 'resources', 'reservations', key)) ?? (serviceKey ? str(service.node.get(serviceKey)) : undefined);
}

/** The default limit, or the reservation when it is higher (or cannot be compared): a limit below the reservation is rejected. */
function atLeastReservation(limit: string, reserved: string | undefined, parse: (text: string) => number | undefined): string {
  if (reserved === undefined) return limit;
  const r = parse(reserved);
  const l = parse(limit);
  return r === undefined || l === undefined || r > l ? reserved : limit;
}

/** Docker's memory sizes: `512m`, `1g`, `128M`, `1.5GB`, `1024` (bytes), as bytes. */
function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 1024 ** ' kmgtp'.indexOf((m[2] || ' ').toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Ports

const LOCALHOST = '127.0.0.1';
/** `${VAR:-0.0.0.0}`: the variable is kept, its default made local. */
const VARIABLE_ALL_INTERFACES = /^\$\{(\w+)(:?-)(?:0\.0\.0\.0|::|\[::\])?\}$/;

/**
 * Binds a published port to 127.0.0.1: short syntax `8080:80` → `127.0.0.1:8080:80`, `80` →
 * `127.0.0.1::80`, `0.0.0.0:8080:80` → `127.0.0.1:8080:80` (quote style kept); long syntax
 * gets `host_ip: 127.0.0.1`.
 */
export function bindLocalhostFix(service: ComposeService, port: PublishedPort): Fix | undefined {
  const title = 'Bind the port to 127.0.0.1';
  const node = port.port.node;
  if (isMap(node)) return setServiceMapKeys(service, title, node, { host_ip: localAddress(port.port.hostIp) });
  if (!isScalar(node) || str(node) === undefined) return undefined;
  const { published, target, protocol } = port.port;
  const text = `${localAddress(port.port.hostIp)}:${published ?? ''}:${target ?? ''}${protocol !== undefined ? `/${protocol}` : ''}`;
  return setServiceValue(service, title, node, text);
}

function localAddress(hostIp: string | undefined): string {
  const m = hostIp === undefined ? null : VARIABLE_ALL_INTERFACES.exec(hostIp);
  return m ? `\${${m[1]}${m[2]}${LOCALHOST}}` : LOCALHOST;
}

function setServiceMapKeys(service: ComposeService, title: string, map: YMap, fields: { readonly [key: string]: YValue }): Fix | undefined {
  const e = editorFor(service);
  return e.fix(title, e.ensure(map, fields, { overwrite: true }));
}
