import { k8sBool } from '../model/k8s';
import { defineRule } from '../rule';
import { containerLabel, containerSetting, pssLevel, scalarAt } from './shared/pod-security';

export default defineRule<'unmasked'>({
  id: 'proc-mount-unmasked',
  title: '/proc mounted unmasked',
  severity: 'error',
  fix: 'none',
  refs: ['PSS baseline: /proc Mount Type', 'PSS restricted: /proc Mount Type', 'KSV-0027'],
  messages: {
    unmasked:
      '{{subject}} sets procMount: {{value}}, which exposes the /proc paths the runtime normally masks or makes read-only, such as /proc/kcore and /proc/sysrq-trigger; remove it (Pod Security baseline allows it only in pods with hostUsers: false).',
  },
  check: {
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      // In a user namespace the unmasked /proc is the pod's own: baseline allows it, restricted does not.
      if (k8sBool(pod.node.get('hostUsers')) === false && pssLevel(ctx.config) !== 'restricted') return;
      for (const container of pod.containers) {
        const value = scalarAt(containerSetting(container, 'procMount'));
        if (value && value.text !== 'Default') ctx.report({ span: value.span, messageId: 'unmasked', data: { subject: containerLabel(container), value: value.text } });
      }
    },
  },
});
