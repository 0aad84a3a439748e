import { finalStage, stageChain, type DockerfileModel, type Instruction, type Stage } from '../../model/dockerfile';
import { familiarName, type ImageRef } from '../../model/image';
import type { Span } from '../../source';
import { resolveDockerfileVariables } from './secrets';

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

/** Who the container of a Dockerfile's final stage runs as. */
export interface FinalUser {
  readonly stage: Stage;
  /** The final stage and the stages it is built FROM, nearest first. */
  readonly chain: readonly Stage[];
  /** Instructions of the chain in build order (oldest stage first), ONBUILD triggers excluded. */
  readonly ordered: readonly Instruction[];
  /** The last USER of the chain, if any. */
  readonly last: Instruction | undefined;
  /** The last USER's user with ARG/ENV defaults substituted (undefined when a variable has none). */
  readonly resolved: string | undefined;
  /** `unknown` for unresolved variables, Windows images and unresolved base images. */
  readonly runsAs: 'root' | 'non-root' | 'unknown';
  /** The user is a name (`app`) rather than a numeric UID; undefined when there is no USER. */
  readonly named: boolean | undefined;
  /** Where the decision is written: the USER argument, or the final FROM's image. */
  readonly span: Span;
}

export function finalUser(model: DockerfileModel): FinalUser | undefined {
  const stage = finalStage(model);
  if (!stage) return undefined;
  const chain = stageChain(stage);
  const base = chain[chain.length - 1]!;
  const ordered = chain
    .slice()
    .reverse()
    .flatMap((s) => s.instructions.filter((i) => !i.onbuild));
  const last = [...ordered].reverse().find((i) => i.keyword === 'USER');
  const fromSpan = stage.from.args[0]?.span ?? stage.from.keywordSpan;
  if (last) {
    const arg = last.args[0];
    const resolved = arg && arg.value.includes('$') ? resolveDockerfileVariables(model, last, arg.value) : arg?.value;
    const root = resolved === undefined ? undefined : isRootUser(resolved);
    const user = resolved === undefined ? undefined : parseUserSpec(resolved).user;
    return {
      stage,
      chain,
      ordered,
      last,
      resolved,
      runsAs: root === true ? 'root' : root === false ? 'non-root' : 'unknown',
      named: user === undefined ? undefined : !/^\d+$/.test(user),
      span: arg?.span ?? last.keywordSpan,
    };
  }
  const unknown = base.image !== undefined && (base.image.unresolved || isWindowsImage(base.image));
  const nonRoot = base.image !== undefined && nonRootBaseImage(base.image) !== undefined;
  return { stage, chain, ordered, last: undefined, resolved: undefined, runsAs: unknown ? 'unknown' : nonRoot ? 'non-root' : 'root', named: undefined, span: fromSpan };
}
