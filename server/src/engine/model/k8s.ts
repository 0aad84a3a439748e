import type { Span } from '../source';
import { parseImageRef, type ImageRef } from './image';
import { isMap, isScalar, items, str, YMap, type YamlDocument, type YNode } from './yaml';

/**
 * A Kubernetes object: one YAML document with `apiVersion` and `kind`, or one item of a `List`.
 * Spans are relative to `doc.source`.
 */
export interface K8sObject {
  readonly doc: YamlDocument;
  readonly node: YMap;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly metadata: YMap | undefined;
  /** Where to point when the whole object is meant: its `kind` value. */
  readonly anchor: Span;
  /** The pod this object runs, for Pod and every kind with a pod template. */
  readonly pod: PodSpec | undefined;
  /** Every object of the same YAML stream (for rules that look across documents, e.g. Service → Deployment). */
  readonly siblings: () => readonly K8sObject[];
}

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface PodSpec {
  readonly object: K8sObject;
  /** The `spec` map of the pod (Pod.spec or the template's spec). */
  readonly node: YMap;
  /** Metadata of the pod template (or of the Pod itself). */
  readonly metadata: YMap | undefined;
  /** The pod template map (`spec.template`), undefined for a Pod. */
  readonly template: YMap | undefined;
  readonly securityContext: YMap | undefined;
  readonly containers: readonly Container[];
  /** Job and CronJob pods run to completion (no probes expected). */
  readonly runsToCompletion: boolean;
}

export interface Container {
  readonly pod: PodSpec;
  readonly node: YMap;
  readonly type: ContainerType;
  readonly name: string;
  /** The `name:` value span, or the item's span when unnamed. */
  readonly anchor: Span;
  readonly image: ImageRef | undefined;
  readonly securityContext: YMap | undefined;
}

/** Kinds whose objects run pods, and the path from the object to the pod template. */
const POD_TEMPLATE_PATHS: Record<string, readonly string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const POD_KINDS: readonly string[] = ['Pod', ...Object.keys(POD_TEMPLATE_PATHS)];

/** Security-context fields a container inherits from the pod when it does not set them. */
export const INHERITED_FIELDS = new Set(['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile', 'seLinuxOptions', 'windowsOptions', 'appArmorProfile']);

const TRUE_V2 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_V2 = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/**
 * A boolean as Kubernetes reads it: sigs.k8s.io/yaml decodes with go-yaml v2 (YAML 1.1), so a
 * plain `yes`/`on`/`y` is true and `no`/`off`/`n` false; a quoted "true" is a string, which the
 * API server rejects for a boolean field (undefined here).
 */
export function k8sBool(node: YNode | undefined): boolean | undefined {
  if (!isScalar(node) || node.style !== 'plain') return undefined;
  if (TRUE_V2.has(node.text)) return true;
  if (FALSE_V2.has(node.text)) return false;
  return undefined;
}

/** An integer field (plain scalar); undefined otherwise. */
export function k8sInt(node: YNode | undefined): number | undefined {
  if (!isScalar(node) || node.style !== 'plain' || !/^[-+]?\d+$/.test(node.text)) return undefined;
  return Number(node.text);
}

/**
 * What `siblings()` returns: every object of the file. The linter fills it once all documents are
 * parsed; while it is `undefined` (a document being analysed on its own, so its results can be
 * reused), calling `siblings()` is a bug: the rule must be declared `crossDocument`.
 */
export interface ObjectScope {
  objects: readonly K8sObject[] | undefined;
}

/** Builds the objects of one YAML document; a `List` yields its items. */
export function k8sObjects(doc: YamlDocument, scope: ObjectScope = { objects: undefined }): K8sObject[] {
  const out: K8sObject[] = [];
  const siblings = (): readonly K8sObject[] => {
    if (!scope.objects) throw new Error('siblings() is only available to rules declared crossDocument');
    return scope.objects;
  };
  const visit = (node: YNode | undefined): void => {
    const obj = k8sObject(doc, node, siblings);
    if (!obj) return;
    if (obj.kind === 'List' || obj.kind.endsWith('List')) {
      const list = obj.node.get('items');
      if (list) {
        for (const item of items(list)) visit(item);
        return;
      }
    }
    out.push(obj);
  };
  visit(doc.contents);
  return out;
}

