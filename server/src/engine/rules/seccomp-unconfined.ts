import type { PodSpec } from '../model/k8s';
import type { YMap } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import { removeServiceItem } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { setValue } from './shared/k8s-fixes';
import {
  confinedSeccompAnnotation,
  CONFINED_PROFILE_TYPES,
  containerLabel,
  lookup,
  ownSecurityOpts,
  podAnnotations,
  SECCOMP_CONTAINER_ANNOTATION,
  SECCOMP_POD_ANNOTATION,
  scalarAt,
  serviceLabel,
} from './shared/pod-security';

type MessageId = 'profileType' | 'annotation' | 'compose';

export default defineRule<MessageId>({
  id: 'seccomp-unconfined',
  title: 'Seccomp disabled',
  severity: 'error',
  fix: 'suggestion',
  refs: ['CIS Docker 5.22', 'PSS baseline: Seccomp', 'KSV-0104', 'CWE-250'],
  messages: {
    profileType:
      '{{subject}} sets seccompProfile type "{{type}}", which runs it without a syscall filter and exposes the whole kernel API; use RuntimeDefault or a Localhost profile.',
    annotation:
      'Annotation "{{key}}" sets the seccomp profile to "{{value}}", which runs {{target}} without a syscall filter; use securityContext.seccompProfile with type RuntimeDefault.',
    compose:
      '{{subject}} sets "{{option}}", which runs it without Docker\'s default syscall filter and exposes the whole kernel API; remove it or use a custom profile.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        for (const opt of ownSecurityOpts(service)) {
          if (opt.key === 'seccomp' && opt.value === 'unconfined') {
            const fix = removeServiceItem(service, `Remove "${opt.item.text}" from security_opt`, 'security_opt', opt.item);
            ctx.report({ span: opt.item.span, messageId: 'compose', data: { subject: serviceLabel(service), option: opt.item.text }, suggest: present(fix) });
          }
        }
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      checkProfile(ctx, pod, pod.node, 'The pod');
      for (const container of pod.containers) checkProfile(ctx, pod, container.node, containerLabel(container));
      // The annotations that seccompProfile replaced in Kubernetes 1.19: still a declared intent to run unconfined.
      const names = new Set(pod.containers.map((c) => c.name));
      for (const { key, value } of podAnnotations(pod)) {
        let target: string | undefined;
        if (key === SECCOMP_POD_ANNOTATION) target = 'the pod';
        else if (key.startsWith(SECCOMP_CONTAINER_ANNOTATION) && names.has(key.slice(SECCOMP_CONTAINER_ANNOTATION.length))) {
          target = `container "${key.slice(SECCOMP_CONTAINER_ANNOTATION.length)}"`;
        }
        if (target !== undefined && !confinedSeccompAnnotation(value.text)) {
          ctx.report({ span: value.span, messageId: 'annotation', data: { key, value: value.text, target } });
        }
      }
    },
  },
});

/** `owner` is the pod spec or a container: both keep the profile in `securityContext.seccompProfile`. */
function checkProfile(ctx: RuleContext<MessageId>, pod: PodSpec, owner: YMap, subject: string): void {
  const type = scalarAt(lookup(owner, 'securityContext', 'seccompProfile', 'type'));
  if (type && !CONFINED_PROFILE_TYPES.has(type.text)) {
    const fix = setValue(pod, 'Set seccompProfile type RuntimeDefault', type.node, 'RuntimeDefault');
    ctx.report({ span: type.span, messageId: 'profileType', data: { subject, type: type.text }, suggest: present(fix) });
  }
}
