import { finalStage, stageChain, type Instruction } from '../model/dockerfile';
import { defineRule } from '../rule';
import { hasOption, insertOptionAfter, mayHoldOptions, packageCommands } from './shared/packages';

const SETTING = /Install-Recommends/i;

export default defineRule<'recommends'>({
  id: 'apt-install-recommends',
  title: 'apt-get install pulls recommended packages',
  severity: 'info',
  fix: 'safe',
  refs: ['hadolint DL3015'],
  messages: {
    recommends: '"{{command}}" also installs recommended packages that nothing asked for, which grows the image and its attack surface; add --no-install-recommends.',
  },
  check: {
    dockerfile(model, ctx) {
      const stage = finalStage(model);
      if (!stage) return;
      // What ships: the final stage and the stages it is built FROM, base first.
      let configured = false;
      for (const ins of stageChain(stage).reverse().flatMap((s) => s.instructions)) {
        if (ins.onbuild) continue;
        if (configuresRecommends(ins)) configured = true;
        if (configured || ins.keyword !== 'RUN') continue;
        for (const pc of packageCommands(ins)) {
          if (pc.manager !== 'apt' || pc.tool === 'aptitude' || pc.action !== 'install' || pc.verb?.value !== 'install') continue;
          // --install-recommends is an explicit choice; `-o APT::Install-Recommends=...` too.
          if (hasOption(pc, '--no-install-recommends', '--install-recommends') || pc.command.args.some((w) => SETTING.test(w.value))) continue;
          if (mayHoldOptions(pc)) continue;
          ctx.report({
            span: pc.span,
            messageId: 'recommends',
            data: { command: `${pc.tool} install` },
            fix: { title: 'Add --no-install-recommends', edits: [insertOptionAfter(ins, pc.verb, '--no-install-recommends')] },
          });
        }
      }
    },
  },
});

/**
 * An apt configuration that decides about recommends for every later install: a RUN that writes
 * `APT::Install-Recommends` (e.g. `echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/...`)
 * or a COPY/ADD into /etc/apt/apt.conf.d, whose content we cannot see.
 */
function configuresRecommends(ins: Instruction): boolean {
  if (ins.keyword === 'RUN') {
    if (ins.heredocs.some((h) => SETTING.test(h.content))) return true;
    return (ins.shell?.allCommands() ?? []).some((c) => c.program !== 'apt-get' && c.program !== 'apt' && c.args.some((w) => SETTING.test(w.value)));
  }
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    const dest = ins.args[ins.args.length - 1]?.value ?? '';
    return dest.startsWith('/etc/apt/apt.conf');
  }
  return false;
}
