import { composeVolumes, type ComposeFile } from '../../model/compose';
import { k8sBool, type K8sObject } from '../../model/k8s';
import { isMap, isScalar, items, nodeSpan, str, type YMap, type YNode } from '../../model/yaml';
import type { SourceFile, Span } from '../../source';

/**
 * Host paths that Compose and Kubernetes files mount into containers, and how dangerous each is.
 * Used by container-socket-mounted, host-path-sensitive and host-path-volume, which split every
 * host mount between them without overlap: a runtime socket (or a directory holding one) is
 * container-socket-mounted, a sensitive system path host-path-sensitive, anything else
 * host-path-volume.
 */

export type HostMountOrigin =
  /** A Compose service `volumes` bind (short `/x:/y` or long `type: bind`) or `npipe`. */
  | 'bind'
  /** A Compose top-level volume whose local driver binds a host directory (`driver_opts: {o: bind, device: /x}`). */
  | 'volume-device'
  /** A Kubernetes pod `volumes[].hostPath`. */
  | 'hostPath'
  /** A Kubernetes PersistentVolume `spec.hostPath`. */
  | 'persistentVolume';

export interface HostMount {
  readonly origin: HostMountOrigin;
  /** The host path as written. */
  readonly written: string;
  /**
   * The host path with `${VAR:-default}` defaults applied and `.`/`..`/`//` normalised;
   * undefined when a variable without a default is left in it.
   */
  readonly path: string | undefined;
  /** The written text after the last unresolved variable (`/docker.sock` of `${XDG_RUNTIME_DIR}/docker.sock`). */
  readonly knownSuffix: string;
  /** Where the path is written: the source part of a short Compose entry, the `source:`/`device:`/`path:` value. */
  readonly span: Span;
  /** Path in the container (Compose only). */
  readonly target: string | undefined;
  /** Every use is read-only (`:ro`, `read_only: true`, `readOnly: true` on every volumeMount). */
  readonly readOnly: boolean;
  /** The Kubernetes volume's name or the Compose top-level volume's name. */
  readonly volumeName: string | undefined;
}

export type HostPathClass =
  | { readonly kind: 'socket'; readonly runtime: string; readonly via: 'file' | 'directory' | 'target' }
  | { readonly kind: 'sensitive'; readonly root: string; readonly what: string }
  | { readonly kind: 'other' };

/** Socket file names of container runtimes, wherever they live (`/run/user/1000/docker.sock`, `~/.docker/run/docker.sock`). */
const RUNTIME_SOCKETS = new Map([
  ['docker.sock', 'Docker'],
  ['containerd.sock', 'containerd'],
  ['crio.sock', 'CRI-O'],
  ['podman.sock', 'Podman'],
  ['cri-dockerd.sock', 'cri-dockerd'],
  ['dockershim.sock', 'dockershim'],
]);

/** Directories whose only purpose is to hold a runtime's socket. */
const RUNTIME_SOCKET_DIRS = new Map([
  ['/run/containerd', 'containerd'],
  ['/var/run/containerd', 'containerd'],
  ['/run/k3s/containerd', 'containerd'],
  ['/run/crio', 'CRI-O'],
  ['/var/run/crio', 'CRI-O'],
  ['/run/podman', 'Podman'],
  ['/var/run/podman', 'Podman'],
  ['/run/cri-dockerd', 'cri-dockerd'],
  ['/var/run/cri-dockerd', 'cri-dockerd'],
]);
const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;
const VAR_START = /[A-Za-z_]/;
const VAR_CHAR = /[A-Za-z0-9_]/;
const DEFAULT_EXPANSION = /^([A-Za-z_][A-Za-z0-9_]*)(:?-)([\s\S]*)$/;
const ROOTLESS_PODMAN_DIR = /^\/(?:var\/)?run\/user\/\d+\/podman$/;
/** Docker Desktop's engine on Windows: `\\.\pipe\docker_engine`. */
const DOCKER_PIPE = /^[\\/]{2}\.[\\/]pipe[\\/]docker_engine$/i;

