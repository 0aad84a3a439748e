import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, parseConfigFile, type ConfigFile } from '../engine/config-file';
import { defaultConfig, findRule, SourceFile, type EngineConfig } from '../engine';
import { isIgnored, parseGitignore, type IgnorePattern } from '../discovery/gitignore';
import { diskFiles, type ProjectFiles } from '../project/files';

/** A `.bulkhead.yaml` found on disk, parsed once. */
export interface ConfigLayer {
  readonly path: string;
  readonly dir: string;
  readonly source: SourceFile;
  readonly file: ConfigFile;
  readonly problems: readonly { readonly message: string; readonly line: number; readonly column: number }[];
  readonly ignore: readonly IgnorePattern[];
  readonly overrides: readonly { readonly patterns: readonly IgnorePattern[]; readonly override: NonNullable<ConfigFile['overrides']>[number] }[];
}

export interface ResolvedConfig {
  readonly config: EngineConfig;
  /** The file matches an `ignorePaths` entry. */
  readonly ignored: boolean;
  /** Config files that apply, outermost first. */
  readonly layers: readonly ConfigLayer[];
  /** Paths config files name outside the workspace, left out because it is not trusted (absolute). */
  readonly untrustedPaths: readonly string[];
}

export interface ResolverOptions {
  /** Settings or CLI defaults, below every config file. */
  readonly base?: Partial<EngineConfig>;
  /** Above every config file (CLI flags). */
  readonly top?: Partial<EngineConfig>;
  /** Use only this config file (`--config`). */
  readonly explicit?: string;
  /** Folders where the upward search stops (workspace roots); a `.git` folder or `root: true` also stops it. */
  readonly roots?: readonly string[];
  /** The workspace is not trusted: paths config files name outside `roots` (symbolic links followed) are left out. */
  readonly untrusted?: boolean;
}

const isKnownRule = (id: string): boolean => findRule(id) !== undefined;

/**
 * Finds the `.bulkhead.yaml` files that apply to a file (nearest folder wins, merged up to the
 * workspace or repository root) and merges them over the settings:
 * defaults < settings < config files (outer → inner) < matching `overrides` < CLI flags.
 */
export class ConfigResolver {
  private readonly layersByDir = new Map<string, readonly ConfigLayer[]>();
  private readonly files = new Map<string, ConfigLayer | undefined>();

  /** `disk`: the live disk, or one run's listed view of it (`listedDisk()`). */
  constructor(
    private readonly options: ResolverOptions = {},
    private readonly disk: ProjectFiles = diskFiles,
  ) {}

  /** The configuration of one file; `base` (per-resource settings) replaces the constructor's. */
  forFile(path: string, base: Partial<EngineConfig> | undefined = this.options.base): ResolvedConfig {
    const layers = this.layersOf(path);
    let config = defaultConfig(base);
    let ignored = false;
    const untrustedPaths: string[] = [];
    const resolvePath = (dir: string, path: string): string | undefined => {
      const absolute = resolve(dir, path);
      if (!this.options.untrusted || within(absolute, this.options.roots ?? [])) return absolute;
      untrustedPaths.push(absolute);
      return undefined;
    };
    for (const layer of layers) {
      config = applyFile(config, layer.file, layer.dir, resolvePath);
      const rel = relativeTo(layer.dir, path);
      if (rel === undefined) continue;
      if (isIgnored(layer.ignore, rel, false) || ancestorIgnored(layer.ignore, rel)) ignored = true;
      for (const { patterns, override } of layer.overrides) {
        if (isIgnored(patterns, rel, false) || ancestorIgnored(patterns, rel)) {
          config = { ...config, ...(override.profile ? { profile: override.profile } : {}), rules: { ...config.rules, ...override.rules } };
        }
      }
    }
    if (this.options.top) config = { ...config, ...this.options.top };
    return { config, ignored, layers, untrustedPaths };
  }

  /** Every config file problem of the layers that apply to `path`, for the CLI's one-line error. */
  problems(path: string): { file: string; message: string; line: number; column: number }[] {
    return this.layersOf(path).flatMap((l) => l.problems.map((p) => ({ file: l.path, ...p })));
  }

