import rule from '../../../server/src/engine/rules/image-tag-latest';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\n',
    { name: 'digest pins the image', code: 'FROM alpine@sha256:' + 'a'.repeat(64) + '\n' },
    { name: 'latest with digest', code: 'FROM alpine:latest@sha256:' + 'a'.repeat(64) + '\n' },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /\n' },
    { name: 'stage names are not images', code: 'FROM golang:1.23 AS Build\nFROM build\nCOPY --from=build /a /a\nCOPY --from=0 /a /b\n' },
    { name: 'ARG default resolves the tag', code: 'ARG VERSION=3.20\nFROM alpine:${VERSION}\n' },
    { name: 'unresolved ARG is not guessed', code: 'ARG IMAGE\nFROM $IMAGE\n' },
    { name: 'registry port is not a tag', code: 'FROM registry.local:5000/team/app:1.2\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: ${WEB_IMAGE}\n' },
    { filename: 'pod.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu\n',
      errors: [{ messageId: 'noTag', message: 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest.', line: 1, column: 6, endLine: 1, endColumn: 12 }],
    },
    {
      code: 'FROM ubuntu:latest AS base\n',
      errors: [{ messageId: 'latest', line: 1, column: 13, endLine: 1, endColumn: 19 }],
    },
    {
      name: 'ARG default resolving to latest points at the FROM argument',
      code: 'ARG TAG=latest\nFROM node:${TAG}\n',
      errors: [{ messageId: 'latest', line: 2, column: 6, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'COPY --from and RUN --mount from an image',
      code: dedent`
        FROM alpine:3.20
        COPY --from=nginx /etc/nginx /etc/nginx
        RUN --mount=type=bind,from=busybox,target=/bb ls /bb
      `,
      errors: [
        { messageId: 'noTag', line: 2, column: 13, endLine: 2, endColumn: 18 },
        { messageId: 'noTag', line: 3, column: 5, endLine: 3, endColumn: 46 },
      ],
    },
    {
      filename: 'docker-compose.yml',
      code: 'services:\n  db:\n    image: postgres:latest\n  cache:\n    image: "redis"\n',
      errors: [
        { messageId: 'latest', line: 3, column: 21, endLine: 3, endColumn: 27 },
        { messageId: 'noTag', line: 5, column: 12, endLine: 5, endColumn: 19 },
      ],
    },
    {
      name: 'k8s: every container type, third document',
      filename: 'app.yaml',
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
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              initContainers:
              - {name: init, image: busybox}
              containers:
              - name: web
                image: ghcr.io/org/web:latest
      `,
      errors: [
        { messageId: 'noTag', line: 16, column: 29, endLine: 16, endColumn: 36 },
        { messageId: 'latest', line: 19, column: 32, endLine: 19, endColumn: 38 },
      ],
    },
      {
      name: 'online: "Pin to digest" for a missing tag and for latest (the digest latest resolves to)',
      code: 'FROM ubuntu\nFROM node:latest\n',
      config: { online: { tags: { 'docker.io/library/ubuntu:latest': { digest: `sha256:${'1'.repeat(64)}` }, 'docker.io/library/node:latest': { digest: `sha256:${'2'.repeat(64)}` } } } },
      errors: [
        { messageId: 'noTag', line: 1, column: 6, endLine: 1, endColumn: 12, suggestions: [{ title: 'Pin to digest sha256:111111111111', output: `FROM ubuntu@sha256:${'1'.repeat(64)}\nFROM node:latest\n` }] },
        { messageId: 'latest', line: 2, column: 11, endLine: 2, endColumn: 17, suggestions: [{ title: 'Pin to digest sha256:222222222222', output: `FROM ubuntu\nFROM node:latest@sha256:${'2'.repeat(64)}\n` }] },
      ],
    },
  ],
});
