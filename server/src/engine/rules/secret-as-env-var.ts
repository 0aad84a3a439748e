import { isMap, items, str } from '../model/yaml';
import { defineRule } from '../rule';

export default defineRule<'secretKeyRef' | 'secretRef'>({
  id: 'secret-as-env-var',
  title: 'Secret consumed as an environment variable',
  severity: 'off',
  fix: 'none',
  refs: ['CKV_K8S_35', 'kube-linter env-var-secret', 'CIS Kubernetes 5.4.1', 'CWE-526'],
  messages: {
    secretKeyRef:
      'Container "{{container}}" reads Secret "{{secret}}" into environment variable {{name}}; environment variables leak into logs, crash dumps and child processes, so prefer mounting the Secret as a file.',
    secretRef:
      'Container "{{container}}" loads every key of Secret "{{secret}}" as environment variables (envFrom); environment variables leak into logs, crash dumps and child processes, so prefer mounting the Secret as a file.',
  },
  check: {
    k8s(object, ctx) {
      // Env lists shared through YAML aliases are reported once, at the anchored definition.
      const seen = new Set<number>();
      const once = (offset: number): boolean => {
        if (seen.has(offset)) return false;
        seen.add(offset);
        return true;
      };
      for (const c of object.pod?.containers ?? []) {
        for (const item of items(c.node.get('env'))) {
          if (!isMap(item)) continue;
          const valueFrom = item.get('valueFrom');
          const ref = isMap(valueFrom) ? valueFrom.pair('secretKeyRef') : undefined;
          if (!ref || !once(ref.key.span.start)) continue;
          const secret = isMap(ref.value) ? str(ref.value.get('name')) : undefined;
          ctx.report({ span: ref.key.span, messageId: 'secretKeyRef', data: { container: c.name, name: str(item.get('name')) ?? '?', secret: secret ?? '?' } });
        }
        for (const item of items(c.node.get('envFrom'))) {
          const ref = isMap(item) ? item.pair('secretRef') : undefined;
          if (!ref || !once(ref.key.span.start)) continue;
          const secret = isMap(ref.value) ? str(ref.value.get('name')) : undefined;
          ctx.report({ span: ref.key.span, messageId: 'secretRef', data: { container: c.name, secret: secret ?? '?' } });
        }
      }
    },
  },
});
