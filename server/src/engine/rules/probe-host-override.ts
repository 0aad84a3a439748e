import { defineRule } from '../rule';
import { containerLabel, lookup, podContainers, scalarAt } from './shared/pod-security';

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
          for (const action of ['httpGet', 'tcpSocket']) {
            const host = scalarAt(lookup(container.node, ...path, action, 'host'));
            if (host && host.text !== '') {
              ctx.report({ span: host.span, messageId: 'host', data: { subject: containerLabel(container), handler: `${path.join('.')}.${action}`, host: host.text } });
            }
          }
        }
      }
    },
  },
});
