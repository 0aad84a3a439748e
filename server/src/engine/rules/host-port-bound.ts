import { defineRule } from '../rule';
import { k8sInt } from '../model/k8s';
import { isMap, items, nodeSpan } from '../model/yaml';

export default defineRule<'hostPort'>({
  id: 'host-port-bound',
  title: 'Container binds a host port',
  severity: 'warning',
  fix: 'none',
  refs: ['Pod Security Standards baseline: Host Ports', 'KSV-0024', 'CKV_K8S_26'],
  messages: {
    hostPort:
      'Container "{{name}}" binds host port {{port}}: the port opens on the node\'s own address, where anything that can reach the node can connect, and only one such pod fits per node; the Pod Security Standards baseline forbids it.',
  },
  check: {
    k8s(object, ctx) {
      for (const c of object.pod?.containers ?? []) {
        for (const port of items(c.node.get('ports'))) {
          if (!isMap(port)) continue;
          const node = port.get('hostPort');
          const value = k8sInt(node);
          if (!node || value === undefined || value === 0) continue;
          ctx.report({ span: nodeSpan(node), messageId: 'hostPort', data: { name: c.name || '(unnamed)', port: value } });
        }
      }
    },
  },
});
