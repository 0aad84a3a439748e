import type { ComposeFile } from '../../model/compose';
import type { DockerfileModel } from '../../model/dockerfile';
import { compileGlob } from '../../glob';
import { familiarName, imageName, parseImageRef, type ImageRef } from '../../model/image';
import type { K8sObject } from '../../model/k8s';

/** Where an image is referenced. */
export type ImageUseKind = 'from' | 'copy-from' | 'mount-from' | 'service' | 'container';

export interface ImageUse {
  readonly ref: ImageRef;
  readonly kind: ImageUseKind;
}

/**
 * Images a Dockerfile pulls: FROM (not stage names or `scratch`), `COPY --from=<image>` and
 * `RUN --mount=from=<image>`. `--from` values naming a stage or a stage index are skipped.
 */
export function dockerfileImages(model: DockerfileModel): ImageUse[] {
  const stageNames = new Set(model.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  const isStage = (v: string): boolean => /^\d+$/.test(v) || stageNames.has(v.toLowerCase());
  const uses: ImageUse[] = [];
  for (const ins of model.instructions) {
    if (ins.keyword === 'FROM' && ins.stage?.image) uses.push({ ref: ins.stage.image, kind: 'from' });
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const from = ins.flags.find((f) => f.name === 'from');
      if (from?.value && from.valueSpan && !isStage(from.value)) uses.push({ ref: parseImageRef(from.value, from.valueSpan), kind: 'copy-from' });
    }
    for (const mount of ins.mounts) {
      const from = mount.options.get('from');
      if (from && !isStage(from)) uses.push({ ref: parseImageRef(from, mount.span, false), kind: 'mount-from' });
    }
  }
  return uses;
}

export function composeImages(file: ComposeFile): ImageUse[] {
  return file.services.flatMap((s) => (s.image ? [{ ref: s.image, kind: 'service' as const }] : []));
}

export function k8sImages(object: K8sObject): ImageUse[] {
  return (object.pod?.containers ?? []).flatMap((c) => (c.image ? [{ ref: c.image, kind: 'container' as const }] : []));
}

/** The image reference still contains an unresolved variable in its registry or repository. */
export function nameUnresolved(ref: ImageRef): boolean {
  return /\$|\{\{/.test(ref.registry) || /\$|\{\{/.test(ref.repository);
}

/**
 * The names a pattern may be written against: the normalised `registry/repository`
 * (`docker.io/library/nginx`) and, for Docker Hub, the repository (`library/nginx`) and the
 * familiar name (`nginx`).
 */
export function imageNameCandidates(ref: ImageRef): string[] {
  const full = imageName(ref);
  if (ref.registry !== 'docker.io') return [full];
  const familiar = familiarName(ref);
  return familiar === ref.repository ? [full, ref.repository] : [full, ref.repository, familiar];
}

/** A `trustedRegistries` or `deniedImages` entry, compiled. */
export interface ImagePattern {
  readonly pattern: string;
  readonly name: RegExp;
  /** Glob over the tag (`nginx:1.*`); an image without tag or digest has the tag `latest`. */
  readonly tag: RegExp | undefined;
  /** Glob over the digest (`nginx@sha256:abc*`). */
  readonly digest: RegExp | undefined;
}

const patternCache = new Map<string, ImagePattern>();

/**
 * Compiles a pattern over `registry/repository[:tag][@digest]` (tag and digest only when
 * `withTag`). Patterns are normalised like image references: `index.docker.io/` and
 * `registry-1.docker.io/` mean `docker.io/`, and `docker.io/x` without a namespace means
 * `docker.io/library/x`. A pattern that is only a registry host (`ghcr.io`, `localhost:5000`,
 * `*.example.com`) matches every image of that registry.
 */
export function compileImagePattern(pattern: string, withTag: boolean): ImagePattern {
  const key = `${withTag ? 't' : 'n'}:${pattern}`;
  const cached = patternCache.get(key);
  if (cached) return cached;
  let rest = pattern.trim();
  let digest: string | undefined;
  let tag: string | undefined;
  if (withTag) {
    const at = rest.lastIndexOf('@');
    if (at > 0) {
      digest = rest.slice(at + 1);
      rest = rest.slice(0, at);
    }
    const colon = rest.lastIndexOf(':');
    // A colon before the first slash is a registry port (`localhost:5000/app`).
    if (colon > rest.lastIndexOf('/') && rest.includes('/')) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    } else if (colon > 0 && !rest.includes('/') && !looksLikeHost(rest.slice(0, colon))) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const compiled: ImagePattern = {
    pattern,
    name: compileGlob(normalisePatternName(rest)),
    tag: tag === undefined ? undefined : compileGlob(tag),
    digest: digest === undefined ? undefined : compileGlob(digest),
  };
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(key, compiled);
  return compiled;
}

function looksLikeHost(text: string): boolean {
  return text.includes('.') || text === 'localhost';
}

function normalisePatternName(name: string): string {
  let n = name.replace(/^(?:index|registry-1)\.docker\.io\//, 'docker.io/');
  // Only a registry host: everything it serves.
  if (!n.includes('/') && (looksLikeHost(n) || /:\d+$/.test(n))) return `${n}/**`;
  if (n.startsWith('docker.io/')) {
    const path = n.slice('docker.io/'.length);
    if (!path.includes('/') && !path.includes('**')) n = `docker.io/library/${path}`;
  }
  return n;
}

/** Whether `ref` matches `pattern`; references with unresolved variables in the name never match. */
export function matchesImagePattern(ref: ImageRef, pattern: ImagePattern): boolean {
  if (nameUnresolved(ref)) return false;
  if (!imageNameCandidates(ref).some((name) => pattern.name.test(name))) return false;
  if (pattern.tag) {
    const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
    if (tag === undefined || /\$|\{\{/.test(tag) || !pattern.tag.test(tag)) return false;
  }
  if (pattern.digest && (ref.digest === undefined || !pattern.digest.test(ref.digest))) return false;
  return true;
}

/**
 * A template placeholder rather than an image: `<image_url>`, `REPLACE-ME`, `gcr.io/PROJECT_ID/app`.
 * Docker repository paths are lower-case and references have no `<`, `>` or blanks, so such a
 * reference cannot be pulled as written; rules about pulled images skip it.
 */
export function isPlaceholderImage(ref: ImageRef): boolean {
  return /[<>\s]/.test(ref.raw) || /[A-Z]/.test(ref.repository);
}
