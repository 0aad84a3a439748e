import { defineRule } from '../rule';
import { coversCoreGroup, roleObject } from './shared/rbac';

type MessageId = 'readSecrets';

/** Verbs that return Secret contents; `*` includes them. */
const READ_VERBS = ['get', 'list', 'watch', '*'];

export default defineRule<MessageId>({
  id: 'rbac-secrets-access',
  title: 'RBAC rule can read Secrets',
  severity: 'warning',
  fix: 'none',
  refs: ['CIS K8s 5.1.2', 'KSV-0041'],
  messages: {
    readSecrets: '{{role}} grants {{verbs}} on every Secret {{scope}}, so anyone bound to it can read the credentials and tokens they hold; restrict the rule with resourceNames or remove the access.',
  },
  check: {
    k8s(object, ctx) {
      const role = roleObject(object);
      if (!role) return;
      for (const rule of role.rules) {
        // resourceNames narrows the grant to named Secrets: the least-privilege form this rule asks for.
        if (rule.resourceNames.length > 0 || !coversCoreGroup(rule)) continue;
        // A "*" resource is rbac-wildcard's finding; this rule points at an explicit "secrets".
        const secrets = rule.resources.find((r) => r.value === 'secrets');
        if (!secrets) continue;
        const verbs = READ_VERBS.filter((v) => rule.verbs.some((r) => r.value === v));
        if (verbs.length === 0) continue;
        ctx.report({
          span: secrets.span,
          messageId: 'readSecrets',
          data: {
            role: role.label,
            scope: role.cluster ? 'of the namespaces it is bound in (all of them through a ClusterRoleBinding)' : 'of its namespace',
            verbs: verbs.map((v) => `"${v}"`).join(', '),
          },
        });
      }
    },
  },
});
