import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type { EngineConfig } from '../engine';
import { OnlineChecks } from '../online/checks';
import type { WorkspaceTrust } from './trust';

/** `bulkhead.online.*`: opt-in registry lookups, read for the window (not per resource). */
export interface OnlineSettings {
  readonly enabled: boolean;
  /** Milliseconds per registry request. */
  readonly timeout: number;
  /** Seconds an answer is reused. */
  readonly cacheTtl: number;
}

export const DEFAULT_ONLINE: OnlineSettings = { enabled: false, timeout: 5000, cacheTtl: 300 };

/**
 * Online checks for the language server: created from `bulkhead.online.*` and VS Code's
 * `http.proxy` when enabled, and never when the workspace is not trusted (then enabling them
 * only brings the trust message).
 */
export class OnlineService {
  private current: Promise<OnlineChecks | undefined> | undefined;
  private readonly configs = new WeakMap<EngineConfig, { snapshot: object; config: EngineConfig }>();

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
    private readonly trust: WorkspaceTrust,
  ) {}

  /** The checks to use, or `undefined` when online checks are off: then nothing touches the network. */
  checks(): Promise<OnlineChecks | undefined> {
    if (!this.supportsConfiguration()) return Promise.resolve(undefined);
    this.current ??= this.create();
    return this.current;
  }

  /** `config` with the current snapshot; the same object while nothing new arrived, so lint results stay cached. */
  withSnapshot(config: EngineConfig, checks: OnlineChecks): EngineConfig {
    const snapshot = checks.snapshot(config.verification.keys);
    const memo = this.configs.get(config);
    if (memo?.snapshot === snapshot) return memo.config;
    const withOnline = { ...config, online: snapshot };
    this.configs.set(config, { snapshot, config: withOnline });
    return withOnline;
  }

  /** Settings changed: the next request reads them again (cached answers go with the old checks). */
  reset(): void {
    const old = this.current;
    this.current = undefined;
    void old?.then((c) => c?.dispose());
  }

  private async create(): Promise<OnlineChecks | undefined> {
    const [bulkhead, http] = (await this.connection.workspace
      .getConfiguration([{ section: 'bulkhead' }, { section: 'http' }])
      .catch(() => [undefined, undefined])) as [{ online?: Partial<OnlineSettings> } | null | undefined, { proxy?: unknown } | null | undefined];
    const settings = { ...DEFAULT_ONLINE, ...(bulkhead?.online ?? {}) };
    if (settings.enabled !== true) return undefined;
    if (!this.trust.trusted) {
      this.trust.ignored();
      return undefined;
    }
    const proxy = typeof http?.proxy === 'string' && http.proxy.trim() !== '' ? http.proxy.trim() : undefined;
    return new OnlineChecks(
      {
        timeoutMs: settings.timeout > 0 ? settings.timeout : DEFAULT_ONLINE.timeout,
        cacheTtlMs: (settings.cacheTtl >= 0 ? settings.cacheTtl : DEFAULT_ONLINE.cacheTtl) * 1000,
        ...(proxy ? { proxy } : {}),
      },
      {
        changed: () => void this.connection.languages.diagnostics.refresh().catch(() => undefined),
        problem: (message) => void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
      },
    );
  }
}
