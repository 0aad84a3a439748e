import { isMap, isScalar, isSeq, type YNode } from '../model/yaml';
import type { Tree, TreePair } from '../rendered/emit';
import type { Origin } from '../rendered/text';
import type { SourceFile } from '../source';

/**
 * Edits on object trees whose parts come from several files (a base and its patches). A subtree
 * nobody changed stays a `node` of its file (written as it is, so fixes on it map back); a map or
 * list a patch changes is opened into its parts, each keeping its own origin.
 */

type MutableMap = { t: 'map'; pairs: TreePair[]; origin?: Origin };
type MutableSeq = { t: 'seq'; items: Tree[]; origin?: Origin };

/** The tree of a whole file node. */
export function nodeTree(node: YNode, file: SourceFile): Tree {
  return { t: 'node', node, file };
}

/** A map or list tree as its parts (a `node` is opened one level); scalars stay as they are. */
export function open(tree: Tree): Tree {
  if (tree.t !== 'node') return tree;
  const { node, file } = tree;
  if (isMap(node)) {
    return {
      t: 'map',
      origin: { file, span: node.span, exact: false },
      pairs: node.entries().map((p) => ({
        key: p.keyText,
        keyOrigin: { file, span: p.key.span, exact: isScalar(p.key) && !p.key.aliasSpan && !/[\r\n]/.test(file.slice(p.key.span)) },
        value: p.value ? nodeTree(p.value, file) : { t: 'scalar', text: 'null', origin: { file, span: p.key.span, exact: false } },
      })),
    };
  }
  if (isSeq(node)) return { t: 'seq', origin: { file, span: node.span, exact: false }, items: node.items.map((n) => nodeTree(n, file)) };
  return tree;
}

export function isMapTree(tree: Tree | undefined): boolean {
  return !!tree && (tree.t === 'map' || (tree.t === 'node' && isMap(tree.node)));
}

export function isSeqTree(tree: Tree | undefined): boolean {
  return !!tree && (tree.t === 'seq' || (tree.t === 'node' && isSeq(tree.node)));
}

/** The string value of a scalar tree, or undefined. */
export function scalarText(tree: Tree | undefined): string | undefined {
  if (!tree) return undefined;
  if (tree.t === 'scalar') return tree.text === 'null' ? undefined : unquote(tree.text);
  if (tree.t === 'node' && isScalar(tree.node)) return tree.node.value === null ? undefined : tree.node.text;
  return undefined;
}

function unquote(text: string): string {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text;
    }
  }
  return text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}

export function isNull(tree: Tree | undefined): boolean {
  if (!tree) return true;
  if (tree.t === 'scalar') return tree.text === 'null' || tree.text === '~';
  return tree.t === 'node' && isScalar(tree.node) && tree.node.value === null;
}

/** The value at `key` of a map tree. */
export function get(tree: Tree | undefined, key: string): Tree | undefined {
  if (!tree) return undefined;
  const m = open(tree);
  return m.t === 'map' ? m.pairs.find((p) => p.key === key)?.value : undefined;
}

export function getPath(tree: Tree | undefined, ...keys: string[]): Tree | undefined {
  let t = tree;
  for (const k of keys) t = get(t, k);
  return t;
}

/** Opens `tree` and the maps along `keys`, so they can be edited in place; returns the last one. */
export function openPath(tree: Tree, keys: readonly string[]): MutableMap | undefined {
  let current = open(tree);
  for (const key of keys) {
    if (current.t !== 'map') return undefined;
    const pair = (current as MutableMap).pairs.find((p) => p.key === key);
    if (!pair) return undefined;
    const opened = open(pair.value);
    (pair as { value: Tree }).value = opened;
    current = opened;
  }
  return current.t === 'map' ? (current as MutableMap) : undefined;
}

/** Lists merged by key in a strategic merge patch (the `patchMergeKey` of the Kubernetes types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ports: 'containerPort',
};

/**
 * A strategic merge patch: maps merge key by key, lists with a merge key (containers by name...)
 * merge item by item, other lists and scalars are replaced, `null` deletes a key, and
 * `$patch: replace | delete` replace or delete a map. Undefined when the result is deleted.
 */
export function strategicMerge(base: Tree | undefined, patch: Tree, key?: string): Tree | undefined {
  if (isMapTree(patch)) {
    const p = open(patch) as MutableMap;
    const directive = scalarText(p.pairs.find((x) => x.key === '$patch')?.value);
    if (directive === 'delete') return undefined;
    const own = p.pairs.filter((x) => !x.key.startsWith('$'));
    if (directive === 'replace' || !isMapTree(base)) return { ...p, pairs: own.map((x) => ({ ...x, value: clean(x.value) })) };
    const b = open(base!) as MutableMap;
    const pairs = [...b.pairs];
    for (const x of own) {
      const i = pairs.findIndex((y) => y.key === x.key);
      if (isNull(x.value)) {
        if (i >= 0) pairs.splice(i, 1);
        continue;
      }
      if (i < 0) {
        pairs.push({ ...x, value: clean(x.value) });
        continue;
      }
      const merged = strategicMerge(pairs[i]!.value, x.value, x.key);
      if (merged === undefined) pairs.splice(i, 1);
      else pairs[i] = { ...pairs[i]!, value: merged };
    }
    return { ...b, pairs };
  }
  if (isSeqTree(patch) && key && MERGE_KEYS[key] && isSeqTree(base)) return mergeList(base!, patch, MERGE_KEYS[key]!);
  // A value the patch repeats stays the base's own (findings about it belong there).
  const same = scalarText(patch);
  if (same !== undefined && base && !isMapTree(base) && !isSeqTree(base) && scalarText(base) === same) return base;
  return clean(patch);
}

