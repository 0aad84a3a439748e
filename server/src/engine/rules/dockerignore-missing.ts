import { finalStage, stageChain } from '../model/dockerfile';
import { defineRule } from '../rule';
import { displayPath } from './shared/paths';

export default defineRule<'missing'>({
  id: 'dockerignore-missing',
  title: 'Whole build context copied without a .dockerignore',
  severity: 'info',
  fix: 'none',
  refs: ['CIS Docker 4.10', 'Docker docs: .dockerignore', 'CWE-538'],
  messages: {
    missing: '{{keyword}} {{source}} copies the whole build context ({{context}}) and there is no .dockerignore: whatever lands there later (.env files, keys, .git) goes into the image. Add a .dockerignore.',
  },
  check: {
    dockerfile(model, ctx) {
      const final = finalStage(model);
      const context = final && ctx.project?.buildContext(ctx.source.path);
      if (!final || !context || context.dockerignore) return;
      for (const stage of stageChain(final)) {
        for (const ins of stage.instructions) {
          if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from') || ins.heredocs.length > 0) continue;
          const whole = ins.args.slice(0, -1).find((a) => /^\.\/?$|^\.?\/?\*$/.test(a.value));
          if (!whole) continue;
          ctx.report({ span: whole.span, messageId: 'missing', data: { keyword: ins.keyword, source: whole.value, context: contextName(context.dir, ctx.source.path) } });
          return; // once per Dockerfile
        }
      }
    },
  },
});

/** `the Dockerfile's folder`, or the context folder as seen from the Dockerfile (`../../`). */
function contextName(dir: string, dockerfile: string): string {
  const relative = displayPath(`${dir}/-`, dockerfile).slice(0, -1);
  return relative === '' ? "the Dockerfile's folder" : relative;
}
