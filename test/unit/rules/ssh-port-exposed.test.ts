import rule from '../../../server/src/engine/rules/ssh-port-exposed';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nEXPOSE 80 443 2222\n',
    { name: 'UDP 22 is not SSH; ranges without 22', code: 'FROM alpine:3.20\nEXPOSE 22/udp 23-80 1-21\n' },
    { name: 'SSH client packages', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache openssh-client-default\n' },
    { name: 'builder stages do not ship', code: 'FROM debian:12 AS test\nRUN apt-get install -y openssh-server\nEXPOSE 22\nFROM alpine:3.20\nCOPY --from=test /out /out\n' },
    { name: 'variables are not resolved', code: 'FROM alpine:3.20\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\n' },
    { name: 'pip package named like a server', code: 'FROM python:3.12\nRUN pip install --no-cache-dir dropbear==1.0\n' },
    { filename: 'compose.yaml', code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    ports: ["3000:3000", "22:2222", "2222:22/udp"]\n' },
    { filename: 'compose.yaml', name: 'compose expose does not publish', code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    expose: ["22"]\n' },
    { filename: 'pod.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    ports:\n    - containerPort: 22\n      protocol: UDP\n    - containerPort: 2222\n' },
    { filename: 'svc.yaml', name: 'named and quoted target ports', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 80\n    targetPort: ssh\n  - port: 8080\n    targetPort: "22"\n' },
    { filename: 'pod.yaml', name: 'a quoted containerPort is not an integer (the API rejects it)', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    ports: [{containerPort: "22"}]\n' },
    { filename: 'cm.yaml', name: 'not a Service or pod', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  port: "22"\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nEXPOSE 8080 22\n',
      errors: [
        {
          messageId: 'exposeSsh',
          message: 'EXPOSE "22" opens the SSH port 22; containers should not run an SSH daemon, use "docker exec" to get a shell.',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 15,
        },
      ],
    },
    {
      name: 'tcp, ranges, the base stage, SSH server packages by every manager',
      code: dedent`
        FROM debian:12 AS base
        EXPOSE 22/tcp 20-25
        RUN apt-get update \\
         && apt-get install -y --no-install-recommends openssh-server=1:9.2p1-2 \\
         && rm -rf /var/lib/apt/lists/*
        FROM base
        RUN apk add --no-cache openssh dropbear
        RUN ["dnf", "install", "-y", "openssh-server"]
      `,
      errors: [
        { messageId: 'exposeSsh', line: 2, column: 8, endLine: 2, endColumn: 14 },
        { messageId: 'exposeSsh', line: 2, column: 15, endLine: 2, endColumn: 20 },
        {
          messageId: 'sshServer',
          message: 'The image installs the SSH server "openssh-server"; containers should not run an SSH daemon, use "docker exec" or "kubectl exec" to get a shell.',
          line: 4,
          column: 48,
          endLine: 4,
          endColumn: 72,
        },
        { messageId: 'sshServer', line: 7, column: 24, endLine: 7, endColumn: 31 },
        { messageId: 'sshServer', line: 7, column: 32, endLine: 7, endColumn: 40 },
        { messageId: 'sshServer', line: 8, column: 30, endLine: 8, endColumn: 46 },
      ],
    },
    {
      name: 'compose: short, long and range syntax',
      filename: 'docker-compose.yml',
      code: dedent`
        services:
          gitlab:
            image: gitlab/gitlab-ce:17.3.0-ce.0
            ports:
              - "30002:22"
              - 22
              - target: 22
                published: 2222
              - "127.0.0.1:2200-2203:20-23/tcp"
      `,
      errors: [
        {
          messageId: 'publishedSsh',
          message: 'Service "gitlab" publishes the SSH port 22 of its container; containers should not run an SSH daemon, use "docker compose exec" to get a shell.',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
        },
        { messageId: 'publishedSsh', line: 6, column: 9, endLine: 6, endColumn: 11 },
        { messageId: 'publishedSsh', line: 7, column: 17, endLine: 7, endColumn: 19 },
        { messageId: 'publishedSsh', line: 9, column: 9, endLine: 9, endColumn: 40 },
      ],
    },
    {
      name: 'k8s: containers of every type in a List, Service in document 3',
      filename: 'app.yaml',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
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
                - {name: init, image: "busybox:1.36", ports: [{containerPort: 22}]}
                containers:
                - name: web
                  image: nginx:1.27
                  ports:
                  - containerPort: 80
                  - containerPort: 22
                    protocol: TCP
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ssh}
        spec:
          ports:
          - port: 22
          - port: 2222
            targetPort: 22
      `,
      errors: [
        { messageId: 'containerPort', message: 'Container "init" declares the SSH port 22; containers should not run an SSH daemon, use "kubectl exec" to get a shell.', line: 15, column: 71, endLine: 15, endColumn: 73 },
        { messageId: 'containerPort', line: 21, column: 28, endLine: 21, endColumn: 30 },
        { messageId: 'servicePort', message: 'Service "ssh" exposes the SSH port 22; containers should not run an SSH daemon, use "kubectl exec" to get a shell.', line: 29, column: 11, endLine: 29, endColumn: 13 },
        { messageId: 'servicePort', line: 31, column: 17, endLine: 31, endColumn: 19 },
      ],
    },
    {
      name: 'k8s: CronJob with an ephemeral container and YAML aliases',
      filename: 'cron.yaml',
      code: dedent`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - name: job
                    image: busybox:1.36
                    ports: &ports
                    - containerPort: 22
                  ephemeralContainers:
                  - name: debug
                    image: busybox:1.36
                    ports: *ports
      `,
      errors: [
        { messageId: 'containerPort', line: 14, column: 30, endLine: 14, endColumn: 32 },
        { messageId: 'containerPort', message: 'Container "debug" declares the SSH port 22; containers should not run an SSH daemon, use "kubectl exec" to get a shell.', line: 14, column: 30, endLine: 14, endColumn: 32 },
      ],
    },
  ],
});
