import { defineRule } from '../rule';
import { bindingObject } from './shared/rbac';

type MessageId = 'clusterAdmin' | 'mastersGroup' | 'anonymous';

/** Subjects that stand for everyone without credentials. */
const ANONYMOUS: Readonly<Record<string, readonly (string | undefined)[]>> = {
  'system:anonymous': ['User', 'Group', undefined],
  'system:unauthenticated': ['Group', undefined],
};

/**
 * Built-in roles meant for unauthenticated clients: version and health endpoints (bound by the API
 * server itself) and the service account issuer's OIDC discovery documents.
 */
const PUBLIC_ROLES = new Set(['system:public-info-viewer', 'system:service-account-issuer-discovery']);

export default defineRule<MessageId>({
  id: 'rbac-cluster-admin-binding',
  title: 'Binding grants cluster-admin or binds a super-user or anonymous group',
  severity: 'error',
  fix: 'none',
  refs: ['CIS K8s 5.1.1'],
  messages: {
    clusterAdmin: '{{binding}} grants the cluster-admin ClusterRole, full control over every resource {{scope}}; bind a role limited to what its subjects need.',
    mastersGroup: '{{binding}} names the group "system:masters", whose members bypass every authorization check; super-user access should come from break-glass credentials, not from bindings managed here.',
    anonymous: '{{binding}} grants "{{roleName}}" to "{{subject}}", that is to every request without credentials; bind it to authenticated subjects only.',
  },
  check: {
    k8s(object, ctx) {
      const binding = bindingObject(object);
      if (!binding) return;
      const ref = binding.roleRef;
      if (ref && ref.name === 'cluster-admin' && (ref.kind === 'ClusterRole' || ref.kind === undefined)) {
        const scope = binding.cluster ? 'in the whole cluster' : object.namespace !== undefined ? `in namespace "${object.namespace}"` : 'in its namespace';
        ctx.report({ span: ref.nameSpan, messageId: 'clusterAdmin', data: { binding: binding.label, scope } });
      }
      for (const subject of binding.subjects) {
        if (subject.name === 'system:masters' && (subject.kind === 'Group' || subject.kind === undefined)) {
          ctx.report({ span: subject.nameSpan, messageId: 'mastersGroup', data: { binding: binding.label } });
        } else if (ANONYMOUS[subject.name]?.includes(subject.kind) && !(ref && PUBLIC_ROLES.has(ref.name))) {
          ctx.report({ span: subject.nameSpan, messageId: 'anonymous', data: { binding: binding.label, roleName: ref?.name ?? 'its role', subject: subject.name } });
        }
      }
    },
  },
});
