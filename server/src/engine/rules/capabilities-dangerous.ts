import { defineRule, type Fix, type RuleContext } from '../rule';
import { removeServiceItem } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { removeContainerSecurity, setValue } from './shared/k8s-fixes';
import {
  addedCapabilities,
  containerLabel,
  isWindowsPod,
  normalizeCapability,
  podContainers,
  pssLevel,
  serviceLabel,
  stringItems,
  type ScalarValue,
} from './shared/pod-security';

/** The capabilities Pod Security baseline lets a container add: the container runtimes' default set. */
const PSS_BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID',
  'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The only capability Pod Security restricted lets a container add. */
const PSS_RESTRICTED_ADDABLE = 'NET_BIND_SERVICE';

/** Capabilities that amount to host-level power, with what they give. */
const DANGEROUS_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ['ALL', 'grants every capability, as good as privileged'],
  ['SYS_ADMIN', 'allows mounts, namespaces and many other root-only operations, a common container escape'],
  ['NET_ADMIN', 'allows reconfiguring interfaces, routes and firewall rules'],
  ['SYS_PTRACE', 'allows tracing and injecting code into other processes'],
  ['SYS_MODULE', 'allows loading kernel modules into the host kernel'],
  ['DAC_READ_SEARCH', 'bypasses file read permission checks and allows open_by_handle_at, a known container escape'],
  ['NET_RAW', 'allows crafting raw packets, e.g. for spoofing and ARP poisoning'],
  ['BPF', 'allows loading BPF programs into the kernel'],
  ['PERFMON', 'allows kernel performance monitoring, which exposes kernel memory'],
  ['SYS_RAWIO', 'allows raw I/O to devices and memory'],
  ['SYS_BOOT', 'allows rebooting the host and loading a new kernel'],
  ['SYS_TIME', 'allows setting the host clock'],
  ['MAC_ADMIN', 'allows reconfiguring the mandatory access control (AppArmor, SELinux, Smack)'],
  ['MAC_OVERRIDE', 'bypasses the mandatory access control'],
]);

type MessageId = 'dangerous' | 'nonDefault' | 'spelling' | 'restricted';

export default defineRule<MessageId>({
  id: 'capabilities-dangerous',
  title: 'Dangerous capability added',
  severity: 'error',
  fix: 'suggestion',
  refs: ['CIS Docker 5.4', 'PSS baseline: Capabilities', 'PSS restricted: Capabilities', 'KSV-0005', 'KSV-0022', 'CWE-250'],
  messages: {
    dangerous: '{{subject}} adds capability {{cap}}, which {{risk}}; remove it or grant a narrower capability.',
    nonDefault: '{{subject}} adds capability {{cap}}, which is outside the default set that Pod Security baseline allows; add it only if the workload really needs it.',
    spelling:
      '{{subject}} adds "{{raw}}", which Pod Security admission rejects: it only accepts the names of the default set as written there ("{{cap}}").',
    restricted: '{{subject}} adds capability {{cap}}; Pod Security restricted allows adding only NET_BIND_SERVICE.',
  },
  check: {
    compose(file, ctx) {
      // Compose and Docker accept any case, with or without the CAP_ prefix.
      for (const service of file.services) {
        const subject = serviceLabel(service);
        for (const item of stringItems(service.node.get('cap_add'))) {
          const cap = normalizeCapability(item.text);
          const remove = (): Fix[] => present(removeServiceItem(service, `Remove "${item.text}" from cap_add`, 'cap_add', item));
          if (!reportDangerous(ctx, subject, item, cap, remove) && !PSS_BASELINE_CAPABILITIES.has(cap)) {
            ctx.report({ span: item.span, messageId: 'nonDefault', data: { subject, cap }, severity: 'warning', suggest: remove });
          }
        }
      }
    },
    k8s(object, ctx) {
      const level = pssLevel(ctx.config);
      // Restricted's capability control is Linux-only (baseline's still applies to Windows pods).
      const restricted = level === 'restricted' && !(object.pod && isWindowsPod(object.pod));
      for (const container of podContainers(object)) {
        const subject = containerLabel(container);
        for (const item of addedCapabilities(container)) {
          const cap = normalizeCapability(item.text);
          const remove = (): Fix[] => present(removeContainerSecurity(container, `Remove "${item.text}" from capabilities.add`, ['capabilities', 'add'], item.node));
          if (reportDangerous(ctx, subject, item, cap, remove)) continue;
          if (!PSS_BASELINE_CAPABILITIES.has(cap)) {
            ctx.report({ span: item.span, messageId: 'nonDefault', data: { subject, cap }, severity: 'warning', suggest: remove });
          } else if (item.text !== cap) {
            // The runtimes read `chown` and `CAP_CHOWN` as CHOWN, but Pod Security compares exactly.
            if (level) {
              const suggest = (): Fix[] => present(setValue(container.pod, `Write ${cap}`, item.node, cap));
              ctx.report({ span: item.span, messageId: 'spelling', data: { subject, cap, raw: item.text }, severity: 'warning', suggest });
            }
          } else if (restricted && cap !== PSS_RESTRICTED_ADDABLE) {
            ctx.report({ span: item.span, messageId: 'restricted', data: { subject, cap }, severity: 'warning', suggest: remove });
          }
        }
      }
    },
  },
});

function reportDangerous(ctx: RuleContext<MessageId>, subject: string, item: ScalarValue, cap: string, suggest: () => Fix[]): boolean {
  const risk = DANGEROUS_CAPABILITIES.get(cap);
  if (risk === undefined) return false;
  ctx.report({ span: item.span, messageId: 'dangerous', data: { subject, cap, risk }, suggest });
  return true;
}
