import type { ImageReference } from '../inventory';
import { analyzeParsed, type DocumentAnalysis } from '../lint';
import type { YamlDocument } from '../model/yaml';
import { parseYamlDocument, parseYamlStream, splitDocuments } from '../parse/yaml';
import type { Finding, Fix, Related, TextEdit } from '../rule';
import analysisLimit from '../rules/analysis-limit';
import { findRule } from '../rules/index';
import { placeFinding, shift, systemFinding, type RuleRunner } from '../run-rules';
import type { SourceFile, Span } from '../source';
import { applySuppressions, yamlSuppressions, type Suppression } from '../suppress';
import { Certainty, overlaps } from './certainty';
import { originOffset, type Rendered, type Segment, type Skipped } from './text';

/**
 * Lints rendered files (Helm templates rendered with their values, Kustomize objects merged from
 * several files) and gives each finding to the file that introduced what it points at.
 *
 * - The rules run unchanged on the rendered YAML; objects of every rendered file are siblings of
 *   each other (a chart or an overlay is one release).
 * - Findings on uncertain text (what the renderer could not work out) are dropped, and so are
 *   "missing" findings on a container or object whose relevant parts hold uncertain text.
 * - A finding on text copied from another file (a value from `values.yaml`, a field of a patch)
 *   moves there, with related information at the template action that brought it in. A finding
 *   whose fix would edit a block copied from another file (`toYaml .Values.securityContext`)
 *   moves to that block's key, and its fix is carried over to that file. Other findings stay in
 *   the rendered file's own text (the template), with related information at the values used.
 * - Suppressions: comments written in the rendered file itself and annotations apply on the
 *   rendered text; comments of the other files apply in those files.
 */

export interface RenderedFile {
  readonly rendered: Rendered;
  /** The file whose own text the rendered text mostly is (the template); comments there suppress. */
  readonly primary?: SourceFile;
  /** Message of the one finding when a document of it does not parse. */
  readonly unreadable?: { readonly messageId: 'helmTemplate' | 'kustomization'; readonly file: SourceFile; readonly span?: Span };
}

export interface FileFindings {
  readonly source: SourceFile;
  readonly findings: Finding[];
}

interface Part {
  readonly input: RenderedFile;
  readonly offset: number;
  readonly analysis: DocumentAnalysis;
}

export interface RenderedLint {
  /** Findings per file (every file given gets an entry, empty when it has none). */
  readonly findings: Map<SourceFile, Finding[]>;
  /** The images of the objects, at the place their reference is written. */
  readonly images: Map<SourceFile, ImageReference[]>;
}

