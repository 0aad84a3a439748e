import { digestKey, isPlaceholderImage, tagKey, type ImageRef, type OnlineSnapshot, type SignatureLookup, type TagLookup } from '../engine';
import { readDockerCredentials } from './docker-config';
import { OnlineError, type RequestFn } from './http';
import { RegistryClient } from './registry';
import { fetchSignatures, loadKeys, verifySignatures, type SignatureLayer } from './signatures';

export interface OnlineOptions {
  /** Per request (token, manifest, blob). */
  readonly timeoutMs: number;
  /** How long an answer is reused before the registry is asked again. */
  readonly cacheTtlMs: number;
  /** VS Code's `http.proxy`. */
  readonly proxy?: string;
  /** Folder of Docker's `config.json` (default `$DOCKER_CONFIG` or `~/.docker`). */
  readonly dockerConfigDir?: string;
  readonly request?: RequestFn;
}

export interface OnlineEvents {
  /** New answers arrived: lint again with a fresh snapshot. Called at most once per batch. */
  readonly changed: () => void;
  /** A registry could not be asked (once per registry until it answers again), or a key is unusable. */
  readonly problem: (message: string) => void;
}

interface Entry<T> {
  readonly value: T | undefined;
  readonly expires: number;
}

/** Failures are retried sooner than answers are refreshed. */
const ERROR_TTL_MS = 30_000;

/**
 * The online half of the image rules: resolves tags and fetches signatures for the images of
 * the documents being linted (asynchronously, cached with a TTL, each request time-bounded) and
 * hands the results to the engine as a synchronous `OnlineSnapshot`.
 */
export class OnlineChecks {
  private readonly client: RegistryClient;
  private readonly tags = new Map<string, Entry<TagLookup>>();
  private readonly signatures = new Map<string, Entry<readonly SignatureLayer[]>>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly failing = new Set<string>();
  private readonly snapshots = new Map<string, OnlineSnapshot>();
  private readonly badKeys = new Set<string>();
  private changeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly options: OnlineOptions,
    private readonly events: OnlineEvents,
  ) {
    this.client = new RegistryClient({
      timeoutMs: options.timeoutMs,
      credentials: readDockerCredentials(options.dockerConfigDir),
      ...(options.proxy ? { proxy: options.proxy } : {}),
      ...(options.request ? { request: options.request } : {}),
    });
  }

  /** What is known now, for the configured keys (signature verdicts depend on them). Same object until something changes. */
  snapshot(keys: readonly string[]): OnlineSnapshot {
    const id = keys.join('\n');
    let snapshot = this.snapshots.get(id);
    if (snapshot) return snapshot;
    const tags: Record<string, TagLookup> = {};
    for (const [key, entry] of this.tags) if (entry.value) tags[key] = entry.value;
    const signatures: Record<string, SignatureLookup> = {};
    const loaded = keys.length > 0 ? this.keys(keys) : undefined;
    if (loaded) {
      for (const [key, entry] of this.signatures) if (entry.value) signatures[key] = verifySignatures(key.slice(key.lastIndexOf('@') + 1), entry.value, loaded);
    }
    snapshot = { tags, signatures };
    this.snapshots.set(id, snapshot);
    return snapshot;
  }

  /**
   * Starts the lookups the images need and the cache lacks (or holds expired); resolves when they
   * are done. Tags are resolved for unpinned images ("Pin to digest") and pinned tagged ones
   * (drift); signatures are fetched for pinned images when keys are configured.
   */
  prefetch(refs: readonly ImageRef[], keys: readonly string[]): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const ref of refs) {
      if (ref.unresolved || ref.raw.trim() === '' || isPlaceholderImage(ref)) continue;
      if (ref.digest === undefined || ref.tag !== undefined) jobs.push(this.lookup(this.tags, tagKey(ref), ref.registry, () => this.resolveTag(ref)));
      if (ref.digest !== undefined && keys.length > 0 && /^sha256:[0-9a-f]{64}$/.test(ref.digest)) {
        jobs.push(this.lookup(this.signatures, digestKey(ref), ref.registry, () => fetchSignatures(this.client, ref.registry, ref.repository, ref.digest!)));
      }
    }
    return Promise.all(jobs).then(() => undefined);
  }

  /** Resolves one tag now, for a code action that cannot wait for the next refresh. */
  async resolveTag(ref: Pick<ImageRef, 'registry' | 'repository' | 'tag'>): Promise<TagLookup> {
    return { digest: await this.client.resolve(ref.registry, ref.repository, ref.tag ?? 'latest') };
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
  }

  private lookup<T>(cache: Map<string, Entry<T>>, key: string, registry: string, fetch: () => Promise<T>): Promise<void> {
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && cached.expires > now) return Promise.resolve();
    const running = this.inFlight.get(key);
    if (running) return running;
    const job = fetch().then(
      (value) => {
        cache.set(key, { value, expires: Date.now() + this.options.cacheTtlMs });
        this.failing.delete(registry);
        // An unchanged answer must not refresh diagnostics: the re-lint would ask again (TTL 0) forever.
        if (JSON.stringify(value) !== JSON.stringify(cached?.value)) this.touch();
      },
      (error: unknown) => {
        // Keep what an earlier answer said; ask again after a short pause.
        cache.set(key, { value: cached?.value, expires: Date.now() + Math.min(ERROR_TTL_MS, this.options.cacheTtlMs) });
        if (!this.failing.has(registry)) {
          this.failing.add(registry);
          const reason = error instanceof OnlineError ? error.message : `the lookup failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
          this.events.problem(`Bulkhead online checks: ${reason}; digest and signature checks skip images of ${registry} until it answers.`);
        }
      },
    ).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    return job;
  }

  private keys(paths: readonly string[]) {
    try {
      return loadKeys(paths);
    } catch (error) {
      const message = (error as Error).message;
      if (!this.badKeys.has(message)) {
        this.badKeys.add(message);
        this.events.problem(`Bulkhead online checks: ${message}; signatures are not checked.`);
      }
      return undefined;
    }
  }

  /** Answers come in bursts (one per image): one refresh per burst. */
  private touch(): void {
    this.snapshots.clear();
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.events.changed(), 20);
  }
}
