import { defineRule } from '../rule';
import { coversCoreGroup, roleObject } from './shared/rbac';

type MessageId = 'escalationVerb' | 'createPods' | 'execPods';

const ESCALATION_VERBS: Readonly<Record<string, string>> = {
  bind: 'bind any role, including ones with more permissions than it holds',
  escalate: 'create or edit roles with more permissions than it holds',
  impersonate: 'act as other users, groups or service accounts',
};

/**
 * Subresources that run commands: exec and attach use POST (create) or, over WebSockets, GET;
 * the kubelet maps nodes/proxy HTTP methods to verbs, and its API runs commands in any pod.
 */
const EXEC_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  'pods/exec': ['create', 'get'],
  'pods/attach': ['create', 'get'],
  'nodes/proxy': ['create', 'get', 'update', 'patch', 'delete'],
};

const EXEC_WHY: Readonly<Record<string, string>> = {
  'pods/exec': 'run commands in pods',
  'pods/attach': 'attach to the running containers of pods',
  'nodes/proxy': 'use the kubelet API, which runs commands in every pod of a node,',
};

export default defineRule<MessageId>({
  id: 'rbac-privilege-escalation',
  title: 'RBAC rule allows privilege escalation',
  severity: 'error',
  fix: 'none',
  refs: ['CIS K8s 5.1.4', 'CIS K8s 5.1.8'],
  messages: {
    escalationVerb: 'The "{{verb}}" verb lets subjects of {{role}} {{why}}; remove it, or restrict the rule with resourceNames.',
    createPods: '{{role}} can create pods, which can mount any Secret and run as any ServiceAccount of the namespace; grant create on pods only to controllers that need it.',
    execPods: '{{role}} grants {{verbs}} on {{resource}}, which lets its subjects {{why}} with the privileges and credentials of those pods; keep it to admin roles.',
  },
  check: {
    k8s(object, ctx) {
      const role = roleObject(object);
      if (!role) return;
      for (const rule of role.rules) {
        if (rule.resources.length === 0) continue;
        const has = (verb: string): boolean => rule.verbs.some((v) => v.value === verb);
        // Explicit verbs only: "*" (and a "*" resource) is rbac-wildcard's finding.
        if (rule.resourceNames.length === 0) {
          for (const verb of rule.verbs) {
            const why = ESCALATION_VERBS[verb.value];
            if (why) ctx.report({ span: verb.span, messageId: 'escalationVerb', data: { verb: verb.value, role: role.label, why } });
          }
        }
        if (!coversCoreGroup(rule)) continue;
        // resourceNames does not restrict create, so it does not narrow this grant.
        const pods = rule.resources.find((r) => r.value === 'pods');
        if (pods && has('create')) ctx.report({ span: pods.span, messageId: 'createPods', data: { role: role.label } });
        const seen = new Set<string>();
        for (const resource of rule.resources) {
          const verbs = EXEC_RESOURCES[resource.value];
          if (!verbs || seen.has(resource.value)) continue;
          seen.add(resource.value);
          const granted = verbs.filter(has);
          if (granted.length === 0) continue;
          const data = { role: role.label, verbs: granted.map((v) => `"${v}"`).join(', '), resource: resource.value, why: EXEC_WHY[resource.value]! };
          ctx.report({ span: resource.span, messageId: 'execPods', data });
        }
      }
    },
  },
});
