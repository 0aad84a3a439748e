import type { Fix, TextEdit } from '../rule';

export interface ApplyResult {
  readonly text: string;
  /** Fixes applied, in the order given. */
  readonly applied: readonly Fix[];
  /** Fixes skipped because they touched text another applied fix already changed. */
  readonly skipped: readonly Fix[];
}

/**
 * Applies whole fixes (all of a fix's edits or none). A fix whose edits overlap an earlier
 * chosen fix is skipped, so a second pass over the re-linted text can pick it up.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): ApplyResult {
  const chosen: Fix[] = [];
  const skipped: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => e.span.start > e.span.end || e.span.end > text.length || taken.some((t) => overlaps(t, e))) || hasSelfOverlap(fix.edits)) {
      skipped.push(fix);
      continue;
    }
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return { text: applyEdits(text, taken), applied: chosen, skipped };
}

/** Applies non-overlapping edits; insertions at the same offset keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i);
  let out = '';
  let last = 0;
  for (const { e } of sorted) {
    out += text.slice(last, e.span.start) + e.newText;
    last = Math.max(last, e.span.end);
  }
  return out + text.slice(last);
}

/** Two edits overlap when their ranges intersect, or both insert at the same offset (their order would be ambiguous). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

function hasSelfOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.span.start < sorted[i - 1]!.span.end) return true;
  return false;
}
