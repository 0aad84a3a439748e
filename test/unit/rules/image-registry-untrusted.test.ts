import rule from '../../../server/src/engine/rules/image-registry-untrusted';
import { dedent, RuleTester } from '../../rule-tester';

const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });

new RuleTester().run(rule, {
  valid: [
    { name: 'silent when trustedRegistries is empty', code: 'FROM evil.example.com/miner:1\n' },
    { name: 'registry host only (hadolint style)', code: 'FROM ghcr.io/org/app:1\nFROM ghcr.io/other/deep/path:2\n', config: trusted('ghcr.io') },
    { name: 'registry with port', code: 'FROM localhost:5000/app:1\nFROM registry.local:5000/team/app\n', config: trusted('localhost:5000', 'registry.local:5000') },
    { name: 'glob over the organisation', code: 'FROM ghcr.io/org/app:1\nFROM ghcr.io/org/tools/x:2\n', config: trusted('ghcr.io/org/**') },
    { name: 'wildcard registry host', code: 'FROM eu.registry.example.com/app:1\n', config: trusted('*.registry.example.com') },
    { name: 'familiar Docker Hub name', code: 'FROM nginx:1.27\nFROM bitnami/redis:7\n', config: trusted('nginx', 'bitnami/*') },
    { name: 'normalised Docker Hub name', code: 'FROM nginx:1.27\nFROM library/alpine:3.20\n', config: trusted('docker.io/library/*') },
    { name: 'docker.io/<name> means the official image', code: 'FROM nginx:1.27\n', config: trusted('docker.io/nginx') },
    { name: 'index.docker.io in the pattern and the image', code: 'FROM index.docker.io/library/nginx:1.27\nFROM docker.io/library/redis:7\n', config: trusted('index.docker.io/library/*') },
    { name: 'all of Docker Hub', code: 'FROM nginx:1.27\nFROM bitnami/redis:7\n', config: trusted('docker.io') },
    { name: 'stage names and scratch are not pulled', code: 'FROM ghcr.io/org/go:1 AS build\nFROM scratch\nCOPY --from=build /a /a\n', config: trusted('ghcr.io/org/*') },
    { name: 'unresolved registry is not judged', code: 'ARG REGISTRY\nFROM ${REGISTRY}/app:1\n', config: trusted('ghcr.io/org/*') },
    { name: 'ARG default resolves to a trusted registry', code: 'ARG REGISTRY=ghcr.io/org\nFROM ${REGISTRY}/app:1\n', config: trusted('ghcr.io/org/*') },
    { name: 'unresolved tag does not matter', code: 'ARG TAG\nFROM ghcr.io/org/app:${TAG}\n', config: trusted('ghcr.io/org/*') },
    { name: 'template placeholders are not images', code: 'FROM <DOCKER_REPO>/embed-docs:1.0\nFROM REPLACE-ME\n', config: trusted('ghcr.io/org/*') },
    { name: 'compose variable image', filename: 'compose.yaml', code: 'services:\n  web:\n    image: ${IMAGE}\n', config: trusted('ghcr.io/org/*') },
    {
      name: 'k8s trusted containers of every type',
      filename: 'pod.yaml',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers: [{name: i, image: "ghcr.io/org/init:1"}]
          containers: [{name: c, image: ghcr.io/org/app:1}]
          ephemeralContainers: [{name: e, image: ghcr.io/org/debug:1}]
      `,
      config: trusted('ghcr.io/org/*'),
    },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\n',
      config: trusted('ghcr.io/org/*'),
      errors: [
        {
          messageId: 'untrusted',
          message: 'Image "nginx:1.27" (docker.io/library/nginx) does not match any trustedRegistries entry; pull images only from registries your organisation trusts.',
          severity: 'error',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 16,
        },
      ],
    },
    {
      name: '* does not cross a slash; registry lookalikes do not match',
      code: dedent`
        FROM ghcr.io/org/team/app:1
        FROM ghcr.io.evil.com/org/app:1
        FROM ghcr.io/org/app:1
      `,
      config: trusted('ghcr.io/org/*'),
      errors: [
        { messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 28 },
        { messageId: 'untrusted', line: 2, column: 6, endLine: 2, endColumn: 32 },
      ],
    },
    {
      name: 'Docker Hub namespaces are not the official images',
      code: 'FROM nginx:1.27\nFROM someone/nginx:1.27\n',
      config: trusted('nginx', 'docker.io/library/*'),
      errors: [{ messageId: 'untrusted', message: 'Image "someone/nginx:1.27" (docker.io/someone/nginx) does not match any trustedRegistries entry; pull images only from registries your organisation trusts.', line: 2, column: 6, endLine: 2, endColumn: 24 }],
    },
    {
      name: 'COPY --from and RUN --mount=from, builder stages too',
      code: dedent`
        FROM golang:1.23 AS build
        FROM ghcr.io/org/base:1
        COPY --from=quay.io/prometheus/busybox:latest /bin/sh /bin/sh
        RUN --mount=type=bind,from=busybox:1.36,target=/bb ls /bb
      `,
      config: trusted('ghcr.io/org/*'),
      errors: [
        { messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 17 },
        { messageId: 'untrusted', line: 3, column: 13, endLine: 3, endColumn: 46 },
        { messageId: 'untrusted', line: 4, column: 5, endLine: 4, endColumn: 51 },
      ],
    },
    {
      name: 'ARG default resolving to an untrusted registry',
      code: 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/alpine:3.20\n',
      config: trusted('ghcr.io'),
      errors: [{ messageId: 'untrusted', line: 2, column: 6, endLine: 2, endColumn: 37 }],
    },
    {
      name: 'compose: quoted, flow style and merge keys',
      filename: 'docker-compose.yml',
      config: trusted('registry.example.com'),
      code: dedent`
        x-base: &base
          image: redis:7
        services:
          cache:
            <<: *base
          web: {image: "nginx:1.27"}
          api:
            image: registry.example.com/api:3
      `,
      errors: [
        { messageId: 'untrusted', line: 2, column: 10, endLine: 2, endColumn: 17 },
        { messageId: 'untrusted', line: 6, column: 16, endLine: 6, endColumn: 28 },
      ],
    },
    {
      name: 'k8s: document 3, init and ephemeral containers, List items',
      filename: 'app.yaml',
      config: trusted('ghcr.io/org/*'),
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
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              spec:
                initContainers:
                - {name: init, image: busybox:1.36}
                containers:
                - name: web
                  image: ghcr.io/org/web:2.1
                ephemeralContainers:
                - name: debug
                  image: 'docker.io/nicolaka/netshoot:v0.13'
      `,
      errors: [
        { messageId: 'untrusted', line: 19, column: 31, endLine: 19, endColumn: 43 },
        { messageId: 'untrusted', line: 25, column: 18, endLine: 25, endColumn: 53 },
      ],
    },
  ],
});
