import { isMap, items, nodeSpan, str } from '../model/yaml';
import { defineRule } from '../rule';
import { interpolateDefaults } from './shared/mounts';

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
          // Short syntax `HOST[:CONTAINER[:PERMISSIONS]]` or a CDI name; long syntax `{source, target, permissions}`.
          const node = isMap(entry) ? entry.get('source') : entry;
          const text = str(node);
          if (!node || text === undefined) continue;
          const span = nodeSpan(node);
          if (seen.has(span.start)) continue;
          seen.add(span.start);
          ctx.report({ span, messageId: 'device', data: { device: isMap(entry) ? text : hostPart(text) } });
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
