import { defineRule } from '../rule';

/** Reported by the engine when a file or document is skipped to stay fast and safe, or cannot be read as what it is. */
export default defineRule({
  id: 'analysis-limit',
  title: 'File or document not analysed',
  severity: 'info',
  fix: 'none',
  refs: ['CWE-400', 'CWE-776'],
  messages: {
    fileTooLarge: 'File is {{size}} bytes, over the {{limit}}-byte limit (maxFileSize); it was not analysed.',
    yamlLimit: '{{detail}}.',
    timeout: 'Analysing this file took longer than {{seconds}} s, so it was stopped and skipped.',
    crashed: 'Analysing this file exhausted the memory of its worker ({{detail}}), so it was skipped.',
    helmTemplate: 'This Helm template does not render to YAML Bulkhead can read with the chart\'s default values ({{detail}}); it was not analysed.',
    kustomization: 'This Kustomization could not be built ({{detail}}); its objects were not analysed.',
  },
  check: {},
});
