import { effectiveSecurity } from '../model/k8s';
import { defineRule } from '../rule';
import { seccompDefaultFix, withHarden } from './shared/k8s-fixes';
import { confinedSeccompAnnotation, containerLabel, isFragment, isWindowsPod, podAnnotations, SECCOMP_CONTAINER_ANNOTATION, SECCOMP_POD_ANNOTATION } from './shared/pod-security';

type MessageId = 'missing' | 'annotationOnly';

export default defineRule<MessageId>({
  id: 'seccomp-profile-missing',
  title: 'No seccomp profile',
  severity: 'info',
  fix: 'suggestion',
  refs: ['PSS restricted: Seccomp', 'KSV-0030', 'CKV_K8S_31', 'CIS Kubernetes 5.7.2'],
  messages: {
    missing:
      '{{subject}} has no seccomp profile (neither its securityContext nor the pod\'s sets seccompProfile), so it may run without a syscall filter; set seccompProfile type RuntimeDefault at pod level.',
    annotationOnly:
      '{{subject}} gets its seccomp profile only from the deprecated annotation "{{key}}"; set securityContext.seccompProfile instead, which Pod Security restricted requires.',
  },
  check: {
    k8s(object, ctx) {
      const pod = object.pod;
      // Linux-only control: the API rejects seccompProfile on Windows pods.
      if (!pod || isWindowsPod(pod)) return;
      const annotations = new Map(podAnnotations(pod).map((a) => [a.key, a.value.text]));
      for (const container of pod.containers) {
        // A profile of the wrong type is seccomp-unconfined's finding.
        if (effectiveSecurity(container, 'seccompProfile') || isFragment(container)) continue;
        const subject = containerLabel(container);
        const key = [SECCOMP_CONTAINER_ANNOTATION + container.name, SECCOMP_POD_ANNOTATION].find((k) => annotations.has(k));
        const suggest = () => withHarden(container, seccompDefaultFix(container));
        if (key !== undefined && confinedSeccompAnnotation(annotations.get(key)!)) {
          ctx.report({ span: container.anchor, messageId: 'annotationOnly', data: { subject, key }, suggest });
        } else {
          ctx.report({ span: container.anchor, messageId: 'missing', data: { subject }, suggest });
        }
      }
    },
  },
});
