import { isMap, isSeq, type YNode } from '../model/yaml';
import { defineRule } from '../rule';
import type { Span } from '../source';
import { innerSpan, PSS_SAFE_SYSCTLS, scalarValue, serviceLabel } from './shared/pod-security';

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
