import { familiarName, type ImageRef } from '../../model/image';

/**
 * Users and groups: parsing `user[:group]` specs (Dockerfile `USER`, Compose `user:`), telling
 * root apart, knowing which base images already run as a non-root user, and which commands
 * create a user in a given base image family.
 */

/** The UID/GID the suggestions create: above the usual system and login ranges. */
export const NONROOT_UID = 10001;
/** The `nonroot` user of distroless and Chainguard images. */
export const DISTROLESS_NONROOT = '65532:65532';

export interface UserSpec {
  readonly user: string;
  readonly group: string | undefined;
}

export function parseUserSpec(text: string): UserSpec {
  const colon = text.indexOf(':');
  return colon < 0 ? { user: text, group: undefined } : { user: text.slice(0, colon), group: text.slice(colon + 1) };
}

/**
 * Whether `user[:group]` runs as root: the user is `root` or UID 0 (the group does not
 * matter). Undefined when the user part holds a variable (`$UID`, `${USER}`) or is empty.
 */
export function isRootUser(text: string): boolean | undefined {
  const { user } = parseUserSpec(text.trim());
  if (user.length === 0 || user.includes('$')) return undefined;
  return user === 'root' || /^0+$/.test(user);
}

/**
 * Base images known to run as a non-root user by default. Deliberately short: only families
 * that document it for every tag named here.
 */
export function nonRootBaseImage(ref: ImageRef): string | undefined {
  if (ref.unresolved) return undefined;
  const name = familiarName(ref);
  const tag = ref.tag ?? 'latest';
  // gcr.io/distroless/static-debian12:nonroot, ...:debug-nonroot (the plain and :debug tags run as root).
  if (tag === 'nonroot' || tag.endsWith('-nonroot')) return `the ${tag} tag runs as the nonroot user`;
  // Chainguard images run as nonroot (65532) by default, -dev variants included; wolfi-base is the exception.
  if (name.startsWith('cgr.dev/chainguard/') && name !== 'cgr.dev/chainguard/wolfi-base') return 'Chainguard images run as nonroot';
  // .NET chiseled (Ubuntu) and Azure Linux distroless images run as the app user (UID 1654).
  if (name.startsWith('mcr.microsoft.com/dotnet/') && /chiseled|distroless/.test(tag)) return '.NET chiseled and distroless images run as the app user';
  if (name === 'nginxinc/nginx-unprivileged' || name === 'ghcr.io/nginxinc/nginx-unprivileged') return 'nginx-unprivileged runs as the nginx user';
  // Jupyter Docker Stacks run as jovyan (NB_UID 1000).
  if (name.startsWith('jupyter/') || name.startsWith('quay.io/jupyter/')) return 'Jupyter Docker Stacks images run as jovyan';
  // Bitnami application images run as UID 1001; minideb is their plain (root) base image.
  if (name.startsWith('bitnami/') && name !== 'bitnami/minideb') return 'Bitnami images run as UID 1001';
  return undefined;
}

/** Windows base images have no Linux root user (ContainerAdministrator/ContainerUser instead). */
export function isWindowsImage(ref: ImageRef): boolean {
  const tag = ref.tag ?? '';
  return (
    (ref.registry === 'mcr.microsoft.com' && /^windows(?:\/|$)/.test(ref.repository)) ||
    /nanoserver|windowsservercore/.test(ref.repository) ||
    /nanoserver|windowsservercore|servercore|ltsc\d{4}/.test(tag)
  );
}

export type ImageFamily = 'debian' | 'alpine' | 'rhel' | 'distroless' | 'scratch';

/** Docker Hub official images built on Debian or Ubuntu (their default tags). */
const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk', 'eclipse-temurin', 'maven',
  'gradle', 'buildpack-deps', 'nginx', 'httpd', 'elixir', 'erlang', 'haskell', 'julia', 'clojure', 'r-base', 'swift',
  'tomcat', 'jetty', 'dart',
]);
const RHEL_BASED = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux']);
/** Tags whose variant lacks useradd (UBI minimal/micro) or is not the default distribution. */
const ODD_VARIANT = /ubi|minimal|micro|distroless|chiseled|windowsservercore|nanoserver/;

/** The distribution family of a base image, when it is known well enough to create a user in it. */
export function imageFamily(ref: ImageRef): ImageFamily | undefined {
  if (ref.unresolved) return undefined;
  const name = familiarName(ref);
  const tag = ref.tag ?? 'latest';
  if (name.startsWith('gcr.io/distroless/')) return 'distroless';
  if (name === 'alpine' || /(?:^|[-.])alpine/.test(tag)) return 'alpine';
  if (RHEL_BASED.has(name) || /^(?:redhat|registry\.access\.redhat\.com)\/ubi\d+(?:\/ubi)?$/.test(name) || name === 'quay.io/centos/centos') return 'rhel';
  if (ref.registry === 'docker.io' && ref.repository.startsWith('library/') && DEBIAN_BASED.has(name) && !ODD_VARIANT.test(tag)) return 'debian';
  return undefined;
}

/** The commands that create a system user and group with `uid` in a family; undefined when nothing needs creating. */
export function createUserCommand(family: ImageFamily | undefined, uid: number, name = 'app'): string | undefined {
  switch (family) {
    case 'debian':
    case 'rhel':
      return `groupadd --system --gid ${uid} ${name} && useradd --system --uid ${uid} --gid ${uid} --no-create-home ${name}`;
    case 'alpine':
      return `addgroup -S -g ${uid} ${name} && adduser -S -D -H -u ${uid} -G ${name} ${name}`;
    default:
      return undefined;
  }
}

/** The `USER` value the suggestions write for a family. */
export function nonRootUserFor(family: ImageFamily | undefined): string {
  return family === 'distroless' || family === 'scratch' ? DISTROLESS_NONROOT : `${NONROOT_UID}:${NONROOT_UID}`;
}