const RUN_STATE = 'runtime sockets and state of host daemons';
/** Sensitive roots (the path itself or anything below it) and what they give access to. */
const SENSITIVE_ROOTS = new Map([
  ['/etc', 'host configuration and credentials'],
  ['/proc', 'host processes and kernel settings'],
  ['/sys', 'kernel and hardware settings'],
  ['/boot', 'the host kernel and boot loader'],
  ['/dev', 'host devices'],
  ['/root', "the host root user's home"],
  ['/usr', 'host programs and libraries'],
  ['/bin', 'host programs'],
  ['/sbin', 'host system programs'],
  ['/run', RUN_STATE],
  ['/var/run', RUN_STATE],
  ['/var/lib/docker', "Docker's images, containers and volumes"],
  ['/var/lib/kubelet', "kubelet state, including other pods' secrets"],
]);
const LIB_WHAT = 'host libraries and kernel modules';
/** `/lib`, `/lib32`, `/lib64`, `/libx32`. */
const LIB_DIRS = /^lib(?:32|64|x32)?$/;
/** Directories that are not sensitive themselves but contain sensitive roots. */
const ANCESTORS = new Map([
  ['/var', '/var/run'],
  ['/var/lib', '/var/lib/docker'],
]);

/**
 * Public, read-mostly host files that are commonly shared read-only (time zone, CA bundles,
 * machine id). Read-only they are an ordinary host path, not a sensitive one.
 */
const BENIGN_READ_ONLY = [
  '/etc/localtime',
  '/etc/timezone',
  '/etc/machine-id',
  '/etc/os-release',
  '/etc/ssl/certs',
  '/etc/ca-certificates',
  '/etc/pki/ca-trust/extracted',
  '/etc/pki/tls/certs',
  '/usr/share/zoneinfo',
  '/usr/share/ca-certificates',
];

/** Whether `path` is `root` or below it. */
export function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : `${root}/`);
}

/** What a host mount is: a runtime socket, a sensitive system path, or another host path. Undefined when unknown. */
export function classifyHostMount(mount: HostMount): HostPathClass | undefined {
  const socket = socketOf(mount);
  if (socket) return socket;
  const path = mount.path;
  if (path === undefined || !path.startsWith('/')) return path === undefined ? undefined : { kind: 'other' };
  if (mount.readOnly && BENIGN_READ_ONLY.some((p) => isUnder(path, p))) return { kind: 'other' };
  if (path === '/') return { kind: 'sensitive', root: '/', what: 'the whole host filesystem' };
  for (const [root, what] of SENSITIVE_ROOTS) if (isUnder(path, root)) return { kind: 'sensitive', root, what };
  const top = path.slice(1).split('/', 1)[0]!;
  if (LIB_DIRS.test(top)) return { kind: 'sensitive', root: `/${top}`, what: LIB_WHAT };
  const contained = ANCESTORS.get(path);
  if (contained) return { kind: 'sensitive', root: contained, what: SENSITIVE_ROOTS.get(contained)! };
  return { kind: 'other' };
}

