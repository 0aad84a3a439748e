import { defineRule } from '../rule';

/** Reported on `.bulkhead.yaml` files: unknown keys, wrong types, unknown rule ids or profiles. */
export default defineRule({
  id: 'invalid-config',
  title: 'Invalid Bulkhead configuration',
  severity: 'error',
  fix: 'none',
  refs: [],
  messages: {
    invalid: 'Invalid configuration: {{detail}}.',
  },
  check: {},
});
