import { defineRule, type RuleContext } from '../rule';
import { classifyHostMount, composeHostMounts, k8sHostMounts, type HostMount } from './shared/mounts';

type MessageId = 'socket' | 'socketDirectory' | 'socketTarget';

export default defineRule<MessageId>({
  id: 'container-socket-mounted',
  title: 'Container runtime socket mounted',
  severity: 'error',
  fix: 'none',
  refs: ['CIS Docker 5.32', 'KSV-0006', 'kube-linter docker-sock', 'CKV_K8S_27', 'CWE-250'],
  messages: {
    socket:
      'Host path "{{path}}" is the {{runtime}} socket: whoever can reach it can start privileged containers and take over the host, even through a read-only mount.',
    socketDirectory:
      'Host path "{{path}}" is the directory holding the {{runtime}} socket: whoever can reach the socket can start privileged containers and take over the host.',
    socketTarget:
      'Volume source "{{path}}" is mounted at "{{target}}", where the {{runtime}} socket is expected: if it is the host\'s socket, the container can start privileged containers and take over the host.',
  },
  check: {
    compose: (file, ctx) => composeHostMounts(file).forEach((m) => check(m, ctx)),
    k8s: (object, ctx) => k8sHostMounts(object).forEach((m) => check(m, ctx)),
  },
});

function check(mount: HostMount, ctx: RuleContext<MessageId>): void {
  const c = classifyHostMount(mount);
  if (c?.kind !== 'socket') return;
  const messageId = c.via === 'file' ? 'socket' : c.via === 'directory' ? 'socketDirectory' : 'socketTarget';
  ctx.report({ span: mount.span, messageId, data: { path: mount.written, runtime: c.runtime, target: mount.target ?? '' } });
}
