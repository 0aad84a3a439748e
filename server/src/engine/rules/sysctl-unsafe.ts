import { isMap, isSeq, type YNode } from '../model/yaml';
import { defineRule } from '../rule';
import type { Span } from '../source';
import { scalarValue, serviceLabel, type ScalarValue } from './shared/pod-security';

/**
 * The sysctls Pod Security baseline allows (policy/check_sysctls.go, current version): namespaced
 * per pod and isolated from other pods on the node.
 */
const PSS_SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

export default defineRule<'unsafe'>({
  id: 'sysctl-unsafe',
  title: 'Unsafe sysctl',
  severity: 'warning',
  fix: 'none',
  refs: ['PSS baseline: Sysctls', 'KSV-0026'],
  messages: {
    unsafe:
      '{{subject}} sets sysctl {{name}}, which is outside the Pod Security safe set: it may not be isolated per pod and can weaken or affect the whole node.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        for (const { name, span } of composeSysctls(service.node.get('sysctls'))) {
          if (!PSS_SAFE_SYSCTLS.has(name)) ctx.report({ span, messageId: 'unsafe', data: { subject: serviceLabel(service), name } });
        }
      }
    },
    k8s(object, ctx) {
      const sysctls = object.pod?.securityContext?.get('sysctls');
      if (!isSeq(sysctls)) return;
      for (const item of sysctls.items) {
        const name = isMap(item) ? scalarValue(item.get('name')) : undefined;
        if (name && !PSS_SAFE_SYSCTLS.has(name.text)) ctx.report({ span: name.span, messageId: 'unsafe', data: { subject: 'The pod', name: name.text } });
      }
    },
  },
});

/** `sysctls` as a map (`net.core.somaxconn: 1024`) or a list (`- net.core.somaxconn=1024`), with the span of each name. */
function composeSysctls(node: YNode | undefined): { name: string; span: Span }[] {
  if (isMap(node)) return node.entries().map((p) => ({ name: p.keyText, span: p.key.span }));
  if (!isSeq(node)) return [];
  const out: { name: string; span: Span }[] = [];
  for (const item of node.items) {
    const value = scalarValue(item);
    if (!value) continue;
    const eq = value.text.indexOf('=');
    const raw = eq < 0 ? value.text : value.text.slice(0, eq);
    const name = raw.trim();
    const start = raw.indexOf(name);
    out.push({ name, span: innerSpan(value, start, start + name.length) });
  }
  return out;
}

/**
 * The span of `text.slice(start, end)` inside a scalar when its source maps 1:1 to its value
 * (plain, or quoted without escapes, not through an alias); otherwise the whole scalar.
 */
function innerSpan(value: ScalarValue, start: number, end: number): Span {
  const { node } = value;
  if (node.aliasSpan) return value.span;
  if (node.style !== 'plain' && node.style !== 'single' && node.style !== 'double') return value.span;
  const quote = node.style === 'plain' ? 0 : 1;
  // Escapes and folded line breaks change the length: only map when the source length matches.
  if (node.span.end - node.span.start !== node.text.length + 2 * quote) return value.span;
  return { start: node.span.start + quote + start, end: node.span.start + quote + end };
}
