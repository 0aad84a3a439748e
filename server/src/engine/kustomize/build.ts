import { parseImageRef } from '../model/image';
import { isMap, isScalar, isSeq, items, str, type YMap, type YNode } from '../model/yaml';
import { parseYamlFile } from '../parse/yaml';
import type { Tree } from '../rendered/emit';
import { SourceFile, type Span } from '../source';
import { applyJsonPatch, get, getPath, isMapTree, nodeTree, open, openPath, scalarText, strategicMerge, type JsonPatchOp } from './tree';

/**
 * Builds a Kustomization the way `kustomize build` does for what it supports: `resources`
 * (files and folders with their own kustomization, recursively), `components`, `patches`,
 * `patchesStrategicMerge` and `patchesJson6902` (files or inline), `images`, `namePrefix`,
 * `nameSuffix` and `namespace`. Remote resources, generators, replacements and Helm charts are
 * left out. Every part of the resulting objects keeps the file and span it came from.
 */

export interface KustomizeInput {
  readonly kustomization: SourceFile;
  /** A file by absolute path (forward slashes), or undefined when missing. */
  readonly read: (path: string) => SourceFile | undefined;
}

export interface BuiltObject {
  tree: Tree;
  /** Every name it had, for patch targets written against a base's names. */
  readonly names: string[];
  /** The file it was read from. */
  readonly file: SourceFile;
  /** The object as written in `file`. */
  readonly written: Span;
  /** In the top kustomization: the `resources` entry that brought it in, and the patch entries applied to it. */
  entry: Span | undefined;
  readonly patchedBy: Span[];
}

export interface BuildProblem {
  readonly file: SourceFile;
  readonly span: Span;
  readonly message: string;
}

export interface Build {
  readonly objects: BuiltObject[];
  readonly problems: BuildProblem[];
  /** Patch files of the top kustomization (reported with it), and of nested ones (reported with theirs). */
  readonly ownPatches: SourceFile[];
  readonly otherPatches: SourceFile[];
  /** Plain resource files (linted on their own too). */
  readonly resources: SourceFile[];
}

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const MAX_DEPTH = 20;
/** Objects built at most (bases included twice over many levels multiply). */
const MAX_OBJECTS = 10_000;

