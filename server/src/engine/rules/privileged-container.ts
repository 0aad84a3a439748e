import { composeBool } from '../model/compose';
import { k8sBool } from '../model/k8s';
import { nodeSpan } from '../model/yaml';
import { defineRule } from '../rule';
import { removeServiceKey, setServiceKeys } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { removeContainerSecurity, setContainerSecurity } from './shared/k8s-fixes';
import { containerLabel, containerSetting, podContainers, serviceLabel } from './shared/pod-security';

export default defineRule<'privileged'>({
  id: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'error',
  fix: 'suggestion',
  refs: ['CIS Docker 5.5', 'PSS baseline: Privileged Containers', 'KSV-0017', 'CKV_K8S_16', 'CWE-250'],
  messages: {
    privileged:
      '{{subject}} runs privileged: it gets every capability and access to all host devices, and AppArmor, SELinux and seccomp are lifted, so escaping to the host is trivial. Grant only the capabilities it needs instead.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        // An inherited `privileged: true` is reported on the base service that sets it.
        const node = service.node.get('privileged');
        if (node && composeBool(node) === true) {
          const suggest = present(setServiceKeys(service, 'Set privileged: false', { privileged: false }), removeServiceKey(service, 'Remove privileged', 'privileged'));
          ctx.report({ span: nodeSpan(node), messageId: 'privileged', data: { subject: serviceLabel(service) }, suggest });
        }
      }
    },
    k8s(object, ctx) {
      for (const container of podContainers(object)) {
        const found = containerSetting(container, 'privileged');
        if (found && k8sBool(found.node) === true) {
          const suggest = present(setContainerSecurity(container, 'Set privileged: false', { privileged: false }), removeContainerSecurity(container, 'Remove privileged', ['privileged']));
          ctx.report({ span: found.span, messageId: 'privileged', data: { subject: containerLabel(container) }, suggest });
        }
      }
    },
  },
});
