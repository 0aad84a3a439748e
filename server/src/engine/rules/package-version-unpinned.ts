import { defineRule } from '../rule';
import { isPinned, packageCommands, packageName, pinExample } from './shared/packages';

export default defineRule<'unpinned'>({
  id: 'package-version-unpinned',
  title: 'Package installed without a version',
  severity: 'off',
  fix: 'none',
  refs: ['hadolint DL3008', 'hadolint DL3013', 'hadolint DL3016', 'hadolint DL3018', 'hadolint DL3028', 'hadolint DL3033', 'hadolint DL3041'],
  messages: {
    unpinned: '{{tool}} installs "{{name}}" without a version, so every rebuild may get a different one; pin it as "{{example}}".',
  },
  check: {
    dockerfile(model, ctx) {
      // Every stage: what a builder stage installs ends up in the artifacts it produces.
      for (const ins of model.instructions) {
        if (ins.keyword !== 'RUN') continue;
        for (const pc of packageCommands(ins)) {
          if (pc.action !== 'install') continue;
          for (const word of pc.packages) {
            if (isPinned(pc, word)) continue;
            const name = packageName(pc, word.value);
            ctx.report({ span: word.span, messageId: 'unpinned', data: { tool: pc.tool, name, example: pinExample(pc.manager, name) } });
          }
        }
      }
    },
  },
});
