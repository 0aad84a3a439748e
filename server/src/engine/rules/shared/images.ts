import type { ComposeFile } from '../../model/compose';
import type { DockerfileModel } from '../../model/dockerfile';
import { parseImageRef, type ImageRef } from '../../model/image';
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
