import { defineRule } from '../rule';

export default defineRule<'sudo'>({
  id: 'sudo-in-run',
  title: 'sudo used in RUN',
  severity: 'warning',
  fix: 'none',
  refs: ['hadolint DL3004'],
  messages: {
    sudo: 'RUN uses sudo, which behaves unpredictably without a TTY and needs a sudo-capable user in the image; switch with USER root (and back) around the commands instead.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'RUN') continue;
        for (const cmd of ins.shell?.allCommands() ?? []) {
          // `env X=1 sudo ...`, `nohup sudo ...`: look through every wrapper, not only the first word.
          for (const word of cmd.argv) {
            const program = word.value.slice(word.value.lastIndexOf('/') + 1);
            if (program === 'sudo') {
              ctx.report({ span: word.span, messageId: 'sudo' });
              break;
            }
            if (!WRAPPERS.has(program) && !/^-|^[A-Za-z_][A-Za-z0-9_]*=|^\d+[smhd]?$/.test(word.value)) break;
          }
        }
      }
    },
  },
});

/** Programs that run the next word as a command. */
const WRAPPERS = new Set(['env', 'nohup', 'time', 'exec', 'command', 'nice', 'xargs', 'doas', 'timeout', 'stdbuf', 'ionice']);
