import type { Connection } from 'vscode-languageserver';
import { defaultConfig, PROFILES, type EngineConfig, type ProfileName, type RuleSetting } from '../engine';
import type { BulkheadSettings } from '../protocol';

export const DEFAULT_SETTINGS: BulkheadSettings = {
  enable: true,
  profile: 'recommended',
  rules: {},
  trustedRegistries: [],
  deniedImages: [],
  maxFileSize: 5 * 1024 * 1024,
};

/** Settings and the engine configuration they give, for one resource. */
export interface ResourceConfig {
  readonly settings: BulkheadSettings;
  readonly config: EngineConfig;
}

/**
 * Settings are pulled per resource from the client and cached per document URI until the
 * configuration changes; they are never kept in a server-wide global.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ResourceConfig>>();

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  get(uri: string): Promise<ResourceConfig> {
    let entry = this.cache.get(uri);
    if (!entry) {
      const settings = this.supportsConfiguration()
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'bulkhead' })
            .then((value: Partial<BulkheadSettings> | null) => ({ ...DEFAULT_SETTINGS, ...(value ?? {}) }))
            .catch(() => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      entry = settings.then((s) => ({ settings: s, config: engineConfigFrom(s) }));
      this.cache.set(uri, entry);
    }
    return entry;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
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
