import { defineRule } from '../rule';

/** Reported by the engine when a rule throws; the other rules still report. */
export default defineRule({
  id: 'internal-error',
  title: 'A rule failed on this file',
  severity: 'error',
  fix: 'none',
  refs: [],
  messages: {
    ruleFailed: 'Rule {{ruleId}} failed on this file ({{detail}}); its findings are missing. The other rules still ran.',
  },
  check: {},
});
