import { dirname, resolve, sep } from 'node:path';
import { discover } from '../discovery/walk';
import { diskFiles, type ProjectFiles } from './files';
import { dockerignored, folderExcluded, parseDockerignore } from '../engine/dockerignore';
import { composeFile, isComposeFileName } from '../engine/model/compose';
import type { Instruction } from '../engine/model/dockerfile';
import { isMap, isScalar, str } from '../engine/model/yaml';
import { parseDockerfile } from '../engine/parse/dockerfile';
import { parseYamlStream } from '../engine/parse/yaml';
import type { BuildContext, BuiltImage, ContextSecret, ProjectFacts } from '../engine/project';
import { secretFileKind } from '../engine/rules/shared/secrets';
import { finalUser } from '../engine/rules/shared/users';
import { SourceFile } from '../engine/source';

/** Entries a build-context walk looks at before it stops (a context holding a whole disk must not stall analysis). */
const MAX_CONTEXT_ENTRIES = 50_000;
const MAX_CONTEXT_DEPTH = 32;
/** Compose files larger than this are not indexed (they are not hand-written compose files). */
const MAX_COMPOSE_BYTES = 1024 * 1024;
/** Folders whose credential-looking files are package fixtures, not the project's. */
const VENDOR_DIRS = new Set(['node_modules', 'vendor', '.venv', 'venv', '__pycache__', '.hg', '.svn']);
/** A remote URL with a password or token in it: `https://user:token@host/...`. */
const CREDENTIAL_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

interface ComposeBuild {
  readonly composeFile: string;
  readonly service: string;
  readonly context: string;
  readonly dockerfile: string;
  /** `registry/repository` of the service's `image:`, when it names what the build produces. */
  readonly image: string | undefined;
}

/** Compose files and their local builds: plain data, so it can be sent to a worker thread. */
export type ComposeIndexEntries = readonly (readonly [string, readonly ComposeBuild[]])[];

/** The text of a file, or undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

/**
 * The engine's `ProjectFacts` answered from the workspace folders: compose files say which
 * Dockerfile each service builds, from which context, producing which image; contexts are walked
 * for credential files that their `.dockerignore` does not exclude. Everything is computed on
 * first use and kept until `invalidate()`, which the server calls when a Dockerfile, compose file,
 * `.dockerignore` or any other workspace file changes; `generation` tells caches that it did.
 */
export class ProjectModel implements ProjectFacts {
  /** Builds of each compose file of the workspace, by path. */
  private composeIndex: Map<string, ComposeBuild[]> | undefined;
  /** An index read elsewhere, taken when first needed. */
  private adopted: ComposeIndexEntries | (() => ComposeIndexEntries) | undefined;
  /** The index's builds in one list (asked for once per service or image). */
  private builds: ComposeBuild[] | undefined;
  private readonly contexts = new Map<string, BuildContext | undefined>();
  private readonly images = new Map<string, BuiltImage | undefined>();
  private version = 0;

  private readonly read: ReadFile;
  /** The roots in the form paths are compared in. */
  private readonly folders: readonly string[];

  /** `openText`: the unsaved text of open documents, which wins over the file on disk. */
  constructor(
    readonly roots: readonly string[],
    openText?: ReadFile,
    private readonly disk: ProjectFiles = diskFiles,
  ) {
    this.read = openText ? (path) => openText(path) ?? disk.read(path) : disk.read;
    this.folders = roots.map(normalize);
  }

  get generation(): number {
    return this.version;
  }

  /**
   * A file changed, appeared or went away (no path: anything may have). A Dockerfile drops what
   * was read from it; a YAML file is re-indexed alone; any other file may be a credential file
   * or a `.dockerignore`, so build contexts are walked again when next asked for.
   */
  invalidate(path?: string): void {
    this.version++;
    this.adopted = undefined;
    this.contexts.clear();
    this.builds = undefined;
    if (path === undefined) {
      this.composeIndex = undefined;
      this.images.clear();
      return;
    }
    const key = normalize(path);
    this.images.delete(key);
    if (this.composeIndex && /\.ya?ml$/i.test(key)) {
      const builds = this.inRoots(key) ? this.readCompose(key) : [];
      if (builds.length) this.composeIndex.set(key, builds);
      else this.composeIndex.delete(key);
    }
  }

