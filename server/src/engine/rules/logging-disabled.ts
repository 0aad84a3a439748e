import { defineRule } from '../rule';
import type { ComposeService } from '../model/compose';
import { isMap, isScalar, nodeSpan, type YNode } from '../model/yaml';
import type { Span } from '../source';

type MessageId = 'driverNone';

export default defineRule<MessageId>({
  id: 'logging-disabled',
  title: 'Container logging is disabled',
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 2.12'],
  messages: {
    driverNone: 'Service "{{service}}" uses the "none" logging driver, so its output is discarded and leaves no audit trail for incidents; use a logging driver that keeps or ships the logs.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        const logging = service.node.pair('logging');
        const driver = isMap(logging?.value) ? logging.value.pair('driver') : undefined;
        // Compose file format v1 spelled it `log_driver`.
        const found = driver ?? service.node.pair('log_driver');
        if (!found?.value || !isNone(found.value)) continue;
        ctx.report({ span: pointAt(service, found.value, logging?.key.span), messageId: 'driverNone', data: { service: service.name } });
      }
    },
  },
});

function isNone(node: YNode): boolean {
  return isScalar(node) && node.value !== null && node.text === 'none';
}

/**
 * The driver value when it is written in the service; when it comes from an anchor or a merge
 * key shared by several services, the service's own `logging` key, else the service name.
 */
function pointAt(service: ComposeService, value: YNode, loggingKey: Span | undefined): Span {
  const inside = (s: Span): boolean => s.start >= service.node.span.start && s.end <= service.node.span.end;
  const span = nodeSpan(value);
  if (inside(span)) return span;
  if (loggingKey && inside(loggingKey)) return loggingKey;
  return service.nameSpan;
}
