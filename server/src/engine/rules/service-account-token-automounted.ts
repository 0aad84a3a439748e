import { k8sBool, type K8sObject } from '../model/k8s';
import { str } from '../model/yaml';
import { defineRule } from '../rule';
import { objectLabel } from './shared/rbac';

type MessageId = 'defaultMount' | 'enabled';

export default defineRule<MessageId>({
  id: 'service-account-token-automounted',
  title: 'Service account token is mounted automatically',
  severity: 'info',
  fix: 'suggestion',
  refs: ['CIS K8s 5.1.6', 'CKV_K8S_38'],
  messages: {
    defaultMount: 'The pod of {{object}} mounts the token of ServiceAccount "{{serviceAccount}}" because neither the pod nor the ServiceAccount sets automountServiceAccountToken: false; a compromised container can call the API server with it. Disable it unless the workload uses the Kubernetes API.',
    enabled: 'automountServiceAccountToken: true mounts the token of ServiceAccount "{{serviceAccount}}" into every container of the pod; keep it only if the workload uses the Kubernetes API, with a dedicated ServiceAccount and minimal RBAC.',
  },
  check: {
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      const serviceAccount = str(pod.node.get('serviceAccountName')) ?? str(pod.node.get('serviceAccount')) ?? 'default';
      const pair = pod.node.pair('automountServiceAccountToken');
      const own = k8sBool(pair?.value);
      if (own === false) return;
      if (own === true && pair?.value) {
        ctx.report({ span: pair.value.span, messageId: 'enabled', data: { serviceAccount } });
        return;
      }
      // The pod inherits its ServiceAccount's setting; it is known when the ServiceAccount is in the same file.
      if (serviceAccountDisablesToken(object, serviceAccount)) return;
      ctx.report({ span: object.anchor, messageId: 'defaultMount', data: { object: objectLabel(object), serviceAccount } });
    },
  },
});

function serviceAccountDisablesToken(object: K8sObject, name: string): boolean {
  return object.siblings().some(
    (sa) =>
      sa.kind === 'ServiceAccount' &&
      sa.name === name &&
      (sa.namespace === undefined || object.namespace === undefined || sa.namespace === object.namespace) &&
      k8sBool(sa.node.get('automountServiceAccountToken')) === false,
  );
}
