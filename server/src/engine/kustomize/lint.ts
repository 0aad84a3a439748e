import { lint, prepare, type LintOptions, type LintResult } from '../lint';
import { lintRendered, type RenderedFile } from '../rendered/analyze';
import { emitTree } from '../rendered/emit';
import { TextBuilder } from '../rendered/text';
import type { Finding } from '../rule';
import analysisLimit from '../rules/analysis-limit';
import internalError from '../rules/internal-error';
import { describeError, systemFinding } from '../run-rules';
import type { SourceFile } from '../source';
import type { UnitResult } from '../unit';
import { buildKustomization, type Build, type BuiltObject, type KustomizeInput } from './build';

/**
 * Lints the objects a Kustomization builds and reports each finding at the file and line that
 * introduced what it points at: a patch file, an inline patch or an `images` entry of the
 * kustomization. Findings in the plain resource files are theirs (those files are linted on their
 * own), unless the overlay introduced them (a patch removed a setting): then they are reported
 * at the kustomization's entry for the patch (or the resource) with the base place related.
 * The result covers the kustomization file and its own patch files.
 */
export function lintKustomization(input: KustomizeInput, options: LintOptions = {}): UnitResult {
  const { runner } = prepare(input.kustomization, { ...options, kind: 'k8s' });
  let build: Build;
  try {
    build = buildKustomization(input);
  } catch (error) {
    const failed = systemFinding(internalError, 'ruleFailed', { ruleId: 'kustomize-build', detail: describeError(error) }, { start: 0, end: 0 });
    return { files: [{ source: input.kustomization, kind: 'k8s', findings: [failed] }] };
  }
  const own = [input.kustomization, ...build.ownPatches];
  const rendered: RenderedFile[] = build.objects.map((o, i) => {
    const out = new TextBuilder();
    for (const piece of emitTree(o.tree)) out.append(piece);
    out.append({ text: '\n' });
    return { rendered: out.build(`${input.kustomization.path}#${i + 1}`), unreadable: { messageId: 'kustomization', file: input.kustomization } };
  });
  const { findings: byFile, images } = lintRendered(rendered, [...own, ...build.resources, ...build.otherPatches], runner, { origins: () => true });
  const results = new Map<SourceFile, Finding[]>(own.map((f) => [f, [...(byFile.get(f) ?? [])]]));
  for (const p of build.problems) results.get(p.file)?.push(systemFinding(analysisLimit, 'kustomization', { detail: p.message }, p.span));
  for (const resource of build.resources) {
    const found = (byFile.get(resource) ?? []).filter((f) => !f.suppressed && f.ruleId !== 'unused-suppression');
    if (found.length === 0) continue;
    const baseline = new Set(lint(resource, { ...options, kind: 'k8s' }).findings.map(key));
    for (const f of found) {
      if (baseline.has(key(f))) continue;
      const object = build.objects.find((o) => o.file === resource && o.written.start <= f.span.start && f.span.end <= o.written.end);
      const moved = introducedBy(object, f, resource);
      if (moved) results.get(input.kustomization)!.push(moved);
    }
  }
  const files: LintResult[] = own.map((source) => ({
    source,
    kind: 'k8s',
    findings: (results.get(source) ?? []).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end),
    // Images written in the base's files are listed with those files.
    ...(options.inventory ? { images: images.get(source) ?? [] } : {}),
  }));
  return { files };
}

function key(f: Finding): string {
  return `${f.ruleId}\0${f.messageId}\0${f.span.start}\0${f.span.end}`;
}

/** A finding in a base object that only the overlay has: at the entry that patched (or listed) the object. */
function introducedBy(object: BuiltObject | undefined, f: Finding, resource: SourceFile): Finding | undefined {
  const entry = object?.patchedBy[0] ?? object?.entry;
  if (!entry) return undefined;
  const { fix: _fix, suggestions: _suggestions, ...rest } = f;
  return { ...rest, span: entry, related: [...(f.related ?? []), { file: resource, span: f.span, message: 'In the object as the base writes it' }] };
}
