import rule from '../../../server/src/engine/rules/container-socket-mounted';
import { dedent, RuleTester } from '../../rule-tester';

const compose = 'compose.yaml';
const k8s = 'manifest.yaml';

new RuleTester().run(rule, {
  valid: [
    { name: 'named volume and project files', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - data:/var/lib/app\n      - ./docker.sock:/tmp/docker.sock\n      - type: volume\n        source: sock\n        target: /var/run/docker.sock\n' },
    { name: '/var/run itself is host-path-sensitive, not this rule', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /var/run:/host/run\n      - /var/run/docker:/host/docker\n' },
    { name: 'unresolved source mounted elsewhere', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ${DATA_DIR}:/data\n' },
    { name: 'socket proxy over TCP, no mount', filename: compose, code: 'services:\n  app:\n    image: app:1\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n' },
    { name: 'a file merely named like a socket', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /srv/backup/docker.sock.bak:/backup\n' },
    {
      name: 'k8s: Docker-in-Docker sidecar shares an emptyDir',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: dind}
        spec:
          containers:
          - name: build
            image: docker:27-cli
            volumeMounts: [{name: sock, mountPath: /var/run}]
          volumes:
          - name: sock
            emptyDir: {}
      `,
    },
    { name: 'k8s: other host paths', filename: k8s, code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n  volumes:\n  - {name: a, hostPath: {path: /var/log}}\n  - {name: b, hostPath: {path: /var/lib/docker}}\n' },
  ],
  invalid: [
    {
      name: 'compose short syntax, read-only does not help',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: portainer/agent:2.21
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
      `,
      errors: [
        {
          messageId: 'socket',
          message: 'Host path "/var/run/docker.sock" is the Docker socket: whoever can reach it can start privileged containers and take over the host, even through a read-only mount.',
          severity: 'error',
          line: 5, column: 9, endLine: 5, endColumn: 29,
        },
      ],
    },
    {
      name: 'compose quoted entries: podman, rootless podman and Docker Desktop sockets',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: agent:1
            volumes:
              - "/run/podman/podman.sock:/var/run/docker.sock"
              - '/run/user/1000/podman/podman.sock:/var/run/docker.sock'
              - "~/.docker/run/docker.sock:/var/run/docker.sock"
      `,
      errors: [
        { messageId: 'socket', line: 5, column: 10, endLine: 5, endColumn: 33 },
        { messageId: 'socket', line: 6, column: 10, endLine: 6, endColumn: 43 },
        { messageId: 'socket', line: 7, column: 10, endLine: 7, endColumn: 35 },
      ],
    },
    {
      name: 'compose long syntax and flow style point at the source',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: agent:1
            volumes:
              - type: bind
                source: /run/containerd/containerd.sock
                target: /run/containerd/containerd.sock
              - {type: bind, source: "/var/run/crio/crio.sock", target: /crio.sock, read_only: true}
      `,
      errors: [
        { messageId: 'socket', line: 6, column: 17, endLine: 6, endColumn: 48 },
        { messageId: 'socket', line: 8, column: 30, endLine: 8, endColumn: 55 },
      ],
    },
    {
      name: 'compose directories holding a runtime socket (normalised)',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: agent:1
            volumes:
              - /run/containerd/:/run/containerd
              - /run/user/1000/podman:/podman
      `,
      errors: [
        {
          messageId: 'socketDirectory',
          message: 'Host path "/run/containerd/" is the directory holding the containerd socket: whoever can reach the socket can start privileged containers and take over the host.',
          line: 5, column: 9, endLine: 5, endColumn: 25,
        },
        { messageId: 'socketDirectory', line: 6, column: 9, endLine: 6, endColumn: 30 },
      ],
    },
    {
      name: 'compose variables: default value, known tail, container path',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: agent:1
            volumes:
              - \${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock
              - \${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock
              - \${SOCK}:/var/run/docker.sock:ro
      `,
      errors: [
        { messageId: 'socket', line: 5, column: 9, endLine: 5, endColumn: 45 },
        { messageId: 'socket', line: 6, column: 9, endLine: 6, endColumn: 39 },
        {
          messageId: 'socketTarget',
          message: 'Volume source "${SOCK}" is mounted at "/var/run/docker.sock", where the Docker socket is expected: if it is the host\'s socket, the container can start privileged containers and take over the host.',
          line: 7, column: 9, endLine: 7, endColumn: 16,
        },
      ],
    },
    {
      name: 'compose Windows named pipe of Docker Desktop',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: agent:1
            volumes:
              - type: npipe
                source: \\\\.\\pipe\\docker_engine
                target: \\\\.\\pipe\\docker_engine
      `,
      errors: [{ messageId: 'socket', line: 6, column: 17, endLine: 6, endColumn: 39 }],
    },
    {
      name: 'compose aliases point at each use; a merged base is reported once',
      filename: compose,
      code: dedent`
        x-sock: &sock /var/run/docker.sock:/var/run/docker.sock
        x-base: &base
          image: agent:1
          volumes:
            - /run/docker.sock:/var/run/docker.sock
        services:
          a:
            image: agent:1
            volumes: [*sock]
          b:
            image: agent:1
            volumes:
              - *sock
          c:
            <<: *base
          d:
            <<: *base
      `,
      errors: [
        { messageId: 'socket', line: 5, column: 7, endLine: 5, endColumn: 23 },
        { messageId: 'socket', line: 9, column: 15, endLine: 9, endColumn: 20 },
        { messageId: 'socket', line: 13, column: 9, endLine: 13, endColumn: 14 },
      ],
    },
    {
      name: 'k8s: Pod hostPath points at the path value',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata:
          name: ci
        spec:
          containers:
          - name: runner
            image: runner:1
            volumeMounts:
            - name: docker
              mountPath: /var/run/docker.sock
              readOnly: true
          volumes:
          - name: docker
            hostPath:
              path: /var/run/docker.sock
              type: Socket
      `,
      errors: [{ messageId: 'socket', line: 16, column: 13, endLine: 16, endColumn: 33 }],
    },
    {
      name: 'k8s: third document, List items, flow style, quoted path, CronJob, PersistentVolume',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
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
                containers: [{name: agent, image: agent:1}]
                volumes:
                - {name: cri, hostPath: {path: /run/containerd/containerd.sock, type: Socket}}
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: prune}
          spec:
            schedule: "@daily"
            jobTemplate:
              spec:
                template:
                  spec:
                    containers: [{name: prune, image: docker:27-cli}]
                    volumes:
                    - name: docker
                      hostPath:
                        path: "/var/run/docker.sock"
        - apiVersion: v1
          kind: PersistentVolume
          metadata: {name: pv}
          spec:
            hostPath: {path: /var/run/crio}
      `,
      errors: [
        { messageId: 'socket', line: 20, column: 40, endLine: 20, endColumn: 71 },
        { messageId: 'socket', line: 34, column: 23, endLine: 34, endColumn: 45 },
        { messageId: 'socketDirectory', line: 39, column: 22, endLine: 39, endColumn: 35 },
      ],
    },
  ],
});
