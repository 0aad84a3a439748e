// Property check of the Compose and Kubernetes suggestions over a corpus. Not a test.
//   npx tsx scripts/fix-property.ts [folders...] [--samples N] [--rule id[,id]] [--profile strict]
//
// For every finding's suggestion, applied alone: the edited document must still parse with no
// new YAML error (duplicate keys included), and its data (the `yaml` package's documents, with
// `<<` merges resolved, converted with toJS()) must equal the original data except under the
// keys the suggestion is meant to change (removed from both sides before comparing), e.g. the
// container's `securityContext` or the service's `ports`. It also re-lints the edited document:
// the finding must be gone, and new findings of other rules are counted (some are expected:
// removing `network_mode: host` publishes the service's ports).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defaultConfig, type ProfileName } from '../server/src/engine/config';
import { detectKind } from '../server/src/engine/detect';
import { applyEdits } from '../server/src/engine/fix/apply';
import { lint } from '../server/src/engine/lint';
import { composeFile, isComposeFileName } from '../server/src/engine/model/compose';
import { isK8sDocument, k8sObjects } from '../server/src/engine/model/k8s';
import { isMap, isSeq, type YamlDocument, type YNode } from '../server/src/engine/model/yaml';
import { parseYamlStream } from '../server/src/engine/parse/yaml';
import type { Finding, Fix } from '../server/src/engine/rule';
import { SourceFile, type Span } from '../server/src/engine/source';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const samples = Number(opt('--samples') ?? 5);
const onlyRules = opt('--rule')?.split(',');
// ../shared/corpus next to the repository (or next to the worktrees' folder).
const corpus = [join(__dirname, '..', '..', 'shared', 'corpus'), join(__dirname, '..', '..', '..', 'shared', 'corpus')].find((p) => existsSync(p)) ?? join(__dirname, '..', '..', 'shared', 'corpus');
const roots = args.length ? args : [join(corpus, 'compose'), join(corpus, 'k8s')];
const config = defaultConfig({ profile: (opt('--profile') ?? 'strict') as ProfileName });

type Path = readonly (string | number)[];
/** A container, pod spec or service; `span` covers what findings about it point at (a service's key, a pod's object). */
type Owner = { kind: 'container' | 'pod' | 'service'; span: Span; path: Path; pod?: Path };

/** Keys each rule's suggestions may change, relative to the owner they are about (`document`: top-level keys of its document). */
const CONTAINER_SECURITY = ['securityContext'];
const INTENDED: Record<string, { container?: string[]; pod?: string[]; service?: string[]; document?: string[] }> = {
  'privileged-container': { container: CONTAINER_SECURITY, service: ['privileged'] },
  'privilege-escalation-allowed': { container: CONTAINER_SECURITY, service: ['security_opt'] },
  'capabilities-dangerous': { container: CONTAINER_SECURITY, service: ['cap_add'] },
  'capabilities-not-dropped': { container: CONTAINER_SECURITY, service: ['cap_drop'] },
  'root-filesystem-writable': { container: CONTAINER_SECURITY, service: ['read_only'] },
  'seccomp-unconfined': { container: CONTAINER_SECURITY, pod: ['securityContext'], service: ['security_opt'] },
  'apparmor-unconfined': { container: CONTAINER_SECURITY, pod: ['securityContext'], service: ['security_opt'] },
  // The pod-level profile is written on the pod when no container sets its own.
  'seccomp-profile-missing': { container: CONTAINER_SECURITY, pod: ['securityContext'] },
  'host-namespace-shared': { pod: ['hostNetwork', 'hostPID', 'hostIPC'], service: ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode'] },
  'memory-limit-missing': { container: ['resources'], service: ['deploy', 'mem_limit', 'cpus', 'cpu_quota', 'pids_limit'] },
  'cpu-limit-missing': { container: ['resources'], service: ['deploy', 'mem_limit', 'cpus', 'cpu_quota', 'pids_limit'] },
  'memory-request-missing': { container: ['resources'] },
  'cpu-request-missing': { container: ['resources'] },
  'pids-limit-missing': { service: ['deploy', 'mem_limit', 'cpus', 'cpu_quota', 'pids_limit'] },
  'port-published-all-interfaces': { service: ['ports'] },
  'datastore-port-published': { service: ['ports'] },
  'service-account-token-automounted': { pod: ['automountServiceAccountToken'] },
  // Written on the pod when no container sets runAsNonRoot itself.
  'container-runs-as-root': { container: CONTAINER_SECURITY, pod: ['securityContext'], service: ['user'] },
  // A Compose secret: the service's environment and secrets, and the file's top-level secrets.
  'secret-in-env': { container: ['env'], service: ['environment', 'secrets'], document: ['secrets'] },
};
/** The "Harden container" suggestion, attached to several rules, writes the container's securityContext. */
const TITLE_INTENDED: Record<string, { container?: string[] }> = { 'Harden container': { container: CONTAINER_SECURITY } };

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile()) yield p;
  }
}

