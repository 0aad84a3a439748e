import type { PodSpec } from '../model/k8s';
import type { YMap } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import { removeServiceItem } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { setValue } from './shared/k8s-fixes';
import {
  CONFINED_PROFILE_TYPES,
  containerLabel,
  lookup,
  ownSecurityOpts,
  podAnnotations,
  scalarAt,
  serviceLabel,
} from './shared/pod-security';

const APPARMOR_CONTAINER_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Legacy AppArmor annotation values allowed by Pod Security baseline: empty, `runtime/default`, `localhost/<profile>`. */
function confinedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

type MessageId = 'profileType' | 'annotation' | 'compose';

export default defineRule<MessageId>({
  id: 'apparmor-unconfined',
  title: 'AppArmor disabled',
  severity: 'error',
  fix: 'suggestion',
  refs: ['CIS Docker 5.1', 'PSS baseline: AppArmor'],
  messages: {
    profileType:
      '{{subject}} sets appArmorProfile type "{{type}}", which lifts the AppArmor confinement the runtime applies by default; use RuntimeDefault or a Localhost profile.',
    annotation:
      'Annotation "{{key}}" sets the AppArmor profile to "{{value}}", which lifts the confinement the runtime applies by default; use runtime/default or a localhost/ profile.',
    compose: '{{subject}} sets "{{option}}", which lifts the AppArmor confinement Docker applies by default; remove it or use a custom profile.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        for (const opt of ownSecurityOpts(service)) {
          if (opt.key === 'apparmor' && opt.value === 'unconfined') {
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
      // The beta annotations that appArmorProfile replaced in Kubernetes 1.30; Pod Security checks every one.
      for (const { key, value } of podAnnotations(pod)) {
        if (key.startsWith(APPARMOR_CONTAINER_ANNOTATION) && !confinedAppArmorAnnotation(value.text)) {
          ctx.report({ span: value.span, messageId: 'annotation', data: { key, value: value.text } });
        }
      }
    },
  },
});

/** `owner` is the pod spec or a container: both keep the profile in `securityContext.appArmorProfile`. */
function checkProfile(ctx: RuleContext<MessageId>, pod: PodSpec, owner: YMap, subject: string): void {
  const type = scalarAt(lookup(owner, 'securityContext', 'appArmorProfile', 'type'));
  if (type && !CONFINED_PROFILE_TYPES.has(type.text)) {
    const fix = setValue(pod, 'Set appArmorProfile type RuntimeDefault', type.node, 'RuntimeDefault');
    ctx.report({ span: type.span, messageId: 'profileType', data: { subject, type: type.text }, suggest: present(fix) });
  }
}