  /** The config files that apply to a file, outermost first. */
  private layersOf(path: string): readonly ConfigLayer[] {
    return this.options.explicit ? [this.load(this.options.explicit)].filter((l): l is ConfigLayer => l !== undefined) : this.layersFor(dirname(path));
  }

  /** Forget cached files (all, or one config file that changed on disk). */
  invalidate(path?: string): void {
    if (path === undefined) this.files.clear();
    else this.files.delete(path);
    this.layersByDir.clear();
  }

  private layersFor(dir: string): readonly ConfigLayer[] {
    const cached = this.layersByDir.get(dir);
    if (cached) return cached;
    const own = CONFIG_FILE_NAMES.map((n) => this.load(join(dir, n))).find((l) => l !== undefined);
    const parent = dirname(dir);
    const stop = own?.file.root === true || parent === dir || (this.options.roots ?? []).includes(dir) || this.disk.exists(join(dir, '.git'));
    const layers = [...(stop ? [] : this.layersFor(parent)), ...(own ? [own] : [])];
    this.layersByDir.set(dir, layers);
    return layers;
  }

  private load(path: string): ConfigLayer | undefined {
    if (this.files.has(path)) return this.files.get(path);
    let layer: ConfigLayer | undefined;
    const text = this.disk.read(path);
    if (text !== undefined) {
      const source = new SourceFile(path, text);
      const { config, problems } = parseConfigFile(source, isKnownRule);
      layer = {
        path,
        dir: dirname(path),
        source,
        file: config,
        problems: problems.map((p) => {
          const pos = source.lines.positionAt(p.span.start);
          return { message: p.message, line: pos.line + 1, column: pos.character + 1 };
        }),
        ignore: parseGitignore((config.ignorePaths ?? []).join('\n')),
        overrides: (config.overrides ?? []).map((o) => ({ patterns: parseGitignore(o.files.join('\n')), override: o })),
      };
    }
    this.files.set(path, layer);
    return layer;
  }
}

/**
 * Applies one config file (in folder `dir`) over a configuration: scalars and lists replace, maps
 * merge key by key. Every path goes through `resolvePath`, which makes it absolute or, in an
 * untrusted workspace, leaves it out (undefined) when it leads outside the workspace.
 */
export function applyFile(config: EngineConfig, file: ConfigFile, dir: string, resolvePath: (dir: string, path: string) => string | undefined): EngineConfig {
  const paths = (list: readonly string[]): string[] => list.flatMap((p) => resolvePath(dir, p) ?? []);
  return {
    ...config,
    ...(file.profile ? { profile: file.profile } : {}),
    rules: { ...config.rules, ...file.rules },
    ...(file.trustedRegistries ? { trustedRegistries: file.trustedRegistries } : {}),
    ...(file.deniedImages ? { deniedImages: file.deniedImages } : {}),
    secrets: { ...config.secrets, ...file.secrets },
    defaults: { ...config.defaults, ...file.defaults },
    suppressions: { ...config.suppressions, ...file.suppressions },
    ...(file.maxFileSize ? { maxFileSize: file.maxFileSize } : {}),
    ...(file.verification?.keys ? { verification: { keys: paths(file.verification.keys) } } : {}),
    ...(file.images ? { images: { ...config.images, ...Object.fromEntries(Object.entries(file.images).flatMap(([image, path]) => paths([path]).map((p) => [image, p.split(sep).join('/')]))) } } : {}),
  };
}

/** Whether `path` is inside one of `roots`, after following symbolic links of both. */
function within(path: string, roots: readonly string[]): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync.native(p);
    } catch {
      return p; // not there (yet): judged by its name
    }
  };
  const target = real(path);
  return roots.some((root) => {
    const rel = relative(real(root), target);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  });
}

function relativeTo(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  return rel.startsWith('..') ? undefined : rel.split(sep).join('/');
}

/** gitignore semantics: a file inside an ignored folder is ignored. */
function ancestorIgnored(patterns: readonly IgnorePattern[], rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) if (isIgnored(patterns, parts.slice(0, i).join('/'), true)) return true;
  return false;
}
