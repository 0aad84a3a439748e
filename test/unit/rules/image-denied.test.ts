import rule from '../../../server/src/engine/rules/image-denied';
import { dedent, RuleTester } from '../../rule-tester';

const deny = (...deniedImages: ({ pattern: string; reason?: string } | string)[]) => ({
  deniedImages: deniedImages.map((d) => (typeof d === 'string' ? { pattern: d } : d)),
});
const SHA = 'sha256:' + 'a'.repeat(64);

new RuleTester().run(rule, {
  valid: [
    { name: 'silent when deniedImages is empty', code: 'FROM ubuntu:14.04\n' },
    { name: 'other tag', code: 'FROM ubuntu:24.04\n', config: deny('ubuntu:14.*') },
    { name: 'other repository', code: 'FROM ubuntu-debootstrap:14.04\nFROM someone/ubuntu:14.04\n', config: deny('ubuntu:14.*') },
    { name: 'tag pattern and a digest-only reference (tag unknown)', code: `FROM ubuntu@${SHA}\n`, config: deny('ubuntu:14.*') },
    { name: 'explicit latest pattern does not match a pinned tag', code: 'FROM node:22\n', config: deny('node:latest') },
    { name: 'unresolved tag cannot match a tag pattern', code: 'ARG V\nFROM ubuntu:${V}\n', config: deny('ubuntu:14.*') },
    { name: 'unresolved name is not judged', code: 'ARG IMAGE\nFROM ${IMAGE}:1\n', config: deny('**') },
    { name: 'registry port is not a tag', code: 'FROM localhost:5000/app:1\n', config: deny('localhost:5001') },
    { name: 'digest pattern', code: `FROM alpine@sha256:${'b'.repeat(64)}\n`, config: deny('alpine@sha256:aaaa*') },
    { name: 'stage names are not images', code: 'FROM alpine:3.20 AS ubuntu\nFROM ubuntu\n', config: deny('ubuntu') },
    { name: 'template placeholders are not images', code: 'FROM TO_BE_REPLACED\n', config: deny('**') },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n', config: deny('nginx:1.1*') },
  ],
  invalid: [
    {
      code: 'FROM ubuntu:14.04\n',
      config: deny('ubuntu:14.*'),
      errors: [
        {
          messageId: 'denied',
          message: 'Image "ubuntu:14.04" matches the deniedImages pattern "ubuntu:14.*"; use an approved image instead.',
          severity: 'error',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'reason is shown; the first matching entry wins',
      code: 'FROM docker.io/library/centos:7\n',
      config: deny({ pattern: 'centos', reason: 'CentOS Linux is end of life; use the approved ghcr.io/org/ubi9 base.' }, 'docker.io/library/*'),
      errors: [
        {
          messageId: 'deniedWithReason',
          message: 'Image "docker.io/library/centos:7" matches the deniedImages pattern "centos": CentOS Linux is end of life; use the approved ghcr.io/org/ubi9 base.',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'an image without tag is latest; normalised and registry-wide patterns',
      code: dedent`
        FROM node
        FROM index.docker.io/library/redis:7
        FROM quay.io/someone/tool:1
        FROM ghcr.io/org/app:1@${SHA}
      `,
      config: deny('node:latest', 'docker.io/redis', 'quay.io', `ghcr.io/org/*@${SHA}`),
      errors: [
        { messageId: 'denied', line: 1, column: 6, endLine: 1, endColumn: 10 },
        { messageId: 'denied', line: 2, column: 6, endLine: 2, endColumn: 37 },
        { messageId: 'denied', line: 3, column: 6, endLine: 3, endColumn: 28 },
        { messageId: 'denied', line: 4, column: 6, endLine: 4, endColumn: 95 },
      ],
    },
    {
      name: 'COPY --from, RUN --mount=from and ARG defaults',
      code: dedent`
        ARG BASE=bitnami/minideb:stretch
        FROM \${BASE} AS build
        FROM alpine:3.20
        COPY --from=bitnami/kubectl:1.20 /opt/bitnami/kubectl/bin/kubectl /usr/local/bin/
        RUN --mount=type=bind,from=bitnami/git:2,target=/g ls /g
      `,
      config: deny('bitnami/*'),
      errors: [
        { messageId: 'denied', line: 2, column: 6, endLine: 2, endColumn: 13 },
        { messageId: 'denied', line: 4, column: 13, endLine: 4, endColumn: 33 },
        { messageId: 'denied', line: 5, column: 5, endLine: 5, endColumn: 51 },
      ],
    },
    {
      name: 'compose: quoted, flow style and merge keys',
      filename: 'compose.yaml',
      config: deny({ pattern: 'redis:{5,6}.*', reason: 'Redis 5 and 6 are end of life.' }),
      code: dedent`
        x-base: &base
          image: redis:6.2
        services:
          cache:
            <<: *base
          other: {image: "redis:5.0.14"}
          new:
            image: redis:7.2
      `,
      errors: [
        { messageId: 'deniedWithReason', message: 'Image "redis:6.2" matches the deniedImages pattern "redis:{5,6}.*": Redis 5 and 6 are end of life.', line: 2, column: 10, endLine: 2, endColumn: 19 },
        { messageId: 'deniedWithReason', line: 6, column: 18, endLine: 6, endColumn: 32 },
      ],
    },
    {
      name: 'k8s: document 3, List items, init and ephemeral containers',
      filename: 'app.yaml',
      config: deny('**/*miner*'),
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
        - apiVersion: batch/v1
          kind: Job
          metadata: {name: j}
          spec:
            template:
              spec:
                initContainers: [{name: i, image: "evil/xmrig-miner:1"}]
                containers: [{name: c, image: alpine:3.20}]
                ephemeralContainers: [{name: e, image: quay.io/x/miner:2}]
      `,
      errors: [
        { messageId: 'denied', line: 18, column: 43, endLine: 18, endColumn: 63 },
        { messageId: 'denied', line: 20, column: 48, endLine: 20, endColumn: 65 },
      ],
    },
  ],
});
