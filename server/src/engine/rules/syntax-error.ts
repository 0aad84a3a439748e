import { defineRule } from '../rule';

/** Reported by the engine when a file cannot be read as its kind; it has no check of its own. */
export default defineRule({
  id: 'syntax-error',
  title: 'File cannot be parsed',
  severity: 'error',
  fix: 'none',
  refs: [],
  messages: {
    yaml: 'YAML syntax error: {{detail}}',
    dockerfile: 'Dockerfile syntax error: {{detail}}',
  },
  check: {},
});