export function lintRendered(inputs: readonly RenderedFile[], files: readonly SourceFile[], runner: RuleRunner, options: { readonly origins?: (file: SourceFile) => boolean } = {}): RenderedLint {
  const byFile = new Map<SourceFile, Finding[]>(files.map((f) => [f, []]));
  const add = (file: SourceFile, f: Finding): void => {
    const list = byFile.get(file);
    if (list) list.push(f);
  };
  const parts: Part[] = [];
  const unreadable = new Map<RenderedFile, { span: Span; detail: string }>();
  for (const input of inputs) {
    const source = input.rendered.source;
    splitDocuments(source.text).forEach((chunk, index) => {
      let docs: YamlDocument[];
      try {
        docs = parseYamlDocument(source, chunk, index);
      } catch {
        docs = [];
      }
      const bad = docs.find((d) => d.problems.length > 0);
      if (bad && !unreadable.has(input)) {
        const problem = bad.problems[0]!;
        // An error at the end of the text (an unclosed quote) is shown where its document starts.
        const atEnd = !source.text.slice(chunk.start + problem.span.start, chunk.end).trim();
        const span = atEnd ? { start: chunk.start + firstContent(source.text.slice(chunk.start, chunk.end)), end: chunk.start + firstContent(source.text.slice(chunk.start, chunk.end)) } : shift(problem.span, chunk.start);
        const line = source.lines.positionAt(span.start).line + 1;
        unreadable.set(input, { span, detail: `${problem.message.replace(/\.$/, '')}, ${atEnd ? 'at the end of the rendered text' : `at line ${line} of the rendered text`}` });
      }
      if (bad) {
        docs = docs.filter((d) => d.problems.length === 0);
      }
      docs = docs.filter((d) => d.contents !== undefined);
      if (docs.length > 0) parts.push({ input, offset: chunk.start, analysis: analyzeParsed(docs, runner, false) });
    });
  }
  for (const [input, { span, detail }] of unreadable) {
    const where = input.unreadable;
    if (!where) continue;
    add(where.file, systemFinding(analysisLimit, where.messageId, { detail }, where.span ?? locate(input, span)?.span ?? { start: 0, end: 0 }));
  }

  // Cross-document rules see every object of the chart or overlay.
  const all = parts.flatMap((p) => p.analysis.objects);
  const rendered = new Map<RenderedFile, Finding[]>(inputs.map((i) => [i, []]));
  const suppressions = new Map<RenderedFile, Suppression[]>(inputs.map((i) => [i, []]));
  for (const p of parts) {
    const source = p.input.rendered.source;
    for (const f of p.analysis.findings) rendered.get(p.input)!.push(placeFinding(f, p.offset, p.analysis.source, source));
    const own = p.analysis.suppressions.map((s) => ({ ...s, scope: shift(s.scope, p.offset), site: shift(s.site, p.offset) }));
    suppressions.get(p.input)!.push(...own.filter((s) => isOwnSuppression(p.input, s)));
    p.analysis.scope.objects = all;
  }
  try {
    for (const p of parts) {
      const source = p.input.rendered.source;
      const place = (f: Finding): Finding => placeFinding(f, p.offset, p.analysis.source, source);
      for (const obj of p.analysis.objects) runner.run('k8s', obj, p.analysis.source, 'cross', rendered.get(p.input)!, place);
    }
  } finally {
    for (const p of parts) p.analysis.scope.objects = undefined;
  }

  for (const input of inputs) {
    const objects = parts.filter((p) => p.input === input).flatMap((p) => p.analysis.objects.map((obj) => ({ obj, offset: p.offset })));
    const certain = new Certainty(input.rendered.uncertain, objects, input.rendered.source);
    const kept = rendered.get(input)!.filter((f) => !certain.tainted(f));
    const list = suppressions.get(input)!;
    const checked = list.length > 0 ? applySuppressions(kept, list, runner.config) : kept;
    for (const f of checked) {
      const placed = locateFinding(input, f, certain);
      if (placed) add(placed.file, placed.finding);
    }
  }

  // Comments in the other files (values.yaml, patches) suppress what was moved there.
  for (const [file, findings] of byFile) {
    if (!options.origins?.(file) || findings.length === 0) continue;
    const own = fileSuppressions(file);
    if (own.length > 0) byFile.set(file, applySuppressions(findings, own, runner.config));
  }
  for (const [file, findings] of byFile) byFile.set(file, dedupe(findings));

  const images = new Map<SourceFile, ImageReference[]>(files.map((f) => [f, []]));
  for (const p of parts) {
    for (const image of p.analysis.images) {
      // An image the renderer could not work out is not listed.
      if (p.input.rendered.uncertain.some((m) => overlaps(m, shift(image.span, p.offset)))) continue;
      const at = locate(p.input, shift(image.span, p.offset));
      if (at) images.get(at.file)?.push({ ...image, context: p.input.rendered.readable(image.context), span: at.span });
    }
  }
  return { findings: byFile, images };
}

/** Comment suppressions of a YAML file that is not itself linted (values.yaml, a patch). */
function fileSuppressions(file: SourceFile): Suppression[] {
  try {
    return parseYamlStream(file).flatMap((doc) => shiftSuppressions(yamlSuppressions(doc, [], (id) => findRule(id) !== undefined), doc.offset));
  } catch {
    return [];
  }
}

function shiftSuppressions(list: readonly Suppression[], offset: number): Suppression[] {
  return list.map((s) => ({ ...s, scope: shift(s.scope, offset), site: shift(s.site, offset) }));
}

/** Annotations apply on the rendered objects; comments only when written in the rendered file's own text. */
function isOwnSuppression(input: RenderedFile, s: Suppression): boolean {
  const text = input.rendered.source.text;
  if (text[s.site.start] !== '#') return true;
  const seg = input.rendered.map.at(s.site.start);
  return !!seg && !!input.primary && seg.origin.file === input.primary && seg.origin.exact && !seg.uncertain;
}

