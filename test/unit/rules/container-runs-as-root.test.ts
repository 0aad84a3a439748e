import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../../server/src/engine/lint';
import rule from '../../../server/src/engine/rules/container-runs-as-root';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent, replaceOnce, ROOT, RuleTester, testConfig, type InvalidCase, type ValidCase } from '../../rule-tester';

const PSS = { profile: 'pss-restricted' as const };
const CREATE_DEBIAN = 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid 10001 --no-create-home app';
const CREATE_ALPINE = 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app';

// Pod Security Admission fixtures (latest version per check), see test/fixtures/pss/README.md.
const FIXTURES = join(ROOT, 'test', 'fixtures', 'pss', 'restricted');
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

const COMPOSE_TITLE = 'Set user to 10001:10001 (the image must allow it: UID 10001 must be able to read and write what the service needs)';
const POD_ONE = 'Set runAsNonRoot: true and runAsUser: 10001 for the pod (check that the image can run as UID 10001)';
const POD_ALL = 'Set runAsNonRoot: true and runAsUser: 10001 for the pod (check that every image can run as UID 10001)';
const CONTAINER_BOTH = 'Set runAsNonRoot: true and runAsUser: 10001 for the container (check that the image can run as UID 10001)';
/** What "Harden container" adds to a container without a securityContext, at the container's key column. */
const harden = (column: number): string =>
  ['securityContext:', '  allowPrivilegeEscalation: false', '  readOnlyRootFilesystem: true', '  capabilities:', '    drop:', '    - ALL', '  runAsNonRoot: true', '  seccompProfile:', '    type: RuntimeDefault']
    .map((line) => `${' '.repeat(column)}${line}\n`)
    .join('');
const HARDEN_4 = harden(4);
const HARDEN_8 = harden(8);
/** The same fields added to an existing securityContext whose fields are at column 10. */
const HARDEN_FIELDS_10 = HARDEN_8.replace(/^ *securityContext:\n/, '');

const COMPOSE_FORMS = dedent`
  services:
    a:
      image: alpine:3.20
      user: "0:0"
    b:
      image: alpine:3.20
      user: 0
    c: {image: "alpine:3.20", user: root:root}
`;
const EVERY_TYPE = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    template:
      spec:
        initContainers:
        - name: init
          image: busybox:1.36
        containers:
        - name: web
          image: nginx:1.27
        ephemeralContainers:
        - name: debug
          image: busybox:1.36
`;
const POD_FALSE = dedent`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    securityContext:
      runAsNonRoot: false
    containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27
      securityContext:
        runAsNonRoot: on
`;
const STATEFULSET = dedent`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: b}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db}
  spec:
    template:
      spec:
        securityContext:
          runAsNonRoot: "true"
        containers:
        - name: db
          image: postgres:16
`;
const LIST = dedent`
  apiVersion: v1
  kind: List
  items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: ok}
    spec:
      securityContext: {runAsNonRoot: true}
      containers: [{name: a, image: "nginx:1.27"}]
  - apiVersion: batch/v1
    kind: Job
    metadata: {name: bad}
    spec:
      template:
        spec:
          containers: [{name: b, image: "busybox:1.36"}]
`;
const MIXED =
  'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: nginx:1.27\r\n    securityContext: {runAsNonRoot: true, runAsUser: 101}\r\n  - name: metrics\r\n    image: bitnami/redis-exporter:1.62.0\r\n';
const PSS_MIXED = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    template:
      spec:
        containers:
        - name: web
          image: nginx:1.27
          securityContext:
            runAsUser: 101
        - name: sidecar
          image: envoyproxy/envoy:v1.31.0
`;
const POD_OVERRIDDEN = dedent`
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    securityContext:
      runAsNonRoot: false
      runAsUser: 0
    containers:
    - name: c
      image: nginx:1.27
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
`;

