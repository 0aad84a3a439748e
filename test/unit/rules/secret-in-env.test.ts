import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/fix/apply';
import { lint } from '../../../server/src/engine/lint';
import rule from '../../../server/src/engine/rules/secret-in-env';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent, replaceOnce, RuleTester, testConfig } from '../../rule-tester';

// Credential-shaped test values are assembled at run time so that no token-looking literal sits in
// the repository (secret scanners would flag this file). None of them is a real credential.
const GH = ['ghp', '_', 'R8mQ2vXk'.repeat(4), 'Za9T'].join(''); // 40 chars
const AKIA = ['AK', 'IA', 'QWERTYUIOPASDFGH'].join(''); // 20 chars
const AWS_SECRET = ['wJ9rXUtnFEMI/K7MDENG/', 'bPxRfiCYzq4h8Lm2NvT'].join(''); // 40 chars
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJib2IiLCJyb2xlIjoiYWRtaW4ifQ', 'Qm9ndXNTaWduYXR1cmVGb3JUZXN0cw'].join('.'); // 90 chars
const PEM = ['-----BEGIN ', 'OPENSSH PRIVATE KEY', '-----b3BlbnNzaC1rZXktdjE'].join(''); // 54 chars
const STRIPE = ['sk', '_live_', 'Tq3Lm8Zx2Vb7Nc4Kp9Wj5Hf1'].join(''); // 32 chars
const RANDOM = ['q7Vt2LmZ9xRb4NcK', '8pWj3HfY6sDg1AeU'].join(''); // 32 chars, high entropy

const ENV_ADVICE = 'ENV values are stored in the image and readable by anyone who can pull it; use a build secret (RUN --mount=type=secret) or pass the value at run time';
const ARG_ADVICE = 'build arguments are recorded in the image history; use a build secret (RUN --mount=type=secret) instead';

const THREE_DOCUMENTS = dedent`
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
        - name: migrate
          image: app:1.0
          env:
          - {name: DB_PASSWORD, value: hunter2hunter}
        containers:
        - name: web
          image: app:1.0
          env:
          - name: STRIPE_KEY
            value: "${STRIPE}"
        ephemeralContainers:
        - name: debug
          image: busybox:1.36
          env:
          - name: ADMIN_PASSWORD
            value: 'letmein!'
`;

