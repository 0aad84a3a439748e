import type { Connection } from 'vscode-languageserver';
import { ConfigResolver } from '../config/resolve';
import { defaultConfig, PROFILES, type EngineConfig, type ProfileName, type RuleSetting } from '../engine';
import type { BulkheadSettings } from '../protocol';
import { pathOf } from './documents';
import type { WorkspaceTrust } from './trust';

export const DEFAULT_SETTINGS: BulkheadSettings = {
  enable: true,
  profile: 'recommended',
  rules: {},
  trustedRegistries: [],
  deniedImages: [],
  maxFileSize: 5 * 1024 * 1024,
};

/** Settings and the configuration that applies to one resource. */
export interface ResourceConfig {
  readonly settings: BulkheadSettings;
  /** Settings merged under the `.bulkhead.yaml` files that apply (config files win). */
  readonly config: EngineConfig;
  /** The file matches an `ignorePaths` entry of a config file. */
  readonly ignored: boolean;
}

/**
 * Per-resource configuration, cached per document URI until settings or config files change;
 * never kept in a server-wide global.
 */
export class ResourceConfigs {
  private readonly cache = new Map<string, Promise<ResourceConfig>>();
  readonly resolver: ConfigResolver;

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
    roots: readonly string[],
    private readonly trust: WorkspaceTrust,
  ) {
    this.resolver = new ConfigResolver({ roots, untrusted: !trust.trusted });
  }

  get(uri: string): Promise<ResourceConfig> {
    let entry = this.cache.get(uri);
    if (!entry) {
      const settings = this.supportsConfiguration()
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'bulkhead' })
            .then((value: Partial<BulkheadSettings> | null) => ({ ...DEFAULT_SETTINGS, ...(value ?? {}) }))
            .catch(() => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      entry = settings.then((s) => {
        // Only files on disk have folders whose config files apply.
        if (!uri.startsWith('file:')) return { settings: s, config: engineConfigFrom(s), ignored: false };
        const resolved = this.resolver.forFile(pathOf(uri), engineConfigFrom(s));
        if (resolved.untrustedPaths.length > 0) this.trust.ignored();
        return { settings: s, config: resolved.config, ignored: resolved.ignored };
      });
      this.cache.set(uri, entry);
    }
    return entry;
  }

  /** The settings-derived configuration of a workspace folder (config files are merged over it per file). */
  async folderBase(folderUri: string): Promise<{ base: EngineConfig; enabled: boolean }> {
    const { settings } = await this.get(folderUri);
    return { base: engineConfigFrom(settings), enabled: settings.enable };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** After a settings change, or a config file change on disk (then also re-read config files). */
  clear(configFilesChanged = false): void {
    this.cache.clear();
    if (configFilesChanged) this.resolver.invalidate();
  }
}

const SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

/** The engine configuration that VS Code settings describe; invalid values fall back to defaults. */
export function engineConfigFrom(settings: BulkheadSettings): EngineConfig {
  const profile = (PROFILES as readonly string[]).includes(settings.profile) ? (settings.profile as ProfileName) : 'recommended';
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(settings.rules ?? {})) if (SETTINGS.includes(value)) rules[id] = value as RuleSetting;
  return defaultConfig({
    profile,
    rules,
    trustedRegistries: settings.trustedRegistries ?? [],
    deniedImages: (settings.deniedImages ?? []).map((d) => (typeof d === 'string' ? { pattern: d } : d)),
    maxFileSize: settings.maxFileSize > 0 ? settings.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  });
}
