import { k8sBool } from '../model/k8s';
import { nodeSpan } from '../model/yaml';
import { defineRule, type Fix } from '../rule';
import { removeServiceKey } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { removePodField, setPodFields } from './shared/k8s-fixes';
import { scalarValue, serviceLabel } from './shared/pod-security';

type MessageId = 'compose' | 'k8s';

/** Compose keys that take `host`, with the namespace and what sharing it exposes. */
const COMPOSE_KEYS: readonly (readonly [key: string, namespace: string, risk: string])[] = [
  ['network_mode', 'network', 'it can bind host ports, reach services on localhost and sniff host traffic'],
  ['pid', 'PID', 'it can see and signal every process on the host'],
  ['ipc', 'IPC', 'it can read and write the shared memory of host processes'],
  ['uts', 'UTS', 'it can change the host name of the machine'],
  ['userns_mode', 'user', 'its root user is root on the host'],
];

const K8S_FIELDS: readonly (readonly [field: string, namespace: string, risk: string])[] = [
  ['hostNetwork', 'network', 'it can bind node ports, reach services on the node\'s localhost and sniff node traffic'],
  ['hostPID', 'PID', 'it can see and signal every process on the node'],
  ['hostIPC', 'IPC', 'it can read and write the shared memory of node processes'],
];

export default defineRule<MessageId>({
  id: 'host-namespace-shared',
  title: 'Host namespace shared',
  severity: 'error',
  fix: 'suggestion',
  refs: ['CIS Docker 5.9', 'CIS Docker 5.15', 'CIS Docker 5.16', 'CIS Docker 5.21', 'CIS Docker 5.31', 'PSS baseline: Host Namespaces', 'KSV-0008', 'KSV-0009', 'KSV-0010'],
  messages: {
    compose: '{{subject}} shares the host {{namespace}} namespace ({{key}}: host), so {{risk}}.',
    k8s: 'The pod shares the node\'s {{namespace}} namespace ({{key}}: true), so {{risk}}.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        for (const [key, namespace, risk] of COMPOSE_KEYS) {
          const value = scalarValue(service.node.get(key));
          // `service:x`, `container:x`, `private`, `shareable`... keep the namespace off the host.
          if (value?.text === 'host') {
            ctx.report({ span: value.span, messageId: 'compose', data: { subject: serviceLabel(service), namespace, key, risk }, suggest: () => present(removeServiceKey(service, `Remove ${key}: host`, key)) });
          }
        }
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      for (const [key, namespace, risk] of K8S_FIELDS) {
        const node = pod.node.get(key);
        if (node && k8sBool(node) === true) {
          const suggest = (): Fix[] => present(setPodFields(pod, `Set ${key}: false`, { [key]: false }), removePodField(pod, `Remove ${key}`, key));
          ctx.report({ span: nodeSpan(node), messageId: 'k8s', data: { namespace, key, risk }, suggest });
        }
      }
    },
  },
});
