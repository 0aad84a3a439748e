import assert from 'node:assert/strict';
import rule from '../../../server/src/engine/rules/secret-file-in-image';
import { secretFileKind } from '../../../server/src/engine/rules/shared/secrets';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app /app\n',
    { name: 'certificates, CA bundles and public keys', code: 'FROM alpine:3.20\nCOPY ca.pem cert.pem fullchain.pem server-cert.pem /certs/\nCOPY id_rsa.pub /root/.ssh/authorized_keys\nCOPY sample-RSA-public.pem dhparam.pem /keys/\n' },
    { name: 'repository signing keys', code: 'FROM debian:12\nCOPY nginx_signing.key nodesource.gpg.key Release.key /tmp/\n' },
    { name: '.env templates', code: 'FROM node:22-slim\nCOPY .env.example .env.sample .env.template /app/\n' },
    { name: 'globs and variables are not guessed', code: 'FROM alpine:3.20\nCOPY certs/*.pem /certs/\nARG KEY\nCOPY $KEY /key\n' },
    { name: 'remote sources', code: 'FROM alpine:3.20\nADD https://example.com/repo.key /tmp/\n' },
    { name: 'builder stage .npmrc does not ship', code: 'FROM node:22 AS build\nCOPY .npmrc package.json ./\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app/dist /app\n' },
    { name: 'files that only look similar', code: 'FROM alpine:3.20\nCOPY meta.env kube-score kubectl .envrc.sh /usr/local/bin/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n',
      errors: [
        {
          messageId: 'secretFile',
          message: 'COPY copies an SSH private key ("id_rsa") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) or keep it out of the image.',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 12,
          severity: 'error',
        },
      ],
    },
    {
      name: 'every kind of credential file, ADD and lower-case keyword',
      code: dedent`
        FROM node:22-slim
        COPY .env .npmrc .pypirc /app/
        ADD .aws/ /root/.aws/
        copy .ssh /root/.ssh
        COPY .git-credentials .netrc /root/
        COPY certs/server.key certs/key.pem client.p12 store.pfx /certs/
        COPY kubeconfig .kube/config .docker/config.json /root/
        COPY .env.production /app/.env
      `,
      errors: [
        { messageId: 'secretFile', line: 2, column: 6, endLine: 2, endColumn: 10 },
        { messageId: 'secretFile', line: 2, column: 11, endLine: 2, endColumn: 17 },
        { messageId: 'secretFile', line: 2, column: 18, endLine: 2, endColumn: 25 },
        { messageId: 'secretFile', message: 'ADD copies AWS credentials (".aws/") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) or keep it out of the image.', line: 3, column: 5, endLine: 3, endColumn: 10 },
        { messageId: 'secretFile', line: 4, column: 6, endLine: 4, endColumn: 10 },
        { messageId: 'secretFile', line: 5, column: 6, endLine: 5, endColumn: 22 },
        { messageId: 'secretFile', line: 5, column: 23, endLine: 5, endColumn: 29 },
        { messageId: 'secretFile', line: 6, column: 6, endLine: 6, endColumn: 22 },
        { messageId: 'secretFile', line: 6, column: 23, endLine: 6, endColumn: 36 },
        { messageId: 'secretFile', line: 6, column: 37, endLine: 6, endColumn: 47 },
        { messageId: 'secretFile', line: 6, column: 48, endLine: 6, endColumn: 57 },
        { messageId: 'secretFile', line: 7, column: 6, endLine: 7, endColumn: 16 },
        { messageId: 'secretFile', line: 7, column: 17, endLine: 7, endColumn: 29 },
        { messageId: 'secretFile', line: 7, column: 30, endLine: 7, endColumn: 49 },
        { messageId: 'secretFile', line: 8, column: 6, endLine: 8, endColumn: 21 },
      ],
    },
    {
      name: 'exec form, --from a builder stage, continuation lines',
      code: 'FROM alpine:3.20 AS keys\nRUN ssh-keygen -f /out/id_ed25519\nFROM alpine:3.20\nCOPY ["id_rsa", "/root/.ssh/"]\nCOPY --from=keys \\\n     /out/id_ed25519 /root/.ssh/\n',
      errors: [
        { messageId: 'secretFile', message: 'COPY copies an SSH private key ("id_rsa") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) or keep it out of the image.', line: 4, column: 7, endLine: 4, endColumn: 15 },
        { messageId: 'secretFile', line: 6, column: 6, endLine: 6, endColumn: 21 },
      ],
    },
    {
      name: 'a base stage of the final stage ships too',
      code: 'FROM python:3.12-slim AS base\nCOPY .pypirc /root/\nFROM base\nCMD ["python"]\n',
      errors: [{ messageId: 'secretFile', line: 2, column: 6, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'heredoc written to a credential file',
      code: 'FROM node:22-slim\nCOPY <<EOF /root/.npmrc\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nEOF\n',
      errors: [
        {
          messageId: 'secretDestination',
          message: 'COPY writes an .npmrc file ("/root/.npmrc") into the image, where anyone who can pull the image can read it; use a build secret (RUN --mount=type=secret) instead.',
          line: 2,
          column: 12,
          endLine: 2,
          endColumn: 24,
        },
      ],
    },
  ],
});

describe('secret-file-in-image: secretFileKind (reused by the build-context check)', () => {
  const cases: [string, boolean][] = [
    ['id_rsa', true], ['keys/id_ed25519', true], ['id_rsa.pub', false], ['.ssh/', true], ['.aws', true], ['home/.aws/credentials', true],
    ['.env', true], ['.env.local', true], ['.env.example', false], ['.npmrc', true], ['.pypirc', true], ['.git-credentials', true],
    ['tls.key', true], ['ca-key.pem', true], ['privkey.pem', true], ['cert.pem', false], ['ca.pem', false], ['public.key', false],
    ['apt.gpg.key', false], ['bundle.p12', true], ['app.jks', true], ['kubeconfig', true], ['prod.kubeconfig', true],
    ['.kube/config', true], ['.docker/config.json', true], ['config.json', false], ['app/config', false], ['*.pem', false],
  ];
  for (const [path, secret] of cases) {
    it(`${path} ${secret ? 'is' : 'is not'} a credential file`, () => assert.equal(secretFileKind(path) !== undefined, secret));
  }
});
