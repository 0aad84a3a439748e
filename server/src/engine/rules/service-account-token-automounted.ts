import { k8sBool, type K8sObject, type PodSpec } from '../model/k8s';
import { nodeSpan, str } from '../model/yaml';
import { defineRule } from '../rule';
import { present } from './shared/fixes';
import { setPodFields } from './shared/k8s-fixes';
import { objectLabel } from './shared/rbac';

type MessageId = 'defaultMount' | 'defaultServiceAccount';

export default defineRule<MessageId>({
  id: 'service-account-token-automounted',
  title: 'Service account token is mounted automatically',
  severity: 'info',
  fix: 'suggestion',
  crossDocument: true,
  refs: ['CIS K8s 5.1.6', 'CKV_K8S_38'],
  messages: {
    defaultMount: '{{pod}} mounts the token of ServiceAccount "{{serviceAccount}}" because neither the pod nor the ServiceAccount sets automountServiceAccountToken: false; a compromised container can call the API server with it. Disable it unless the workload uses the Kubernetes API.',
    defaultServiceAccount: 'automountServiceAccountToken: true mounts the token of the "default" ServiceAccount, which every pod of the namespace shares; give a workload that uses the Kubernetes API its own ServiceAccount with minimal RBAC.',
  },
  check: {
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod || isPatch(pod)) return;
      const serviceAccount = str(pod.node.get('serviceAccountName')) || str(pod.node.get('serviceAccount')) || 'default';
      const value = pod.node.get('automountServiceAccountToken');
      const own = k8sBool(value);
      if (own === false) return;
      if (own === true) {
        // An explicit true is a declared need for the API (CIS: mount only where necessary), except on the shared default account.
        if (serviceAccount === 'default' && value) ctx.report({ span: nodeSpan(value), messageId: 'defaultServiceAccount' });
        return;
      }
      // The pod inherits its ServiceAccount's setting, known when the ServiceAccount is in the same file.
      if (serviceAccountDisablesToken(object, serviceAccount)) return;
      const fix = () => present(setPodFields(pod, 'Set automountServiceAccountToken: false on the pod', { automountServiceAccountToken: false }));
      ctx.report({ span: object.anchor, messageId: 'defaultMount', data: { pod: object.kind === 'Pod' ? objectLabel(object) : `The pod of ${objectLabel(object)}`, serviceAccount }, suggest: fix });
    },
  },
});

/** A kustomize patch or other fragment: no app container names an image, so it is not a whole pod. */
function isPatch(pod: PodSpec): boolean {
  return !pod.containers.some((c) => c.type === 'containers' && c.node.has('image'));
}

/** Name → namespaces of the ServiceAccounts of a file that disable the token, computed once per file. */
const disabledAccounts = new WeakMap<readonly K8sObject[], Map<string, (string | undefined)[]>>();

function serviceAccountDisablesToken(object: K8sObject, name: string): boolean {
  const siblings = object.siblings();
  let accounts = disabledAccounts.get(siblings);
  if (!accounts) {
    accounts = new Map();
    for (const sa of siblings) {
      if (sa.kind !== 'ServiceAccount' || sa.name === undefined || k8sBool(sa.node.get('automountServiceAccountToken')) !== false) continue;
      accounts.set(sa.name, [...(accounts.get(sa.name) ?? []), sa.namespace]);
    }
    disabledAccounts.set(siblings, accounts);
  }
  // A namespace left out on either side is the one the file is applied to.
  return (accounts.get(name) ?? []).some((ns) => ns === undefined || object.namespace === undefined || ns === object.namespace);
}