/** JS paths (as `toJS()` lays the data out) of every node of a document, first path wins for shared nodes. */
function nodePaths(root: YNode | undefined): Map<YNode, Path> {
  const out = new Map<YNode, Path>();
  const visit = (node: YNode | undefined, path: Path): void => {
    if (!node || out.has(node)) return;
    out.set(node, path);
    if (isMap(node)) for (const p of node.pairs) visit(p.value, [...path, p.keyText]);
    else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  visit(root, []);
  return out;
}

function owners(doc: YamlDocument, composeName: boolean): Owner[] {
  const paths = nodePaths(doc.contents);
  const out: Owner[] = [];
  if (doc.contents && isK8sDocument(doc.contents)) {
    for (const obj of k8sObjects(doc)) {
      const pod = obj.pod;
      const podPath = pod && paths.get(pod.node);
      if (!pod || !podPath) continue;
      out.push({ kind: 'pod', span: obj.node.span, path: podPath });
      for (const c of pod.containers) {
        const path = paths.get(c.node);
        if (path) out.push({ kind: 'container', span: c.node.span, path, pod: podPath });
      }
    }
  } else {
    const file = composeFile(doc, composeName);
    for (const s of file?.services ?? []) {
      const path = paths.get(s.node);
      if (path) out.push({ kind: 'service', span: { start: s.nameSpan.start, end: s.node.span.end }, path });
    }
  }
  return out;
}

/** The innermost owner whose text holds the finding; undefined when it lies elsewhere (a base service, an anchor). */
function ownerOf(list: readonly Owner[], span: Span): Owner | undefined {
  let best: Owner | undefined;
  for (const o of list) {
    if (o.span.start <= span.start && span.end <= o.span.end && (!best || o.span.end - o.span.start < best.span.end - best.span.start)) best = o;
  }
  return best;
}

/** The paths a suggestion may change. Without a known owner, the keys of every owner of the document of that kind. */
function intendedPaths(ruleId: string, fix: Fix, owner: Owner | undefined, all: readonly Owner[]): Path[] {
  const keys = { ...INTENDED[ruleId], ...TITLE_INTENDED[fix.title] };
  const forOwner = (o: Owner): Path[] => {
    const out: Path[] = [];
    if (o.kind === 'container') {
      for (const k of keys.container ?? []) out.push([...o.path, k]);
      // A container's finding may be fixed at pod level (seccompProfile), or be about the pod.
      if (o.pod) for (const k of keys.pod ?? []) out.push([...o.pod, k]);
    }
    if (o.kind === 'pod') {
      for (const k of keys.pod ?? []) out.push([...o.path, k]);
      // A finding at a pod-level field may be about a container inheriting it, and fixed on that container.
      for (const c of all) if (c.kind === 'container' && c.pod?.join('.') === o.path.join('.')) for (const k of keys.container ?? []) out.push([...c.path, k]);
    }
    if (o.kind === 'service') for (const k of keys.service ?? []) out.push([...o.path, k]);
    return out;
  };
  const documentKeys = (keys.document ?? []).map((k): Path => [k]);
  if (owner) return [...forOwner(owner), ...documentKeys];
  return [...all.flatMap(forOwner), ...documentKeys];
}

function dataOf(text: string): { data: unknown[]; errors: number } {
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  return { data: list.map((d) => d.toJS({ maxAliasCount: -1 })), errors: list.reduce((n, d) => n + d.errors.length, 0) };
}

function removePath(data: unknown, path: Path): void {
  let node = data as Record<string | number, unknown> | undefined;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = node[key] as Record<string | number, unknown> | undefined;
  }
  if (node !== null && typeof node === 'object') delete node[path[path.length - 1]!];
}

/** The first path where two values differ (object key order ignored), or undefined. */
function firstDifference(a: unknown, b: unknown, path: (string | number)[] = []): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path.join('.') || '(root)'}: ${JSON.stringify(a)?.slice(0, 60)} -> ${JSON.stringify(b)?.slice(0, 60)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
    if (d) return d;
  }
  return undefined;
}

const counts = { files: 0, documents: 0, findings: 0, without: 0, suggestions: 0, ok: 0, noOwner: 0 };
const failures = new Map<string, { n: number; samples: string[] }>();
const notes = new Map<string, { n: number; samples: string[] }>();
const byRule = new Map<string, number>();
const record = (into: Map<string, { n: number; samples: string[] }>, kind: string, sample: string): void => {
  const f = into.get(kind) ?? { n: 0, samples: [] };
  into.set(kind, f);
  f.n++;
  if (f.samples.length < samples) f.samples.push(sample);
};

