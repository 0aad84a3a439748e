import { defineRule } from '../rule';

/** Reported by the engine when a file or document is skipped to stay fast and safe. */
export default defineRule({
  id: 'analysis-limit',
  title: 'File or document too large to analyse',
  severity: 'info',
  fix: 'none',
  refs: ['CWE-400', 'CWE-776'],
  messages: {
    fileTooLarge: 'File is {{size}} bytes, over the {{limit}}-byte limit (maxFileSize); it was not analysed.',
    yamlLimit: '{{detail}}.',
    timeout: 'Analysing this file took longer than {{seconds}} s, so it was stopped and skipped.',
  },
  check: {},
});
