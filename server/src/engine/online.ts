import { imageName, type ImageRef } from './model/image';

/**
 * What the registries answered about the images of a file, handed to the engine as plain data so
 * that linting stays synchronous and offline: the server fetches (server/src/online), the online
 * rules read. A missing entry (not asked yet, or the registry did not answer: the server says so
 * itself) keeps the rules silent.
 */
export interface OnlineSnapshot {
  /** What a tag points to, keyed by `tagKey(ref)`. */
  readonly tags?: Readonly<Record<string, TagLookup>>;
  /** Signature verdicts of pinned images against the configured keys, keyed by `digestKey(ref)`. */
  readonly signatures?: Readonly<Record<string, SignatureLookup>>;
}

export interface TagLookup {
  /** The manifest (or index) digest the tag resolves to. */
  readonly digest: string;
}

export type SignatureStatus = 'valid' | 'missing' | 'invalid';

export interface SignatureLookup {
  readonly status: SignatureStatus;
  /** For `invalid`: what failed, e.g. "no configured key verifies the signature". */
  readonly detail?: string;
}

/** `docker.io/library/nginx:latest`: the tag an image pulls (`latest` when none is written). */
export function tagKey(ref: Pick<ImageRef, 'registry' | 'repository' | 'tag'>): string {
  return `${imageName(ref as ImageRef)}:${ref.tag ?? 'latest'}`;
}

/** `docker.io/library/nginx@sha256:...`, for pinned images. */
export function digestKey(ref: Pick<ImageRef, 'registry' | 'repository' | 'digest'>): string {
  return `${imageName(ref as ImageRef)}@${ref.digest}`;
}
