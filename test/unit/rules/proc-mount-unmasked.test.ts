import rule from '../../../server/src/engine/rules/proc-mount-unmasked';
import { dedent, RuleTester } from '../../rule-tester';

const pod = (procMount: string, spec = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      procMount: ${procMount}\n`;

new RuleTester().run(rule, {
  valid: [
    pod('Default'),
    { name: 'k8s: field unset', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: "nginx:1.27"}]\n' },
    { name: 'k8s: in a user namespace the /proc is the pod\'s own', code: pod('Unmasked', '  hostUsers: false\n') },
    { name: 'k8s: baseline allows it with hostUsers: false', code: pod('Unmasked', '  hostUsers: no\n'), config: { profile: 'pss-baseline' } },
  ],
  invalid: [
    {
      code: pod('Unmasked'),
      errors: [
        {
          messageId: 'unmasked',
          message:
            'Container "app" sets procMount: Unmasked, which exposes the /proc paths the runtime normally masks or makes read-only, such as /proc/kcore and /proc/sysrq-trigger; remove it (Pod Security baseline allows it only in pods with hostUsers: false).',
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 26,
          severity: 'error',
        },
      ],
    },
    { name: 'k8s: hostUsers: true does not relax it', code: pod('"Unmasked"', '  hostUsers: true\n'), errors: [{ messageId: 'unmasked', line: 10, column: 18, endLine: 10, endColumn: 28 }] },
    {
      name: 'k8s: restricted forbids it even with hostUsers: false',
      code: pod('Unmasked', '  hostUsers: false\n'),
      config: { profile: 'pss-restricted' },
      errors: [{ messageId: 'unmasked', line: 10, column: 18, endLine: 10, endColumn: 26, severity: 'error' }],
    },
    {
      name: 'k8s: every container type, List item in the third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              spec:
                initContainers:
                - {name: init, image: "busybox:1.36", securityContext: {procMount: Unmasked}}
                containers:
                - name: web
                  image: nginx:1.27
                ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  securityContext:
                    procMount: Unmasked
      `,
      errors: [
        { messageId: 'unmasked', message: rule.messages.unmasked.replace('{{subject}}', 'Init container "init"').replace('{{value}}', 'Unmasked'), line: 19, column: 76, endLine: 19, endColumn: 84 },
        { messageId: 'unmasked', message: rule.messages.unmasked.replace('{{subject}}', 'Ephemeral container "debug"').replace('{{value}}', 'Unmasked'), line: 27, column: 24, endLine: 27, endColumn: 32 },
      ],
    },
  ],
});
