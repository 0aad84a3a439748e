import { defineRule } from '../rule';

export default defineRule<'relative'>({
  id: 'workdir-relative',
  title: 'WORKDIR is a relative path',
  severity: 'warning',
  fix: 'none',
  refs: ['hadolint DL3000'],
  messages: {
    relative: 'WORKDIR "{{path}}" is relative, so it depends on every earlier WORKDIR (and on the base image\'s); use an absolute path.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'WORKDIR') continue;
        const arg = ins.args[0];
        if (!arg) continue;
        // Docker removes quotes from the path: `WORKDIR "/app"` is absolute.
        const path = arg.value.replace(/^(["'])(.*)\1$/, '$2').replace(/^["']/, '');
        // Variables may expand to an absolute path; Windows paths are absolute with a drive or a leading backslash.
        if (path.startsWith('/') || path.startsWith('$') || path.startsWith('\\') || /^[A-Za-z]:([\\/]|$)/.test(path)) continue;
        const last = ins.args[ins.args.length - 1]!;
        ctx.report({ span: { start: arg.span.start, end: last.span.end }, messageId: 'relative', data: { path: [path, ...ins.args.slice(1).map((a) => a.value)].join(' ') } });
      }
    },
  },
});
