import rule from '../../../server/src/engine/rules/host-namespace-shared';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    {
      filename: 'compose.yaml',
      code: dedent`
        services:
          app:
            image: example/app:1
          sidecar:
            image: example/sidecar:1
            network_mode: "service:app"
            pid: "service:app"
            ipc: shareable
          other:
            image: example/other:1
            network_mode: bridge
            userns_mode: "keep-id"
      `,
    },
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostNetwork: false
        hostPID: no
        containers: [{name: app, image: "nginx:1.27"}]
    `,
    { name: 'k8s: a quoted "true" is rejected by the API server, not reported', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostIPC: "true"\n  containers: [{name: app, image: "nginx:1.27"}]\n' },
    { name: 'k8s: not a pod spec', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {hostNetwork: "true"}\n' },
  ],
  invalid: [
    {
      filename: 'compose.yaml',
      code: 'services:\n  plex:\n    image: plexinc/pms-docker:1.41\n    network_mode: host\n',
      errors: [
        {
          messageId: 'compose',
          message: 'Service "plex" shares the host network namespace (network_mode: host), so it can bind host ports, reach services on localhost and sniff host traffic.',
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 23,
          severity: 'error',
        },
      ],
    },
    {
      name: 'compose: every namespace, quoted, flow style',
      filename: 'docker-compose.yml',
      code: dedent`
        services:
          profiler:
            image: example/profiler:1
            pid: "host"
            ipc: host
          legacy: {image: "example/legacy:1", uts: host, userns_mode: 'host'}
      `,
      errors: [
        { messageId: 'compose', message: 'Service "profiler" shares the host PID namespace (pid: host), so it can see and signal every process on the host.', line: 4, column: 10, endLine: 4, endColumn: 16 },
        { messageId: 'compose', line: 5, column: 10, endLine: 5, endColumn: 14 },
        { messageId: 'compose', line: 6, column: 44, endLine: 6, endColumn: 48 },
        { messageId: 'compose', message: 'Service "legacy" shares the host user namespace (userns_mode: host), so its root user is root on the host.', line: 6, column: 63, endLine: 6, endColumn: 69 },
      ],
    },
    {
      name: 'k8s: every field, YAML 1.1 booleans, List item in the third document',
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
          kind: DaemonSet
          metadata: {name: agent}
          spec:
            template:
              spec:
                hostNetwork: true
                hostPID: yes
                hostIPC: On
                containers: [{name: agent, image: "example/agent:1"}]
      `,
      errors: [
        {
          messageId: 'k8s',
          message: "The pod shares the node's network namespace (hostNetwork: true), so it can bind node ports, reach services on the node's localhost and sniff node traffic.",
          line: 18,
          column: 22,
          endLine: 18,
          endColumn: 26,
        },
        { messageId: 'k8s', message: "The pod shares the node's PID namespace (hostPID: true), so it can see and signal every process on the node.", line: 19, column: 18, endLine: 19, endColumn: 21 },
        { messageId: 'k8s', message: "The pod shares the node's IPC namespace (hostIPC: true), so it can read and write the shared memory of node processes.", line: 20, column: 18, endLine: 20, endColumn: 20 },
      ],
    },
  ],
});