const started = Date.now();
for (const root of roots) {
  for (const path of statSync(root).isDirectory() ? walk(root) : [root]) {
    const text = readFileSync(path, 'utf8');
    const kind = detectKind(path, text);
    if (kind !== 'compose' && kind !== 'k8s') continue;
    counts.files++;
    const rel = relative(statSync(root).isDirectory() ? join(root, '..') : corpus, path);
    const source = new SourceFile(path, text);
    const docs = parseYamlStream(source);
    counts.documents += docs.length;
    const composeName = isComposeFileName(path);
    const ownersByDoc = new Map(docs.map((d) => [d, owners(d, composeName)]));
    for (const finding of lint(source, { config }).findings) {
      if (finding.suppressed || (onlyRules && !onlyRules.includes(finding.ruleId))) continue;
      if (!finding.suggestions?.length) {
        if (INTENDED[finding.ruleId]) {
          counts.without++;
          record(notes, `${finding.ruleId} finding without a suggestion`, `${rel}:${source.lines.positionAt(finding.span.start).line + 1} ${finding.message.slice(0, 90)}`);
        }
        continue;
      }
      counts.findings++;
      // One text chunk may hold several YAML documents (a comment-only one before `---`): take the one holding the finding.
      const chunk = docs.filter((d) => d.offset <= finding.span.start && finding.span.start <= d.offset + d.source.text.length);
      const local = { start: finding.span.start - (chunk[0]?.offset ?? 0), end: finding.span.end - (chunk[0]?.offset ?? 0) };
      const doc = chunk.find((d) => d.contents && d.contents.span.start <= local.start && local.start <= d.contents.span.end) ?? chunk[0];
      if (!doc) continue;
      const docOwners = ownersByDoc.get(doc)!;
      const owner = ownerOf(docOwners, local);
      if (!owner) {
        counts.noOwner++;
        record(notes, 'finding outside its container/service (checked against every owner of its document)', `${rel}:${source.lines.positionAt(finding.span.start).line + 1} ${finding.ruleId}`);
      }
      const before = dataOf(doc.source.text);
      const lintDoc = (t: string): Finding[] => lint(new SourceFile(path, t), { config }).findings.filter((f) => !f.suppressed);
      let beforeFindings: Finding[] | undefined;
      for (const fix of finding.suggestions) {
        counts.suggestions++;
        byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
        const line = source.lines.positionAt(finding.span.start).line + 1;
        const where = `${rel}:${line} ${finding.ruleId} "${fix.title}"`;
        const end = doc.offset + doc.source.text.length;
        if (fix.edits.some((e) => e.span.start < doc.offset || e.span.end > end)) {
          record(failures, 'edit outside the finding\'s document', where);
          continue;
        }
        const output = applyEdits(doc.source.text, fix.edits.map((e) => ({ span: { start: e.span.start - doc.offset, end: e.span.end - doc.offset }, newText: e.newText })));
        const after = dataOf(output);
        if (after.errors > before.errors) {
          record(failures, 'new YAML error', where);
          continue;
        }
        const expected = structuredClone(before.data);
        const actual = structuredClone(after.data);
        for (const p of intendedPaths(finding.ruleId, fix, owner, docOwners)) {
          for (const d of expected) removePath(d, p);
          for (const d of actual) removePath(d, p);
        }
        const diff = firstDifference(expected, actual);
        if (diff) {
          record(failures, 'data changed outside the intended keys', `${where}: ${diff}`);
          continue;
        }
        if (firstDifference(before.data, after.data) === undefined) {
          record(failures, 'no change at all', where);
          continue;
        }
        // Re-lint the edited document: the finding must be gone; note new findings of other rules.
        beforeFindings ??= lintDoc(doc.source.text);
        const afterFindings = lintDoc(output);
        const same = (f: Finding): boolean => f.ruleId === finding.ruleId;
        if (afterFindings.filter(same).length >= beforeFindings.filter(same).length) {
          record(failures, 'finding not cleared', where);
          continue;
        }
        // A rule with more findings than before reports something new (a changed message alone is not counted).
        const tally = (list: Finding[]): Map<string, number> => list.reduce((m, f) => m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1), new Map<string, number>());
        const was = tally(beforeFindings);
        for (const [id, n] of tally(afterFindings)) if (id !== finding.ruleId && n > (was.get(id) ?? 0)) record(notes, `${finding.ruleId} -> new ${id} finding`, where);
        counts.ok++;
      }
    }
  }
}

console.log(`${counts.files} files, ${counts.documents} documents, ${counts.findings} findings with suggestions (${counts.without} more of these rules without one), ${counts.suggestions} suggestions tried (${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${counts.ok} passed; ${[...failures.values()].reduce((n, f) => n + f.n, 0)} failed; ${counts.noOwner} findings outside their container/service (checked against every owner of the document)`);
console.log('\nSuggestions tried per rule:');
for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(8)}  ${id}`);
if (failures.size) console.log('\nFailures:');
for (const [kind, f] of failures) {
  console.log(`${String(f.n).padStart(8)}  ${kind}`);
  for (const s of f.samples) console.log(`            ${s}`);
}
if (notes.size) console.log('\nNotes (findings without a suggestion; new findings of other rules after a suggestion, expected when the edit unmasks another problem):');
for (const [kind, f] of [...notes].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`${String(f.n).padStart(8)}  ${kind}`);
  for (const s of f.samples.slice(0, 3)) console.log(`            ${s}`);
}
if (failures.size) process.exitCode = 1;
