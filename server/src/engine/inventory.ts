import type { ComposeFile } from './model/compose';
import type { DockerfileModel } from './model/dockerfile';
import { familiarName, type ImageRef } from './model/image';
import type { K8sObject } from './model/k8s';
import { composeImages, dockerfileImages, k8sImages, type ImageUseKind } from './rules/shared/images';
import type { Span } from './source';

/** One place where an image is referenced, for the audit's image inventory. */
export interface ImageReference {
  readonly ref: ImageRef;
  readonly use: ImageUseKind;
  /** Where in the file: `stage build`, `service web`, `Deployment/api container app`. */
  readonly context: string;
  /** Span in the file (document spans already shifted). */
  readonly span: Span;
}

export function dockerfileInventory(model: DockerfileModel): ImageReference[] {
  return dockerfileImages(model).map((u) => {
    const stage = [...model.stages].reverse().find((s) => s.from.span.start <= u.ref.span.start);
    return { ref: u.ref, use: u.kind, context: stage ? `stage ${stage.label}` : 'global', span: u.ref.span };
  });
}

export function composeInventory(file: ComposeFile, offset: number): ImageReference[] {
  return composeImages(file).map((u) => {
    const service = file.services.find((s) => s.image === u.ref);
    return { ref: u.ref, use: u.kind, context: `service ${service?.name ?? '?'}`, span: shift(u.ref.span, offset) };
  });
}

export function k8sInventory(object: K8sObject, offset: number): ImageReference[] {
  return k8sImages(object).map((u) => {
    const container = object.pod?.containers.find((c) => c.image === u.ref);
    const kind = container?.type === 'containers' ? 'container' : container?.type === 'initContainers' ? 'init container' : 'ephemeral container';
    return { ref: u.ref, use: u.kind, context: `${object.kind}/${object.name ?? '?'} ${kind} ${container?.name ?? '?'}`, span: shift(u.ref.span, offset) };
  });
}

/** `nginx:1.27@sha256:...` normalised for grouping: familiar name, tag and digest. */
export function imageKey(ref: ImageRef): string {
  return `${familiarName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

function shift(span: Span, offset: number): Span {
  return { start: span.start + offset, end: span.end + offset };
}