new RuleTester().run(rule, {
  valid: [
    // Dockerfile: names that are not secrets
    'FROM alpine:3.20\nENV DB_HOST=db LOG_LEVEL=debug\n',
    { name: 'GPG_KEY, versions, checksums, public keys and key ids', code: 'FROM python:3.12-slim\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305 PYTHON_VERSION=3.12.7\nENV NODE_SHA256=b1a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\nENV PUBLIC_KEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7 user@host" KEY_ID=4F2A9C\nARG AWS_ACCESS_KEY_ID=local\n' },
    { name: 'names about secrets, not secrets', code: 'FROM alpine:3.20\nENV SECRET_KEY_BASE_FILE=/run/secrets/skb PASSWORD_FILE=/run/secrets/pw TOKEN_URL=https://auth.example.com/token\nENV AUTH_METHOD=oauth KEY_ALGORITHM=RS256 TOKEN_TTL=3600 PASSWORD_MIN_LENGTH=12 AUTH_ENABLED=true\nENV PWD=/app TOKENIZERS_PARALLELISM=false GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer\nENV JWT_SECRET_EXPIRES_IN=7d PASSWORD_REQUIRE_UPPERCASE=yes SECRET_ENGINE=kv MYSQL_ALLOW_EMPTY_PASSWORD=1\n' },
    // Dockerfile: values that are not secrets
    { name: 'references and mounted secret files', code: 'FROM alpine:3.20\nENV DB_PASSWORD=${DB_PASSWORD} API_TOKEN=$API_TOKEN SECRET=/run/secrets/app\nENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n' },
    { name: 'placeholders', code: 'FROM alpine:3.20\nENV PASSWORD=changeme TOKEN=<token> API_KEY=xxx SECRET=your-secret-here DB_PASSWORD=REPLACE_ME\nENV ADMIN_PASSWORD=example CLIENT_SECRET="" HF_TOKEN=HF_TOKEN REDIS_PASSWORD=password\n' },
    { name: 'URL whose password is a placeholder', code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://user:password@db:5432/app\n' },
    { name: 'AWS documentation example keys', code: 'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' },
    { name: 'builder-stage literal does not ship', code: 'FROM alpine:3.20 AS build\nENV DB_PASSWORD=hunter2hunter\nARG NPM_TOKEN\nRUN make\nFROM alpine:3.20\nCOPY --from=build /out /out\n' },
    { name: 'ENV from an ARG without a default', code: 'FROM alpine:3.20\nARG PW\nENV DB_PASSWORD=$PW\n' },
    { name: 'global ARG before FROM is not in the image history', code: 'ARG NPM_TOKEN\nFROM alpine:3.20\n' },
    { name: 'secrets.allowedNames', code: 'FROM alpine:3.20\nENV LEGACY_PASSWORD=hunter2hunter\nARG LEGACY_TOKEN\n', config: { secrets: { names: [], allowedNames: ['legacy_*'] } } },
    { name: 'secret mounts are the fix', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },

    // Compose
    { filename: 'compose.yaml', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      POSTGRES_USER: app\n' },
    { name: 'compose: list form without values, null values', filename: 'compose.yaml', code: 'services:\n  app:\n    image: app:1.0\n    environment:\n      - DB_PASSWORD\n      - API_TOKEN=\n  b:\n    image: app:1.0\n    environment:\n      SECRET_KEY:\n' },
    { name: 'compose: build args from the environment', filename: 'compose.yaml', code: 'services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n' },

    // Kubernetes
    {
      name: 'k8s: secretKeyRef and dependent variables',
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: app
            image: app:1.0
            env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
            - name: DATABASE_URL
              value: postgres://app:$(DB_PASSWORD)@db/app
            - name: LOG_LEVEL
              value: debug
      `,
    },
  ],
  invalid: [
    // ---------------------------------------------------------------- Dockerfile
    {
      name: 'ENV literal secret, not read by any RUN',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter\nCMD ["app"]\n',
      errors: [
        {
          messageId: 'literal',
          message: `ENV DB_PASSWORD has a literal secret (**** 13 chars); ${ENV_ADVICE}.`,
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 30,
          severity: 'warning',
          suggestions: [{ title: 'Remove ENV DB_PASSWORD (provide it at run time instead)', output: 'FROM alpine:3.20\nCMD ["app"]\n' }],
        },
      ],
    },
    {
      name: 'ENV GitHub token is an error',
      code: `FROM alpine:3.20\nENV GITHUB_TOKEN=${GH}\n`,
      errors: [
        {
          messageId: 'credential',
          message: `ENV GITHUB_TOKEN contains a GitHub token (**** 40 chars); ${ENV_ADVICE}.`,
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 58,
          severity: 'error',
          suggestions: [{ title: 'Remove ENV GITHUB_TOKEN (provide it at run time instead)', output: 'FROM alpine:3.20\n' }],
        },
      ],
    },
    {
      name: 'ARG secret name without default, read by RUNs (one in a heredoc)',
      code: dedent`
        FROM node:22-slim
        ARG NPM_TOKEN
        RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
        RUN <<EOF
        curl -H "Authorization: Bearer $NPM_TOKEN" https://registry.example.com/
        EOF
        CMD ["node", "server.js"]
      `,
      errors: [
        {
          messageId: 'buildArg',
          message: `ARG NPM_TOKEN is a secret-like build argument; ${ARG_ADVICE}.`,
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 14,
          severity: 'warning',
          suggestions: [
            {
              title: 'Use a build secret for NPM_TOKEN in its 2 RUNs (build with --secret id=npm_token,env=NPM_TOKEN)',
              output: dedent`
                FROM node:22-slim
                RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
                RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN <<EOF
                curl -H "Authorization: Bearer $NPM_TOKEN" https://registry.example.com/
                EOF
                CMD ["node", "server.js"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'ARG with a literal default; unused by RUN',
      code: 'FROM alpine:3.20\nARG DB_PASSWORD=hunter2hunter\n',
      errors: [
        {
          messageId: 'literal',
          message: `ARG DB_PASSWORD has a literal secret (**** 13 chars); ${ARG_ADVICE}.`,
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 30,
          suggestions: [{ title: 'Remove ARG DB_PASSWORD (no RUN reads it; pass secrets with --secret id=db_password)', output: 'FROM alpine:3.20\n' }],
        },
      ],
    },
    {
      name: 'ENV pair among others, continuation lines, exec-form RUN reads it',
      code: 'FROM alpine:3.20\nENV LOG_LEVEL=info \\\n    API_KEY=s3cr3tv4lue9 \\\n    PORT=8080\nRUN ["sh", "-c", "curl -H \\"X-Key: $API_KEY\\" https://api.example.com"]\n',
      errors: [
        {
          messageId: 'literal',
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 25,
          suggestions: [
            {
              title: 'Use a build secret for API_KEY in its RUN (build with --secret id=api_key,env=API_KEY; provide it at run time if the app reads it)',
              output: 'FROM alpine:3.20\nENV LOG_LEVEL=info \\\n    PORT=8080\nRUN --mount=type=secret,id=api_key,env=API_KEY ["sh", "-c", "curl -H \\"X-Key: $API_KEY\\" https://api.example.com"]\n',
            },
          ],
        },
      ],
    },
    {
      name: 'first ENV pair; quoted value is measured unquoted',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD="p@ss word!" DB_USER=app\n',
      errors: [
        {
          messageId: 'literal',
          message: `ENV DB_PASSWORD has a literal secret (**** 10 chars); ${ENV_ADVICE}.`,
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 29,
          suggestions: [{ title: 'Remove ENV DB_PASSWORD (provide it at run time instead)', output: 'FROM alpine:3.20\nENV DB_USER=app\n' }],
        },
      ],
    },
    {
      name: 'legacy ENV form',
      code: 'FROM alpine:3.20\nENV API_KEY s3cr3tv4lue9\n',
      errors: [{ messageId: 'literal', line: 2, column: 13, endLine: 2, endColumn: 25, suggestions: [{ title: 'Remove ENV API_KEY (provide it at run time instead)', output: 'FROM alpine:3.20\n' }] }],
    },
    {
      name: 'ENV in a base stage, read by a RUN in the stage built FROM it',
      code: 'FROM alpine:3.20 AS base\nENV SMTP_PASSWORD=mailpass42\nFROM base\nRUN configure --smtp-password "$SMTP_PASSWORD"\n',
      errors: [
        {
          messageId: 'literal',
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 29,
          suggestions: [
            {
              title: 'Use a build secret for SMTP_PASSWORD in its RUN (build with --secret id=smtp_password,env=SMTP_PASSWORD; provide it at run time if the app reads it)',
              output: 'FROM alpine:3.20 AS base\nFROM base\nRUN --mount=type=secret,id=smtp_password,env=SMTP_PASSWORD configure --smtp-password "$SMTP_PASSWORD"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'ENV that expands an ARG default (no suggestion: the value sits in the ARG)',
      code: 'FROM alpine:3.20\nARG PW=hunter2hunter\nENV DB_PASSWORD=${PW}\n',
      errors: [{ messageId: 'literal', message: `ENV DB_PASSWORD has a literal secret (**** 13 chars); ${ENV_ADVICE}.`, line: 3, column: 17, endLine: 3, endColumn: 22 }],
    },
    {
      name: 'read by a non-RUN instruction: no suggestion',
      code: 'FROM alpine:3.20\nARG REGISTRY_TOKEN\nLABEL token=$REGISTRY_TOKEN\n',
      errors: [{ messageId: 'buildArg', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      name: 'credentials are errors in any stage and in global ARGs, without suggestions',
      code: `ARG GH=${GH}\nFROM alpine:3.20 AS build\nENV AWS_ACCESS_KEY_ID=${AKIA}\nFROM alpine:3.20\n`,
      errors: [
        { messageId: 'credential', message: `ARG GH contains a GitHub token (**** 40 chars); ${ARG_ADVICE}.`, line: 1, column: 8, endLine: 1, endColumn: 48, severity: 'error' },
        { messageId: 'credential', message: `ENV AWS_ACCESS_KEY_ID contains an AWS access key ID (**** 20 chars); ${ENV_ADVICE}.`, line: 3, column: 23, endLine: 3, endColumn: 43, severity: 'error' },
      ],
    },
    {
      name: 'credential formats: private key, AWS secret key, JWT, Stripe, URL password, high entropy',
      code: dedent`
        FROM alpine:3.20 AS build
        ENV SSH_KEY="${PEM}"
        ENV AWS_SECRET_ACCESS_KEY=${AWS_SECRET}
        ENV SESSION=${JWT}
        ENV BILLING=${STRIPE}
        ENV DATABASE_URL=postgres://app:s3cr3tPass@db:5432/app
        ENV SECRET_KEY=${RANDOM}
        FROM alpine:3.20
      `,
      errors: [
        { messageId: 'credential', message: `ENV SSH_KEY contains a private key block (**** 54 chars); ${ENV_ADVICE}.`, line: 2, column: 13, endLine: 2, endColumn: 69, severity: 'error' },
        { messageId: 'credential', message: `ENV AWS_SECRET_ACCESS_KEY contains an AWS secret access key (**** 40 chars); ${ENV_ADVICE}.`, line: 3, column: 27, endLine: 3, endColumn: 67 },
        { messageId: 'credential', message: `ENV SESSION contains a JSON Web Token (**** 90 chars); ${ENV_ADVICE}.`, line: 4, column: 13, endLine: 4, endColumn: 103 },
        { messageId: 'credential', message: `ENV BILLING contains a Stripe live key (**** 32 chars); ${ENV_ADVICE}.`, line: 5, column: 13, endLine: 5, endColumn: 45 },
        { messageId: 'credential', message: `ENV DATABASE_URL contains a URL with an embedded password (**** 37 chars); ${ENV_ADVICE}.`, line: 6, column: 18, endLine: 6, endColumn: 55 },
        { messageId: 'credential', message: `ENV SECRET_KEY contains a high-entropy secret (**** 32 chars); ${ENV_ADVICE}.`, line: 7, column: 16, endLine: 7, endColumn: 48 },
      ],
    },
    {
      name: 'secrets.names adds names; ONBUILD ENV in the final stage',
      config: { secrets: { names: ['*_PIN'], allowedNames: [] } },
      code: 'FROM alpine:3.20\nONBUILD ENV CARD_PIN=483920\n',
      errors: [{ messageId: 'literal', message: `ENV CARD_PIN has a literal secret (**** 6 chars); ${ENV_ADVICE}.`, line: 2, column: 22, endLine: 2, endColumn: 28, suggestions: [{ title: 'Remove ENV CARD_PIN (provide it at run time instead)', output: 'FROM alpine:3.20\n' }] }],
    },

    // ---------------------------------------------------------------- Compose
    {
      name: 'compose: map and list forms, quoted list item; the image reads POSTGRES_PASSWORD_FILE, the other variables are removed',
      filename: 'compose.yaml',
      code: dedent`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: hunter2hunter
          app:
            image: app:1.0
            environment:
              - DB_PASSWORD=hunter2hunter
              - "API_KEY=baz42"
      `,
      errors: [
        {
          messageId: 'literal',
          message: 'Service "db" environment variable POSTGRES_PASSWORD has a literal secret (**** 13 chars); the value is committed with the file; use Compose `secrets:` or interpolate it from the environment (${VAR}).',
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 39,
          severity: 'warning',
          suggestions: [
            {
              title: 'Use secret "postgres_password" through POSTGRES_PASSWORD_FILE (create ./secrets/postgres_password.txt holding the value; keep it out of version control)',
              output: dedent`
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                    secrets:
                      - postgres_password
                  app:
                    image: app:1.0
                    environment:
                      - DB_PASSWORD=hunter2hunter
                      - "API_KEY=baz42"
                secrets:
                  postgres_password:
                    file: ./secrets/postgres_password.txt
              `,
            },
          ],
        },
        {
          messageId: 'literal', line: 9, column: 21, endLine: 9, endColumn: 34,
          suggestions: [
            {
              title: 'Move DB_PASSWORD to secret "db_password" (create ./secrets/db_password.txt holding the value; keep it out of version control; the application must read /run/secrets/db_password instead)',
              output: dedent`
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hunter2hunter
                  app:
                    image: app:1.0
                    environment:
                      - "API_KEY=baz42"
                    secrets:
                      - db_password
                secrets:
                  db_password:
                    file: ./secrets/db_password.txt
              `,
            },
          ],
        },
        {
          messageId: 'literal', line: 10, column: 18, endLine: 10, endColumn: 23,
          suggestions: [
            {
              title: 'Move API_KEY to secret "api_key" (create ./secrets/api_key.txt holding the value; keep it out of version control; the application must read /run/secrets/api_key instead)',
              output: dedent`
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hunter2hunter
                  app:
                    image: app:1.0
                    environment:
                      - DB_PASSWORD=hunter2hunter
                    secrets:
                      - api_key
                secrets:
                  api_key:
                    file: ./secrets/api_key.txt
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: build args (no suggestion: the Dockerfile must change too), flow style, credential; the only variable goes with its environment key',
      filename: 'docker-compose.yml',
      code: `services:\n  app:\n    build: {context: ., args: {NPM_TOKEN: s3cr3tv4lue9}}\n    environment: {GH: ${GH}}\n`,
      errors: [
        { messageId: 'literal', message: 'Service "app" build arg NPM_TOKEN has a literal secret (**** 12 chars); build arguments are recorded in the image history; use build `secrets:` instead.', line: 3, column: 43, endLine: 3, endColumn: 55 },
        {
          messageId: 'credential',
          message: `Service "app" environment variable GH contains a GitHub token (**** 40 chars); the value is committed with the file; use Compose \`secrets:\` or interpolate it from the environment (\${VAR}).`,
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 63,
          severity: 'error',
          suggestions: [
            {
              title: 'Move GH to secret "gh" (create ./secrets/gh.txt holding the value; keep it out of version control; the application must read /run/secrets/gh instead)',
              output: 'services:\n  app:\n    build: {context: ., args: {NPM_TOKEN: s3cr3tv4lue9}}\n    secrets:\n      - gh\nsecrets:\n  gh:\n    file: ./secrets/gh.txt\n',
            },
          ],
        },
      ],
    },
    ...[
      ['map form', 'MYSQL_ROOT_PASSWORD: whalehello', 28],
      ['list form, no line break at the end', '- MYSQL_ROOT_PASSWORD=whalehello', 29],
    ].map(([form, entry, column]) => ({
      // Removing it used to leave `db: {}` and add `secrets:` inside it (overlapping edits; found by the fuzzer).
      name: `compose: the only variable under the service's only key, ${form}: secrets takes the place of environment`,
      filename: 'compose.yaml',
      code: `services:\n  db:\n    environment:\n      ${entry}${form === 'map form' ? '\n' : ''}`,
      errors: [
        {
          messageId: 'literal',
          message: 'Service "db" environment variable MYSQL_ROOT_PASSWORD has a literal secret (**** 10 chars); the value is committed with the file; use Compose `secrets:` or interpolate it from the environment (${VAR}).',
          line: 4,
          column: column as number,
          endLine: 4,
          endColumn: (column as number) + 10,
          suggestions: [{ title: 'Move MYSQL_ROOT_PASSWORD to secret "mysql_root_password" (create ./secrets/mysql_root_password.txt holding the value; keep it out of version control; the application must read /run/secrets/mysql_root_password instead)', output: `services:\n  db:\n    secrets:\n      - mysql_root_password\nsecrets:\n  mysql_root_password:\n    file: ./secrets/mysql_root_password.txt${form === 'map form' ? '\n' : ''}` }],
        },
      ],
    })),
    {
      name: 'compose: quoted list item keeps its quotes; the service list and the top-level secrets are extended; 4-space indentation',
      filename: 'compose.yaml',
      code: dedent`
        services:
            db:
                image: mysql:8.4
                environment:
                    - "MYSQL_ROOT_PASSWORD=hunter2hunter"
                    - MYSQL_DATABASE=app
                secrets:
                    - tls_key
        secrets:
            tls_key:
                file: ./tls.key
      `,
      errors: [
        {
          messageId: 'literal', line: 5, column: 36, endLine: 5, endColumn: 49,
          suggestions: [
            {
              title: 'Use secret "mysql_root_password" through MYSQL_ROOT_PASSWORD_FILE (create ./secrets/mysql_root_password.txt holding the value; keep it out of version control)',
              output: dedent`
                services:
                    db:
                        image: mysql:8.4
                        environment:
                            - "MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password"
                            - MYSQL_DATABASE=app
                        secrets:
                            - tls_key
                            - mysql_root_password
                secrets:
                    tls_key:
                        file: ./tls.key
                    mysql_root_password:
                        file: ./secrets/mysql_root_password.txt
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: flow-style service and CRLF',
      filename: 'compose.yaml',
      code: 'services:\r\n  db: {image: "mariadb:11", environment: {MARIADB_PASSWORD: hunter2hunter, MARIADB_USER: app}}\r\n',
      errors: [
        {
          messageId: 'literal', line: 2, column: 61, endLine: 2, endColumn: 74,
          suggestions: [
            {
              title: 'Use secret "mariadb_password" through MARIADB_PASSWORD_FILE (create ./secrets/mariadb_password.txt holding the value; keep it out of version control)',
              output:
                'services:\r\n  db: {image: "mariadb:11", environment: {MARIADB_PASSWORD_FILE: /run/secrets/mariadb_password, MARIADB_USER: app}, secrets: [mariadb_password]}\r\n' +
                'secrets:\r\n  mariadb_password:\r\n    file: ./secrets/mariadb_password.txt\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'compose: a secret name taken by another secret gets the service prefix; a service that builds its image gets no _FILE variable; the removed line was the last of the service',
      filename: 'compose.yaml',
      code: dedent`
        secrets:
          postgres_password:
            external: true
        services:
          postgres:
            build: ./db
            image: postgres:16
            environment:
              POSTGRES_USER: app
              POSTGRES_PASSWORD: hunter2hunter
      `,
      errors: [
        {
          messageId: 'literal', line: 10, column: 26, endLine: 10, endColumn: 39,
          suggestions: [
            {
              title:
                'Move POSTGRES_PASSWORD to secret "postgres_postgres_password" (create ./secrets/postgres_postgres_password.txt holding the value; keep it out of version control; the application must read /run/secrets/postgres_postgres_password instead)',
              output: dedent`
                secrets:
                  postgres_password:
                    external: true
                  postgres_postgres_password:
                    file: ./secrets/postgres_postgres_password.txt
                services:
                  postgres:
                    build: ./db
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                    secrets:
                      - postgres_postgres_password
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: Grafana reads GF_*__FILE; secrets merged in with << are repeated in the own list',
      filename: 'compose.yaml',
      code: dedent`
        x-common: &common
          secrets: [ca_cert]
        services:
          grafana:
            <<: *common
            image: grafana/grafana:11.2.0
            environment:
              GF_SECURITY_ADMIN_PASSWORD: hunter2hunter
        secrets:
          ca_cert:
            file: ./ca.pem
      `,
      errors: [
        {
          messageId: 'literal', line: 8, column: 35, endLine: 8, endColumn: 48,
          suggestions: [
            {
              title: 'Use secret "gf_security_admin_password" through GF_SECURITY_ADMIN_PASSWORD__FILE (create ./secrets/gf_security_admin_password.txt holding the value; keep it out of version control)',
              output: dedent`
                x-common: &common
                  secrets: [ca_cert]
                services:
                  grafana:
                    <<: *common
                    image: grafana/grafana:11.2.0
                    environment:
                      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/gf_security_admin_password
                    secrets:
                      - ca_cert
                      - gf_security_admin_password
                secrets:
                  ca_cert:
                    file: ./ca.pem
                  gf_security_admin_password:
                    file: ./secrets/gf_security_admin_password.txt
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: no suggestion in the legacy layout (it has no top-level secrets)',
      filename: 'docker-compose.yml',
      code: 'db:\n  image: postgres:9.6\n  environment:\n    POSTGRES_PASSWORD: hunter2hunter\n',
      errors: [{ messageId: 'literal', line: 4, column: 24, endLine: 4, endColumn: 37 }],
    },
    {
      name: 'compose: no suggestion when the _FILE variable is set too',
      filename: 'compose.yaml',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n',
      errors: [{ messageId: 'literal', line: 5, column: 26, endLine: 5, endColumn: 39 }],
    },
    {
      name: 'compose: an anchored environment shared by two services is reported once',
      filename: 'compose.yaml',
      code: dedent`
        x-env: &env
          REDIS_PASSWORD: hunter2hunter
        services:
          a:
            image: app:1.0
            environment:
              <<: *env
          b:
            image: app:1.0
            environment: *env
      `,
      errors: [{ messageId: 'literal', line: 2, column: 19, endLine: 2, endColumn: 32 }],
    },

    // ---------------------------------------------------------------- Kubernetes
    {
      name: 'k8s: every container type, flow and block items, third document (secret-as-env-var, off by default, reports the secretKeyRef)',
      code: THREE_DOCUMENTS,
      allowNewFindings: ['secret-as-env-var'],
      errors: [
        {
          messageId: 'literal',
          message: 'Container "migrate" env DB_PASSWORD has a literal secret (**** 13 chars); anyone who can read the manifest or the pod spec sees it; use valueFrom.secretKeyRef.',
          line: 19,
          column: 38,
          endLine: 19,
          endColumn: 51,
          suggestions: [
            {
              title: 'Read DB_PASSWORD from Secret web-secrets (create it first, e.g. kubectl create secret generic web-secrets --from-file=db_password=./db_password.txt)',
              output: replaceOnce(THREE_DOCUMENTS, '- {name: DB_PASSWORD, value: hunter2hunter}', '- {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: web-secrets, key: db_password}}}'),
            },
          ],
        },
        {
          messageId: 'credential',
          message: 'Container "web" env STRIPE_KEY contains a Stripe live key (**** 32 chars); anyone who can read the manifest or the pod spec sees it; use valueFrom.secretKeyRef.',
          line: 25,
          column: 18,
          endLine: 25,
          endColumn: 52,
          severity: 'error',
          suggestions: [
            {
              title: 'Read STRIPE_KEY from Secret web-secrets (create it first, e.g. kubectl create secret generic web-secrets --from-file=stripe_key=./stripe_key.txt)',
              output: replaceOnce(
                THREE_DOCUMENTS,
                `          value: "${STRIPE}"\n`,
                '          valueFrom:\n            secretKeyRef:\n              name: web-secrets\n              key: stripe_key\n',
              ),
            },
          ],
        },
        {
          messageId: 'literal', line: 31, column: 18, endLine: 31, endColumn: 28,
          suggestions: [
            {
              title: 'Read ADMIN_PASSWORD from Secret web-secrets (create it first, e.g. kubectl create secret generic web-secrets --from-file=admin_password=./admin_password.txt)',
              output: replaceOnce(THREE_DOCUMENTS, "          value: 'letmein!'\n", '          valueFrom:\n            secretKeyRef:\n              name: web-secrets\n              key: admin_password\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: List items, CronJob (secret-as-env-var, off by default, reports the secretKeyRef)',
      allowNewFindings: ['secret-as-env-var'],
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: j}
          spec:
            jobTemplate:
              spec:
                template:
                  spec:
                    containers:
                    - name: backup
                      image: backup:1.0
                      env: [{name: S3_SECRET_KEY, value: abcd1234efgh}]
      `,
      errors: [
        {
          messageId: 'literal', line: 15, column: 50, endLine: 15, endColumn: 62,
          suggestions: [
            {
              title: 'Read S3_SECRET_KEY from Secret j-secrets (create it first, e.g. kubectl create secret generic j-secrets --from-file=s3_secret_key=./s3_secret_key.txt)',
              output: dedent`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: j}
                  spec:
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            containers:
                            - name: backup
                              image: backup:1.0
                              env: [{name: S3_SECRET_KEY, valueFrom: {secretKeyRef: {name: j-secrets, key: s3_secret_key}}}]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: CRLF, 4-space indentation, value before name; the namespace goes into the kubectl command (secret-as-env-var, off by default, reports the secretKeyRef)',
      allowNewFindings: ['secret-as-env-var'],
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: api\r\n    namespace: shop\r\nspec:\r\n    containers:\r\n        - name: api\r\n          image: app:1.0\r\n          env:\r\n              - value: s3cr3tv4lue9\r\n                name: API_TOKEN\r\n',
      errors: [
        {
          messageId: 'literal', line: 11, column: 24, endLine: 11, endColumn: 36,
          suggestions: [
            {
              title: 'Read API_TOKEN from Secret api-secrets (create it first, e.g. kubectl create secret generic api-secrets -n shop --from-file=api_token=./api_token.txt)',
              output:
                'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: api\r\n    namespace: shop\r\nspec:\r\n    containers:\r\n        - name: api\r\n          image: app:1.0\r\n          env:\r\n' +
                '              - valueFrom:\r\n                    secretKeyRef:\r\n                        name: api-secrets\r\n                        key: api_token\r\n                name: API_TOKEN\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: no suggestion without a workload name (generateName), nor for an env list shared through an anchor',
      code: dedent`
        apiVersion: batch/v1
        kind: Job
        metadata: {generateName: migrate-}
        spec:
          template:
            spec:
              containers:
              - name: m
                image: app:1.0
                env: [{name: DB_PASSWORD, value: hunter2hunter}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a
            image: app:1.0
            env: &env
            - {name: API_KEY, value: s3cr3tv4lue9}
          - name: b
            image: app:1.0
            env: *env
      `,
      errors: [
        { messageId: 'literal', line: 10, column: 42, endLine: 10, endColumn: 55 },
        { messageId: 'literal', line: 20, column: 30, endLine: 20, endColumn: 42 },
      ],
    },
  ],
});

describe('secret-in-env: messages and suggestions never contain the secret', () => {
  const planted = [GH, AKIA, AWS_SECRET, JWT, PEM, STRIPE, RANDOM, 'hunter2hunter', 's3cr3tv4lue9'];
  const files: [string, string][] = [
    ['Dockerfile', `FROM alpine:3.20\nENV A=${GH} B=${AKIA} AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nENV C=${JWT} D="${PEM}" E=${STRIPE}\nENV SECRET_KEY=${RANDOM} DB_PASSWORD=hunter2hunter\nARG API_KEY=s3cr3tv4lue9\n`],
    ['compose.yaml', `services:\n  a:\n    image: a:1\n    environment:\n      A: ${GH}\n      DB_PASSWORD: hunter2hunter\n      SECRET_KEY: ${RANDOM}\n  db:\n    image: postgres:16\n    environment: ["POSTGRES_PASSWORD=${STRIPE}"]\n`],
    ['pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: c:1\n    env:\n    - {name: A, value: "${JWT}"}\n    - name: API_KEY\n      value: s3cr3tv4lue9\n`],
  ];
  const count = (text: string): number => planted.reduce((n, secret) => n + text.split(secret).length - 1, 0);
  for (const [path, code] of files) {
    it(`${path}: reports every planted value without echoing it, and every suggestion moves it out without writing it anywhere`, () => {
      const findings = lint(new SourceFile(path, code), { config: testConfig(), rules: [rule] }).findings;
      assert.ok(findings.length >= 2, 'the planted values are found');
      for (const f of findings) {
        assert.ok(f.suggestions?.length, `a suggestion for: ${f.message}`);
        for (const secret of planted) {
          assert.ok(!f.message.includes(secret), `message leaks a planted value: ${f.message}`);
          for (const s of f.suggestions) {
            assert.ok(!s.title.includes(secret), `suggestion title leaks a planted value: ${s.title}`);
            for (const e of s.edits) assert.ok(!e.newText.includes(secret), `suggestion "${s.title}" writes a planted value`);
          }
        }
        for (const s of f.suggestions) assert.equal(count(applyEdits(code, s.edits)), count(code) - 1, `suggestion "${s.title}" takes its value out of the file`);
      }
    });
  }
});
