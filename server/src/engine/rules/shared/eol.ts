import type { ImageRef } from '../../model/image';

/**
 * End-of-life lookup for image references, from the bundled `eol-data.json` (public EOL dates of
 * distributions and runtimes, with its source and date). An image maps to releases in two ways:
 *
 * - its repository names a product and the tag's first part its version: `node:16-alpine` is
 *   Node.js 16, `python:3.7.17-slim` Python 3.7, `debian:stretch` and `debian:9` Debian 9,
 *   `ubuntu:18.04`, `alpine:3.15.4`, `mcr.microsoft.com/dotnet/aspnet:6.0`, `registry.access.redhat.com/ubi8`;
 * - the tag names the distribution underneath: `python:3.7-slim-buster` is also Debian 10,
 *   `node:16-alpine3.15` Alpine 3.15, `bitnami/redis:6.0-debian-10` Debian 10, `golang:1.20-bullseye`
 *   Debian 11. For images not in the table only tag parts after the first count (`app:1.2-buster`).
 *
 * Anything else (moving tags like `lts`, `3`, `stable`; unknown images; unresolved variables) maps
 * to nothing, so the rule stays silent.
 */

export interface EolRelease {
  readonly eol: string;
  readonly codename?: string;
}

export interface EolProduct {
  /** Display name; `{cycle}` is replaced by the release, else the release is appended. */
  readonly label: string;
  readonly link: string;
  readonly eolMeaning?: string;
  readonly releases: Readonly<Record<string, EolRelease>>;
  /** Moving major tags that always mean one release (`python:2` is 2.7). */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface EolData {
  readonly source: string;
  readonly asOf: string;
  readonly products: Readonly<Record<string, EolProduct>>;
}

/** A release an image is built on. */
export interface EolHit {
  readonly product: string;
  readonly cycle: string;
  /** `Debian 10 "buster"`, `Node.js 16`. */
  readonly name: string;
  /** YYYY-MM-DD: the first day without security fixes. */
  readonly eol: string;
  /** Whether the release was read from the tag (else from the repository name). */
  readonly fromTag: boolean;
}

// A bundled JSON module (esbuild inlines it); not file I/O at lint time.
export const EOL_DATA = require('./eol-data.json') as EolData;

/** Products whose release names (codenames) are shown in messages. */
const SHOW_CODENAME = new Set(['debian', 'ubuntu']);

/** Distribution codenames (`buster`, `bionic`) and runtime codenames (`gallium`), lower-case. */
const CODENAMES = new Map<string, Map<string, string>>();
for (const [product, data] of Object.entries(EOL_DATA.products)) {
  const names = new Map<string, string>();
  for (const [cycle, release] of Object.entries(data.releases)) if (release.codename) names.set(release.codename.toLowerCase(), cycle);
  CODENAMES.set(product, names);
}
const DEBIAN = CODENAMES.get('debian')!;
const UBUNTU = CODENAMES.get('ubuntu')!;

/** Docker Hub namespaces whose images follow the official tag scheme. */
const NAMESPACES = new Set(['library', 'bitnami', 'circleci', 'cimg', 'amd64', 'arm64v8', 'arm32v7', 'arm32v6', 'arm32v5', 'i386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'windows-amd64']);

/** Image name → product whose version is the tag's first part. OS images have their distribution here too. */
const IMAGE_PRODUCTS: Readonly<Record<string, string>> = {
  node: 'nodejs',
  python: 'python',
  golang: 'go',
  go: 'go',
  ruby: 'ruby',
  php: 'php',
  'eclipse-temurin': 'eclipse-temurin',
  nginx: 'nginx',
  httpd: 'httpd',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  mysql: 'mysql',
  'mysql-server': 'mysql',
  mariadb: 'mariadb',
  redis: 'redis',
  mongo: 'mongodb',
  mongodb: 'mongodb',
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  centos: 'centos',
  fedora: 'fedora',
  amazonlinux: 'amazonlinux',
};
/** Only the Docker Hub official image (not `cimg/openjdk`, which CircleCI still maintains). */
const LIBRARY_ONLY: Readonly<Record<string, string>> = { openjdk: 'openjdk-image', java: 'java-image', adoptopenjdk: 'adoptopenjdk-image' };
/** Images that carry only a distribution in their tags (`buildpack-deps:buster-curl`). */
const OS_CARRIERS = new Set(['buildpack-deps']);
const DOTNET_REPOS = /^(?:dotnet\/(?:core\/)?(?:sdk|aspnet|runtime|runtime-deps|monitor)|dotnet\/core-nightly\/\S+|dotnet\/nightly\/\S+)$/;
const DOTNET_HUB = new Set(['microsoft/dotnet', 'microsoft/aspnetcore', 'microsoft/aspnetcore-build', 'microsoft/dotnet-nightly']);
const RED_HAT_REGISTRIES = new Set(['registry.access.redhat.com', 'registry.redhat.io']);
const RHEL_COMPONENT = /^(?:ubi|rhel)(\d+)(?:-|$)/;
const DISTROLESS_DEBIAN = /-debian(\d+)$/;
const VERSION = /^v?(\d+)(?:\.(\d+))?/;
const ALPINE_TOKEN = /^alpine(\d+\.\d+)/;
const CENTOS_TOKEN = /^centos(\d+)/;
const STREAM_TOKEN = /^stream(\d+)$/;
const UBI_TOKEN = /^ubi(\d+)/;
const NUMBER = /^\d+$/;
const UNRESOLVED = /\$|\{\{/;
const UBUNTU_VERSION = /^\d\d\.\d\d$/;

/** Every release of the bundled data that `ref` is built on, whether past its end of life or not. */
export function imageReleases(ref: ImageRef): EolHit[] {
  if (UNRESOLVED.test(ref.registry) || UNRESOLVED.test(ref.repository)) return [];
  const hits = fromName(ref);
  // Without a tag (latest), a digest-only reference or a tag that is a variable, only the repository tells.
  if (ref.tag === undefined || UNRESOLVED.test(ref.tag)) return hits;
  const image = knownImage(ref);
  const tokens = ref.tag.toLowerCase().split('-');
  const first = tokens[0]!;
  if (image?.product) {
    if (!(image.product === 'openjdk-image' && tokens.some((t) => t.startsWith('ea')))) {
      // The version is the first part; a codename may come later (`node:lts-iron`).
      const codenames = CODENAMES.get(image.product);
      const cycle = findCycle(image.product, first) ?? tokens.slice(1).map((t) => codenames?.get(t)).find((c) => c !== undefined);
      if (cycle) add(hits, image.product, cycle, true);
    }
  }
  // Distribution parts of the tag; for images not in the table, not its first part (`app:buster` is a version name).
  for (let i = image ? 0 : 1; i < tokens.length; i++) {
    const os = osRelease(tokens[i]!, tokens[i + 1]);
    if (os) add(hits, os.product, os.cycle, true);
  }
  return hits;
}

/** Releases named by the repository itself: `ubi8`, `rhel7`, distroless `*-debian10`, `adoptopenjdk/openjdk11`. */
function fromName(ref: ImageRef): EolHit[] {
  const hits: EolHit[] = [];
  const parts = ref.repository.split('/');
  if (RED_HAT_REGISTRIES.has(ref.registry) || (ref.registry === 'docker.io' && parts[0] === 'redhat')) {
    for (const part of parts) {
      const m = RHEL_COMPONENT.exec(part);
      if (m) {
        add(hits, 'rhel', m[1]!, false);
        break;
      }
    }
  }
  if (ref.registry === 'gcr.io' && parts[0] === 'distroless') {
    const m = DISTROLESS_DEBIAN.exec(parts[parts.length - 1]!);
    if (m) add(hits, 'debian', m[1]!, false);
  }
  if (ref.registry === 'docker.io' && parts[0] === 'adoptopenjdk' && parts[1]) {
    const m = /^openjdk(\d+)/.exec(parts[1]);
    if (m) add(hits, 'adoptopenjdk-image', m[1]!, false);
  }
  return hits;
}

/** The table entry for `ref`: a product versioned by the tag's first part, or an image that only carries a distribution. */
function knownImage(ref: ImageRef): { product: string | undefined } | undefined {
  let path = ref.repository;
  if (ref.registry === 'public.ecr.aws' && path.startsWith('docker/library/')) path = path.slice('docker/'.length);
  else if (ref.registry === 'public.ecr.aws' && path === 'amazonlinux/amazonlinux') return { product: 'amazonlinux' };
  else if (ref.registry === 'mcr.microsoft.com') return DOTNET_REPOS.test(path) ? { product: 'dotnet' } : undefined;
  else if (ref.registry === 'quay.io' && path === 'centos/centos') return { product: 'centos' };
  else if (ref.registry === 'registry.fedoraproject.org' && path === 'fedora') return { product: 'fedora' };
  else if (ref.registry !== 'docker.io' && ref.registry !== 'mirror.gcr.io') return undefined;
  if (ref.registry === 'docker.io' && DOTNET_HUB.has(path)) return { product: 'dotnet' };
  if (path === 'mysql/mysql-server') return { product: 'mysql' };
  const slash = path.indexOf('/');
  if (slash < 0 || path.indexOf('/', slash + 1) >= 0) return undefined;
  const namespace = path.slice(0, slash);
  const name = path.slice(slash + 1);
  if (!NAMESPACES.has(namespace)) return undefined;
  const product = IMAGE_PRODUCTS[name] ?? (namespace === 'library' ? LIBRARY_ONLY[name] : undefined);
  if (product) return { product };
  return OS_CARRIERS.has(name) ? { product: undefined } : undefined;
}

/** The release of `product` a tag part names: `16`, `16.20.2`, `3.7-…`, `8u382`, a codename (`buster`, `gallium`) or an alias (`python:2`). */
function findCycle(product: string, token: string): string | undefined {
  const data = EOL_DATA.products[product];
  if (!data) return undefined;
  const byName = CODENAMES.get(product)?.get(token);
  if (byName) return byName;
  if (product === 'centos') {
    const m = CENTOS_TOKEN.exec(token);
    if (m) token = m[1]!;
  }
  const m = VERSION.exec(token);
  if (!m) return undefined;
  const [, major, minor] = m;
  if (minor !== undefined && data.releases[`${major}.${minor}`]) return `${major}.${minor}`;
  if (data.releases[major!]) return major;
  const alias = minor === undefined ? data.aliases?.[major!] : undefined;
  return alias && data.releases[alias] ? alias : undefined;
}

/** A distribution named by a tag part: `buster`, `bionic`, `alpine3.15`, `centos7`, `stream8`, `ubi8`, `debian` + `10`. */
function osRelease(token: string, next: string | undefined): { product: string; cycle: string } | undefined {
  const debian = DEBIAN.get(token);
  if (debian) return { product: 'debian', cycle: debian };
  const ubuntu = UBUNTU.get(token);
  if (ubuntu) return { product: 'ubuntu', cycle: ubuntu };
  let m = ALPINE_TOKEN.exec(token);
  if (m) return { product: 'alpine', cycle: m[1]! };
  if ((m = CENTOS_TOKEN.exec(token))) return { product: 'centos', cycle: m[1]! };
  if ((m = STREAM_TOKEN.exec(token))) return { product: 'centos-stream', cycle: m[1]! };
  if ((m = UBI_TOKEN.exec(token))) return { product: 'rhel', cycle: m[1]! };
  // bitnami: `6.0.16-debian-10-r5`; `…-ubuntu-22.04`.
  if (token === 'debian' && next !== undefined && NUMBER.test(next)) return { product: 'debian', cycle: next };
  if (token === 'ubuntu' && next !== undefined && UBUNTU_VERSION.test(next)) return { product: 'ubuntu', cycle: next };
  return undefined;
}

function add(hits: EolHit[], product: string, cycle: string, fromTag: boolean): void {
  const data = EOL_DATA.products[product];
  const release = data?.releases[cycle];
  if (!data || !release || hits.some((h) => h.product === product && h.cycle === cycle)) return;
  const base = data.label.includes('{cycle}') ? data.label.replace('{cycle}', cycle) : `${data.label} ${cycle}`;
  const name = SHOW_CODENAME.has(product) && release.codename ? `${base} "${release.codename}"` : base;
  hits.push({ product, cycle, name, eol: release.eol, fromTag });
}
