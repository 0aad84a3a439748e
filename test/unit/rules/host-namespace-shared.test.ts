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
          suggestions: [
            {
              title: 'Remove network_mode: host',
              output: 'services:\n  plex:\n    image: plexinc/pms-docker:1.41\n',
            },
          ],
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
        {
          messageId: 'compose', message: 'Service "profiler" shares the host PID namespace (pid: host), so it can see and signal every process on the host.', line: 4, column: 10, endLine: 4, endColumn: 16,
          suggestions: [
            {
              title: 'Remove pid: host',
              output: dedent`
                services:
                  profiler:
                    image: example/profiler:1
                    ipc: host
                  legacy: {image: "example/legacy:1", uts: host, userns_mode: 'host'}
              `,
            },
          ],
        },
        {
          messageId: 'compose', line: 5, column: 10, endLine: 5, endColumn: 14,
          suggestions: [
            {
              title: 'Remove ipc: host',
              output: dedent`
                services:
                  profiler:
                    image: example/profiler:1
                    pid: "host"
                  legacy: {image: "example/legacy:1", uts: host, userns_mode: 'host'}
              `,
            },
          ],
        },
        {
          messageId: 'compose', line: 6, column: 44, endLine: 6, endColumn: 48,
          suggestions: [
            {
              title: 'Remove uts: host',
              output: dedent`
                services:
                  profiler:
                    image: example/profiler:1
                    pid: "host"
                    ipc: host
                  legacy: {image: "example/legacy:1", userns_mode: 'host'}
              `,
            },
          ],
        },
        {
          messageId: 'compose', message: 'Service "legacy" shares the host user namespace (userns_mode: host), so its root user is root on the host.', line: 6, column: 63, endLine: 6, endColumn: 69,
          suggestions: [
            {
              title: 'Remove userns_mode: host',
              output: dedent`
                services:
                  profiler:
                    image: example/profiler:1
                    pid: "host"
                    ipc: host
                  legacy: {image: "example/legacy:1", uts: host}
              `,
            },
          ],
        },
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
          suggestions: [
            {
              title: 'Set hostNetwork: false',
              output: dedent`
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
                        hostNetwork: false
                        hostPID: yes
                        hostIPC: On
                        containers: [{name: agent, image: "example/agent:1"}]
              `,
            },
            {
              title: 'Remove hostNetwork',
              output: dedent`
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
                        hostPID: yes
                        hostIPC: On
                        containers: [{name: agent, image: "example/agent:1"}]
              `,
            },
          ],
        },
        {
          messageId: 'k8s', message: "The pod shares the node's PID namespace (hostPID: true), so it can see and signal every process on the node.", line: 19, column: 18, endLine: 19, endColumn: 21,
          suggestions: [
            {
              title: 'Set hostPID: false',
              output: dedent`
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
                        hostPID: false
                        hostIPC: On
                        containers: [{name: agent, image: "example/agent:1"}]
              `,
            },
            {
              title: 'Remove hostPID',
              output: dedent`
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
                        hostIPC: On
                        containers: [{name: agent, image: "example/agent:1"}]
              `,
            },
          ],
        },
        {
          messageId: 'k8s', message: "The pod shares the node's IPC namespace (hostIPC: true), so it can read and write the shared memory of node processes.", line: 20, column: 18, endLine: 20, endColumn: 20,
          suggestions: [
            {
              title: 'Set hostIPC: false',
              output: dedent`
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
                        hostIPC: false
                        containers: [{name: agent, image: "example/agent:1"}]
              `,
            },
            {
              title: 'Remove hostIPC',
              output: dedent`
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
                        containers: [{name: agent, image: "example/agent:1"}]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: without network_mode: host the service publishes its ports, which the port rules then report',
      filename: 'compose.yaml',
      allowNewFindings: ['port-published-all-interfaces', 'port-privileged'],
      code: 'services:\r\n  proxy:\r\n    image: nginx:1.27\r\n    network_mode: host   # for the VPN\r\n    ports:\r\n      - "80:80"\r\n',
      errors: [{
        messageId: 'compose', line: 4, column: 19, endLine: 4, endColumn: 23,
        suggestions: [
          {
            title: 'Remove network_mode: host',
            output: 'services:\r\n  proxy:\r\n    image: nginx:1.27\r\n    ports:\r\n      - "80:80"\r\n',
          },
        ],
      }],
    },
    {
      name: 'k8s: 4-space indentation, a Pod as the third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata:
            name: a
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
            name: b
        ---
        apiVersion: v1
        kind: Pod
        metadata:
            name: p
        spec:
            hostPID: true  # profiling
            containers:
                -   name: app
                    image: nginx:1.27
      `,
      errors: [{
        messageId: 'k8s', line: 16, column: 14, endLine: 16, endColumn: 18,
        suggestions: [
          {
            title: 'Set hostPID: false',
            output: dedent`
              apiVersion: v1
              kind: ConfigMap
              metadata:
                  name: a
              ---
              apiVersion: v1
              kind: ConfigMap
              metadata:
                  name: b
              ---
              apiVersion: v1
              kind: Pod
              metadata:
                  name: p
              spec:
                  hostPID: false  # profiling
                  containers:
                      -   name: app
                          image: nginx:1.27
            `,
          },
          {
            title: 'Remove hostPID',
            output: dedent`
              apiVersion: v1
              kind: ConfigMap
              metadata:
                  name: a
              ---
              apiVersion: v1
              kind: ConfigMap
              metadata:
                  name: b
              ---
              apiVersion: v1
              kind: Pod
              metadata:
                  name: p
              spec:
                  containers:
                      -   name: app
                          image: nginx:1.27
            `,
          },
        ],
      }],
    },
  ],
});
