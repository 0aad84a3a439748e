import rule from '../../../server/src/engine/rules/capabilities-dangerous';
import { dedent, RuleTester } from '../../rule-tester';

const pod = (add: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: ${add}\n`;

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n' },
    { name: 'compose: any case, CAP_ prefix', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [cap_setuid, Setgid]\n' },
    { name: 'compose: dropping is fine', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [SYS_ADMIN, NET_RAW]\n' },
    pod('[NET_BIND_SERVICE]'),
    { name: 'k8s: the whole default set', code: pod('[AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]') },
    { name: 'k8s: runtimes read chown as CHOWN outside the PSS profiles', code: pod('[chown, CAP_KILL]') },
    { name: 'k8s: restricted allows NET_BIND_SERVICE', code: pod('[NET_BIND_SERVICE]'), config: { profile: 'pss-restricted' } },
    { name: 'k8s: baseline allows the default set', code: pod('[CHOWN, SETUID]'), config: { profile: 'pss-baseline' } },
    {
      name: 'k8s: restricted\'s capability control does not apply to Windows pods',
      code: pod('[CHOWN]').replace('spec:\n', 'spec:\n  os: {name: windows}\n'),
      config: { profile: 'pss-restricted' },
    },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN\n',
      errors: [
        {
          messageId: 'dangerous',
          message:
            'Service "web" adds capability SYS_ADMIN, which allows mounts, namespaces and many other root-only operations, a common container escape; remove it or grant a narrower capability.',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 18,
          severity: 'error',
          suggestions: [
            {
              title: 'Remove "SYS_ADMIN" from cap_add',
              output: 'services:\n  web:\n    image: nginx:1.27\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: any case and prefix, ALL, non-default at warning',
      filename: 'docker-compose.yml',
      code: dedent`
        services:
          vpn:
            image: example/vpn:2
            cap_add: [cap_net_admin, "all", IPC_LOCK]
      `,
      errors: [
        {
          messageId: 'dangerous', line: 4, column: 15, endLine: 4, endColumn: 28, severity: 'error',
          suggestions: [
            {
              title: 'Remove "cap_net_admin" from cap_add',
              output: dedent`
                services:
                  vpn:
                    image: example/vpn:2
                    cap_add: ["all", IPC_LOCK]
              `,
            },
          ],
        },
        {
          messageId: 'dangerous', message: 'Service "vpn" adds capability ALL, which grants every capability, as good as privileged; remove it or grant a narrower capability.', line: 4, column: 30, endLine: 4, endColumn: 35,
          suggestions: [
            {
              title: 'Remove "all" from cap_add',
              output: dedent`
                services:
                  vpn:
                    image: example/vpn:2
                    cap_add: [cap_net_admin, IPC_LOCK]
              `,
            },
          ],
        },
        {
          messageId: 'nonDefault',
          message: 'Service "vpn" adds capability IPC_LOCK, which is outside the default set that Pod Security baseline allows; add it only if the workload really needs it.',
          line: 4,
          column: 37,
          endLine: 4,
          endColumn: 45,
          severity: 'warning',
          suggestions: [
            {
              title: 'Remove "IPC_LOCK" from cap_add',
              output: dedent`
                services:
                  vpn:
                    image: example/vpn:2
                    cap_add: [cap_net_admin, "all"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: every container type, third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            spec:
              initContainers:
              - name: init
                image: busybox:1.36
                securityContext:
                  capabilities: {add: [NET_RAW]}
              containers:
              - name: db
                image: example/db:5
                securityContext:
                  capabilities:
                    add:
                    - IPC_LOCK
                    - SYS_PTRACE
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                securityContext:
                  capabilities:
                    add: [BPF]
      `,
      errors: [
        {
          messageId: 'dangerous', message: 'Init container "init" adds capability NET_RAW, which allows crafting raw packets, e.g. for spoofing and ARP poisoning; remove it or grant a narrower capability.', line: 19, column: 32, endLine: 19, endColumn: 39,
          suggestions: [
            {
              title: 'Remove "NET_RAW" from capabilities.add',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                      containers:
                      - name: db
                        image: example/db:5
                        securityContext:
                          capabilities:
                            add:
                            - IPC_LOCK
                            - SYS_PTRACE
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            add: [BPF]
              `,
            },
          ],
        },
        {
          messageId: 'nonDefault', line: 26, column: 15, endLine: 26, endColumn: 23, severity: 'warning',
          suggestions: [
            {
              title: 'Remove "IPC_LOCK" from capabilities.add',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities: {add: [NET_RAW]}
                      containers:
                      - name: db
                        image: example/db:5
                        securityContext:
                          capabilities:
                            add:
                            - SYS_PTRACE
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            add: [BPF]
              `,
            },
          ],
        },
        {
          messageId: 'dangerous', line: 27, column: 15, endLine: 27, endColumn: 25, severity: 'error',
          suggestions: [
            {
              title: 'Remove "SYS_PTRACE" from capabilities.add',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities: {add: [NET_RAW]}
                      containers:
                      - name: db
                        image: example/db:5
                        securityContext:
                          capabilities:
                            add:
                            - IPC_LOCK
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
                        securityContext:
                          capabilities:
                            add: [BPF]
              `,
            },
          ],
        },
        {
          messageId: 'dangerous', message: 'Ephemeral container "debug" adds capability BPF, which allows loading BPF programs into the kernel; remove it or grant a narrower capability.', line: 33, column: 19, endLine: 33, endColumn: 22,
          suggestions: [
            {
              title: 'Remove "BPF" from capabilities.add',
              output: dedent`
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      initContainers:
                      - name: init
                        image: busybox:1.36
                        securityContext:
                          capabilities: {add: [NET_RAW]}
                      containers:
                      - name: db
                        image: example/db:5
                        securityContext:
                          capabilities:
                            add:
                            - IPC_LOCK
                            - SYS_PTRACE
                      ephemeralContainers:
                      - name: debug
                        image: busybox:1.36
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: a shared list of capabilities is reported where each container uses it; only the alias user can drop it (without SYS_ADMIN, privilege-escalation-allowed reports the missing field instead of the implied escalation)',
      allowNewFindings: ['privilege-escalation-allowed'],
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: nginx:1.27
            securityContext:
              capabilities: {add: &caps [SYS_ADMIN]}
          - name: b
            image: nginx:1.27
            securityContext:
              capabilities: {add: *caps}
      `,
      errors: [
        { messageId: 'dangerous', line: 9, column: 34, endLine: 9, endColumn: 43 },
        {
          messageId: 'dangerous', message: rule.messages.dangerous.replace('{{subject}}', 'Container "b"').replace('{{cap}}', 'SYS_ADMIN').replace('{{risk}}', 'allows mounts, namespaces and many other root-only operations, a common container escape'), line: 13, column: 22, endLine: 13, endColumn: 25,
          suggestions: [
            {
              title: 'Remove "SYS_ADMIN" from capabilities.add',
              output: dedent`
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: a
                    image: nginx:1.27
                    securityContext:
                      capabilities: {add: &caps [SYS_ADMIN]}
                  - name: b
                    image: nginx:1.27
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: Pod Security compares names exactly',
      code: pod('[chown, "CAP_CHOWN", SYS_ADMIN]'),
      config: { profile: 'pss-baseline' },
      errors: [
        {
          messageId: 'spelling',
          message: 'Container "app" adds "chown", which Pod Security admission rejects: it only accepts the names of the default set as written there ("CHOWN").',
          line: 11,
          column: 15,
          endLine: 11,
          endColumn: 20,
          severity: 'error',
          suggestions: [
            {
              title: 'Write CHOWN',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [CHOWN, "CAP_CHOWN", SYS_ADMIN]\n',
            },
          ],
        },
        {
          messageId: 'spelling', line: 11, column: 22, endLine: 11, endColumn: 33, severity: 'error',
          suggestions: [
            {
              title: 'Write CHOWN',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [chown, "CHOWN", SYS_ADMIN]\n',
            },
          ],
        },
        {
          messageId: 'dangerous', line: 11, column: 35, endLine: 11, endColumn: 44, severity: 'error',
          suggestions: [
            {
              title: 'Remove "SYS_ADMIN" from capabilities.add',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [chown, "CAP_CHOWN"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: restricted allows adding only NET_BIND_SERVICE',
      code: pod('[NET_BIND_SERVICE, CHOWN]'),
      config: { profile: 'pss-restricted' },
      errors: [
        {
          messageId: 'restricted',
          message: 'Container "app" adds capability CHOWN; Pod Security restricted allows adding only NET_BIND_SERVICE.',
          line: 11,
          column: 33,
          endLine: 11,
          endColumn: 38,
          severity: 'error',
          suggestions: [
            {
              title: 'Remove "CHOWN" from capabilities.add',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n        add: [NET_BIND_SERVICE]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: block list with comments, CRLF and 4-space indentation',
      filename: 'compose.yaml',
      code: 'services:\r\n    vpn:\r\n        image: example/vpn:2\r\n        cap_add:\r\n            # tunnel setup\r\n            - NET_ADMIN   # routes\r\n            - SYS_MODULE\r\n        restart: always\r\n',
      errors: [
        {
          messageId: 'dangerous', line: 6, column: 15, endLine: 6, endColumn: 24,
          suggestions: [
            {
              title: 'Remove "NET_ADMIN" from cap_add',
              output: 'services:\r\n    vpn:\r\n        image: example/vpn:2\r\n        cap_add:\r\n            # tunnel setup\r\n            - SYS_MODULE\r\n        restart: always\r\n',
            },
          ],
        },
        {
          messageId: 'dangerous', line: 7, column: 15, endLine: 7, endColumn: 25,
          suggestions: [
            {
              title: 'Remove "SYS_MODULE" from cap_add',
              output: 'services:\r\n    vpn:\r\n        image: example/vpn:2\r\n        cap_add:\r\n            # tunnel setup\r\n            - NET_ADMIN   # routes\r\n        restart: always\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: 4-space indentation with indented lists',
      code: dedent`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
            name: agent
        spec:
            template:
                spec:
                    containers:
                        -   name: agent
                            image: example/agent:3
                            securityContext:
                                capabilities:
                                    add:
                                        - SYS_PTRACE
                                    drop:
                                        - ALL
      `,
      errors: [{
        messageId: 'dangerous', line: 14, column: 35, endLine: 14, endColumn: 45,
        suggestions: [
          {
            title: 'Remove "SYS_PTRACE" from capabilities.add',
            output: dedent`
              apiVersion: apps/v1
              kind: DaemonSet
              metadata:
                  name: agent
              spec:
                  template:
                      spec:
                          containers:
                              -   name: agent
                                  image: example/agent:3
                                  securityContext:
                                      capabilities:
                                          drop:
                                              - ALL
            `,
          },
        ],
      }],
    },
  ],
});