  serviceDockerfile(compose: string, service: string): string | undefined {
    const key = normalize(compose);
    return this.composeBuilds().find((b) => b.composeFile === key && b.service === service)?.dockerfile;
  }

  imageDockerfile(imageName: string): string | undefined {
    return this.composeBuilds().find((b) => b.image === imageName)?.dockerfile;
  }

  buildContext(dockerfile: string): BuildContext | undefined {
    const key = normalize(dockerfile);
    if (!this.contexts.has(key)) this.contexts.set(key, this.computeContext(key));
    return this.contexts.get(key);
  }

  builtImage(dockerfile: string): BuiltImage | undefined {
    const key = normalize(dockerfile);
    if (!this.images.has(key)) this.images.set(key, this.computeImage(key));
    return this.images.get(key);
  }

  private inRoots(path: string): boolean {
    return this.folders.some((r) => path === r || path.startsWith(`${r}/`));
  }

  /**
   * The compose files' builds, for another model over the same disk (worker threads read them
   * once), one compose candidate per step: a caller runs the steps between other work.
   * `files`: the files under the roots as discovery found them, when the caller has them (no second walk).
   */
  *composeIndexSteps(files?: Iterable<{ readonly path: string; readonly size: number }>): Generator<void, ComposeIndexEntries> {
    const index: [string, ComposeBuild[]][] = [];
    for (const file of files ?? discover(this.roots.filter((r) => this.disk.exists(r)), {}, this.disk)) {
      if (!/\.ya?ml$/i.test(file.path) || file.size > MAX_COMPOSE_BYTES) continue;
      const path = normalize(file.path);
      const builds = this.readCompose(path);
      if (builds.length) index.push([path, builds]);
      yield;
    }
    return index;
  }

  /**
   * Takes what `composeIndexSteps()` gave, or a function that gives it when first needed (a worker
   * thread waits for the pool's), unless this model has read the compose files itself already.
   */
  adoptComposeIndex(entries: ComposeIndexEntries | (() => ComposeIndexEntries)): void {
    if (!this.composeIndex) this.adopted = entries;
  }

  private composeBuilds(): ComposeBuild[] {
    if (!this.composeIndex) {
      const entries = typeof this.adopted === 'function' ? this.adopted() : (this.adopted ?? drain(this.composeIndexSteps()));
      this.composeIndex = new Map(entries.map(([path, builds]) => [path, [...builds]]));
      this.adopted = undefined;
    }
    return (this.builds ??= [...this.composeIndex.values()].flat());
  }

  /** The local builds of a compose file, by name or by content (a top-level `services:` key). */
  private readCompose(path: string): ComposeBuild[] {
    const text = this.read(path);
    if (text === undefined || text.length > MAX_COMPOSE_BYTES || (!isComposeFileName(path) && !/^services\s*:/m.test(text))) return [];
    return composeBuildsOf(new SourceFile(path, text));
  }

  private computeContext(dockerfile: string): BuildContext | undefined {
    const fromCompose = this.composeBuilds().find((b) => b.dockerfile === dockerfile);
    const dir = fromCompose?.context ?? dirname(dockerfile);
    // Only contexts inside the workspace are read: analysis never wanders the rest of the disk.
    if (!this.inRoots(dir) || !this.disk.isDirectory(dir)) return undefined;
    // BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile before the context's own.
    const candidates = [...(this.inRoots(dockerfile) ? [`${dockerfile}.dockerignore`] : []), `${dir}/.dockerignore`];
    const dockerignore = candidates.find((p) => this.read(p) !== undefined);
    const patterns = dockerignore ? parseDockerignore(this.read(dockerignore)!) : [];
    return { dir, dockerignore, secrets: contextSecrets(dir, patterns, this.read, this.disk) };
  }

