import { defineRule, type Fix } from '../rule';

export default defineRule<'maintainer'>({
  id: 'maintainer-deprecated',
  title: 'MAINTAINER is deprecated',
  severity: 'info',
  fix: 'safe',
  refs: ['hadolint DL4000'],
  messages: {
    maintainer: 'MAINTAINER is deprecated and ignored by most tools; use LABEL org.opencontainers.image.authors instead.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'MAINTAINER') continue;
        const fix = toLabel(ctx.source.text, ins.keywordSpan, ins.argsSpan, model.escapeChar);
        ctx.report({ span: ins.keywordSpan, messageId: 'maintainer', ...(fix ? { fix } : {}) });
      }
    },
  },
});

/**
 * `MAINTAINER Jane <jane@example.com>` → `LABEL org.opencontainers.image.authors="Jane <jane@example.com>"`.
 * MAINTAINER takes the rest of the line literally; LABEL expands variables and escapes inside
 * double quotes, so `"`, `$` and the escape character are escaped. A value wrapped in one pair of
 * double quotes is taken without them. No fix for a value continued over several lines.
 */
function toLabel(text: string, keywordSpan: { start: number; end: number }, argsSpan: { start: number; end: number } | undefined, escapeChar: string): Fix | undefined {
  if (!argsSpan) return undefined;
  let value = text.slice(argsSpan.start, argsSpan.end).trim();
  if (value === '' || /[\r\n]/.test(value)) return undefined;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"') && !value.slice(1, -1).includes('"')) value = value.slice(1, -1);
  let escaped = '';
  for (const c of value) escaped += c === '"' || c === '$' || c === escapeChar ? escapeChar + c : c;
  const keyword = text.slice(keywordSpan.start, keywordSpan.end);
  const label = keyword === keyword.toLowerCase() ? 'label' : 'LABEL';
  return {
    title: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors',
    edits: [{ span: { start: keywordSpan.start, end: argsSpan.start + text.slice(argsSpan.start, argsSpan.end).trimEnd().length }, newText: `${label} org.opencontainers.image.authors="${escaped}"` }],
  };
}