/** Whether a document looks like a Kubernetes object (string `apiVersion` and `kind`). */
export function isK8sDocument(node: YNode | undefined): boolean {
  return isMap(node) && str(node.get('apiVersion')) !== undefined && str(node.get('kind')) !== undefined;
}

function k8sObject(doc: YamlDocument, node: YNode | undefined, siblings: () => readonly K8sObject[]): K8sObject | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = str(node.get('apiVersion'));
  const kindNode = node.get('kind');
  const kind = str(kindNode);
  if (apiVersion === undefined || kind === undefined || !kindNode) return undefined;
  const metadata = node.get('metadata');
  const meta = isMap(metadata) ? metadata : undefined;
  const object: K8sObject = {
    doc,
    node,
    apiVersion,
    kind,
    name: str(meta?.get('name')),
    namespace: str(meta?.get('namespace')),
    metadata: meta,
    anchor: kindNode.span,
    pod: undefined,
    siblings,
  };
  (object as { pod: PodSpec | undefined }).pod = podSpecOf(object);
  return object;
}

function podSpecOf(object: K8sObject): PodSpec | undefined {
  let template: YMap | undefined;
  let spec: YNode | undefined;
  let metadata: YNode | undefined;
  if (object.kind === 'Pod') {
    spec = object.node.get('spec');
    metadata = object.metadata;
  } else {
    const path = POD_TEMPLATE_PATHS[object.kind];
    if (!path) return undefined;
    const t = object.node.path(...path);
    if (!isMap(t)) return undefined;
    template = t;
    spec = t.get('spec');
    metadata = t.get('metadata');
  }
  if (!isMap(spec)) return undefined;
  const sc = spec.get('securityContext');
  const pod: PodSpec = {
    object,
    node: spec,
    metadata: isMap(metadata) ? metadata : undefined,
    template,
    securityContext: isMap(sc) ? sc : undefined,
    containers: [],
    runsToCompletion: object.kind === 'Job' || object.kind === 'CronJob',
  };
  const containers: Container[] = [];
  for (const type of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const item of items(spec.get(type))) {
      if (!isMap(item)) continue;
      const nameNode = item.get('name');
      const imageNode = item.get('image');
      const image = str(imageNode);
      const csc = item.get('securityContext');
      containers.push({
        pod,
        node: item,
        type,
        name: str(nameNode) ?? '',
        anchor: nameNode?.span ?? item.span,
        image: image !== undefined && imageNode ? parseImageRef(image, imageNode.span, isScalar(imageNode) && imageNode.style === 'plain') : undefined,
        securityContext: isMap(csc) ? csc : undefined,
      });
    }
  }
  (pod as { containers: readonly Container[] }).containers = containers;
  return pod;
}

/**
 * The security-context value that applies to a container: its own, else the pod's for fields
 * that are inherited. `from` tells which level set it.
 */
export function effectiveSecurity(container: Container, field: string): { node: YNode; from: 'container' | 'pod' } | undefined {
  const own = container.securityContext?.get(field);
  if (own !== undefined && !(isScalar(own) && own.value === null)) return { node: own, from: 'container' };
  if (!INHERITED_FIELDS.has(field)) return undefined;
  const pod = container.pod.securityContext?.get(field);
  if (pod !== undefined && !(isScalar(pod) && pod.value === null)) return { node: pod, from: 'pod' };
  return undefined;
}

/** Annotations of the object and of its pod template, template last. */
export function annotations(object: K8sObject): { key: string; value: string; span: Span }[] {
  const out: { key: string; value: string; span: Span }[] = [];
  for (const meta of [object.metadata, object.pod?.template ? object.pod.metadata : undefined]) {
    const ann = meta?.get('annotations');
    if (!isMap(ann)) continue;
    for (const p of ann.entries()) {
      const value = str(p.value);
      if (value !== undefined) out.push({ key: p.keyText, value, span: p.span });
    }
  }
  return out;
}
