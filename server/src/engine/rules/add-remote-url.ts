import type { Instruction } from '../model/dockerfile';
import { defineRule, type Fix } from '../rule';

type MessageId = 'noChecksum' | 'gitUnpinned';

const HTTP_URL = /^https?:\/\//i;
/** BuildKit treats an https URL whose path ends in `.git` (optionally `#ref[:subdir]` or `?query`) as a Git repository. */
const GIT_URL = /^https?:\/\/[^?#]+\.git(?:[?#].*)?$/i;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** Placeholder the suggestion writes; BuildKit rejects it until the real digest replaces it. */
const CHECKSUM_PLACEHOLDER = 'sha256:REPLACE_WITH_SHA256_OF_THE_FILE';

export default defineRule<MessageId>({
  id: 'add-remote-url',
  title: 'ADD downloads a URL without a checksum',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['hadolint DL3010 family (ADD)', 'KICS curl_or_wget_instead_of_add'],
  messages: {
    noChecksum: 'ADD downloads "{{url}}" without --checksum, so whatever the server (or anyone in between) returns goes into the image; pin the file with --checksum=sha256:<hash>.',
    gitUnpinned: 'ADD clones "{{url}}" at a movable reference, so the content can change between builds; pin it to a full commit SHA (#<commit> or ?checksum=<commit>) or add --checksum=<commit>.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'ADD' || ins.heredocs.length > 0) continue;
        // The last argument is the destination.
        const sources = ins.args.slice(0, -1);
        if (sources.length === 0) continue;
        const pinned = ins.flags.some((f) => f.name === 'checksum' && (f.value ?? '') !== '');
        for (const source of sources) {
          if (!HTTP_URL.test(source.value)) continue;
          if (GIT_URL.test(source.value)) {
            if (!pinned && !gitPinned(source.value)) ctx.report({ span: source.span, messageId: 'gitUnpinned', data: { url: source.value } });
            continue;
          }
          if (pinned) continue;
          // --checksum applies to a single HTTP source only.
          const suggest = sources.length === 1 ? [checksumSuggestion(ins)] : undefined;
          ctx.report({ span: source.span, messageId: 'noChecksum', data: { url: source.value }, ...(suggest ? { suggest } : {}) });
        }
      }
    },
  },
});

/** `repo.git#<commit>`, `repo.git#<commit>:subdir`, `repo.git?checksum=<commit>` / `?commit=<commit>`. */
function gitPinned(url: string): boolean {
  const hash = url.indexOf('#');
  if (hash >= 0) {
    const ref = url.slice(hash + 1).split(':')[0]!;
    if (COMMIT.test(ref)) return true;
  }
  const query = url.indexOf('?');
  if (query >= 0) {
    const end = hash > query ? hash : url.length;
    for (const part of url.slice(query + 1, end).split('&')) {
      const [key, value] = part.split('=') as [string, string | undefined];
      if ((key === 'checksum' || key === 'commit') && value !== undefined && COMMIT.test(value)) return true;
    }
  }
  return false;
}

/** Inserts `--checksum=<placeholder>` after the keyword and any existing flags. */
function checksumSuggestion(ins: Instruction): Fix {
  const lastFlag = ins.flags[ins.flags.length - 1];
  const at = lastFlag ? lastFlag.span.end : ins.keywordSpan.end;
  return {
    title: 'Add --checksum (replace the placeholder with the SHA-256 of the file)',
    edits: [{ span: { start: at, end: at }, newText: ` --checksum=${CHECKSUM_PLACEHOLDER}` }],
  };
}
