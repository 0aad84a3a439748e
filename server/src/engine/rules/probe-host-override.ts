import { isMap } from '../model/yaml';
import { defineRule } from '../rule';
import { containerLabel, podContainers, scalarValue } from './shared/pod-security';

/** Handlers whose `host` the kubelet connects to (policy/check_hostProbesAndHostLifecycle.go). */
const HANDLERS: readonly (readonly string[])[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

export default defineRule<'host'>({
  id: 'probe-host-override',
  title: 'Probe or lifecycle hook targets another host',
  severity: 'warning',
  fix: 'none',
  refs: ['PSS baseline: Host Probes / Lifecycle Hooks (v1.34+)'],
  messages: {
    host:
      '{{subject}} {{handler}} targets host "{{host}}": the kubelet sends that request from the node, so it can reach addresses the pod itself cannot; leave host unset to target the pod IP.',
  },
  check: {
    k8s(object, ctx) {
      for (const container of podContainers(object)) {
        for (const path of HANDLERS) {
          const handler = container.node.path(...path);
          if (!isMap(handler)) continue;
          for (const action of ['httpGet', 'tcpSocket']) {
            const target = handler.get(action);
            const host = isMap(target) ? scalarValue(target.get('host')) : undefined;
            if (host && host.text !== '') {
              ctx.report({ span: host.span, messageId: 'host', data: { subject: containerLabel(container), handler: `${path.join('.')}.${action}`, host: host.text } });
            }
          }
        }
      }
    },
  },
});
