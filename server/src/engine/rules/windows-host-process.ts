import { k8sBool } from '../model/k8s';
import type { YMap } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import { containerLabel, lookup } from './shared/pod-security';

export default defineRule<'hostProcess'>({
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  severity: 'error',
  fix: 'none',
  refs: ['PSS baseline: HostProcess'],
  messages: {
    hostProcess:
      '{{subject}} sets windowsOptions.hostProcess: true, so {{scope}} directly on the Windows node with access to its processes, files and network, outside any container isolation.',
  },
  check: {
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      // Containers inherit the pod's value; it is reported once, where it is written.
      check(ctx, pod.node, 'The pod', 'its containers run');
      for (const container of pod.containers) check(ctx, container.node, containerLabel(container), 'it runs');
    },
  },
});

/** `owner` is the pod spec or a container: both keep the option in `securityContext.windowsOptions`. */
function check(ctx: RuleContext<'hostProcess'>, owner: YMap, subject: string, scope: string): void {
  const found = lookup(owner, 'securityContext', 'windowsOptions', 'hostProcess');
  if (found && k8sBool(found.node) === true) ctx.report({ span: found.span, messageId: 'hostProcess', data: { subject, scope } });
}
