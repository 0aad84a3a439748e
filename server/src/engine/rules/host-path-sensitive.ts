import { defineRule, type RuleContext } from '../rule';
import { classifyHostMount, composeHostMounts, k8sHostMounts, type HostMount } from './shared/mounts';

type MessageId = 'sensitive';

export default defineRule<MessageId>({
  id: 'host-path-sensitive',
  title: 'Sensitive host path mounted',
  severity: 'error',
  fix: 'none',
  refs: ['CIS Docker 5.6', 'KSV-0023', 'KSV-0121', 'Pod Security Standards baseline: HostPath Volumes', 'CWE-668'],
  messages: {
    sensitive:
      'Host path "{{path}}" gives the container access to {{what}} ({{root}}): a compromised container can read secrets from the host or tamper with it.',
  },
  check: {
    compose: (file, ctx) => composeHostMounts(file).forEach((m) => check(m, ctx)),
    k8s: (object, ctx) => k8sHostMounts(object).forEach((m) => check(m, ctx)),
  },
});

function check(mount: HostMount, ctx: RuleContext<MessageId>): void {
  const c = classifyHostMount(mount);
  if (c?.kind !== 'sensitive') return;
  ctx.report({ span: mount.span, messageId: 'sensitive', data: { path: mount.written, what: c.what, root: c.root } });
}