export function buildKustomization(input: KustomizeInput): Build {
  const cache = new Map<string, SourceFile | undefined>();
  const read = (path: string): SourceFile | undefined => {
    if (!cache.has(path)) cache.set(path, input.read(path));
    return cache.get(path);
  };
  const build: Build = { objects: [], problems: [], ownPatches: [], otherPatches: [], resources: [] };
  const visiting = new Set<string>();
  /** Kustomizations already built: kustomize refuses a base included twice (its objects would be duplicates). */
  const built = new Set<string>();

  const kustomizationIn = (dir: string): SourceFile | undefined => {
    for (const name of KUSTOMIZATION_NAMES) {
      const f = read(`${dir}/${name}`);
      if (f) return f;
    }
    return undefined;
  };

  const run = (file: SourceFile, initial: BuiltObject[], depth: number): BuiltObject[] => {
    const top = depth === 0;
    const problem = (span: Span, message: string): void => void (top && build.problems.push({ file, span: trimmed(file, span), message }));
    if (depth > MAX_DEPTH || visiting.has(file.path)) {
      problem({ start: 0, end: 0 }, 'kustomizations include each other in a cycle');
      return initial;
    }
    visiting.add(file.path);
    built.add(file.path);
    try {
      const root = parseYamlFile(file)[0]?.contents;
      if (!isMap(root)) return initial;
      const dir = parentOf(file.path);
      let objects = [...initial];

      for (const key of ['resources', 'bases']) {
        for (const item of items(root.get(key))) {
          const ref = str(item);
          if (ref === undefined || isRemote(ref)) continue;
          const path = join(dir, ref);
          const nested = kustomizationIn(path);
          let added: BuiltObject[];
          if (nested && built.has(nested.path)) {
            problem(item.span, `"${ref}" is included more than once`);
            continue;
          }
          if (nested) added = run(nested, [], depth + 1);
          else {
            const resource = read(path);
            if (!resource) {
              problem(item.span, `resource "${ref}" not found`);
              continue;
            }
            if (!build.resources.includes(resource)) build.resources.push(resource);
            added = objectsOf(resource);
          }
          if (top) for (const o of added) o.entry = item.span;
          objects.push(...added);
          if (objects.length > MAX_OBJECTS) {
            problem(item.span, `more than ${MAX_OBJECTS} objects; the rest were left out`);
            return objects.slice(0, MAX_OBJECTS);
          }
        }
      }
      for (const item of items(root.get('components'))) {
        const ref = str(item);
        if (ref === undefined || isRemote(ref)) continue;
        const nested = kustomizationIn(join(dir, ref));
        if (nested) objects = run(nested, objects, depth + 1);
        else problem(item.span, `component "${ref}" not found`);
      }

      const patchFile = (path: string): SourceFile | undefined => {
        const f = read(path);
        if (f) {
          const list = top ? build.ownPatches : build.otherPatches;
          if (!list.includes(f)) list.push(f);
        }
        return f;
      };
      const apply = (entry: YNode, patch: { file: SourceFile; docs: readonly YNode[] } | undefined, target: Selector | undefined): void => {
        if (!patch) return problem(entry.span, 'patch file not found');
        for (const doc of patch.docs) {
          if (isSeq(doc)) {
            if (!target) return problem(entry.span, 'a JSON 6902 patch needs a target');
            const ops = jsonOps(doc, patch.file);
            for (const o of objects.filter((x) => matches(x, target))) {
              const holder = { tree: o.tree };
              for (const op of ops) {
                if (!applyJsonPatch(holder, op)) return problem(entry.span, `patch operation "${op.op} ${op.path}" does not apply to ${kindOf(o)} "${o.names[o.names.length - 1]}"`);
              }
              o.tree = holder.tree;
              if (top) o.patchedBy.push(entry.span);
            }
          } else if (isMap(doc)) {
            const selector = target ?? selectorOf(doc);
            const body = withoutIdentity(doc, patch.file);
            for (const o of objects.filter((x) => matches(x, selector))) {
              const merged = strategicMerge(o.tree, body);
              if (merged === undefined) objects = objects.filter((x) => x !== o);
              else o.tree = merged;
              if (top) o.patchedBy.push(entry.span);
            }
          }
        }
      };
      const load = (pathOrText: YNode | undefined): { file: SourceFile; docs: YNode[] } | undefined => {
        const text = str(pathOrText);
        if (text === undefined || !pathOrText) return undefined;
        // An inline patch is a block scalar of this file: parsed where it is written, so its spans are this file's.
        const inline = /[\n:]/.test(text) && isScalar(pathOrText) && (pathOrText.style === 'literal' || pathOrText.style === 'folded' || !/\n/.test(file.slice(pathOrText.span)));
        if (inline) return inlineDocs(file, pathOrText);
        const f = patchFile(join(dir, text));
        return f ? { file: f, docs: parseYamlFile(f).flatMap((d) => (d.contents ? [d.contents] : [])) } : undefined;
      };
      for (const item of items(root.get('patchesStrategicMerge'))) apply(item, load(item), undefined);
      for (const item of items(root.get('patches'))) {
        if (!isMap(item)) continue;
        apply(item, load(item.get('path') ?? item.get('patch')), selector(item.get('target')));
      }
      for (const item of items(root.get('patchesJson6902'))) {
        if (!isMap(item)) continue;
        const target = selector(item.get('target'));
        apply(item, load(item.get('path') ?? item.get('patch')), target ?? { kind: '\0none' });
      }

      const namespace = root.get('namespace');
      if (str(namespace)) for (const o of objects) if (!CLUSTER_SCOPED.has(kindOf(o))) setField(o, ['metadata'], 'namespace', { t: 'scalar', text: file.slice(namespace!.span), origin: { file, span: namespace!.span, exact: true } });
      const prefix = str(root.get('namePrefix')) ?? '';
      const suffix = str(root.get('nameSuffix')) ?? '';
      if (prefix || suffix) {
        for (const o of objects) {
          const name = getPath(o.tree, 'metadata', 'name');
          const current = scalarText(name);
          if (current === undefined || !name) continue;
          const renamed = `${prefix}${current}${suffix}`;
          o.names.push(renamed);
          const origin = name.t === 'node' ? { file: name.file, span: name.node.span, exact: false } : name.t === 'scalar' ? name.origin : undefined;
          setField(o, ['metadata'], 'name', { t: 'scalar', text: JSON.stringify(renamed), ...(origin ? { origin } : {}) });
        }
      }
      for (const entry of items(root.get('images'))) if (isMap(entry)) for (const o of objects) setImages(o, entry, file);
      return objects;
    } finally {
      visiting.delete(file.path);
    }
  };

  build.objects.push(...run(input.kustomization, [], 0));
  return build;
}

