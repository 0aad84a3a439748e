import { defineRule } from '../rule';

/** Reported by the suppression stage about Bulkhead's own suppression comments and annotations. */
export default defineRule({
  id: 'unused-suppression',
  title: 'Suppression that silences nothing',
  severity: 'info',
  fix: 'none',
  refs: [],
  messages: {
    unused: 'This suppression of {{ids}} matched no finding; remove it.',
    unknownRule: 'Unknown rule id "{{id}}" in a suppression.',
    missingReason: 'This project requires a reason for every suppression: add one after "--".',
  },
  check: {},
});
