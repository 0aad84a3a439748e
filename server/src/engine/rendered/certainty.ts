import type { K8sObject } from '../model/k8s';
import { isMap, type YMap, type YNode } from '../model/yaml';
import type { Finding } from '../rule';
import { shift } from '../run-rules';
import type { SourceFile, Span } from '../source';
import type { Mark } from './text';

/** The objects of a rendered file's documents, with where each document starts in it. */
export interface PlacedObject {
  readonly obj: K8sObject;
  readonly offset: number;
}

/** Container keys whose unknown values cannot hide a security setting. */
const BENIGN_CONTAINER_KEYS = new Set(['name', 'image', 'command', 'args', 'env', 'envFrom', 'ports', 'volumeMounts', 'volumeDevices', 'workingDir', 'terminationMessagePath', 'terminationMessagePolicy', 'stdin', 'stdinOnce', 'tty', 'lifecycle', 'resizePolicy']);
/** Pod spec keys likewise, for findings about the pod or object (containers are judged on their own). */
const BENIGN_POD_KEYS = new Set([
  'containers', 'initContainers', 'ephemeralContainers', 'volumes', 'nodeSelector', 'affinity', 'tolerations', 'imagePullSecrets', 'priorityClassName', 'priority',
  'topologySpreadConstraints', 'dnsPolicy', 'dnsConfig', 'hostAliases', 'terminationGracePeriodSeconds', 'schedulerName', 'restartPolicy', 'subdomain', 'hostname',
  'readinessGates', 'overhead', 'preemptionPolicy', 'nodeName', 'activeDeadlineSeconds', 'enableServiceLinks',
]);
/** Object keys likewise, on the way to the pod template. */
const BENIGN_OBJECT_KEYS = new Set(['metadata', 'labels', 'name', 'namespace', 'generateName', 'selector', 'replicas', 'strategy', 'updateStrategy', 'revisionHistoryLimit', 'minReadySeconds', 'serviceName', 'podManagementPolicy', 'progressDeadlineSeconds', 'volumeClaimTemplates', 'schedule', 'concurrencyPolicy', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'backoffLimit', 'completions', 'parallelism', 'ttlSecondsAfterFinished']);

/**
 * Decides whether a finding could be wrong because of what the renderer could not work out: it
 * points at uncertain text, or it says a container or object misses something while uncertain
 * text sits where that something could be (a key written by an unknown `include`, a
 * `securityContext` from one). Unknown values under keys that hold no security setting (labels,
 * names, ports, volumes...) do not count.
 */
export class Certainty {
  constructor(
    private readonly marks: readonly Mark[],
    private readonly objects: readonly PlacedObject[],
    private readonly source: SourceFile,
  ) {}

  /** The rendered span of the object holding `span`. */
  objectAt(span: Span): Span | undefined {
    const found = this.objects.find(({ obj, offset }) => contains(shift(obj.node.span, offset), span));
    return found ? shift(found.obj.node.span, found.offset) : undefined;
  }

  /** Whether `span` is where an object or container is pointed at as a whole. */
  isAnchor(span: Span): boolean {
    return this.objects.some(({ obj, offset }) => same(shift(obj.anchor, offset), span) || (obj.pod?.containers ?? []).some((c) => same(shift(c.anchor, offset), span)));
  }

  tainted(f: Finding): boolean {
    if (this.marks.length === 0) return false;
    if (this.marks.some((m) => overlaps(m, f.span))) return true;
    for (const { obj, offset } of this.objects) {
      if (!contains(shift(obj.node.span, offset), f.span)) continue;
      const pod = obj.pod;
      const notIn = (benign: ReadonlySet<string>) => (key: string) => !benign.has(key);
      if (same(shift(obj.anchor, offset), f.span)) {
        return (
          this.unknownIn(obj.node, offset, notIn(BENIGN_OBJECT_KEYS), pod?.node) ||
          (pod !== undefined && (this.unknownIn(pod.node, offset, notIn(BENIGN_POD_KEYS)) || pod.containers.some((c) => this.unknownIn(c.node, offset, notIn(BENIGN_CONTAINER_KEYS)))))
        );
      }
      for (const c of pod?.containers ?? []) {
        // A container inherits the pod's securityContext; the pod's other keys do not decide about it.
        if (same(shift(c.anchor, offset), f.span)) return this.unknownIn(c.node, offset, notIn(BENIGN_CONTAINER_KEYS)) || this.unknownIn(c.pod.node, offset, (key) => key === 'securityContext');
      }
      // A finding at a key is about the value under it.
      const pair = pairAt(obj.node, f.span, offset);
      if (pair) return this.marks.some((m) => within(m, shift(pair, offset)));
    }
    return false;
  }

  /**
   * Whether a mark lies in `node` where it could hold a setting: in the value of a key for which
   * `relevant` holds, or as a key of its own (unknown lines at the map's indentation). `skip` is a
   * subtree judged separately (the pod spec inside an object).
   */
  private unknownIn(node: YNode | undefined, offset: number, relevant: (key: string) => boolean, skip?: YNode): boolean {
    if (!node) return false;
    const span = shift(node.span, offset);
    const marks = this.marks.filter((m) => within(m, span) && !(skip && within(m, shift(skip.span, offset))));
    if (marks.length === 0) return false;
    if (!isMap(node) || node.pairs.length === 0) return true;
    const column = this.source.lines.positionAt(shift(node.pairs[0]!.span, offset).start).character;
    return marks.some((m) => {
      if (m.start === m.end && m.indent !== undefined) {
        if (m.indent < column) return false; // left out of an enclosing map
        if (m.indent === column) return true; // keys of this map
      }
      const pair = [...node.pairs].reverse().find((p) => shift(p.span, offset).start <= m.start);
      if (!pair) return true;
      if (!relevant(pair.keyText)) return false;
      // Nested maps on the way (metadata → annotations) are judged by the same keys.
      return !isMap(pair.value) || pair.value.pairs.length === 0 || this.unknownIn(pair.value, offset, () => true, skip);
    });
  }
}

/** The span of a pair of the tree whose key is exactly `span` (object-relative offsets). */
function pairAt(root: YMap, span: Span, offset: number): Span | undefined {
  const stack: YNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!contains(shift(node.span, offset), span)) continue;
    if (isMap(node)) {
      for (const p of node.pairs) {
        if (same(shift(p.key.span, offset), span)) return p.span;
        if (p.value) stack.push(p.value);
      }
    } else if (node.type === 'seq') stack.push(...node.items);
  }
  return undefined;
}

function same(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** A mark inside a span; a point mark counts at the span's end too (content left out after the last key). */
function within(mark: Span, span: Span): boolean {
  if (mark.start === mark.end) return span.start <= mark.start && mark.start <= span.end;
  return mark.start < span.end && span.start < mark.end;
}

export function overlaps(mark: Span, span: Span): boolean {
  if (mark.start === mark.end) return span.start < mark.start && mark.start < span.end;
  return mark.start < Math.max(span.end, span.start + 1) && span.start < mark.end;
}