function socketOf(mount: HostMount): HostPathClass | undefined {
  const path = mount.path;
  if (path !== undefined) {
    if (DOCKER_PIPE.test(path)) return { kind: 'socket', runtime: 'Docker', via: 'file' };
    const runtime = RUNTIME_SOCKETS.get(baseName(path));
    if (runtime) return { kind: 'socket', runtime, via: 'file' };
    const dir = RUNTIME_SOCKET_DIRS.get(path) ?? (ROOTLESS_PODMAN_DIR.test(path) ? 'Podman' : undefined);
    if (dir) return { kind: 'socket', runtime: dir, via: 'directory' };
    return undefined;
  }
  // A variable decides the host path: its known tail or the container path still name the socket.
  const fromSuffix = RUNTIME_SOCKETS.get(baseName(mount.knownSuffix));
  if (fromSuffix && mount.knownSuffix.includes('/')) return { kind: 'socket', runtime: fromSuffix, via: 'file' };
  const target = mount.target === undefined ? undefined : RUNTIME_SOCKETS.get(baseName(mount.target));
  if (target) return { kind: 'socket', runtime: target, via: 'target' };
  return undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * Normalises an absolute POSIX path (`//`, `.`, `..`, trailing `/`); other paths (relative,
 * `~`, Windows) are returned as written.
 */
export function normalizeHostPath(path: string): string {
  if (!path.startsWith('/') || DOCKER_PIPE.test(path)) return path;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/**
 * Applies Compose interpolation as far as it is known: `$$` is `$`, `${VAR:-default}` and
 * `${VAR-default}` give their default (nested ones too). `resolved` is undefined when a variable
 * without a default remains; `suffix` is the text after the last such variable.
 */
export function interpolateDefaults(text: string): { resolved: string | undefined; suffix: string } {
  if (!text.includes('$')) return { resolved: text, suffix: text };
  let out = '';
  let known = true;
  let suffixStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      const body = text.slice(i + 2, end);
      const m = DEFAULT_EXPANSION.exec(body);
      const inner = m ? interpolateDefaults(m[3]!) : undefined;
      if (inner?.resolved !== undefined) out += inner.resolved;
      else {
        known = false;
        out = '';
        suffixStart = Math.min(end + 1, text.length);
      }
      i = end + 1;
    } else if (next !== undefined && VAR_START.test(next)) {
      let j = i + 1;
      while (j < text.length && VAR_CHAR.test(text[j]!)) j++;
      known = false;
      out = '';
      suffixStart = j;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return { resolved: known ? out : undefined, suffix: text.slice(suffixStart) };
}

/** Index of the `}` closing a `${` whose body starts at `from` (nested `${}` skipped), or the text length. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/**
 * The span of `text.slice(start, end)` inside a scalar, when the scalar's source maps 1:1 to its
 * text (plain, or quoted without escapes); otherwise the whole scalar.
 */
export function scalarSubSpan(node: YNode, source: SourceFile, start: number, end: number): Span {
  const whole = nodeSpan(node);
  if (!isScalar(node) || node.aliasSpan) return whole;
  const raw = source.text.slice(node.span.start, node.span.end);
  const quote = node.style === 'single' ? "'" : node.style === 'double' ? '"' : '';
  if ((node.style === 'plain' || quote) && raw === quote + node.text + quote) {
    const base = node.span.start + quote.length;
    return { start: base + start, end: base + end };
  }
  return whole;
}

function hostMount(origin: HostMountOrigin, written: string, span: Span, target: string | undefined, readOnly: boolean, volumeName: string | undefined): HostMount {
  const { resolved, suffix } = interpolateDefaults(written);
  return { origin, written, path: resolved === undefined ? undefined : normalizeHostPath(resolved), knownSuffix: suffix, span, target, readOnly, volumeName };
}

/**
 * Host paths a Compose file mounts: service binds and named pipes (short and long syntax), and
 * top-level volumes whose local driver binds a host directory. Relative sources (`./data`) are
 * project files and not returned; `~` sources are. A place reached twice (YAML anchors shared by
 * several services) is returned once.
 */
export function composeHostMounts(file: ComposeFile): readonly HostMount[] {
  return memo(composeMounts, file, readComposeHostMounts);
}

function readComposeHostMounts(file: ComposeFile): HostMount[] {
  const out: HostMount[] = [];
  const seen = new Set<string>();
  const add = (m: HostMount): void => {
    const key = `${m.span.start}:${m.span.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  const source = file.doc.source;
  for (const service of file.services) {
    for (const v of composeVolumes(service)) {
      if ((v.type !== 'bind' && v.type !== 'npipe') || v.source === undefined) continue;
      let span: Span;
      if (isMap(v.node)) {
        const node = v.node.get('source');
        if (!node) continue;
        span = nodeSpan(node);
      } else {
        const text = str(v.node) ?? '';
        span = text.startsWith(v.source) ? scalarSubSpan(v.node, source, 0, v.source.length) : nodeSpan(v.node);
      }
      const mount = hostMount('bind', v.source, span, v.target, v.readOnly, undefined);
      if (mount.path === undefined || isHostPath(mount.path)) add(mount);
    }
  }
  const volumes = file.legacy ? undefined : file.root.get('volumes');
  if (isMap(volumes)) {
    for (const p of volumes.entries()) {
      const device = bindDevice(p.value);
      if (!device) continue;
      const mount = hostMount('volume-device', str(device) ?? '', nodeSpan(device), undefined, false, p.keyText);
      if (mount.path === undefined || isHostPath(mount.path)) add(mount);
    }
  }
  return out;
}

/**
 * Absolute (`/x`, `C:\\x`, `\\\\.\\pipe\\x`) or home (`~/x`) paths; anything else (`./x`, `x`) is
 * resolved against the project directory and is the project's own files.
 */
function isHostPath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~') || path.startsWith('\\') || WINDOWS_DRIVE.test(path);
}

/** The `device` of a top-level volume defined as `driver_opts: {type: none, o: bind, device: ...}`. */
function bindDevice(node: YNode | undefined): YNode | undefined {
  if (!isMap(node)) return undefined;
  const driver = str(node.get('driver'));
  if (driver !== undefined && driver !== 'local') return undefined;
  const opts = node.get('driver_opts');
  if (!isMap(opts)) return undefined;
  const o = str(opts.get('o')) ?? '';
  if (!o.split(',').some((x) => x.trim() === 'bind' || x.trim() === 'rbind')) return undefined;
  const device = opts.get('device');
  return str(device) ? device : undefined;
}

/**
 * Host paths a Kubernetes object mounts: `hostPath` volumes of its pod (read-only when every
 * container that mounts the volume does so read-only) and a PersistentVolume's `spec.hostPath`.
 * Paths with template placeholders (`{{ }}`) are left unresolved.
 */
export function k8sHostMounts(object: K8sObject): readonly HostMount[] {
  return memo(k8sMounts, object, readK8sHostMounts);
}

/** Three rules read the host mounts of each compose file and k8s object: read once. */
const composeMounts = new WeakMap<ComposeFile, readonly HostMount[]>();
const k8sMounts = new WeakMap<K8sObject, readonly HostMount[]>();
function memo<K extends object>(cache: WeakMap<K, readonly HostMount[]>, key: K, read: (key: K) => HostMount[]): readonly HostMount[] {
  let mounts = cache.get(key);
  if (!mounts) cache.set(key, (mounts = read(key)));
  return mounts;
}

function readK8sHostMounts(object: K8sObject): HostMount[] {
  const out: HostMount[] = [];
  if (object.kind === 'PersistentVolume') {
    const path = object.node.path('spec', 'hostPath', 'path');
    const text = str(path);
    if (path && text) out.push(k8sMount('persistentVolume', text, nodeSpan(path), false, object.name));
    return out;
  }
  const pod = object.pod;
  if (!pod) return out;
  for (const volume of items(pod.node.get('volumes'))) {
    if (!isMap(volume)) continue;
    const hostPath = volume.get('hostPath');
    const path = isMap(hostPath) ? hostPath.get('path') : undefined;
    const text = str(path);
    if (!path || text === undefined) continue;
    const name = str(volume.get('name'));
    out.push(k8sMount('hostPath', text, nodeSpan(path), mountedReadOnly(pod.containers.map((c) => c.node), name), name));
  }
  return out;
}

function k8sMount(origin: HostMountOrigin, text: string, span: Span, readOnly: boolean, name: string | undefined): HostMount {
  const templated = text.includes('{{');
  return { origin, written: text, path: templated ? undefined : normalizeHostPath(text), knownSuffix: templated ? '' : text, span, target: undefined, readOnly, volumeName: name };
}

/** Whether every volumeMount of `name` in these containers is `readOnly: true` (true when none mounts it). */
function mountedReadOnly(containers: readonly YMap[], name: string | undefined): boolean {
  for (const c of containers) {
    for (const m of items(c.get('volumeMounts'))) {
      if (isMap(m) && str(m.get('name')) === name && k8sBool(m.get('readOnly')) !== true) return false;
    }
  }
  return true;
}
