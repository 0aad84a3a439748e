import rule from '../../../server/src/engine/rules/healthcheck-missing';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n',
    { name: 'HEALTHCHECK NONE is an explicit decision', code: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE\n' },
    { name: 'inherited from the base stage', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nFROM base\nEXPOSE 80\n' },
    { name: 'CLI tool: no EXPOSE, no server command', code: 'FROM scratch\nCOPY tool /tool\nENTRYPOINT ["/tool"]\n' },
    { name: 'base or build image without a command', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'EXPOSE only in a builder stage', code: 'FROM golang:1.23 AS build\nEXPOSE 8080\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app", "migrate"]\n' },
    { name: 'ONBUILD EXPOSE is for child images', code: 'FROM alpine:3.20\nONBUILD EXPOSE 80\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n' },
    { name: 'compose: disable is explicit', filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck: {disable: true}\n' },
    { name: 'compose: disable with a YAML 1.1 boolean or quoted', filename: 'compose.yaml', code: 'services:\n  a:\n    image: nginx:1.27\n    healthcheck:\n      disable: yes\n  b:\n    image: nginx:1.27\n    healthcheck: {disable: "true"}\n' },
    { name: 'compose: merged from an anchor', filename: 'compose.yaml', code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *hc\n    image: nginx:1.27\n' },
    { name: 'compose: extends may bring one', filename: 'compose.yaml', code: 'services:\n  web:\n    extends: {file: base.yaml, service: web}\n' },
    { name: 'compose: neither image nor build', filename: 'compose.yaml', code: 'services:\n  web:\n    command: ["true"]\n' },
    {
      name: 'compose: a one-shot job others wait for',
      filename: 'compose.yaml',
      code: dedent`
        services:
          migrate:
            image: app:1.0
            command: ["migrate"]
          app:
            image: app:1.0
            healthcheck: {test: ["CMD", "true"]}
            depends_on:
              migrate: {condition: service_completed_successfully}
      `,
    },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nEXPOSE 80 443\n',
      errors: [
        {
          messageId: 'noHealthcheck',
          message:
            'The image runs a service (it exposes 80, 443) but has no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one; add HEALTHCHECK CMD ... (or HEALTHCHECK NONE to opt out explicitly).',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 5,
        },
      ],
    },
    {
      name: 'known server command without EXPOSE, multi-stage: the final FROM',
      code: dedent`
        FROM python:3.12 AS build
        RUN pip install --no-cache-dir gunicorn==22.0.0
        FROM python:3.12-slim
        CMD ["gunicorn", "app:app"]
      `,
      errors: [{ messageId: 'noHealthcheck', message: 'The image runs a service (it runs gunicorn) but has no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one; add HEALTHCHECK CMD ... (or HEALTHCHECK NONE to opt out explicitly).', line: 3, column: 1, endLine: 3, endColumn: 5 }],
    },
    {
      name: 'EXPOSE inherited from the base stage; server in shell-form ENTRYPOINT path',
      code: 'FROM alpine:3.20 AS base\nEXPOSE 8080\nFROM base\nENTRYPOINT /usr/sbin/php-fpm8.2 -F\n',
      errors: [{ messageId: 'noHealthcheck', line: 3, column: 1, endLine: 3, endColumn: 5 }],
    },
    {
      name: 'a HEALTHCHECK in an unrelated builder stage does not count',
      code: 'FROM alpine:3.20 AS build\nHEALTHCHECK NONE\nFROM nginx:1.27\nEXPOSE 80\n',
      errors: [{ messageId: 'noHealthcheck', line: 3, column: 1, endLine: 3, endColumn: 5 }],
    },
    {
      name: 'compose: image and build services',
      filename: 'docker-compose.yml',
      code: dedent`
        services:
          db:
            image: postgres:16
          "api":
            build: .
      `,
      errors: [
        {
          messageId: 'serviceNoHealthcheck',
          message:
            'Service "db" has no healthcheck, so Compose cannot tell a hung container from a healthy one (unless its image defines one); add healthcheck: (or healthcheck: {disable: true} to opt out explicitly).',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 5,
        },
        { messageId: 'serviceNoHealthcheck', line: 4, column: 3, endLine: 4, endColumn: 8 },
      ],
    },
    {
      name: 'compose: flow style, third document, depends_on without completion condition',
      filename: 'compose.yaml',
      code: dedent`
        services: {a: {image: "busybox:1.36", healthcheck: {test: ["CMD", "true"]}}}
        ---
        services: {b: {image: "busybox:1.36", healthcheck: {test: ["CMD", "true"]}}}
        ---
        services:
          cache: {image: "redis:7"}
          app:
            image: app:1.0
            healthcheck: {test: ["CMD", "true"]}
            depends_on:
              cache: {condition: service_started}
      `,
      errors: [{ messageId: 'serviceNoHealthcheck', line: 6, column: 3, endLine: 6, endColumn: 8 }],
    },
    {
      name: 'compose: an empty healthcheck key configures nothing; legacy v1 layout',
      filename: 'docker-compose.yml',
      code: 'version: "2"\nweb:\n  image: nginx:1.27\n  healthcheck:\n',
      errors: [{ messageId: 'serviceNoHealthcheck', line: 2, column: 1, endLine: 2, endColumn: 4 }],
    },
  ],
});
