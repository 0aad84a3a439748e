import { defineRule, type RuleContext } from '../rule';
import { classifyHostMount, composeHostMounts, k8sHostMounts, type HostMount } from './shared/mounts';

type MessageId = 'hostPath' | 'bind' | 'volumeDevice';

export default defineRule<MessageId>({
  id: 'host-path-volume',
  title: 'Host path mounted',
  severity: 'info',
  fix: 'none',
  refs: ['Pod Security Standards baseline: HostPath Volumes', 'KSV-0023'],
  messages: {
    hostPath:
      'Volume "{{name}}" mounts host path "{{path}}": hostPath volumes tie the pod to one node and expose the node\'s files to it; the Pod Security Standards baseline forbids them.',
    bind: 'Host path "{{path}}" is bind-mounted from outside the project: the service depends on this host\'s files and can {{access}} them.',
    volumeDevice:
      'Volume "{{name}}" binds host path "{{path}}" from outside the project: the services using it depend on this host\'s files and can read and change them.',
  },
  check: {
    compose: (file, ctx) => composeHostMounts(file).forEach((m) => check(m, ctx)),
    // A PersistentVolume's hostPath is the cluster admin's choice, not the pod's; only pods are checked.
    k8s: (object, ctx) => k8sHostMounts(object).forEach((m) => m.origin === 'hostPath' && check(m, ctx)),
  },
});

function check(mount: HostMount, ctx: RuleContext<MessageId>): void {
  const c = classifyHostMount(mount);
  // A hostPath whose path is a template placeholder is still a hostPath; a Compose source hidden
  // in a variable may not even be a bind.
  if (c ? c.kind !== 'other' : mount.origin !== 'hostPath') return;
  const path = mount.written;
  const name = mount.volumeName ?? '';
  if (mount.origin === 'hostPath') {
    // Any hostPath breaks the Pod Security Standards baseline: a warning, unlike a Compose bind.
    ctx.report({ span: mount.span, messageId: 'hostPath', data: { name, path }, severity: 'warning' });
  } else if (mount.origin === 'volume-device') {
    ctx.report({ span: mount.span, messageId: 'volumeDevice', data: { name, path } });
  } else {
    ctx.report({ span: mount.span, messageId: 'bind', data: { path, access: mount.readOnly ? 'read' : 'read and change' } });
  }
}
