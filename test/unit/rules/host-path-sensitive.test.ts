import rule from '../../../server/src/engine/rules/host-path-sensitive';
import { dedent, RuleTester } from '../../rule-tester';

const compose = 'compose.yaml';
const k8s = 'manifest.yaml';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'project files, named volumes, ordinary host paths',
      filename: compose,
      code: dedent`
        services:
          app:
            image: app:1
            volumes:
              - ./config:/etc/app
              - data:/var/lib/app
              - /srv/app:/data
              - /home/app/cache:/cache
              - ~/.cache/app:/cache2
              - /library/media:/media
              - /variable:/v
              - /runner:/r
      `,
    },
    {
      name: 'time zone and CA bundles shared read-only',
      filename: compose,
      code: dedent`
        services:
          app:
            image: app:1
            volumes:
              - /etc/localtime:/etc/localtime:ro
              - /etc/timezone:/etc/timezone:ro
              - /usr/share/zoneinfo:/usr/share/zoneinfo:ro
              - type: bind
                source: /etc/ssl/certs
                target: /etc/ssl/certs
                read_only: true
      `,
    },
    { name: 'runtime sockets belong to container-socket-mounted', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /run/containerd:/run/containerd\n' },
    { name: 'unresolved variable', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ${HOST_ROOT}:/host\n' },
    {
      name: 'k8s: CA bundle mounted read-only (YAML 1.1 yes) in every container',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: init
            image: busybox:1.36
            volumeMounts: [{name: certs, mountPath: /etc/ssl/certs, readOnly: yes}]
          containers:
          - name: app
            image: app:1
            volumeMounts: [{name: certs, mountPath: /etc/ssl/certs, readOnly: true}]
          volumes:
          - {name: certs, hostPath: {path: /etc/ssl/certs, type: Directory}}
          - {name: logs, hostPath: {path: /var/log}}
      `,
    },
  ],
  invalid: [
    {
      name: 'compose: the host root, read-only or not',
      filename: compose,
      code: dedent`
        services:
          cadvisor:
            image: gcr.io/cadvisor/cadvisor:v0.49.1
            volumes:
              - /:/rootfs:ro
      `,
      errors: [
        {
          messageId: 'sensitive',
          message: 'Host path "/" gives the container access to the whole host filesystem (/): a compromised container can read secrets from the host or tamper with it.',
          severity: 'error',
          line: 5, column: 9, endLine: 5, endColumn: 10,
        },
      ],
    },
    {
      name: 'compose: every sensitive root, normalised paths and ancestors',
      filename: compose,
      code: dedent`
        services:
          agent:
            image: agent:1
            volumes:
              - /etc/localtime:/etc/localtime
              - /proc:/host/proc:ro
              - "/sys/fs/cgroup:/sys/fs/cgroup:ro"
              - /boot:/boot
              - /dev:/dev
              - /root/.ssh:/root/.ssh
              - /lib64:/lib64
              - /usr/bin:/host/bin
              - /bin:/b
              - /sbin:/s
              - /var/run:/var/run
              - /run/dbus/system_bus_socket:/run/dbus/system_bus_socket
              - /var/lib/../lib/docker/volumes:/volumes
              - /var/lib/kubelet/:/kubelet
              - /var:/host/var
              - /var/lib:/host/lib
      `,
      errors: [
        { messageId: 'sensitive', line: 5, column: 9, endLine: 5, endColumn: 23 },
        { messageId: 'sensitive', message: 'Host path "/proc" gives the container access to host processes and kernel settings (/proc): a compromised container can read secrets from the host or tamper with it.', line: 6, column: 9, endLine: 6, endColumn: 14 },
        { messageId: 'sensitive', line: 7, column: 10, endLine: 7, endColumn: 24 },
        { messageId: 'sensitive', line: 8, column: 9, endLine: 8, endColumn: 14 },
        { messageId: 'sensitive', line: 9, column: 9, endLine: 9, endColumn: 13 },
        { messageId: 'sensitive', line: 10, column: 9, endLine: 10, endColumn: 19 },
        { messageId: 'sensitive', message: 'Host path "/lib64" gives the container access to host libraries and kernel modules (/lib64): a compromised container can read secrets from the host or tamper with it.', line: 11, column: 9, endLine: 11, endColumn: 15 },
        { messageId: 'sensitive', line: 12, column: 9, endLine: 12, endColumn: 17 },
        { messageId: 'sensitive', line: 13, column: 9, endLine: 13, endColumn: 13 },
        { messageId: 'sensitive', line: 14, column: 9, endLine: 14, endColumn: 14 },
        { messageId: 'sensitive', line: 15, column: 9, endLine: 15, endColumn: 17 },
        { messageId: 'sensitive', line: 16, column: 9, endLine: 16, endColumn: 36 },
        { messageId: 'sensitive', message: 'Host path "/var/lib/../lib/docker/volumes" gives the container access to Docker\'s images, containers and volumes (/var/lib/docker): a compromised container can read secrets from the host or tamper with it.', line: 17, column: 9, endLine: 17, endColumn: 39 },
        { messageId: 'sensitive', line: 18, column: 9, endLine: 18, endColumn: 26 },
        { messageId: 'sensitive', message: 'Host path "/var" gives the container access to runtime sockets and state of host daemons (/var/run): a compromised container can read secrets from the host or tamper with it.', line: 19, column: 9, endLine: 19, endColumn: 13 },
        { messageId: 'sensitive', line: 20, column: 9, endLine: 20, endColumn: 17 },
      ],
    },
    {
      name: 'compose: long syntax, variable default, merged base, bind-backed named volume',
      filename: compose,
      code: dedent`
        x-base: &base
          image: agent:1
          volumes:
            - type: bind
              source: /etc/kubernetes
              target: /k8s
        services:
          a:
            <<: *base
          b:
            <<: *base
          c:
            image: agent:1
            volumes:
              - \${HOST_ETC:-/etc}:/host/etc
              - conf:/conf
        volumes:
          conf:
            driver: local
            driver_opts: {type: none, o: bind, device: /etc/app}
      `,
      errors: [
        { messageId: 'sensitive', line: 5, column: 15, endLine: 5, endColumn: 30 },
        { messageId: 'sensitive', line: 15, column: 9, endLine: 15, endColumn: 26 },
        { messageId: 'sensitive', line: 20, column: 48, endLine: 20, endColumn: 56 },
      ],
    },
    {
      name: 'k8s: Deployment in document 3, writable CA bundle (quoted "true" is not a boolean), init container',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: apiserver}
        spec:
          template:
            spec:
              initContainers:
              - name: init
                image: busybox:1.36
                volumeMounts:
                - {name: certs, mountPath: /etc/ssl/certs, readOnly: "true"}
              containers:
              - name: app
                image: app:1
                volumeMounts:
                - {name: certs, mountPath: /etc/ssl/certs, readOnly: true}
                - {name: k8s, mountPath: /etc/kubernetes, readOnly: true}
              volumes:
              - name: certs
                hostPath:
                  path: /etc/ssl/certs
              - name: k8s
                hostPath: {path: '/etc/kubernetes', type: DirectoryOrCreate}
      `,
      errors: [
        { messageId: 'sensitive', line: 29, column: 17, endLine: 29, endColumn: 31 },
        { messageId: 'sensitive', line: 31, column: 26, endLine: 31, endColumn: 43 },
      ],
    },
    {
      name: 'k8s: List of DaemonSet and PersistentVolume; ephemeral containers count for read-only',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: DaemonSet
          metadata: {name: node-exporter}
          spec:
            template:
              spec:
                containers: [{name: exporter, image: prom/node-exporter:v1.8.2}]
                ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  volumeMounts: [{name: tz, mountPath: /etc/localtime}]
                volumes:
                - {name: root, hostPath: {path: /}}
                - {name: tz, hostPath: {path: /etc/localtime}}
        - apiVersion: v1
          kind: PersistentVolume
          metadata: {name: pv}
          spec:
            hostPath:
              path: /var/lib/kubelet/pods
      `,
      errors: [
        { messageId: 'sensitive', line: 16, column: 41, endLine: 16, endColumn: 42 },
        { messageId: 'sensitive', line: 17, column: 39, endLine: 17, endColumn: 53 },
        { messageId: 'sensitive', line: 23, column: 13, endLine: 23, endColumn: 34 },
      ],
    },
  ],
});
