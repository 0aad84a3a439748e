import { defineRule } from '../rule';
import { str } from '../model/yaml';

type MessageId = 'noProbes';

export default defineRule<MessageId>({
  id: 'probe-missing',
  title: 'Container has no liveness or readiness probe',
  severity: 'info',
  fix: 'none',
  refs: ['CKV_K8S_8', 'CKV_K8S_9'],
  messages: {
    noProbes: 'Container "{{container}}" has neither a liveness nor a readiness probe, so Kubernetes cannot restart it when it hangs nor hold traffic back while it is not ready; add the probes its service supports.',
  },
  check: {
    k8s(object, ctx) {
      const pod = object.pod;
      // Jobs, CronJobs and bare pods that do not restart run to completion: probes do not apply.
      if (!pod || pod.runsToCompletion) return;
      if (object.kind === 'Pod') {
        const restart = str(pod.node.get('restartPolicy'));
        if (restart === 'Never' || restart === 'OnFailure') return;
      }
      // Init containers finish before the pod starts (sidecars with restartPolicy: Always are
      // helpers whose probes are optional); ephemeral containers cannot have probes.
      for (const container of pod.containers) {
        // A container without an image is a kustomize patch or other fragment, not a whole container.
        if (container.type !== 'containers' || !container.node.has('image')) continue;
        if (container.node.has('livenessProbe') || container.node.has('readinessProbe')) continue;
        ctx.report({ span: container.anchor, messageId: 'noProbes', data: { container: container.name } });
      }
    },
  },
});
