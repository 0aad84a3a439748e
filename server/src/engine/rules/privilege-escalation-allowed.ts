import { k8sBool } from '../model/k8s';
import { isScalar } from '../model/yaml';
import { defineRule, type Fix } from '../rule';
import { addServiceItem, setServiceValue } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { escalationImplied, setContainerSecurity, withHarden } from './shared/k8s-fixes';
import {
  addedCapabilities,
  composeSecurityOpts,
  containerSetting,
  containerLabel,
  isComposeFragment,
  isFragment,
  isWindowsPod,
  normalizeCapability,
  ownSecurityOpts,
  serviceLabel,
} from './shared/pod-security';

type MessageId = 'missing' | 'allowed' | 'implied' | 'composeMissing' | 'composeDisabled';

export default defineRule<MessageId>({
  id: 'privilege-escalation-allowed',
  title: 'Privilege escalation allowed',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['CIS Docker 5.26', 'PSS restricted: Privilege Escalation', 'KSV-0001', 'CKV_K8S_20', 'CWE-269'],
  messages: {
    missing:
      '{{subject}} does not set securityContext.allowPrivilegeEscalation: false, so setuid binaries and file capabilities can raise its privileges; Pod Security restricted requires it.',
    allowed: '{{subject}} sets allowPrivilegeEscalation: true, so setuid binaries and file capabilities can raise its privileges; set it to false.',
    implied: '{{subject}} is {{reason}}, so privilege escalation is always allowed whatever allowPrivilegeEscalation says.',
    composeMissing: '{{subject}} does not set security_opt "no-new-privileges:true", so setuid binaries and file capabilities can raise its privileges.',
    composeDisabled: '{{subject}} sets "{{option}}", which lets setuid binaries and file capabilities raise its privileges; use "no-new-privileges:true".',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        const { opts, ownKey, complete } = composeSecurityOpts(service);
        // Docker applies the options in order, so the last no-new-privileges wins.
        const last = opts.filter((o) => o.key === 'no-new-privileges').pop();
        if (last) {
          const value = last.value === undefined ? true : goBool(last.value);
          // An inherited entry is reported on the base service that writes it.
          const own = ownSecurityOpts(service).some((o) => o.item.node === last.item.node);
          if (value === false && own) {
            ctx.report({ span: last.item.span, messageId: 'composeDisabled', data: { subject: serviceLabel(service), option: last.item.text }, suggest: () => present(setServiceValue(service, 'Set "no-new-privileges:true"', last.item.node, 'no-new-privileges:true')) });
          }
          continue;
        }
        // A base service in another file, or the base file of an override, may set it.
        if (!complete || isComposeFragment(service)) continue;
        ctx.report({ span: ownKey ?? service.nameSpan, messageId: 'composeMissing', data: { subject: serviceLabel(service) }, suggest: () => present(addServiceItem(service, 'Add security_opt "no-new-privileges:true"', 'security_opt', 'no-new-privileges:true')) });
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      // Linux-only control: the API rejects the field on Windows pods.
      if (!pod || isWindowsPod(pod)) return;
      for (const container of pod.containers) {
        const subject = containerLabel(container);
        const field = containerSetting(container, 'allowPrivilegeEscalation');
        const value = k8sBool(field?.node);
        const privileged = containerSetting(container, 'privileged');
        const sysAdmin = addedCapabilities(container).find((c) => normalizeCapability(c.text) === 'SYS_ADMIN');
        const suggest = (): Fix[] => withHarden(container, setContainerSecurity(container, 'Set allowPrivilegeEscalation: false', { allowPrivilegeEscalation: false }));
        if (field && value === true) {
          // The API rejects `false` on a privileged container or one with CAP_SYS_ADMIN: those go first.
          ctx.report({ span: field.span, messageId: 'allowed', data: { subject }, suggest: escalationImplied(container) ? [] : suggest });
        } else if (privileged && k8sBool(privileged.node) === true) {
          ctx.report({ span: privileged.span, messageId: 'implied', data: { subject, reason: 'privileged' } });
        } else if (sysAdmin) {
          ctx.report({ span: sysAdmin.span, messageId: 'implied', data: { subject, reason: 'granted CAP_SYS_ADMIN' } });
        } else if ((field === undefined || (isScalar(field.node) && field.node.value === null)) && !isFragment(container)) {
          // A non-boolean value (a quoted "false") is left alone: the API server rejects it.
          ctx.report({ span: container.anchor, messageId: 'missing', data: { subject }, suggest });
        }
      }
    },
  },
});

const GO_TRUE: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE: ReadonlySet<string> = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** A boolean as Go's strconv.ParseBool reads it (Docker's option values). */
function goBool(text: string): boolean | undefined {
  if (GO_TRUE.has(text)) return true;
  if (GO_FALSE.has(text)) return false;
  return undefined;
}
