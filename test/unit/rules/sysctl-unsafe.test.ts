import rule from '../../../server/src/engine/rules/sysctl-unsafe';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    sysctls:\n      net.ipv4.ip_unprivileged_port_start: 80\n' },
    { name: 'compose: list form', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    sysctls: ["net.ipv4.tcp_keepalive_time=600", net.ipv4.ping_group_range=0 2147483647]\n' },
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          sysctls:
          - {name: kernel.shm_rmid_forced, value: "0"}
          - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
          - {name: net.ipv4.tcp_syncookies, value: "0"}
          - {name: net.ipv4.ip_local_reserved_ports, value: "1024-4999"}
          - {name: net.ipv4.tcp_fin_timeout, value: "30"}
          - {name: net.ipv4.tcp_keepalive_intvl, value: "30"}
          - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
          - {name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}
          - {name: net.ipv4.tcp_wmem, value: "4096 65536 16777216"}
          - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
          - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
        containers: [{name: app, image: "nginx:1.27"}]
    `,
    { name: 'k8s: container securityContext has no sysctls', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: "nginx:1.27", securityContext: {sysctls: [{name: vm.swappiness, value: "1"}]}}]\n' },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: dedent`
        services:
          redis:
            image: redis:7.4
            sysctls:
              net.core.somaxconn: 1024
              "kernel.shm_rmid_forced": 1
      `,
      errors: [
        {
          messageId: 'unsafe',
          message: 'Service "redis" sets sysctl net.core.somaxconn, which is outside the Pod Security safe set: it may not be isolated per pod and can weaken or affect the whole node.',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 25,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'compose: list form points at the name, quoted or not; escapes point at the item',
      filename: 'compose.yaml',
      code: dedent`
        services:
          vpn:
            image: example/vpn:2
            sysctls:
              - net.ipv4.conf.all.src_valid_mark=1
              - "net.ipv4.ip_forward=1"
              - net.ipv4.tcp_syncookies=1
              - 'net.ipv4.tcp_syncookies=1'
              - "net.core.rmem_max\\x3d1"
      `,
      errors: [
        { messageId: 'unsafe', line: 5, column: 9, endLine: 5, endColumn: 41 },
        { messageId: 'unsafe', line: 6, column: 10, endLine: 6, endColumn: 29 },
        { messageId: 'unsafe', message: 'Service "vpn" sets sysctl net.core.rmem_max, which is outside the Pod Security safe set: it may not be isolated per pod and can weaken or affect the whole node.', line: 9, column: 9, endLine: 9, endColumn: 33 },
      ],
    },
    {
      name: 'k8s: pod sysctls, Deployment in the third document',
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
                sysctls:
                - name: net.ipv4.tcp_syncookies
                  value: "1"
                - name: "kernel.msgmax"
                  value: "65536"
                - {name: net.core.somaxconn, value: "1024"}
              containers: [{name: web, image: "nginx:1.27"}]
      `,
      errors: [
        { messageId: 'unsafe', message: 'The pod sets sysctl kernel.msgmax, which is outside the Pod Security safe set: it may not be isolated per pod and can weaken or affect the whole node.', line: 19, column: 17, endLine: 19, endColumn: 32 },
        { messageId: 'unsafe', line: 21, column: 18, endLine: 21, endColumn: 36 },
      ],
    },
  ],
});