/** The patch files a kustomization names (absolute paths), for finding the overlay a patch belongs to. */
export function patchPaths(file: SourceFile): string[] {
  const root = parseYamlFile(file)[0]?.contents;
  if (!isMap(root)) return [];
  const dir = parentOf(file.path);
  const refs: (string | undefined)[] = [];
  for (const item of items(root.get('patchesStrategicMerge'))) refs.push(str(item));
  for (const key of ['patches', 'patchesJson6902']) for (const item of items(root.get(key))) if (isMap(item)) refs.push(str(item.get('path')));
  return refs.filter((r): r is string => r !== undefined && !/\n/.test(r)).map((r) => join(dir, r));
}

/** The objects of a resource file: each document with apiVersion and kind, and the items of a List. */
function objectsOf(file: SourceFile): BuiltObject[] {
  const out: BuiltObject[] = [];
  const visit = (node: YNode | undefined): void => {
    if (!isMap(node) || str(node.get('kind')) === undefined || str(node.get('apiVersion')) === undefined) return;
    const kind = str(node.get('kind'))!;
    if (kind.endsWith('List') && isSeq(node.get('items'))) {
      for (const item of items(node.get('items'))) visit(item);
      return;
    }
    const name = str(node.path('metadata', 'name'));
    out.push({ tree: nodeTree(node, file), names: name === undefined ? [] : [name], file, written: node.span, entry: undefined, patchedBy: [] });
  };
  for (const doc of parseYamlFile(file)) if (doc.problems.length === 0) visit(doc.contents);
  return out;
}

/**
 * The documents of an inline patch (`patch: |-` block). The file's text is masked down to the
 * block's content, which stays where it is written, so the patch's nodes have this file's spans.
 */
function inlineDocs(file: SourceFile, scalar: YNode): { file: SourceFile; docs: YNode[] } | undefined {
  if (!isScalar(scalar) || (scalar.style !== 'literal' && scalar.style !== 'folded')) return undefined;
  const { lines } = file;
  const first = lines.positionAt(scalar.span.start).line + 1;
  const last = lines.positionAt(Math.max(scalar.span.start, scalar.span.end - 1)).line;
  let masked = '';
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const eol = file.text.slice(lines.lineContentEnd(line), line + 1 < lines.lineCount ? lines.lineStart(line + 1) : file.text.length);
    masked += (line >= first && line <= last ? text : ' '.repeat(text.length)) + eol;
  }
  const docs = parseYamlFile(new SourceFile(file.path, masked));
  if (docs.some((d) => d.problems.length > 0)) return undefined;
  return { file, docs: docs.flatMap((d) => (d.contents ? [d.contents] : [])) };
}

function jsonOps(seq: YNode, file: SourceFile): JsonPatchOp[] {
  return items(seq).flatMap((item) => {
    if (!isMap(item)) return [];
    const op = str(item.get('op'));
    const path = str(item.get('path'));
    if (op === undefined || path === undefined) return [];
    const value = item.get('value');
    const from = str(item.get('from'));
    return [{ op, path, ...(from !== undefined ? { from } : {}), ...(value ? { value: nodeTree(value, file) } : {}) }];
  });
}

/** A strategic merge patch without the fields that only say which object it patches. */
function withoutIdentity(doc: YMap, file: SourceFile): Tree {
  const tree = open(nodeTree(doc, file));
  if (tree.t !== 'map') return tree;
  const pairs = tree.pairs
    .filter((p) => p.key !== 'apiVersion' && p.key !== 'kind')
    .flatMap((p) => {
      if (p.key !== 'metadata' || !isMapTree(p.value)) return [p];
      const meta = open(p.value);
      if (meta.t !== 'map') return [p];
      const rest = meta.pairs.filter((m) => m.key !== 'name' && m.key !== 'namespace');
      return rest.length > 0 ? [{ ...p, value: { ...meta, pairs: rest } }] : [];
    });
  return { ...tree, pairs };
}

interface Selector {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
}

function selector(node: YNode | undefined): Selector | undefined {
  if (!isMap(node)) return undefined;
  const pick = (k: string): Record<string, string> => {
    const v = str(node.get(k));
    return v === undefined ? {} : { [k]: v };
  };
  return { ...pick('group'), ...pick('version'), ...pick('kind'), ...pick('name'), ...pick('namespace'), ...pick('labelSelector') };
}

/** What a strategic merge patch without a target patches: its own kind and name. */
function selectorOf(doc: YMap): Selector {
  const apiVersion = str(doc.get('apiVersion')) ?? '';
  const slash = apiVersion.indexOf('/');
  return {
    ...(str(doc.get('kind')) !== undefined ? { kind: str(doc.get('kind'))! } : {}),
    ...(str(doc.path('metadata', 'name')) !== undefined ? { name: escapeRegex(str(doc.path('metadata', 'name'))!) } : {}),
    ...(slash > 0 ? { group: apiVersion.slice(0, slash) } : {}),
  };
}

