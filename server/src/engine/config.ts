import type { OnlineSnapshot } from './online';
import type { RuleSetting } from './rule';

export const PROFILES = ['recommended', 'pss-baseline', 'pss-restricted', 'cis-docker', 'strict'] as const;
export type ProfileName = (typeof PROFILES)[number];

export interface DeniedImage {
  /** Glob over `registry/repository[:tag]`, e.g. `docker.io/library/ubuntu:14.*`. */
  readonly pattern: string;
  readonly reason?: string;
}

/** Values the resource-limit fixes write. */
export interface LimitDefaults {
  readonly memory: string;
  readonly cpu: string;
  readonly memoryRequest: string;
  readonly cpuRequest: string;
  readonly composeMemory: string;
  readonly composeCpus: string;
  readonly pids: number;
}

/** The effective configuration for one file: `.bulkhead.yaml` files and settings merged. */
export interface EngineConfig {
  readonly profile: ProfileName;
  /** Per-rule severity overrides. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Globs over `registry/repository`; empty means every registry is trusted. */
  readonly trustedRegistries: readonly string[];
  readonly deniedImages: readonly DeniedImage[];
  readonly secrets: {
    /** Extra variable names (globs, case-insensitive) to treat as secret-like. */
    readonly names: readonly string[];
    /** Names never treated as secrets. */
    readonly allowedNames: readonly string[];
  };
  readonly defaults: LimitDefaults;
  readonly suppressions: {
    readonly requireReason: boolean;
    /** Rule ids that cannot be suppressed. */
    readonly forbid: readonly string[];
  };
  /** Files larger than this many bytes are skipped with one info finding. */
  readonly maxFileSize: number;
  /** Image name globs mapped to the workspace Dockerfile (absolute path) that builds them. */
  readonly images: Readonly<Record<string, string>>;
  /** `YYYY-MM-DD` that end-of-life dates are compared with (today unless a test pins it). */
  readonly today: string;
  readonly verification: {
    /** Absolute paths of PEM public keys that image signatures are verified against. */
    readonly keys: readonly string[];
  };
  /** Registry answers for the online rules; absent when online checks are off (they stay silent). */
  readonly online?: OnlineSnapshot;
}

export const DEFAULT_LIMITS: LimitDefaults = {
  memory: '512Mi',
  cpu: '500m',
  memoryRequest: '256Mi',
  cpuRequest: '250m',
  composeMemory: '512m',
  composeCpus: '0.5',
  pids: 200,
};

export function defaultConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    profile: 'recommended',
    rules: {},
    trustedRegistries: [],
    deniedImages: [],
    secrets: { names: [], allowedNames: [] },
    defaults: DEFAULT_LIMITS,
    suppressions: { requireReason: false, forbid: [] },
    maxFileSize: 5 * 1024 * 1024,
    images: {},
    today: new Date().toISOString().slice(0, 10),
    verification: { keys: [] },
    ...overrides,
  };
}
