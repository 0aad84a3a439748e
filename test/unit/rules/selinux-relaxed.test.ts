import rule from '../../../server/src/engine/rules/selinux-relaxed';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["label=level:s0:c100,c200", "label:type:svirt_apache_t"]\n' },
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          seLinuxOptions: {type: container_t, level: "s0:c123,c456"}
        initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            seLinuxOptions: {type: container_init_t}
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seLinuxOptions:
              type: container_kvm_t
        - name: engine
          image: docker:27-dind
          securityContext:
            seLinuxOptions: {type: container_engine_t, user: "", role: ""}
    `,
    { name: 'k8s: empty options', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {seLinuxOptions: {}}\n  containers: [{name: app, image: "nginx:1.27"}]\n' },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            security_opt:
              - label:disable
              - label=disable
          tools:
            image: example/tools:1
            security_opt: ["label:type:spc_t", label=type:unconfined_t]
      `,
      errors: [
        {
          messageId: 'composeDisable',
          message: 'Service "web" sets "label:disable", which turns off SELinux separation for the container; remove it.',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 22,
          severity: 'warning',
        },
        { messageId: 'composeDisable', line: 6, column: 9, endLine: 6, endColumn: 22 },
        {
          messageId: 'composeType',
          message: 'Service "tools" sets "label:type:spc_t", which runs it with the SELinux type spc_t that is not confined; remove it.',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 38,
        },
        { messageId: 'composeType', line: 9, column: 40, endLine: 9, endColumn: 63 },
      ],
    },
    {
      name: 'k8s: types outside the allowed set, custom user and role, third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                seLinuxOptions:
                  user: system_u
              initContainers:
              - name: init
                image: busybox:1.36
                securityContext:
                  seLinuxOptions: {type: spc_t, role: system_r}
              containers:
              - name: web
                image: nginx:1.27
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                securityContext:
                  seLinuxOptions:
                    type: "unconfined_t"
      `,
      errors: [
        {
          messageId: 'userRole',
          message: 'The pod sets a custom SELinux user "system_u", which Pod Security baseline forbids because it can grant access outside the container.',
          line: 17,
          column: 17,
          endLine: 17,
          endColumn: 25,
        },
        {
          messageId: 'type',
          message:
            'Init container "init" sets seLinuxOptions type "spc_t"; Pod Security baseline allows only container_t, container_init_t, container_kvm_t and container_engine_t, since other types can lift SELinux confinement.',
          line: 22,
          column: 34,
          endLine: 22,
          endColumn: 39,
        },
        { messageId: 'userRole', line: 22, column: 47, endLine: 22, endColumn: 55 },
        { messageId: 'type', line: 31, column: 19, endLine: 31, endColumn: 33 },
      ],
    },
  ],
});
