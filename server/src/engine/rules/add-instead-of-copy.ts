import { defineRule } from '../rule';

const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|zip)$/i;
const REMOTE = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/i;

export default defineRule<'useCopy'>({
  id: 'add-instead-of-copy',
  title: 'ADD used to copy local files',
  severity: 'warning',
  fix: 'safe',
  refs: ['hadolint DL3020', 'CKV_DOCKER_4', 'CIS Docker 4.9'],
  messages: {
    useCopy: 'Use COPY instead of ADD for local files: ADD also extracts archives and fetches URLs, which hides what enters the image.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'ADD') continue;
        // The last argument is the destination; heredoc sources (`ADD <<EOF /x`) are inline text.
        const sources = ins.args.slice(0, -1);
        if (sources.length === 0 || ins.heredocs.length > 0) continue;
        if (sources.some((s) => ARCHIVE.test(s.value) || REMOTE.test(s.value) || s.value.includes('$'))) continue;
        // --checksum, --keep-git-dir and --unpack only exist on ADD.
        if (ins.flags.some((f) => f.name === 'checksum' || f.name === 'keep-git-dir' || f.name === 'unpack')) continue;
        ctx.report({
          span: ins.keywordSpan,
          messageId: 'useCopy',
          fix: { title: 'Replace ADD with COPY', edits: [{ span: ins.keywordSpan, newText: matchCase('COPY', ctx.source.slice(ins.keywordSpan)) }] },
        });
      }
    },
  },
});

/** Keeps the keyword's case style (`add` → `copy`). */
function matchCase(keyword: string, written: string): string {
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword;
}
