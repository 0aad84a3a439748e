import rule from '../../../server/src/engine/rules/image-digest-missing';
import { dedent, RuleTester } from '../../rule-tester';

const SHA = 'sha256:' + 'a'.repeat(64);

new RuleTester().run(rule, {
  valid: [
    `FROM alpine:3.20@${SHA}\n`,
    { name: 'digest without tag', code: `FROM alpine@${SHA}\n` },
    { name: 'scratch and stage names are not images', code: `FROM golang:1.23@${SHA} AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /app /app\nCOPY --from=0 /app /app2\n` },
    { name: 'unresolved ARG may carry the digest', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'ARG default with a digest', code: `ARG BASE=alpine:3.20@${SHA}\nFROM \${BASE}\n` },
    { name: 'COPY --from an image pinned by digest', code: `FROM alpine@${SHA}\nCOPY --from=nginx:1.27@${SHA} /etc/nginx /etc/nginx\n` },
    { filename: 'compose.yaml', code: `services:\n  web:\n    image: nginx:1.27@${SHA}\n  app:\n    build: .\n` },
    { name: 'compose variable', filename: 'compose.yaml', code: 'services:\n  web:\n    image: ${WEB_IMAGE:-nginx}\n' },
    { name: 'k8s helm-style template', filename: 'deploy.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: "{{ .Values.image }}"\n' },
    {
      name: 'k8s pinned containers of every type',
      filename: 'pod.yaml',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers: [{name: i, image: "busybox@${SHA}"}]
          containers:
          - name: c
            image: ghcr.io/org/app:1.2@${SHA}
          ephemeralContainers:
          - {name: e, image: 'debug@${SHA}'}
      `,
    },
    { name: 'template placeholders are not images', code: 'FROM baseImage\nFROM REGION-docker.pkg.dev/PROJECT_ID/app:1.0\n' },
    { name: 'k8s placeholder', filename: 'pod.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: <image_url>\n' },
    { name: 'non-pod objects have no images', filename: 'cm.yaml', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  image: nginx\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\n',
      errors: [
        {
          messageId: 'noDigest',
          message: 'Image "alpine:3.20" is not pinned by digest, so the content behind the reference can change without notice; pin it as "alpine:3.20@sha256:<digest>".',
          severity: 'info',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'every stage, COPY --from and RUN --mount=from',
      code: dedent`
        FROM golang:1.23 AS build
        FROM build AS test
        FROM gcr.io/distroless/static:nonroot
        COPY --from=build /app /app
        COPY --from=nginx:1.27 /etc/nginx /etc/nginx
        RUN --mount=type=bind,from=busybox:1.36,target=/bb ls /bb
      `,
      errors: [
        { messageId: 'noDigest', line: 1, column: 6, endLine: 1, endColumn: 17 },
        { messageId: 'noDigest', line: 3, column: 6, endLine: 3, endColumn: 38 },
        { messageId: 'noDigest', line: 5, column: 13, endLine: 5, endColumn: 23 },
        { messageId: 'noDigest', line: 6, column: 5, endLine: 6, endColumn: 51 },
      ],
    },
    {
      name: 'ARG default resolves the reference; the message shows the resolved image',
      code: 'ARG VERSION=3.20\nFROM alpine:${VERSION}\n',
      errors: [{ messageId: 'noDigest', message: 'Image "alpine:3.20" is not pinned by digest, so the content behind the reference can change without notice; pin it as "alpine:3.20@sha256:<digest>".', line: 2, column: 6, endLine: 2, endColumn: 23 }],
    },
    {
      name: 'lower-case instruction and a multi-line FROM',
      code: 'from \\\n  python:3.12-slim as base\nrun true\n',
      errors: [{ messageId: 'noDigest', line: 2, column: 3, endLine: 2, endColumn: 19 }],
    },
    {
      name: 'compose: quoted, flow style and merge keys',
      filename: 'docker-compose.yml',
      code: dedent`
        x-base: &base
          image: redis:7
        services:
          cache:
            <<: *base
          web: {image: "nginx:1.27"}
          db:
            image: postgres:16@${SHA}
      `,
      errors: [
        { messageId: 'noDigest', line: 2, column: 10, endLine: 2, endColumn: 17 },
        { messageId: 'noDigest', line: 6, column: 16, endLine: 6, endColumn: 28 },
      ],
    },
    {
      name: 'k8s: Deployment in document 3 with init and ephemeral containers',
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
              - {name: init, image: busybox:1.36}
              containers:
              - name: web
                image: ghcr.io/org/web:2.1
              ephemeralContainers:
              - name: debug
                image: 'busybox:1.36'
      `,
      errors: [
        { messageId: 'noDigest', line: 16, column: 29, endLine: 16, endColumn: 41 },
        { messageId: 'noDigest', line: 19, column: 16, endLine: 19, endColumn: 35 },
        { messageId: 'noDigest', line: 22, column: 16, endLine: 22, endColumn: 30 },
      ],
    },
    {
      name: 'k8s: List items and CronJob',
      filename: 'list.yaml',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: nightly}
          spec:
            schedule: "0 0 * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    containers:
                    - name: job
                      image: alpine:3.20
      `,
      errors: [{ messageId: 'noDigest', line: 15, column: 22, endLine: 15, endColumn: 33 }],
    },
  ],
});
