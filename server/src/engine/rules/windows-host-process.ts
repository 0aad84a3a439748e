import { k8sBool } from '../model/k8s';
import { nodeSpan, type YMap } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import { containerLabel } from './shared/pod-security';

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
      check(ctx, pod.securityContext, 'The pod', 'its containers run');
      for (const container of pod.containers) check(ctx, container.securityContext, containerLabel(container), 'it runs');
    },
  },
});

function check(ctx: RuleContext<'hostProcess'>, securityContext: YMap | undefined, subject: string, scope: string): void {
  const node = securityContext?.path('windowsOptions', 'hostProcess');
  if (node && k8sBool(node) === true) ctx.report({ span: nodeSpan(node), messageId: 'hostProcess', data: { subject, scope } });
}
