import type { YMap } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import { containerLabel, lookup, ownSecurityOpts, scalarAt, serviceLabel } from './shared/pod-security';

type MessageId = 'type' | 'userRole' | 'composeDisable' | 'composeType';

/** SELinux types Pod Security baseline allows (policy/check_seLinuxOptions.go, 1.31+); empty means the runtime's default. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
/** Docker label types that SELinux does not confine. */
const UNCONFINED_LABEL_TYPES: ReadonlySet<string> = new Set(['spc_t', 'unconfined_t']);

export default defineRule<MessageId>({
  id: 'selinux-relaxed',
  title: 'SELinux separation relaxed',
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 5.2', 'PSS baseline: SELinux', 'KSV-0025'],
  messages: {
    type: '{{subject}} sets seLinuxOptions type "{{type}}"; Pod Security baseline allows only container_t, container_init_t, container_kvm_t and container_engine_t, since other types can lift SELinux confinement.',
    userRole: '{{subject}} sets a custom SELinux {{field}} "{{value}}", which Pod Security baseline forbids because it can grant access outside the container.',
    composeDisable: '{{subject}} sets "{{option}}", which turns off SELinux separation for the container; remove it.',
    composeType: '{{subject}} sets "{{option}}", which runs it with the SELinux type {{type}} that is not confined; remove it.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        const subject = serviceLabel(service);
        for (const opt of ownSecurityOpts(service)) {
          if (opt.key !== 'label' || opt.value === undefined) continue;
          const option = opt.item.text;
          if (opt.value === 'disable') ctx.report({ span: opt.item.span, messageId: 'composeDisable', data: { subject, option } });
          else if (opt.value.startsWith('type:') && UNCONFINED_LABEL_TYPES.has(opt.value.slice(5))) {
            ctx.report({ span: opt.item.span, messageId: 'composeType', data: { subject, option, type: opt.value.slice(5) } });
          }
        }
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      checkOptions(ctx, pod.node, 'The pod');
      for (const container of pod.containers) checkOptions(ctx, container.node, containerLabel(container));
    },
  },
});

/** `owner` is the pod spec or a container: both keep the options in `securityContext.seLinuxOptions`. */
function checkOptions(ctx: RuleContext<MessageId>, owner: YMap, subject: string): void {
  const type = scalarAt(lookup(owner, 'securityContext', 'seLinuxOptions', 'type'));
  if (type && !ALLOWED_TYPES.has(type.text)) ctx.report({ span: type.span, messageId: 'type', data: { subject, type: type.text } });
  for (const field of ['user', 'role']) {
    const value = scalarAt(lookup(owner, 'securityContext', 'seLinuxOptions', field));
    if (value && value.text !== '') ctx.report({ span: value.span, messageId: 'userRole', data: { subject, field, value: value.text } });
  }
}