  private computeImage(dockerfile: string): BuiltImage | undefined {
    // A compose file may name any path: only the workspace's own files are read.
    if (!this.inRoots(dockerfile)) return undefined;
    const text = this.read(dockerfile);
    if (text === undefined || text.includes('\u0000')) return undefined;
    const source = new SourceFile(dockerfile, text);
    const model = parseDockerfile(source);
    const user = finalUser(model);
    if (!user) return undefined;
    const name = user.resolved?.split(':')[0];
    return {
      dockerfile: source,
      runsAs: user.runsAs,
      named: user.named,
      user: user.last ? (user.resolved ?? user.last.args[0]?.value) : undefined,
      uid: user.named && name ? createdUid(user.ordered, name) : undefined,
      span: user.span,
    };
  }
}

/** Runs steps to the end: their result. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The services of a compose file that build from a local context. */
function composeBuildsOf(source: SourceFile): ComposeBuild[] {
  const out: ComposeBuild[] = [];
  const dir = dirname(source.path);
  for (const doc of parseYamlStream(source)) {
    const compose = composeFile(doc, isComposeFileName(source.path));
    for (const service of compose?.services ?? []) {
      const build = service.node.get('build');
      const contextText = isScalar(build) ? str(build) : isMap(build) ? (str(build.get('context')) ?? '.') : undefined;
      // A git URL or a remote tarball is no folder of the workspace; `dockerfile_inline` no file.
      if (contextText === undefined || /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(contextText) || (isMap(build) && build.has('dockerfile_inline'))) continue;
      const context = normalize(resolve(dir, contextText));
      const dockerfileText = isMap(build) ? str(build.get('dockerfile')) : undefined;
      const image = service.image;
      out.push({
        composeFile: source.path,
        service: service.name,
        context,
        dockerfile: normalize(resolve(context, dockerfileText ?? 'Dockerfile')),
        image: image && !image.unresolved ? `${image.registry}/${image.repository}` : undefined,
      });
    }
  }
  return out;
}

/**
 * Credential files of a build context that its `.dockerignore` leaves in, found by walking the
 * folder (vendor folders and excluded folders skipped, bounded in entries and depth).
 */
function contextSecrets(dir: string, patterns: ReturnType<typeof parseDockerignore>, read: ReadFile, disk: ProjectFiles): ContextSecret[] {
  const out: ContextSecret[] = [];
  let budget = MAX_CONTEXT_ENTRIES;
  const walk = (abs: string, rel: string, depth: number): void => {
    for (const entry of disk.entries(abs) ?? []) {
      if (--budget < 0) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      // Symbolic links are not followed: Docker copies the link, not what it points at.
      if (entry.isDirectory()) {
        if (VENDOR_DIRS.has(entry.name) || folderExcluded(patterns, path)) continue;
        if (entry.name === '.git') {
          if (!dockerignored(patterns, `${path}/config`) && CREDENTIAL_URL.test(read(`${abs}/.git/config`) ?? '')) out.push({ path: `${path}/config`, what: 'a Git remote URL with credentials' });
          continue;
        }
        const what = secretFileKind(path);
        if (what) {
          if (!dockerignored(patterns, path)) out.push({ path, what });
          continue;
        }
        if (depth < MAX_CONTEXT_DEPTH) walk(`${abs}/${entry.name}`, path, depth + 1);
      } else if (entry.isFile()) {
        const what = secretFileKind(path);
        if (what && !dockerignored(patterns, path)) out.push({ path, what });
      }
    }
  };
  walk(dir, '', 0);
  return out;
}

/** The UID that `useradd -u N name` / `adduser -u N name` / `--uid N` in the image's RUNs gives `name`, if any. */
function createdUid(instructions: readonly Instruction[], name: string): number | undefined {
  for (const raw of instructions.flatMap((i) => i.shell?.allCommands() ?? [])) {
    const cmd = raw.unwrapped();
    if (cmd.program !== 'useradd' && cmd.program !== 'adduser') continue;
    const uid = cmd.flagValue('-u', '--uid')?.value;
    if (uid && /^\d+$/.test(uid) && cmd.args.some((w) => w.value === name)) return Number(uid);
  }
  return undefined;
}

/** Absolute, forward slashes, no trailing slash: the form the engine sees paths in. */
export function normalize(path: string): string {
  return resolve(path).split(sep).join('/');
}
