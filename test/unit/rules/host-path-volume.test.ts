import rule from '../../../server/src/engine/rules/host-path-volume';
import { dedent, RuleTester } from '../../rule-tester';

const compose = 'compose.yaml';
const k8s = 'manifest.yaml';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'project files, named volumes and tmpfs',
      filename: compose,
      code: dedent`
        services:
          app:
            image: app:1
            volumes:
              - ./src:/app/src
              - .:/workspace
              - ../shared:/shared:ro
              - data:/var/lib/app
              - type: bind
                source: config/app.yaml
                target: /etc/app.yaml
              - type: tmpfs
                target: /tmp
        volumes:
          data:
          local:
            driver_opts: {type: none, o: bind, device: ./local-data}
      `,
    },
    { name: 'sensitive paths and sockets belong to the other rules', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /etc:/host/etc\n      - /var/run/docker.sock:/var/run/docker.sock\n' },
    { name: 'a variable may hold a volume name', filename: compose, code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ${DATA}:/data\n' },
    { name: 'k8s: emptyDir and PVC', filename: k8s, code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n  volumes:\n  - {name: a, emptyDir: {}}\n  - {name: b, persistentVolumeClaim: {claimName: data}}\n' },
    { name: 'k8s: a PersistentVolume is the admin\'s choice, not the pod\'s', filename: k8s, code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  capacity: {storage: 1Gi}\n  hostPath: {path: /mnt/data}\n' },
    { name: 'k8s: sensitive hostPath is host-path-sensitive only', filename: k8s, code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n  volumes:\n  - {name: a, hostPath: {path: /var/run}}\n' },
  ],
  invalid: [
    {
      name: 'compose: absolute, home, Windows and read-only binds',
      filename: compose,
      code: dedent`
        services:
          app:
            image: app:1
            volumes:
              - /srv/data:/data
              - "~/.cache/app:/cache"
              - C:\\data:/data2
              - /etc/localtime:/etc/localtime:ro
              - type: bind
                source: /mnt/media
                target: /media
                read_only: yes
              - \${DATA_DIR:-/srv/app}:/app
      `,
      errors: [
        {
          messageId: 'bind',
          message: 'Host path "/srv/data" is bind-mounted from outside the project: the service depends on this host\'s files and can read and change them.',
          severity: 'info',
          line: 5, column: 9, endLine: 5, endColumn: 18,
        },
        { messageId: 'bind', line: 6, column: 10, endLine: 6, endColumn: 22 },
        { messageId: 'bind', line: 7, column: 9, endLine: 7, endColumn: 16 },
        {
          messageId: 'bind',
          message: 'Host path "/etc/localtime" is bind-mounted from outside the project: the service depends on this host\'s files and can read them.',
          line: 8, column: 9, endLine: 8, endColumn: 23,
        },
        { messageId: 'bind', line: 10, column: 17, endLine: 10, endColumn: 27 },
        { messageId: 'bind', line: 13, column: 9, endLine: 13, endColumn: 30 },
      ],
    },
    {
      name: 'compose: a named volume binding a host directory',
      filename: compose,
      code: dedent`
        services:
          db:
            image: postgres:17
            volumes: [pgdata:/var/lib/postgresql/data]
        volumes:
          pgdata:
            driver: local
            driver_opts:
              type: none
              o: bind
              device: /srv/pgdata
      `,
      errors: [
        {
          messageId: 'volumeDevice',
          message: 'Volume "pgdata" binds host path "/srv/pgdata" from outside the project: the services using it depend on this host\'s files and can read and change them.',
          line: 11, column: 15, endLine: 11, endColumn: 26,
        },
      ],
    },
    {
      name: 'k8s: Pod hostPath is a warning',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: fluentd}
        spec:
          containers:
          - name: fluentd
            image: fluentd:v1.17
            volumeMounts: [{name: varlog, mountPath: /var/log}]
          volumes:
          - name: varlog
            hostPath:
              path: /var/log
      `,
      errors: [
        {
          messageId: 'hostPath',
          message: 'Volume "varlog" mounts host path "/var/log": hostPath volumes tie the pod to one node and expose the node\'s files to it; the Pod Security Standards baseline forbids them.',
          severity: 'warning',
          line: 12, column: 13, endLine: 12, endColumn: 21,
        },
      ],
    },
    {
      name: 'k8s: pss-baseline reports it as an error',
      filename: k8s,
      config: { profile: 'pss-baseline' },
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n  volumes: [{name: data, hostPath: {path: /data}}]\n',
      errors: [{ messageId: 'hostPath', severity: 'error', line: 6, column: 43, endLine: 6, endColumn: 48 }],
    },
    {
      name: 'k8s: third document, List items, read-only CA bundle, quoted and templated paths',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: StatefulSet
          metadata: {name: db}
          spec:
            template:
              spec:
                containers:
                - name: db
                  image: app:1
                  volumeMounts: [{name: certs, mountPath: /etc/ssl/certs, readOnly: true}]
                volumes:
                - {name: certs, hostPath: {path: /etc/ssl/certs}}
                - {name: data, hostPath: {path: "/mnt/disks/ssd0"}}
        - apiVersion: batch/v1
          kind: Job
          metadata: {name: j}
          spec:
            template:
              spec:
                containers: [{name: j, image: app:1}]
                volumes:
                - name: models
                  hostPath:
                    path: "{{ .Values.modelDir }}"
      `,
      errors: [
        { messageId: 'hostPath', line: 23, column: 42, endLine: 23, endColumn: 56 },
        { messageId: 'hostPath', line: 24, column: 41, endLine: 24, endColumn: 58 },
        { messageId: 'hostPath', line: 35, column: 19, endLine: 35, endColumn: 43 },
      ],
    },
  ],
});
