import { finalStage, lastInChain, type Instruction } from '../model/dockerfile';
import { defineRule, type Fix } from '../rule';

/** Words that mean the same with and without a shell: no quotes, escapes, variables, globs or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Shell builtins and keywords: they do not exist as programs, so exec form cannot run them. */
const SHELL_ONLY = new Set([
  '.', ':', 'source', 'cd', 'export', 'set', 'unset', 'ulimit', 'umask', 'eval', 'exec', 'trap', 'alias', 'read', 'shift',
  'wait', 'if', 'for', 'while', 'until', 'case', 'function', 'exit', 'return', 'type', 'builtin', 'declare', 'local', 'readonly',
]);

export default defineRule<'shellForm'>({
  id: 'cmd-shell-form',
  title: 'CMD or ENTRYPOINT in shell form',
  severity: 'info',
  fix: 'safe',
  refs: ['hadolint DL3025', 'BuildKit JSONArgsRecommended'],
  messages: {
    shellForm:
      '{{keyword}} uses shell form, so the program runs as a child of /bin/sh -c and does not receive SIGTERM on "docker stop"; use the exec form {{keyword}} ["program", "arg"].',
  },
  check: {
    dockerfile(model, ctx) {
      const stage = finalStage(model);
      // An explicit SHELL (PowerShell, bash -o pipefail, ...) is a deliberate choice of shell form.
      if (!stage || lastInChain(stage, 'SHELL')) return;
      const cmd = lastInChain(stage, 'CMD');
      const entrypoint = lastInChain(stage, 'ENTRYPOINT');
      for (const ins of [entrypoint, cmd]) {
        if (!ins || ins.jsonForm || ins.args.length === 0) continue;
        // `CMD exec app` replaces the shell, so signals reach the program.
        if (ins.args[0]!.value === 'exec') continue;
        // Converting CMD changes what an ENTRYPOINT receives, and converting ENTRYPOINT makes
        // it start receiving CMD: only convert when the other one is not set.
        const other = ins === cmd ? entrypoint : cmd;
        const fix = other ? undefined : execForm(ins, ctx.source.text);
        const keyword = ins.keyword;
        ctx.report({ span: ins.keywordSpan, messageId: 'shellForm', data: { keyword }, ...(fix ? { fix } : {}) });
      }
    },
  },
});

/** `CMD node server.js` → `CMD ["node", "server.js"]`, when every word means the same without a shell. */
function execForm(ins: Instruction, text: string): Fix | undefined {
  const words = ins.args;
  if (words.some((w) => !PLAIN_WORD.test(w.value) || text.slice(w.span.start, w.span.end) !== w.value)) return undefined;
  const program = words[0]!.value;
  if (SHELL_ONLY.has(program) || program.includes('=')) return undefined;
  const span = { start: words[0]!.span.start, end: words[words.length - 1]!.span.end };
  return { title: `Convert ${ins.keyword} to exec form`, edits: [{ span, newText: `[${words.map((w) => JSON.stringify(w.value)).join(', ')}]` }] };
}