function mergeList(base: Tree, patch: Tree, mergeKey: string): Tree {
  const b = open(base) as MutableSeq;
  const items = [...b.items];
  for (const item of (open(patch) as MutableSeq).items) {
    const id = scalarText(get(item, mergeKey));
    const i = id === undefined ? -1 : items.findIndex((x) => scalarText(get(x, mergeKey)) === id);
    if (i < 0) {
      if (scalarText(get(item, '$patch')) !== 'delete') items.push(clean(item));
      continue;
    }
    const merged = strategicMerge(items[i], item);
    if (merged === undefined) items.splice(i, 1);
    else items[i] = merged;
  }
  return { ...b, items };
}

/** A patch subtree without `$patch` directives (those written in it are not part of the object). */
function clean(tree: Tree): Tree {
  if (!hasDirective(tree)) return tree;
  const t = open(tree);
  if (t.t === 'map') return { ...t, pairs: t.pairs.filter((p) => !p.key.startsWith('$')).map((p) => ({ ...p, value: clean(p.value) })) };
  if (t.t === 'seq') return { ...t, items: t.items.map(clean) };
  return t;
}

function hasDirective(tree: Tree): boolean {
  if (tree.t === 'map') return tree.pairs.some((p) => p.key.startsWith('$') || hasDirective(p.value));
  if (tree.t === 'seq') return tree.items.some(hasDirective);
  if (tree.t !== 'node') return false;
  const visit = (n: YNode): boolean => (isMap(n) ? n.pairs.some((p) => p.keyText.startsWith('$') || (p.value !== undefined && visit(p.value))) : isSeq(n) ? n.items.some(visit) : false);
  return visit(tree.node);
}

export type JsonPatchOp = { readonly op: string; readonly path: string; readonly from?: string; readonly value?: Tree };

/** One RFC 6902 operation on a tree; false when its path does not resolve (kustomize fails the build then). */
export function applyJsonPatch(root: { tree: Tree }, op: JsonPatchOp): boolean {
  const parse = (pointer: string): string[] | undefined => (pointer === '' ? [] : pointer.startsWith('/') ? pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined);
  const path = parse(op.path);
  if (!path) return false;
  const read = (p: readonly string[]): Tree | undefined => {
    let t: Tree | undefined = root.tree;
    for (const seg of p) {
      if (!t) return undefined;
      const o = open(t);
      t = o.t === 'map' ? o.pairs.find((x) => x.key === seg)?.value : o.t === 'seq' && /^\d+$/.test(seg) ? o.items[Number(seg)] : undefined;
    }
    return t;
  };
  /** Opens the containers down to the parent of the last segment, in place. */
  const parent = (p: readonly string[]): MutableMap | MutableSeq | undefined => {
    root.tree = open(root.tree);
    let t: Tree = root.tree;
    for (const seg of p.slice(0, -1)) {
      if (t.t === 'map') {
        const pair = t.pairs.find((x) => x.key === seg);
        if (!pair) return undefined;
        (pair as { value: Tree }).value = open(pair.value);
        t = pair.value;
      } else if (t.t === 'seq' && /^\d+$/.test(seg) && Number(seg) < t.items.length) {
        const i = Number(seg);
        (t.items as Tree[])[i] = open(t.items[i]!);
        t = t.items[i]!;
      } else return undefined;
    }
    return t.t === 'map' ? (t as MutableMap) : t.t === 'seq' ? (t as MutableSeq) : undefined;
  };
  const last = path[path.length - 1];
  const remove = (p: readonly string[]): Tree | undefined => {
    const c = parent(p);
    const k = p[p.length - 1]!;
    if (!c) return undefined;
    if (c.t === 'map') {
      const i = c.pairs.findIndex((x) => x.key === k);
      return i < 0 ? undefined : c.pairs.splice(i, 1)[0]!.value;
    }
    if (!/^\d+$/.test(k) || Number(k) >= c.items.length) return undefined;
    return c.items.splice(Number(k), 1)[0];
  };
  const add = (p: readonly string[], value: Tree, replace: boolean): boolean => {
    if (p.length === 0) {
      root.tree = value;
      return true;
    }
    const c = parent(p);
    const k = p[p.length - 1]!;
    if (!c) return false;
    if (c.t === 'map') {
      const i = c.pairs.findIndex((x) => x.key === k);
      if (i >= 0) c.pairs[i] = { ...c.pairs[i]!, value };
      else if (replace) return false;
      else c.pairs.push({ key: k, value });
      return true;
    }
    if (k === '-' && !replace) c.items.push(value);
    else if (/^\d+$/.test(k) && Number(k) <= c.items.length - (replace ? 1 : 0)) c.items.splice(Number(k), replace ? 1 : 0, value);
    else return false;
    return true;
  };
  switch (op.op) {
    case 'add':
      return op.value !== undefined && add(path, op.value, false);
    case 'replace':
      return op.value !== undefined && read(path) !== undefined && add(path, op.value, true);
    case 'remove':
      return last !== undefined && remove(path) !== undefined;
    case 'copy':
    case 'move': {
      const from = op.from !== undefined ? parse(op.from) : undefined;
      const value = from ? (op.op === 'move' ? remove(from) : read(from)) : undefined;
      return value !== undefined && add(path, value, false);
    }
    case 'test':
      return true;
    default:
      return false;
  }
}
