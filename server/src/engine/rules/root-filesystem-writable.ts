import { composeBool } from '../model/compose';
import { k8sBool } from '../model/k8s';
import { isScalar, nodeSpan } from '../model/yaml';
import { defineRule, type Fix } from '../rule';
import { setServiceKeys } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { setContainerSecurity, withHarden } from './shared/k8s-fixes';
import { composeSetting, containerLabel, containerSetting, isComposeFragment, isFragment, isWindowsPod, serviceLabel } from './shared/pod-security';

type MessageId = 'missing' | 'writable' | 'composeMissing' | 'composeWritable';

export default defineRule<MessageId>({
  id: 'root-filesystem-writable',
  title: 'Root filesystem is writable',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['CIS Docker 5.13', 'KSV-0014', 'CKV_K8S_22', 'CWE-732'],
  messages: {
    missing:
      '{{subject}} does not set securityContext.readOnlyRootFilesystem: true, so an intruder can change its binaries and store tools; mount writable volumes only where it must write.',
    writable:
      '{{subject}} sets readOnlyRootFilesystem: false, so an intruder can change its binaries and store tools; set it to true and mount writable volumes only where it must write.',
    composeMissing:
      '{{subject}} does not set read_only: true, so an intruder can change its binaries and store tools; use tmpfs or volumes only where it must write.',
    composeWritable:
      '{{subject}} sets read_only to false, so an intruder can change its binaries and store tools; set read_only: true and use tmpfs or volumes where it must write.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        const own = service.node.get('read_only');
        const data = { subject: serviceLabel(service) };
        const fix = (): Fix[] => present(setServiceKeys(service, 'Set read_only: true (add tmpfs: [/tmp] where the service writes)', { read_only: true }));
        if (own !== undefined && !(isScalar(own) && own.value === null)) {
          if (composeBool(own) === false) ctx.report({ span: nodeSpan(own), messageId: 'composeWritable', data, suggest: fix });
          continue;
        }
        // Inherited values are reported on the base; an unseen base or base file may set it.
        const { node, complete } = composeSetting(service, 'read_only');
        if (node === undefined && complete && !isComposeFragment(service)) ctx.report({ span: service.nameSpan, messageId: 'composeMissing', data, suggest: fix });
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      // The API rejects readOnlyRootFilesystem on Windows pods.
      if (!pod || isWindowsPod(pod)) return;
      for (const container of pod.containers) {
        const field = containerSetting(container, 'readOnlyRootFilesystem');
        const data = { subject: containerLabel(container) };
        const suggest = (): Fix[] =>
          withHarden(container, setContainerSecurity(container, 'Set readOnlyRootFilesystem: true (mount an emptyDir where the container writes)', { readOnlyRootFilesystem: true }));
        if (field === undefined || (isScalar(field.node) && field.node.value === null)) {
          if (!isFragment(container)) ctx.report({ span: container.anchor, messageId: 'missing', data, suggest });
        } else if (k8sBool(field.node) === false) {
          ctx.report({ span: field.span, messageId: 'writable', data, suggest });
        }
      }
    },
  },
});