function matches(o: BuiltObject, s: Selector): boolean {
  const apiVersion = scalarText(get(o.tree, 'apiVersion')) ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash > 0 ? apiVersion.slice(0, slash) : '';
  const version = slash > 0 ? apiVersion.slice(slash + 1) : apiVersion;
  if (s.kind !== undefined && s.kind !== kindOf(o)) return false;
  if (s.group !== undefined && s.group !== group) return false;
  if (s.version !== undefined && s.version !== version) return false;
  if (s.name !== undefined && !o.names.some((n) => anchored(s.name!).test(n))) return false;
  if (s.namespace !== undefined && !anchored(s.namespace).test(scalarText(getPath(o.tree, 'metadata', 'namespace')) ?? '')) return false;
  if (s.labelSelector !== undefined) {
    for (const term of s.labelSelector.split(',').map((t) => t.trim()).filter(Boolean)) {
      const [k, v] = term.split('=').map((x) => x.trim());
      const actual = scalarText(getPath(o.tree, 'metadata', 'labels', k!));
      if (actual === undefined || (v !== undefined && actual !== v)) return false;
    }
  }
  return true;
}

function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return new RegExp(`^${escapeRegex(pattern)}$`);
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function kindOf(o: BuiltObject): string {
  return scalarText(get(o.tree, 'kind')) ?? '';
}

function setField(o: BuiltObject, path: readonly string[], key: string, value: Tree): void {
  const top = open(o.tree);
  o.tree = top;
  if (top.t !== 'map') return;
  let map = openPath(top, []);
  for (const k of path) {
    if (!map) return;
    if (!map.pairs.some((p) => p.key === k)) map.pairs.push({ key: k, value: { t: 'map', pairs: [] } });
    map = openPath(map, [k]);
  }
  if (!map) return;
  const i = map.pairs.findIndex((p) => p.key === key);
  if (i >= 0) map.pairs[i] = { ...map.pairs[i]!, value };
  else map.pairs.push({ key, value });
}

const POD_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

/** `images:` entry: containers whose image name is `name` get `newName`, `newTag` or `digest`. */
function setImages(o: BuiltObject, entry: YMap, file: SourceFile): void {
  const name = str(entry.get('name'));
  const path = POD_PATHS[kindOf(o)];
  if (name === undefined || !path) return;
  const newName = entry.get('newName');
  const newTag = entry.get('newTag');
  const digest = entry.get('digest');
  const cause = digest ?? newTag ?? newName;
  if (!cause) return;
  const pod = openPath(o.tree = open(o.tree), path);
  for (const list of ['initContainers', 'containers']) {
    const containers = pod?.pairs.find((p) => p.key === list);
    if (!containers) continue;
    const seq = open(containers.value);
    (containers as { value: Tree }).value = seq;
    if (seq.t !== 'seq') continue;
    seq.items.forEach((item, i) => {
      const c = open(item);
      (seq.items as Tree[])[i] = c;
      if (c.t !== 'map') return;
      const imagePair = c.pairs.find((p) => p.key === 'image');
      const image = scalarText(imagePair?.value);
      if (!imagePair || image === undefined) return;
      const ref = parseImageRef(image, { start: 0, end: 0 });
      const written = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
      if (written !== name) return;
      const tag = str(newTag) ?? ref.tag;
      const pinned = str(digest) ?? (str(newTag) === undefined ? ref.digest : undefined);
      const result = `${str(newName) ?? written}${tag !== undefined && !str(digest) ? `:${tag}` : ''}${pinned ? `@${pinned}` : ''}`;
      (imagePair as { value: Tree }).value = { t: 'scalar', text: JSON.stringify(result), origin: { file, span: cause.span, exact: false } };
    });
  }
}

/** Built-in kinds a namespace does not apply to. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService', 'IngressClass', 'RuntimeClass', 'CSIDriver']);

/** A span without the line breaks and blanks a block node ends with. */
function trimmed(file: SourceFile, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(file.text[end - 1]!)) end--;
  return { start: span.start, end };
}

function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) || /\?ref=|^git@/.test(ref);
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** `dir` joined with a relative path, `.` and `..` resolved. */
export function join(dir: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : `${dir}/${rel}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') {
      if (out.length === 0) out.push('');
      continue;
    }
    if (p === '..') {
      if (out.length > 1) out.pop();
      continue;
    }
    out.push(p);
  }
  return out.join('/') || '/';
}