new RuleTester().run(rule, {
  valid: [
    // Dockerfile
    'FROM alpine:3.20\nUSER app\n',
    { name: 'numeric user and root group', code: 'FROM alpine:3.20\nUSER 1000:0\nCMD ["sh"]\n' },
    { name: 'USER inherited from a base stage', code: 'FROM alpine:3.20 AS base\nUSER 1000\nFROM base\nCMD ["app"]\n' },
    { name: 'root in a builder stage does not ship', code: 'FROM golang:1.23 AS build\nUSER root\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER 65532\n' },
    { name: 'switch to root for installs, then back', code: 'FROM python:3.12-slim\nUSER root\nRUN apt-get update\nUSER app\nCMD ["python"]\n' },
    { name: 'unresolved USER variable is not guessed', code: 'FROM alpine:3.20\nARG UID\nUSER $UID\n' },
    { name: 'a global ARG is not in scope unless redeclared', code: 'ARG APP_USER=root\nFROM alpine:3.20\nUSER $APP_USER\n' },
    { name: 'USER resolved through an ENV default to a non-root UID', code: 'FROM alpine:3.20\nENV APP_UID=10001\nUSER ${APP_UID}:${APP_UID}\n' },
    { name: 'unresolved base image is not guessed', code: 'ARG BASE\nFROM $BASE\nCOPY app /app\n' },
    { name: 'ONBUILD USER root runs downstream, not here', code: 'FROM alpine:3.20\nUSER app\nONBUILD USER root\n' },
    { name: 'distroless nonroot tag', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    { name: 'distroless debug-nonroot tag', code: 'FROM gcr.io/distroless/base-debian12:debug-nonroot\nCOPY app /app\n' },
    { name: 'Chainguard dev variant runs as nonroot', code: 'FROM cgr.dev/chainguard/python:latest-dev\nCOPY app.py /app/\n' },
    { name: 'nginx-unprivileged', code: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site /usr/share/nginx/html\n' },
    { name: 'Jupyter Docker Stacks image through an ARG default', code: 'ARG BASE_IMAGE=quay.io/jupyter/base-notebook\nFROM $BASE_IMAGE\nRUN pip install --no-cache-dir xgboost\n' },
    { name: 'Bitnami application image', code: 'FROM bitnami/redis:7.2\nCOPY redis.conf /opt/bitnami/redis/etc/\n' },
    { name: '.NET chiseled image runs as app', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nCOPY out /app\n' },
    { name: 'Windows images have no root user', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:/app/\n' },
    { name: 'Windows nanoserver tag', code: 'FROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nCOPY app C:/app/\n' },
    { name: 'lower-case instructions', code: 'from alpine:3.20\nuser 1000\n' },

    // Compose
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    user: "1000:1000"\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    user: app\n' },
    { name: 'compose: interpolated user', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    user: ${UID}:${GID}\n' },
    { name: 'compose: unset user is not checked yet', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { name: 'compose: non-root user in the root group', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    user: "1000:0"\n' },

    // Kubernetes
    {
      name: 'k8s: pod-level runAsNonRoot covers every container type',
      code: dedent`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
              initContainers:
              - {name: init, image: busybox:1.36}
              containers:
              - name: web
                image: nginx:1.27
              ephemeralContainers:
              - {name: debug, image: busybox:1.36}
      `,
    },
    {
      name: 'k8s: non-zero runAsUser at container level',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      runAsUser: 1000\n',
    },
    {
      name: 'k8s: non-zero pod runAsUser wins over runAsNonRoot: false (recommended)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000, runAsNonRoot: false}\n  containers:\n  - name: c\n    image: nginx:1.27\n',
    },
    {
      name: 'k8s: YAML 1.1 boolean yes',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: yes\n  containers:\n  - name: c\n    image: nginx:1.27\n',
    },
    {
      name: 'k8s: container true overrides pod false (recommended)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: false}\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext: {runAsNonRoot: true}\n',
    },
    {
      name: 'k8s: user namespaces (hostUsers: false) waive both checks',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext: {runAsUser: 0}\n',
    },
    {
      name: 'k8s: hostUsers: false under the restricted profile',
      config: PSS,
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers:\n  - name: c\n    image: nginx:1.27\n',
    },
    {
      name: 'k8s: templated runAsUser gets the benefit of the doubt',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      runAsUser: "{{ uid }}"\n',
    },
    {
      name: 'k8s: merge key brings runAsNonRoot',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            sc: &sc {runAsNonRoot: true}
        spec:
          containers:
          - name: c
            image: nginx:1.27
            securityContext:
              <<: *sc
              readOnlyRootFilesystem: true
      `,
    },
    {
      name: 'k8s: CronJob pod template',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext: {runAsNonRoot: true}\n          containers:\n          - {name: c, image: busybox:1.36}\n',
    },
    { name: 'k8s: objects without pods', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n' },
    { name: 'PSS fixture v1.22/pass/runasnonroot0', code: fixture('v1.22/pass/runasnonroot0.yaml') },
    { name: 'PSS fixture v1.22/pass/runasnonroot1', code: fixture('v1.22/pass/runasnonroot1.yaml') },
    { name: 'PSS fixture v1.22/pass/runasnonroot0 (restricted profile)', code: fixture('v1.22/pass/runasnonroot0.yaml'), config: PSS },
    { name: 'PSS fixture v1.22/pass/runasnonroot1 (restricted profile)', code: fixture('v1.22/pass/runasnonroot1.yaml'), config: PSS },
  ],
  invalid: [
    // ---------------------------------------------------------------- Dockerfile
    {
      name: 'no USER: Debian-based image gets a user created before CMD',
      code: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      errors: [
        {
          messageId: 'noUser',
          message: 'The final stage sets no USER, so the container runs as root unless the base image chose another user; switch to a non-root user.',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 22,
          severity: 'warning',
          suggestions: [
            {
              title: 'Create user "app" (UID 10001) and add USER 10001:10001 before CMD',
              output: `FROM python:3.12-slim\nCOPY . /app\n${CREATE_DEBIAN}\nUSER 10001:10001\nCMD ["python", "/app/main.py"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'no USER: Alpine, no trailing CMD, continuation lines',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n',
      errors: [
        {
          messageId: 'noUser',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          suggestions: [{ title: 'Create user "app" (UID 10001) and add USER 10001:10001', output: `FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n${CREATE_ALPINE}\nUSER 10001:10001\n` }],
        },
      ],
    },
    {
      name: 'no USER: distroless final stage of a multi-stage build',
      code: dedent`
        FROM golang:1.23 AS build
        RUN go build -o /app
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
        EXPOSE 8080
        ENTRYPOINT ["/app"]
      `,
      errors: [
        {
          messageId: 'noUser',
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 39,
          suggestions: [
            {
              title: 'Add USER 65532:65532 before EXPOSE (the nonroot UID)',
              output: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nUSER 65532:65532\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'no USER: scratch',
      code: 'FROM scratch\nCOPY app /app\n',
      errors: [{ messageId: 'noUser', line: 1, column: 6, endLine: 1, endColumn: 13, suggestions: [{ title: 'Add USER 65532:65532 (the nonroot UID)', output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\n' }] }],
    },
    {
      name: 'no USER: unknown family, named final stage, exec-form CMD',
      code: 'FROM ghcr.io/org/base:1.0 AS final\nCMD ["serve"]\n',
      errors: [
        {
          messageId: 'noUser',
          message: 'The final stage "final" sets no USER, so the container runs as root unless the base image chose another user; switch to a non-root user.',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 26,
          suggestions: [
            {
              title: 'Add USER 10001:10001 before CMD (check that this UID can read and write what the app needs)',
              output: 'FROM ghcr.io/org/base:1.0 AS final\nUSER 10001:10001\nCMD ["serve"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'no USER: ARG substitution resolves the base image family',
      code: 'ARG BASE=alpine:3.20\nFROM ${BASE}\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [
        {
          messageId: 'noUser',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 13,
          suggestions: [{ title: 'Create user "app" (UID 10001) and add USER 10001:10001 before ENTRYPOINT', output: `ARG BASE=alpine:3.20\nFROM \${BASE}\nCOPY app /app\n${CREATE_ALPINE}\nUSER 10001:10001\nENTRYPOINT ["/app"]\n` }],
        },
      ],
    },
    {
      name: 'no USER: the scratch final stage of a build with a root builder',
      code: 'FROM alpine:3.20 AS build\nUSER 1000\nRUN make\nFROM scratch\nCOPY --from=build /out /\n',
      errors: [{ messageId: 'noUser', line: 4, column: 6, endLine: 4, endColumn: 13, suggestions: [{ title: 'Add USER 65532:65532 (the nonroot UID)', output: 'FROM alpine:3.20 AS build\nUSER 1000\nRUN make\nFROM scratch\nCOPY --from=build /out /\nUSER 65532:65532\n' }] }],
    },
    {
      name: 'USER root as the last word: replaced, with the user created first',
      code: 'FROM node:22-slim\nWORKDIR /app\nUSER root\nCMD ["node", "index.js"]\n',
      errors: [
        {
          messageId: 'rootUser',
          message: 'USER root makes the container run as root; switch to a non-root user before the image is used.',
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 10,
          severity: 'warning',
          suggestions: [
            {
              title: 'Replace USER root with a new user "app" (UID 10001)',
              output: `FROM node:22-slim\nWORKDIR /app\n${CREATE_DEBIAN}\nUSER 10001:10001\nCMD ["node", "index.js"]\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'USER root followed by RUN: switch back to the earlier user before CMD',
      code: 'FROM alpine:3.20\nUSER app\nRUN echo hi\nUSER root\nRUN apk add --no-cache curl\nCMD ["sh"]\n',
      errors: [
        {
          messageId: 'rootUser',
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 10,
          suggestions: [{ title: 'Switch back to USER app before CMD', output: 'FROM alpine:3.20\nUSER app\nRUN echo hi\nUSER root\nRUN apk add --no-cache curl\nUSER app\nCMD ["sh"]\n' }],
        },
      ],
    },
    {
      name: 'USER from a redeclared global ARG resolves to root',
      code: 'ARG APP_USER=root\nFROM alpine:3.20\nARG APP_USER\nUSER ${APP_USER}\n',
      errors: [
        {
          messageId: 'rootUser',
          message: 'USER ${APP_USER} (root) makes the container run as root; switch to a non-root user before the image is used.',
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 17,
          suggestions: [{ title: 'Replace USER ${APP_USER} with a new user "app" (UID 10001)', output: `ARG APP_USER=root\nFROM alpine:3.20\nARG APP_USER\n${CREATE_ALPINE}\nUSER 10001:10001\n` }],
        },
      ],
    },
    {
      name: 'USER from an ENV default resolves to UID 0',
      code: 'FROM ghcr.io/org/base:1.0\nENV RUN_AS=0\nUSER $RUN_AS:0\nCMD ["serve"]\n',
      errors: [
        {
          messageId: 'rootUser',
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 15,
          suggestions: [
            {
              title: 'Replace USER $RUN_AS:0 with USER 10001:10001 (check that this UID can read and write what the app needs)',
              output: 'FROM ghcr.io/org/base:1.0\nENV RUN_AS=0\nUSER 10001:10001\nCMD ["serve"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'USER 0 after a non-root user: replaced with it',
      code: 'FROM alpine:3.20\nUSER 1000:1000\nCOPY app /app\nUSER 0\n',
      errors: [{ messageId: 'rootUser', line: 4, column: 6, endLine: 4, endColumn: 7, suggestions: [{ title: 'Replace USER 0 with USER 1000:1000', output: 'FROM alpine:3.20\nUSER 1000:1000\nCOPY app /app\nUSER 1000:1000\n' }] }],
    },
    {
      name: 'USER 0:0 and root:root forms, unknown family',
      code: 'FROM ghcr.io/org/base:1.0\nUSER root:root\nRUN setup\nUSER 0:0\n',
      errors: [
        {
          messageId: 'rootUser',
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 9,
          suggestions: [
            {
              title: 'Replace USER 0:0 with USER 10001:10001 (check that this UID can read and write what the app needs)',
              output: 'FROM ghcr.io/org/base:1.0\nUSER root:root\nRUN setup\nUSER 10001:10001\n',
            },
          ],
        },
      ],
    },
    {
      name: 'USER root inherited from the base stage of the final stage',
      code: 'FROM ubuntu:24.04 AS base\nUSER root\nFROM base\nCOPY x /x\n',
      errors: [
        {
          messageId: 'rootUser',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 10,
          suggestions: [{ title: 'Replace USER root with a new user "app" (UID 10001)', output: `FROM ubuntu:24.04 AS base\n${CREATE_DEBIAN}\nUSER 10001:10001\nFROM base\nCOPY x /x\n` }],
        },
      ],
    },
    {
      name: 'lower-case user root, Chainguard image explicitly switched to root',
      code: 'FROM cgr.dev/chainguard/python:latest-dev\nuser root\nRUN apk add git\n',
      errors: [{ messageId: 'rootUser', line: 2, column: 6, endLine: 2, endColumn: 10, suggestions: [{ title: 'Add USER 10001:10001 (check that this UID can read and write what the app needs)', output: 'FROM cgr.dev/chainguard/python:latest-dev\nuser root\nRUN apk add git\nUSER 10001:10001' + '\n' }] }],
    },

    // ---------------------------------------------------------------- Compose
    {
      filename: 'compose.yaml',
      code: 'services:\n  db:\n    image: postgres:16\n    user: root\n',
      errors: [
        {
          messageId: 'composeRoot',
          message: 'Service "db" runs as root (user: root); run it as a non-root UID.',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 15,
          suggestions: [{ title: COMPOSE_TITLE, output: 'services:\n  db:\n    image: postgres:16\n    user: 10001:10001\n' }],
        },
      ],
    },
    {
      name: 'compose: quoted 0:0, plain integer 0, flow style root:root; the quotes are kept',
      filename: 'docker-compose.yml',
      code: COMPOSE_FORMS,
      errors: [
        { messageId: 'composeRoot', line: 4, column: 11, endLine: 4, endColumn: 16, suggestions: [{ title: COMPOSE_TITLE, output: replaceOnce(COMPOSE_FORMS, 'user: "0:0"', 'user: "10001:10001"') }] },
        { messageId: 'composeRoot', line: 7, column: 11, endLine: 7, endColumn: 12, suggestions: [{ title: COMPOSE_TITLE, output: replaceOnce(COMPOSE_FORMS, 'user: 0\n', 'user: 10001:10001\n') }] },
        { messageId: 'composeRoot', line: 8, column: 35, endLine: 8, endColumn: 44, suggestions: [{ title: COMPOSE_TITLE, output: replaceOnce(COMPOSE_FORMS, 'user: root:root', 'user: 10001:10001') }] },
      ],
    },
    {
      name: 'compose: alias points at its use, which is replaced (the anchor stays)',
      filename: 'compose.yaml',
      code: 'x-user: &u root\nservices:\n  a:\n    image: alpine:3.20\n    user: *u\n',
      errors: [
        {
          messageId: 'composeRoot', line: 5, column: 11, endLine: 5, endColumn: 13,
          suggestions: [{ title: COMPOSE_TITLE, output: 'x-user: &u root\nservices:\n  a:\n    image: alpine:3.20\n    user: 10001:10001\n' }],
        },
      ],
    },
    {
      name: 'compose: a user merged in with << gets an own key on the service; distroless runs as its nonroot UID',
      filename: 'compose.yaml',
      code: 'x-common: &common\n  user: root\nservices:\n  a:\n    <<: *common\n    image: gcr.io/distroless/static-debian12\n',
      errors: [
        {
          messageId: 'composeRoot', line: 2, column: 9, endLine: 2, endColumn: 13,
          suggestions: [
            {
              title: 'Set user to 65532:65532 (the image must allow it: UID 65532 must be able to read and write what the service needs)',
              output: 'x-common: &common\n  user: root\nservices:\n  a:\n    <<: *common\n    image: gcr.io/distroless/static-debian12\n    user: 65532:65532\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: CRLF, single quotes kept',
      filename: 'compose.yaml',
      code: "services:\r\n  a:\r\n    image: alpine:3.20\r\n    user: '0'\r\n",
      errors: [{ messageId: 'composeRoot', line: 4, column: 11, endLine: 4, endColumn: 14, suggestions: [{ title: COMPOSE_TITLE, output: "services:\r\n  a:\r\n    image: alpine:3.20\r\n    user: '10001:10001'\r\n" }] }],
    },

    // ---------------------------------------------------------------- Kubernetes
    {
      name: 'k8s: nothing set, every container type: one pod-level suggestion for all, Harden per container',
      code: EVERY_TYPE,
      errors: [
        {
          messageId: 'noRunAsNonRoot',
          message: 'Container "init" may run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser.',
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 19,
          severity: 'warning',
          suggestions: [
            { title: POD_ALL, output: `${EVERY_TYPE}      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n` },
            { title: 'Harden container', output: replaceOnce(EVERY_TYPE, '        image: busybox:1.36\n      containers:', `        image: busybox:1.36\n${HARDEN_8}      containers:`) },
          ],
        },
        {
          messageId: 'noRunAsNonRoot', line: 11, column: 15, endLine: 11, endColumn: 18,
          suggestions: [
            { title: POD_ALL, output: `${EVERY_TYPE}      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n` },
            { title: 'Harden container', output: replaceOnce(EVERY_TYPE, '        image: nginx:1.27\n', `        image: nginx:1.27\n${HARDEN_8}`) },
          ],
        },
        {
          messageId: 'noRunAsNonRoot', line: 14, column: 15, endLine: 14, endColumn: 20,
          suggestions: [
            { title: POD_ALL, output: `${EVERY_TYPE}      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n` },
            { title: 'Harden container', output: `${EVERY_TYPE}${HARDEN_8}` },
          ],
        },
      ],
    },
    {
      name: 'k8s: pod-level false inherited; container with YAML 1.1 "on" is fine, so the fix goes on the container',
      code: POD_FALSE,
      errors: [
        {
          messageId: 'runAsNonRootFalse',
          message: 'Container "a" has runAsNonRoot: false (set on the pod), so it may run as root; set runAsNonRoot: true.',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            { title: CONTAINER_BOTH, output: replaceOnce(POD_FALSE, '    image: nginx:1.27\n  - name: b', '    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n      runAsUser: 10001\n  - name: b') },
            { title: 'Harden container', output: replaceOnce(POD_FALSE, '    image: nginx:1.27\n  - name: b', `    image: nginx:1.27\n${HARDEN_4}  - name: b`) },
          ],
        },
      ],
    },
    {
      name: 'k8s: runAsUser 0 on the container overrides a non-root pod: replaced (no Harden: it would not set runAsNonRoot next to UID 0)',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsNonRoot: true, runAsUser: 1000}
          containers:
          - name: c
            image: nginx:1.27
            securityContext: {runAsUser: 0}
      `,
      errors: [
        {
          messageId: 'runAsUserZero',
          message: 'Container "c" runs as root: runAsUser is 0 (set on the container).',
          line: 9,
          column: 34,
          endLine: 9,
          endColumn: 35,
          suggestions: [
            {
              title: 'Set runAsUser: 10001 for the container (check that the image can run as UID 10001)',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true, runAsUser: 1000}\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext: {runAsUser: 10001}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: quoted "true" is a string, not a boolean: replaced by the boolean; finding in document 3',
      code: STATEFULSET,
      errors: [
        {
          messageId: 'noRunAsNonRoot', line: 18, column: 15, endLine: 18, endColumn: 17,
          suggestions: [
            { title: POD_ONE, output: replaceOnce(STATEFULSET, '        runAsNonRoot: "true"\n', '        runAsNonRoot: true\n        runAsUser: 10001\n') },
            { title: 'Harden container', output: `${STATEFULSET}${HARDEN_8}` },
          ],
        },
      ],
    },
    {
      name: 'k8s: List items, flow style',
      code: LIST,
      errors: [
        {
          messageId: 'noRunAsNonRoot', line: 16, column: 29, endLine: 16, endColumn: 30,
          suggestions: [
            { title: POD_ONE, output: `${LIST}        securityContext:\n          runAsNonRoot: true\n          runAsUser: 10001\n` },
            {
              title: 'Harden container',
              output: replaceOnce(
                LIST,
                'image: "busybox:1.36"}]',
                'image: "busybox:1.36", securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}}]',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: another container sets runAsNonRoot itself, so this one gets it on the container; a known non-root image (Bitnami) gets no runAsUser; CRLF',
      code: MIXED,
      errors: [
        {
          messageId: 'noRunAsNonRoot', line: 9, column: 11, endLine: 9, endColumn: 18,
          suggestions: [
            { title: 'Set runAsNonRoot: true for the container', output: `${MIXED}    securityContext:\r\n      runAsNonRoot: true\r\n` },
            { title: 'Harden container', output: `${MIXED}${HARDEN_4.replace(/\n/g, '\r\n')}` },
          ],
        },
      ],
    },
    {
      name: 'k8s: a Windows pod gets runAsNonRoot alone (the API rejects runAsUser there) and no Harden container (Linux-only fields)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  os: {name: windows}\n  containers:\n  - name: iis\n    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\n',
      errors: [
        {
          messageId: 'noRunAsNonRoot', line: 7, column: 11, endLine: 7, endColumn: 14,
          suggestions: [
            {
              title: 'Set runAsNonRoot: true for the pod',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: win}\nspec:\n  os: {name: windows}\n  containers:\n  - name: iis\n    image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\n  securityContext:\n    runAsNonRoot: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: restricted profile requires runAsNonRoot even with a non-zero runAsUser',
      config: PSS,
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext: {runAsUser: 1000}\n',
      errors: [
        {
          messageId: 'pssRunAsNonRoot',
          message: 'Container "c" must have runAsNonRoot: true (on itself or its pod) under the restricted Pod Security Standard; a non-zero runAsUser alone does not satisfy it.',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 12,
          severity: 'error',
          suggestions: [
            {
              title: 'Set runAsNonRoot: true for the pod',
              output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext: {runAsUser: 1000}\n  securityContext:\n    runAsNonRoot: true\n',
            },
            {
              title: 'Harden container',
              output:
                'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n' +
                '    securityContext: {runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: restricted profile, one container with its own UID and one without: the same pod-level suggestion for both',
      config: PSS,
      code: PSS_MIXED,
      errors: [
        {
          messageId: 'pssRunAsNonRoot', line: 8, column: 15, endLine: 8, endColumn: 18,
          suggestions: [
            { title: POD_ONE, output: `${PSS_MIXED}      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n` },
            { title: 'Harden container', output: replaceOnce(PSS_MIXED, '          runAsUser: 101\n', `          runAsUser: 101\n${HARDEN_FIELDS_10}`) },
          ],
        },
        {
          messageId: 'noRunAsNonRoot', line: 12, column: 15, endLine: 12, endColumn: 22,
          suggestions: [
            { title: POD_ONE, output: `${PSS_MIXED}      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n` },
            { title: 'Harden container', output: `${PSS_MIXED}${HARDEN_8}` },
          ],
        },
      ],
    },
    {
      name: 'k8s: restricted profile rejects an explicit false even with a non-zero runAsUser (no Harden: the pod-level false would then be reported on its own)',
      config: PSS,
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000, runAsNonRoot: false}\n  containers:\n  - name: c\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'runAsNonRootFalse', line: 5, column: 52, endLine: 5, endColumn: 57, severity: 'error',
          suggestions: [
            { title: 'Set runAsNonRoot: true for the pod', output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000, runAsNonRoot: true}\n  containers:\n  - name: c\n    image: nginx:1.27\n' },
          ],
        },
      ],
    },
    {
      name: 'k8s: restricted profile with nothing set',
      config: PSS,
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'noRunAsNonRoot', line: 6, column: 11, endLine: 6, endColumn: 12, severity: 'error',
          suggestions: [
            { title: POD_ONE, output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n' },
            { title: 'Harden container', output: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n${HARDEN_4}` },
          ],
        },
      ],
    },
    {
      name: 'k8s: restricted profile rejects pod-level values that every container overrides: removed from the pod',
      config: PSS,
      code: POD_OVERRIDDEN,
      errors: [
        {
          messageId: 'pssPodLevel',
          message: 'The pod sets runAsNonRoot: false, which the restricted Pod Security Standard rejects even though every container overrides it.',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 24,
          suggestions: [{ title: 'Remove runAsNonRoot: false from the pod (every container sets its own)', output: replaceOnce(POD_OVERRIDDEN, '    runAsNonRoot: false\n', '') }],
        },
        {
          messageId: 'pssPodLevel',
          message: 'The pod sets runAsUser: 0, which the restricted Pod Security Standard rejects even though every container overrides it.',
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 17,
          suggestions: [{ title: 'Remove runAsUser: 0 from the pod (every container sets its own)', output: replaceOnce(POD_OVERRIDDEN, '    runAsUser: 0\n', '') }],
        },
      ],
    },
    ...pssFailCases(undefined),
    ...pssFailCases(PSS),
  ],
});

/** The latest PSA `fail` fixtures for runAsNonRoot and runAsUser, with their exact findings and suggestions. */
function pssFailCases(config: typeof PSS | undefined): InvalidCase[] {
  const label = config ? ' (restricted profile)' : '';
  const nonroot1 = fixture('v1.22/fail/runasnonroot1.yaml');
  const nonroot2 = fixture('v1.22/fail/runasnonroot2.yaml');
  const nonroot3 = fixture('v1.22/fail/runasnonroot3.yaml');
  const user0 = fixture('v1.23/fail/runasuser0.yaml');
  const user2 = fixture('v1.23/fail/runasuser2.yaml');
  // The fixtures' containers have allowPrivilegeEscalation: false and drop ALL already.
  const harden = (text: string, runAsNonRoot: string): string => replaceOnce(text, runAsNonRoot, '      runAsNonRoot: true\n      readOnlyRootFilesystem: true\n');
  const podFix = { title: 'Set runAsNonRoot: true and runAsUser: 10001 for the pod (check that every image can run as UID 10001)', output: replaceOnce(nonroot1, '    runAsNonRoot: false\n    seccompProfile:\n      type: RuntimeDefault\n', '    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n    runAsUser: 10001\n') };
  // Under the restricted profile, Harden container would leave the pod-level false reported on its own (pssPodLevel).
  const nonroot1Suggestions = (container: string) =>
    config ? [podFix] : [podFix, { title: 'Harden container', output: replaceOnce(nonroot1, `    name: ${container}\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n`, `    name: ${container}\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n      readOnlyRootFilesystem: true\n      runAsNonRoot: true\n`) }];
  const user0Fix = { title: 'Set runAsUser: 10001 for the pod (check that every image can run as UID 10001)', output: replaceOnce(user0, '    runAsUser: 0\n', '    runAsUser: 10001\n') };
  return [
    {
      name: `PSS fixture v1.22/fail/runasnonroot1: pod-level false reaches both containers; one pod-level suggestion for both${label}`,
      code: nonroot1,
      ...(config ? { config } : {}),
      errors: [
        {
          messageId: 'runAsNonRootFalse',
          message: 'Container "initcontainer1" has runAsNonRoot: false (set on the pod), so it may run as root; set runAsNonRoot: true.',
          line: 23, column: 19, endLine: 23, endColumn: 24,
          suggestions: nonroot1Suggestions('initcontainer1'),
        },
        {
          messageId: 'runAsNonRootFalse',
          message: 'Container "container1" has runAsNonRoot: false (set on the pod), so it may run as root; set runAsNonRoot: true.',
          line: 23, column: 19, endLine: 23, endColumn: 24,
          suggestions: nonroot1Suggestions('container1'),
        },
      ],
    },
    {
      name: `PSS fixture v1.22/fail/runasnonroot2: container-level false${label}`,
      code: nonroot2,
      ...(config ? { config } : {}),
      errors: [
        {
          messageId: 'runAsNonRootFalse', line: 14, column: 21, endLine: 14, endColumn: 26,
          suggestions: [
            { title: CONTAINER_BOTH, output: replaceOnce(nonroot2, '      runAsNonRoot: false\n', '      runAsNonRoot: true\n      runAsUser: 10001\n') },
            { title: 'Harden container', output: harden(nonroot2, '      runAsNonRoot: false\n') },
          ],
        },
      ],
    },
    {
      name: `PSS fixture v1.22/fail/runasnonroot3: init container false${label}`,
      code: nonroot3,
      ...(config ? { config } : {}),
      errors: [
        {
          messageId: 'runAsNonRootFalse', line: 22, column: 21, endLine: 22, endColumn: 26,
          suggestions: [
            { title: CONTAINER_BOTH, output: replaceOnce(nonroot3, '      runAsNonRoot: false\n', '      runAsNonRoot: true\n      runAsUser: 10001\n') },
            { title: 'Harden container', output: harden(nonroot3, '      runAsNonRoot: false\n') },
          ],
        },
      ],
    },
    {
      name: `PSS fixture v1.23/fail/runasuser0: pod-level runAsUser 0, replaced on the pod${label}`,
      code: user0,
      ...(config ? { config } : {}),
      errors: [
        { messageId: 'runAsUserZero', message: 'Container "initcontainer1" runs as root: runAsUser is 0 (set on the pod).', line: 24, column: 16, endLine: 24, endColumn: 17, suggestions: [user0Fix] },
        { messageId: 'runAsUserZero', message: 'Container "container1" runs as root: runAsUser is 0 (set on the pod).', line: 24, column: 16, endLine: 24, endColumn: 17, suggestions: [user0Fix] },
      ],
    },
    {
      name: `PSS fixture v1.23/fail/runasuser2: init container runAsUser 0${label}`,
      code: user2,
      ...(config ? { config } : {}),
      errors: [
        {
          messageId: 'runAsUserZero', line: 22, column: 18, endLine: 22, endColumn: 19,
          suggestions: [{ title: 'Set runAsUser: 10001 for the container (check that the image can run as UID 10001)', output: replaceOnce(user2, '      runAsUser: 0\n', '      runAsUser: 10001\n') }],
        },
      ],
    },
  ];
}

describe('container-runs-as-root: Pod Security Admission fixtures', () => {
  const lintFixture = (path: string, c: ValidCase['config']): number =>
    lint(new SourceFile(path, fixture(path)), { config: testConfig(c), rules: [rule] }).findings.filter((f) => f.ruleId === rule.id).length;
  for (const verdict of ['pass', 'fail'] as const) {
    for (const version of readdirSync(FIXTURES)) {
      let files: string[] = [];
      try {
        files = readdirSync(join(FIXTURES, version, verdict));
      } catch {
        continue;
      }
      for (const file of files) {
        const path = `${version}/${verdict}/${file}`;
        it(`${path} ${verdict === 'pass' ? 'is silent' : 'reports'} under every profile that runs the rule`, () => {
          for (const config of [undefined, PSS, { profile: 'recommended' as const }]) {
            const n = lintFixture(path, config);
            if (verdict === 'pass') assert.equal(n, 0, `${path}: expected no finding`);
            else assert.ok(n > 0, `${path}: expected findings`);
          }
        });
      }
    }
  }
});

// Compose services built from a workspace Dockerfile (cross-file).
const builtMessage = (service: string, dockerfile: string) =>
  `Service "${service}" sets no user: and its image, built from ${dockerfile}, runs as root; set USER in the Dockerfile or user: here.`;

new RuleTester().run(rule, {
  valid: [
    { name: 'compose build: the Dockerfile sets a non-root USER', filename: 'compose.yaml', code: 'services:\n  api:\n    build: ./api\n', workspace: { 'api/Dockerfile': 'FROM node:22-slim\nUSER 10001\n' } },
    { name: 'compose build: the base image runs as non-root', filename: 'compose.yaml', code: 'services:\n  api:\n    build: ./api\n', workspace: { 'api/Dockerfile': 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nCOPY . /app\n' } },
    { name: 'compose build: the service sets a non-root user', filename: 'compose.yaml', code: 'services:\n  api:\n    build: ./api\n    user: "10001"\n', workspace: { 'api/Dockerfile': 'FROM node:22-slim\n' } },
    { name: 'compose build: the Dockerfile is not in the workspace', filename: 'compose.yaml', code: 'services:\n  api:\n    build: ./api\n', workspace: { 'api/README.md': '' } },
    { name: 'compose build: a Git URL context', filename: 'compose.yaml', code: 'services:\n  api:\n    build: https://github.com/acme/api.git#main\n', workspace: { 'Dockerfile': 'FROM node:22-slim\n' } },
    { name: 'compose build: dockerfile_inline', filename: 'compose.yaml', code: 'services:\n  api:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM node:22-slim\n', workspace: { 'Dockerfile': 'FROM node:22-slim\n' } },
    { name: 'compose build: a USER variable without a default', filename: 'compose.yaml', code: 'services:\n  api:\n    build: .\n', workspace: { 'Dockerfile': 'FROM node:22-slim\nARG RUN_AS\nUSER $RUN_AS\n' } },
    { name: 'compose build: a lone compose file (no workspace) is not checked', filename: 'compose.yaml', code: 'services:\n  api:\n    build: ./api\n' },
  ],
  invalid: [
    {
      name: 'compose build: the Dockerfile sets no USER',
      filename: 'compose.yaml',
      code: 'services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:1.0\n',
      workspace: { 'api/Dockerfile': 'FROM node:22-slim\nCMD ["node", "server.js"]\n' },
      errors: [{ messageId: 'composeBuiltAsRoot', message: builtMessage('api', 'api/Dockerfile'), line: 2, column: 3, endLine: 2, endColumn: 6, related: ['api/Dockerfile:1:6 No USER in the final stage: the image runs as root'] }],
    },
    {
      name: 'compose build: context and dockerfile keys; the final USER is root',
      filename: 'deploy/compose.yaml',
      code: 'services:\n  worker:\n    build:\n      context: ..\n      dockerfile: docker/worker.Dockerfile\n',
      workspace: { 'docker/worker.Dockerfile': 'FROM python:3.12-slim\nUSER app\nRUN pip install x\nUSER root\n' },
      errors: [{ messageId: 'composeBuiltAsRoot', message: builtMessage('worker', '../docker/worker.Dockerfile'), line: 2, column: 3, endLine: 2, endColumn: 9, related: ['docker/worker.Dockerfile:4:6 USER root runs the image as root'] }],
    },
    {
      name: 'compose build: multi-root style nested project; only the service without user: is reported',
      filename: 'services/compose.yml',
      code: 'services:\n  a:\n    build: ./a\n  b:\n    build: ./a\n    user: "1000"\n',
      workspace: { 'services/a/Dockerfile': 'FROM alpine:3.20\n' },
      errors: [{ messageId: 'composeBuiltAsRoot', message: builtMessage('a', 'a/Dockerfile'), line: 2, column: 3, endLine: 2, endColumn: 4, related: ['services/a/Dockerfile:1:6 No USER in the final stage: the image runs as root'] }],
    },
  ],
});
