import type { Span } from '../source';
import { isScalar, type YNode } from './yaml';

/**
 * An image reference as written in a FROM, `COPY --from`, compose `image:` or k8s `image:`,
 * split the way the Docker reference grammar does it: the first path component is a registry
 * when it contains `.` or `:` or is `localhost`; Docker Hub names are normalised
 * (`nginx` → `docker.io/library/nginx`).
 */
export interface ImageRef {
  /** The reference as written (after ARG substitution for Dockerfiles). */
  readonly raw: string;
  /** Where the reference is written. */
  readonly span: Span;
  /** Registry host as normalised: `docker.io` when none is written. */
  readonly registry: string;
  /** Whether the registry was written explicitly. */
  readonly registryExplicit: boolean;
  /** Repository path, normalised: `library/nginx` for `nginx` on Docker Hub. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** Span of the `:tag` text (without the colon), when written and the raw text maps 1:1. */
  readonly tagSpan: Span | undefined;
  /**
   * Where `raw` is written character for character (inside the quotes of a quoted YAML scalar),
   * when it is: edits that insert or replace a digest need it.
   */
  readonly valueSpan: Span | undefined;
  /** The reference still contains variables (`$VAR`, `${VAR}`, `{{ }}`) that could not be resolved. */
  readonly unresolved: boolean;
}

const DIGEST = /@([A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})$/;

/**
 * Parses `raw` written at `span`. `mapsOneToOne` says whether offsets inside `raw` are offsets
 * inside `span` (false when ARG substitution changed the text), which decides `tagSpan`.
 */
export function parseImageRef(raw: string, span: Span, mapsOneToOne = true): ImageRef {
  const unresolved = /\$|\{\{/.test(raw);
  let rest = raw;
  let digest: string | undefined;
  const d = DIGEST.exec(rest) ?? /@(.*)$/.exec(rest);
  if (d) {
    digest = d[1];
    rest = rest.slice(0, d.index);
  }
  let tag: string | undefined;
  let tagSpan: Span | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    if (mapsOneToOne) tagSpan = { start: span.start + colon + 1, end: span.start + colon + 1 + tag.length };
    rest = rest.slice(0, colon);
  }
  let registry = 'docker.io';
  let registryExplicit = false;
  let repository = rest;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      registryExplicit = true;
      repository = rest.slice(firstSlash + 1);
    }
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { raw, span, registry, registryExplicit, repository, tag, digest, tagSpan, valueSpan: mapsOneToOne ? span : undefined, unresolved };
}

/**
 * The reference in a YAML scalar: a plain scalar is its text; a quoted one without escapes holds
 * its text between the quotes (only `valueSpan` knows that, other spans stay the whole scalar).
 */
export function yamlImageRef(raw: string, node: YNode): ImageRef {
  const plain = isScalar(node) && node.style === 'plain';
  const ref = parseImageRef(raw, node.span, plain);
  const quoted = isScalar(node) && (node.style === 'single' || node.style === 'double') && node.span.end - node.span.start === raw.length + 2;
  return quoted ? { ...ref, valueSpan: { start: node.span.start + 1, end: node.span.end - 1 } } : ref;
}

/** `docker.io/library/nginx` for Hub images, `registry/repository` otherwise. */
export function imageName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The short name people write: `nginx`, `bitnami/redis`, `ghcr.io/org/app`. */
export function familiarName(ref: ImageRef): string {
  if (ref.registry !== 'docker.io') return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
}

/** Last path component of the repository: `nginx` for `docker.io/library/nginx`, `app` for `ghcr.io/org/app`. */
export function imageBaseName(ref: ImageRef): string {
  return ref.repository.slice(ref.repository.lastIndexOf('/') + 1).toLowerCase();
}
