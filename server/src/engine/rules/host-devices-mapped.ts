import { defineRule } from '../rule';
import { interpolateDefaults } from './shared/mounts';
import { isMap, items, nodeSpan, str } from '../model/yaml';

export default defineRule<'device'>({
  id: 'host-devices-mapped',
  title: 'Host device mapped into container',
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 5.18', 'CWE-250'],
  messages: {
    device:
      'Host device "{{device}}" is mapped into the container: it can read and write the hardware directly, outside the container\'s isolation; map only devices the service needs, read-only where possible.',
  },
  check: {
    compose(file, ctx) {
      const seen = new Set<number>();
      for (const service of file.services) {
        for (const entry of items(service.node.get('devices'))) {
          const span = nodeSpan(entry);
          if (seen.has(span.start)) continue;
          seen.add(span.start);
          // Short syntax `HOST[:CONTAINER[:PERMISSIONS]]` or a CDI name; long syntax `{source, target, permissions}`.
          const text = isMap(entry) ? str(entry.get('source')) : str(entry);
          if (text === undefined) continue;
          const device = isMap(entry) ? text : hostPart(text);
          ctx.report({ span, messageId: 'device', data: { device } });
        }
      }
    },
  },
});

/** The host side of `/dev/x:/dev/y:rwm` (colons inside `${VAR:-default}` kept), or a CDI name as written. */
function hostPart(text: string): string {
  if (!text.startsWith('/') && !text.startsWith('$')) return text;
  const resolved = interpolateDefaults(text).resolved ?? text;
  const colon = resolved.indexOf(':');
  return colon < 0 ? resolved : resolved.slice(0, colon);
}