/** Offset of the first character of a text that is not blank or a comment line. */
function firstContent(text: string): number {
  const m = /^(?:[ \t]*(?:#.*|---.*)?\r?\n)*[ \t]*/.exec(text);
  return m ? m[0].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Where a finding belongs

interface Located {
  readonly file: SourceFile;
  readonly span: Span;
}

/** The place in a source file of a rendered span: both ends in one file, else the piece where it starts. */
function locate(input: RenderedFile, span: Span): Located | undefined {
  const s = nearest(input, span.start, 'start');
  if (!s) return undefined;
  const e = span.end > span.start ? nearest(input, span.end, 'end') : s;
  const a = place(input, s, Math.max(span.start, s.start), 'start');
  const b = e ? place(input, e, Math.min(span.end, e.end), 'end') : undefined;
  if (b && b.file === a.file && b.offset >= a.offset) return { file: a.file, span: { start: a.offset, end: span.end === span.start ? a.offset : b.offset } };
  return { file: a.file, span: a.whole };
}

/** A rendered offset in a segment as a file offset; a value from another file counts as its template action. */
function place(input: RenderedFile, seg: Segment, at: number, side: 'start' | 'end'): { file: SourceFile; offset: number; whole: Span } {
  const via = seg.via;
  if (input.primary && via && seg.origin.file !== input.primary && via.file === input.primary) {
    return { file: via.file, offset: side === 'start' ? via.span.start : via.span.end, whole: via.span };
  }
  return { file: seg.origin.file, offset: originOffset(seg, at, side), whole: seg.origin.span };
}

/** The segment at an offset, or the closest one after it (start) or before it (end) on unmapped text. */
function nearest(input: RenderedFile, offset: number, side: 'start' | 'end'): Segment | undefined {
  const map = input.rendered.map;
  const direct = map.at(offset, side);
  if (direct) return direct;
  const segments = map.segments;
  if (side === 'start') return segments.find((s) => s.start >= offset) ?? segments[segments.length - 1];
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.end <= offset) return segments[i];
  return segments[0];
}

function locateFinding(input: RenderedFile, f: Finding, certain: Certainty): { file: SourceFile; finding: Finding } | undefined {
  const anchor = certain.isAnchor(f.span);
  const map = input.rendered.map;
  const primary = input.primary;
  const s = map.at(f.span.start);
  const e = f.span.end > f.span.start ? map.at(f.span.end, 'end') : s;
  const related: Related[] = [];
  let target: Located | undefined;
  let fixTarget: { file: SourceFile; skipped?: Skipped } | undefined;
  // On text copied from another file (a value, a patch field): there. A container's or object's
  // anchor is where "missing" findings point; a name from values.yaml is not their cause.
  if (s && s === e && (!primary || (s.origin.file !== primary && !anchor))) {
    target = { file: s.origin.file, span: { start: originOffset(s, f.span.start, 'start'), end: originOffset(s, f.span.end, 'end') } };
    if (!s.origin.exact) target = { file: s.origin.file, span: s.origin.span };
    if (s.via) related.push({ file: s.via.file, span: s.via.span, message: 'Rendered by this template' });
    fixTarget = { file: target.file };
  }
  // A fix that edits a block copied from another file: the finding belongs to that block's key.
  const block = !target && primary ? fixBlock(input, f) : undefined;
  if (block) {
    const where = locate(input, f.span);
    target = { file: block.file, span: block.anchor };
    if (where) related.push({ file: where.file, span: where.span, message: `Rendered into ${baseName(where.file.path)} here` });
    fixTarget = { file: block.file };
  }
  // A fix that writes a block the template left out because its value is empty: that value's key.
  const first = f.fix ?? f.suggestions?.[0];
  const skipped = !target && primary && first ? skippedFor(input, first, f.span, certain) : undefined;
  if (skipped) {
    const where = locate(input, f.span);
    target = { file: skipped.value.file, span: skipped.value.key };
    if (where) related.push({ file: where.file, span: where.span, message: `Rendered into ${baseName(where.file.path)} here` });
    related.push({ file: skipped.by.file, span: skipped.by.span, message: `Left out by the template while ${skipped.value.file.slice(skipped.value.key)} is empty` });
    fixTarget = { file: skipped.value.file, skipped };
  }
  if (!target) {
    target = locate(input, f.span);
    if (!target) return undefined;
    fixTarget = { file: target.file };
    if (primary) {
      const values = map.within(f.span).filter((seg) => seg.origin.file !== primary && seg.via);
      for (const seg of values.slice(0, 3)) related.push({ file: seg.origin.file, span: seg.origin.span, message: `Value from ${baseName(seg.origin.file.path)}` });
    }
  }
  const file = target.file;
  // A suggestion that writes another left-out block (Harden container, for a pod-level finding) is not this value's.
  const translate = (fix: Fix): Fix | undefined =>
    fixTarget!.skipped ? (skippedFor(input, fix, f.span, certain) === fixTarget!.skipped ? fillSkipped(fix, fixTarget!.skipped) : undefined) : translateFix(input, fix, fixTarget!.file);
  const fix = f.fix ? translate(f.fix) : undefined;
  const suggestions = f.suggestions?.map(translate).filter((x): x is Fix => x !== undefined);
  const ownRelated = (f.related ?? []).flatMap((r) => {
    if (r.file !== input.rendered.source) return [r];
    const at = locate(input, r.span);
    return at ? [{ ...r, file: at.file, span: at.span }] : [];
  });
  const { fix: _fix, suggestions: _suggestions, related: _related, ...rest } = f;
  const all = [...ownRelated, ...related].filter((r) => !(r.file === file && r.span.start === target!.span.start && r.span.end === target!.span.end));
  return {
    file,
    finding: {
      ...rest,
      message: input.rendered.readable(f.message),
      span: target.span,
      ...(fix ? { fix } : {}),
      ...(suggestions?.length ? { suggestions } : {}),
      ...(all.length ? { related: all } : {}),
    },
  };
}

/** The left-out block whose key a fix writes, in the finding's object, at the same indentation. */
function skippedFor(input: RenderedFile, fix: Fix, span: Span, certain: Certainty): Skipped | undefined {
  const edit = fix.edits[0];
  const m = edit && edit.span.start === edit.span.end ? /^\r?\n( *)([\w.-]+):/.exec(edit.newText) : null;
  const object = certain.objectAt(span);
  if (!m || !object) return undefined;
  return input.rendered.skipped.find((s) => s.key === m[2] && s.indent === m[1]!.length && object.start <= s.at && s.at <= object.end && object.start <= edit!.span.start && edit!.span.start <= object.end);
}

/**
 * A fix that writes the left-out block, as an edit of the empty value in its file: the value
 * the fix would write under the key replaces the empty one, indented under that file's key.
 */
function fillSkipped(fix: Fix, skipped: Skipped): Fix | undefined {
  const [edit, ...more] = fix.edits;
  const m = edit && more.length === 0 ? /^\r?\n( *)([\w.-]+):([\s\S]*)$/.exec(edit.newText) : null;
  if (!m || m[2] !== skipped.key) return undefined;
  const file = skipped.value.file;
  const colon = file.text.indexOf(':', skipped.value.key.end);
  if (colon < 0) return undefined;
  const keyColumn = file.lines.positionAt(skipped.value.key.start).character;
  const shift = m[1]!.length - keyColumn;
  const value = m[3]!.replace(/(\r?\n)( *)/g, (_all, eol: string, pad: string) => eol + ' '.repeat(Math.max(0, pad.length - shift)));
  const end = skipped.value.node ? skipped.value.node.end : colon + 1;
  return { title: fix.title, edits: [{ span: { start: colon, end }, newText: `:${value.replace(/\r?\n/g, file.eol)}` }] };
}

/** The copied block every edit of the finding's first fix touches, if they all touch the same one. */
function fixBlock(input: RenderedFile, f: Finding): { file: SourceFile; anchor: Span } | undefined {
  const fix = f.fix ?? f.suggestions?.[0];
  if (!fix || fix.edits.length === 0) return undefined;
  let block: Segment['block'];
  for (const edit of fix.edits) {
    const b = touching(input, edit).find((s) => s.block)?.block;
    if (!b || (block && (b.file !== block.file || b.anchor.start !== block.anchor.start))) return undefined;
    block = b;
  }
  return block;
}

/**
 * The segments an edit changes. An insertion at the end of a segment belongs to it only when it
 * continues that segment's lines (inline, or lines indented at least as deep as the segment's
 * first line): text added after a copied block at a shallower indentation belongs to the map around it.
 */
function touching(input: RenderedFile, edit: TextEdit): Segment[] {
  const map = input.rendered.map;
  if (edit.span.end > edit.span.start) return map.within(edit.span);
  const at = edit.span.start;
  const after = map.at(at);
  const before = map.at(at, 'end');
  const out = after ? [after] : [];
  if (before && before !== after) {
    const lines = input.rendered.source.lines;
    const first = before.block ? (map.segments.find((s) => s.block === before.block) ?? before) : before;
    const added = /^\r?\n( *)/.exec(edit.newText);
    if (!added || added[1]!.length >= lines.positionAt(first.start).character) out.unshift(before);
  }
  return out;
}

/**
 * A fix on the rendered text as a fix on `file`: every edit must fall on text copied exactly from
 * it; inserted lines are re-indented by the difference between the rendered and the written
 * indentation of the line where the edit starts.
 */
function translateFix(input: RenderedFile, fix: Fix, file: SourceFile): Fix | undefined {
  const edits: TextEdit[] = [];
  const rendered = input.rendered.source;
  for (const edit of fix.edits) {
    const candidates = touching(input, edit).filter((s) => s.origin.file === file && s.origin.exact && !s.uncertain);
    const s = candidates.find((c) => c.start <= edit.span.start && edit.span.start <= c.end);
    const e = edit.span.end > edit.span.start ? candidates.find((c) => c.start < edit.span.end && edit.span.end <= c.end) : s;
    if (!s || !e) return undefined;
    const start = s.origin.span.start + (edit.span.start - s.start);
    const end = e.origin.span.start + (edit.span.end - e.start);
    if (end < start) return undefined;
    // The text between must be the file's own text too (no generated piece in between).
    if (rendered.text.slice(edit.span.start, edit.span.end) !== file.text.slice(start, end)) return undefined;
    const delta = indentShift(input, s);
    let ok = true;
    const newText = edit.newText.replace(/(\r?\n)( *)/g, (_m, eol: string, pad: string) => {
      const width = pad.length - delta;
      if (width < 0) ok = false;
      return eol + ' '.repeat(Math.max(0, width));
    });
    if (!ok) return undefined;
    edits.push({ span: { start, end }, newText });
  }
  return { title: fix.title, edits };
}

/**
 * How much deeper the lines of `seg`'s copy are indented in the rendered text than where they are
 * written: 0 for a template's own text (copied as written); for a re-indented copy (a values
 * block), measured on the nearest of its lines that starts both in the rendered text and in the file.
 */
function indentShift(input: RenderedFile, seg: Segment): number {
  if (input.primary && seg.origin.file === input.primary) return 0;
  const rendered = input.rendered.source;
  const file = seg.origin.file;
  const startsLine = (source: SourceFile, offset: number): boolean => /^[ \t]*$/.test(source.text.slice(source.lines.lineStart(source.lines.positionAt(offset).line), offset));
  const segments = input.rendered.map.segments;
  const at = segments.indexOf(seg);
  const candidates = [...segments.slice(0, at + 1).reverse(), ...segments.slice(at + 1)];
  for (const c of candidates) {
    if (c.origin.file !== file || !c.origin.exact || c.block !== seg.block) continue;
    if (startsLine(rendered, c.start) && startsLine(file, c.origin.span.start)) return rendered.lines.positionAt(c.start).character - file.lines.positionAt(c.origin.span.start).character;
  }
  return 0;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.messageId}\0${f.span.start}\0${f.span.end}\0${f.message}`;
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, f);
      out.push(f);
      continue;
    }
    // The same finding from two templates (one values.yaml key used twice): one diagnostic, both places related.
    const extra = (f.related ?? []).filter((r) => !(earlier.related ?? []).some((x) => x.file === r.file && x.span.start === r.span.start));
    if (extra.length > 0) {
      const merged = { ...earlier, related: [...(earlier.related ?? []), ...extra] };
      out[out.indexOf(earlier)] = merged;
      seen.set(key, merged);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
}
