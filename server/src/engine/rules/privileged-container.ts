import { composeBool } from '../model/compose';
import { k8sBool } from '../model/k8s';
import { nodeSpan } from '../model/yaml';
import { defineRule } from '../rule';
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
          ctx.report({ span: nodeSpan(node), messageId: 'privileged', data: { subject: serviceLabel(service) } });
        }
      }
    },
    k8s(object, ctx) {
      for (const container of podContainers(object)) {
        const found = containerSetting(container, 'privileged');
        if (found && k8sBool(found.node) === true) ctx.report({ span: found.span, messageId: 'privileged', data: { subject: containerLabel(container) } });
      }
    },
  },
});
