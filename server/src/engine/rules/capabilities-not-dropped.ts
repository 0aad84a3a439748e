import { defineRule } from '../rule';
import { addServiceItem } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { setContainerSecurity, setValue, withHarden } from './shared/k8s-fixes';
import { composeList, containerLabel, containerSetting, isComposeFragment, isFragment, isWindowsPod, itemsAt, normalizeCapability, pssLevel, serviceLabel } from './shared/pod-security';

type MessageId = 'missing' | 'partial' | 'spelling' | 'composeMissing' | 'composePartial';

export default defineRule<MessageId>({
  id: 'capabilities-not-dropped',
  title: 'Capabilities not dropped',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['PSS restricted: Capabilities', 'KSV-0003', 'CWE-250'],
  messages: {
    missing:
      '{{subject}} keeps the container runtime\'s default capabilities (such as NET_RAW, CHOWN and SETUID); set securityContext.capabilities.drop: ["ALL"] and add back only what it needs.',
    partial: '{{subject}} drops some capabilities but not ALL, so it keeps the rest of the default set; drop "ALL" and add back only what it needs.',
    spelling: '{{subject}} drops "{{raw}}", but Pod Security admission only recognises "ALL" written exactly like that.',
    composeMissing:
      '{{subject}} keeps Docker\'s default capabilities (such as NET_RAW, CHOWN and SETUID); set cap_drop: [ALL] and add back only what it needs with cap_add.',
    composePartial: '{{subject}} drops some capabilities but not ALL, so it keeps the rest of Docker\'s default set; use cap_drop: [ALL] and add back only what it needs.',
  },
  check: {
    compose(file, ctx) {
      for (const service of file.services) {
        // Compose merges cap_drop along `extends`; any case, with or without CAP_, drops all.
        const list = composeList(service, 'cap_drop');
        if (list.items.some((i) => normalizeCapability(i.text) === 'ALL') || !list.complete || isComposeFragment(service)) continue;
        const data = { subject: serviceLabel(service) };
        const suggest = () => present(addServiceItem(service, 'Drop all capabilities (cap_drop: [ALL])', 'cap_drop', 'ALL'));
        if (list.items.length > 0) ctx.report({ span: list.ownKey ?? service.nameSpan, messageId: 'composePartial', data, suggest });
        else ctx.report({ span: service.nameSpan, messageId: 'composeMissing', data, suggest });
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      // Linux-only control: the API rejects capabilities on Windows pods.
      if (!pod || isWindowsPod(pod)) return;
      const level = pssLevel(ctx.config);
      for (const container of pod.containers) {
        const dropSetting = containerSetting(container, 'capabilities', 'drop');
        const drop = itemsAt(dropSetting);
        if (drop.some((i) => i.text === 'ALL')) continue;
        // The runtimes read `all` and `CAP_ALL` as ALL, but Pod Security admission compares exactly.
        const loose = drop.find((i) => normalizeCapability(i.text) === 'ALL');
        if (loose && !level) continue;
        const subject = containerLabel(container);
        const dropAll = () => withHarden(container, setContainerSecurity(container, 'Drop all capabilities (capabilities.drop: [ALL])', { capabilities: { drop: ['ALL'] } }));
        if (loose) ctx.report({ span: loose.span, messageId: 'spelling', data: { subject, raw: loose.text }, suggest: () => withHarden(container, setValue(container.pod, 'Write "ALL"', loose.node, 'ALL')) });
        else if (dropSetting && drop.length > 0) ctx.report({ span: dropSetting.key, messageId: 'partial', data: { subject }, suggest: dropAll });
        else if (!isFragment(container)) ctx.report({ span: container.anchor, messageId: 'missing', data: { subject }, suggest: dropAll });
      }
    },
  },
});
