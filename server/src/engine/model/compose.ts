import type { Span } from '../source';
import { parseImageRef, type ImageRef } from './image';
import { isMap, isScalar, isSeq, items, str, type YamlDocument, type YMap, type YNode } from './yaml';

/** One Compose document. Spans are relative to `doc.source`. */
export interface ComposeFile {
  readonly doc: YamlDocument;
  readonly root: YMap;
  /** The `services` map, or the root itself for the legacy v1 layout. */
  readonly servicesNode: YMap;
  readonly services: readonly ComposeService[];
  readonly legacy: boolean;
}

export interface ComposeService {
  readonly file: ComposeFile;
  readonly name: string;
  /** The service's key. */
  readonly nameSpan: Span;
  readonly node: YMap;
  readonly image: ImageRef | undefined;
}

const TRUE = new Set(['y', 'yes', 'true', 'on']);
const FALSE = new Set(['n', 'no', 'false', 'off']);

/**
 * A boolean as Compose reads it: compose-go casts boolean fields from their string form, any
 * case, accepting y/yes/true/on and n/no/false/off, quoted or not.
 */
export function composeBool(node: YNode | undefined): boolean | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const text = node.text.toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/** Keys that only a compose service has; the legacy v1 layout and ambiguous files are told apart by them. */
const SERVICE_KEYS = new Set([
  'image', 'build', 'command', 'entrypoint', 'ports', 'environment', 'env_file', 'volumes', 'depends_on', 'restart',
  'networks', 'container_name', 'privileged', 'cap_add', 'cap_drop', 'network_mode', 'healthcheck', 'deploy', 'expose',
  'links', 'user', 'working_dir', 'labels', 'extends', 'security_opt', 'devices', 'logging', 'profiles',
]);

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yaml`, `compose.override.yml`, ... */
export function isComposeFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(base);
}

/**
 * Reads a document as Compose when it has a `services` map whose entries look like services,
 * or, in a compose-named file, the legacy v1 layout (services at the top level).
 */
export function composeFile(doc: YamlDocument, fileNameIsCompose: boolean): ComposeFile | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const services = root.get('services');
  if (isMap(services)) {
    const looksLikeServices = services.entries().some((p) => isMap(p.value) && p.value.entries().some((q) => SERVICE_KEYS.has(q.keyText)));
    if (!fileNameIsCompose && !looksLikeServices && !root.has('version')) return undefined;
    return build(doc, root, services, false);
  }
  if (services !== undefined) return undefined;
  if (fileNameIsCompose && !root.has('apiVersion')) {
    const entries = root.entries();
    const v1 = entries.length > 0 && entries.every((p) => p.keyText === 'version' || (isMap(p.value) && (p.value.has('image') || p.value.has('build'))));
    if (v1 && entries.some((p) => isMap(p.value))) return build(doc, root, root, true);
  }
  return undefined;
}

function build(doc: YamlDocument, root: YMap, servicesNode: YMap, legacy: boolean): ComposeFile {
  const file: ComposeFile = { doc, root, servicesNode, services: [], legacy };
  const services: ComposeService[] = [];
  for (const p of servicesNode.entries()) {
    if (!isMap(p.value) || (legacy && p.keyText === 'version') || p.keyText.startsWith('x-')) continue;
    const imageNode = p.value.get('image');
    const image = str(imageNode);
    services.push({
      file,
      name: p.keyText,
      nameSpan: p.key.span,
      node: p.value,
      image: image !== undefined && imageNode ? parseImageRef(image, imageNode.span, isScalar(imageNode) && imageNode.style === 'plain') : undefined,
    });
  }
  (file as { services: readonly ComposeService[] }).services = services;
  return file;
}

export interface ComposePort {
  readonly node: YNode;
  readonly hostIp: string | undefined;
  /** Published host port or range as written; undefined when only the container port is given. */
  readonly published: string | undefined;
  readonly target: string | undefined;
  readonly protocol: string | undefined;
}

/**
 * `ports` entries in short (`[IP:]HOST:CONTAINER[/proto]`, `CONTAINER`) and long syntax. A
 * short entry with only a container port still publishes it, on a random host port.
 */
export function composePorts(service: ComposeService): ComposePort[] {
  return items(service.node.get('ports')).map((node) => {
    if (isMap(node)) {
      return { node, hostIp: str(node.get('host_ip')), published: str(node.get('published')), target: str(node.get('target')), protocol: str(node.get('protocol')) };
    }
    const text = str(node) ?? '';
    const [spec, protocol] = splitOutsideVariables(text, '/') as [string, string | undefined];
    // As Docker's ParsePortSpec: the last part is the container port, the one before it the host
    // port, everything before that the host IP (IPv6 may be bracketed: [::1]:8080:80).
    // Colons inside `${VAR:-default}` do not split.
    const parts = splitOutsideVariables(spec, ':');
    const container = parts[parts.length - 1]!;
    const host = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    const ip = parts.length >= 3 ? parts.slice(0, -2).join(':') : undefined;
    return { node, hostIp: ip?.replace(/^\[|\]$/g, ''), published: host || undefined, target: container, protocol };
  });
}

export interface ComposeVolume {
  readonly node: YNode;
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | string;
  readonly source: string | undefined;
  readonly target: string | undefined;
  readonly readOnly: boolean;
}

/** `volumes` entries in short (`SRC:DST[:MODE]`) and long syntax. Short sources starting with `/`, `.` or `~` are binds. */
export function composeVolumes(service: ComposeService): ComposeVolume[] {
  return items(service.node.get('volumes')).map((node) => {
    if (isMap(node)) {
      return { node, type: str(node.get('type')) ?? 'volume', source: str(node.get('source')), target: str(node.get('target')), readOnly: composeBool(node.get('read_only')) === true };
    }
    const text = str(node) ?? '';
    const parts = splitVolumeSpec(text);
    if (parts.length === 1) return { node, type: 'volume', source: undefined, target: parts[0], readOnly: false };
    const source = parts[0]!;
    const isBind = /^([/.~]|\$\{?[A-Za-z_]|[A-Za-z]:[\\/])/.test(source);
    return { node, type: isBind ? 'bind' : 'volume', source, target: parts[1], readOnly: /(^|,)ro(,|$)/.test(parts[2] ?? '') };
  });
}

/** Splits `src:dst:mode`, keeping Windows drive letters (`C:\x:/y`) and `${VAR:-default}` together. */
function splitVolumeSpec(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0 && !(current.length === 1 && /[A-Za-z]/.test(current) && /[\\/]/.test(text[i + 1] ?? ''))) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Splits at `sep`, except inside `${...}` interpolations. */
function splitOutsideVariables(text: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export interface ComposeEnvVar {
  readonly name: string;
  readonly nameSpan: Span;
  /** undefined for `- NAME` (taken from the shell) or `NAME:` with no value. */
  readonly value: string | undefined;
  /** The value's span (for list entries, the part after `=`). */
  readonly valueSpan: Span | undefined;
  readonly node: YNode;
}

/** `environment` (or `build.args`) as a map or a `KEY=value` list. */
export function composeEnv(node: YNode | undefined): ComposeEnvVar[] {
  if (isMap(node)) {
    return node.entries().map((p) => ({
      name: p.keyText,
      nameSpan: p.key.span,
      value: isScalar(p.value) && p.value.value !== null ? p.value.text : undefined,
      valueSpan: p.value?.span,
      node: p.value ?? p.key,
    }));
  }
  if (!isSeq(node)) return [];
  const out: ComposeEnvVar[] = [];
  for (const item of node.items) {
    if (!isScalar(item)) continue;
    const text = item.text;
    const eq = text.indexOf('=');
    const name = eq < 0 ? text : text.slice(0, eq);
    // Offsets inside the item map 1:1 only for plain scalars; quoted ones point at the whole item.
    const quoteOffset = item.style === 'plain' ? 0 : item.style === 'single' || item.style === 'double' ? 1 : -1;
    const exact = quoteOffset >= 0 && !(item.style === 'double' && text.includes('\\'));
    const base = item.span.start + Math.max(0, quoteOffset);
    out.push({
      name,
      nameSpan: exact ? { start: base, end: base + name.length } : item.span,
      value: eq < 0 ? undefined : text.slice(eq + 1),
      valueSpan: eq < 0 ? undefined : exact ? { start: base + eq + 1, end: base + text.length } : item.span,
      node: item,
    });
  }
  return out;
}
