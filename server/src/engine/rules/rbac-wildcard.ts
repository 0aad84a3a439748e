import { defineRule } from '../rule';
import { coversCoreGroup, roleObject, type RbacValue } from './shared/rbac';

type MessageId = 'verbs' | 'resources' | 'apiGroups';

const READ_ONLY = new Set(['get', 'list', 'watch']);

export default defineRule<MessageId>({
  id: 'rbac-wildcard',
  title: 'RBAC rule uses a wildcard',
  severity: 'error',
  fix: 'none',
  refs: ['CIS K8s 5.1.3', 'KSV-0044', 'KSV-0045', 'KSV-0046'],
  messages: {
    verbs: 'The "*" verb in {{role}} grants every action on the listed resources, including delete, escalate and impersonate, and any verb added later; list only the verbs that are needed.',
    resources: 'The "*" resource in {{role}} grants access to {{scope}}, and to any resource added later; list only the resources that are needed.',
    apiGroups: 'The "*" API group in {{role}} applies the rule to every API group, including custom resources installed later; list the API groups explicitly.',
  },
  check: {
    k8s(object, ctx) {
      const role = roleObject(object);
      if (!role) return;
      for (const rule of role.rules) {
        // Non-resource rules (nonResourceURLs) grant HTTP paths such as /healthz, not API objects.
        if (rule.resources.length === 0) continue;
        const core = coversCoreGroup(rule);
        const allGroups = rule.apiGroups?.some((g) => g.value === '*') ?? false;
        const readsSecrets = core && rule.resources.some((r) => r.value === '*' || r.value === 'secrets');
        // Read-only access to the resources of named groups, without Secrets, is a smaller risk.
        const readOnly = rule.verbs.length > 0 && rule.verbs.every((v) => READ_ONLY.has(v.value));
        const severity = readOnly && !readsSecrets ? 'warning' : undefined;
        const scope = allGroups
          ? 'every resource of every API group, Secrets included'
          : core
            ? 'every resource of the listed API groups, Secrets included'
            : 'every resource of the listed API groups';
        const fields: [MessageId, readonly RbacValue[]][] = [
          ['apiGroups', rule.apiGroups ?? []],
          ['resources', rule.resources],
          ['verbs', rule.verbs],
        ];
        for (const [messageId, list] of fields) {
          const star = list.find((v) => v.value === '*');
          if (star) ctx.report({ span: star.span, messageId, data: { role: role.label, scope }, ...(severity ? { severity } : {}) });
        }
      }
    },
  },
});
