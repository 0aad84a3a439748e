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

// The build context on disk (cross-file): each case's workspace is written to a temporary folder.
const copyAll = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\n';
const copyAllError = (what: string, path: string, more = '') => ({
  messageId: 'contextSecret',
  message: `COPY . copies ${what} ("${path}")${more} from the build context into the image, because .dockerignore does not exclude it; exclude it there or copy only what the image needs.`,
  line: 3,
  column: 6,
  endLine: 3,
  endColumn: 7,
});
const leak = (path: string, what: string) => `${path}:1:1 ${path}: ${what}, in the build context and not excluded by .dockerignore`;

new RuleTester().run(rule, {
  valid: [
    { name: 'context: .dockerignore excludes the credential files', filename: 'Dockerfile', code: copyAll, workspace: { '.env': 'A=1\n', '.ssh/id_rsa': 'x\n', '.dockerignore': '.env\n.ssh\n' } },
    { name: 'context: ** excludes nested .env files', filename: 'Dockerfile', code: copyAll, workspace: { 'config/.env': 'A=1\n', '.dockerignore': '**/.env\n' } },
    { name: 'context: the last matching pattern wins (exception, then exclusion)', filename: 'Dockerfile', code: copyAll, workspace: { '.env': 'A=1\n', '.dockerignore': '!.env\n.env\n' } },
    { name: 'context: a folder source does not take files beside it', filename: 'Dockerfile', code: 'FROM node:22-slim\nCOPY src/ /app/src/\nUSER 1000\n', workspace: { '.env': 'A=1\n', 'src/index.js': '' } },
    { name: 'context: vendor folders are not the project\'s credentials', filename: 'Dockerfile', code: copyAll, workspace: { 'node_modules/pkg/test/server.key': 'x\n' } },
    { name: 'context: public material and examples', filename: 'Dockerfile', code: copyAll, workspace: { 'certs/ca.pem': 'x\n', '.env.example': 'A=\n', 'id_rsa.pub': 'x\n' } },
    { name: 'context: a .git folder without credentials in its remotes', filename: 'Dockerfile', code: copyAll, workspace: { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/api.git\n' } },
    { name: 'context: COPY --from takes files of a stage, not of the context', filename: 'Dockerfile', code: 'FROM node:22 AS build\nFROM node:22-slim\nCOPY --from=build . .\nUSER 1000\n', workspace: { '.env': 'A=1\n' } },
    { name: 'context: a Dockerfile\'s context is its folder, not the folders above', filename: 'app/Dockerfile', code: copyAll, workspace: { '.env': 'A=1\n', 'app/index.js': '' } },
    { name: 'context: a lone file (no workspace) is not checked', filename: 'Dockerfile', code: copyAll },
  ],
  invalid: [
    {
      name: 'context: COPY . . takes a .env file and an SSH folder',
      filename: 'Dockerfile',
      code: copyAll,
      workspace: { '.env': 'A=1\n', '.ssh/id_rsa': 'x\n', 'index.js': '' },
      errors: [{ ...copyAllError('a .env file', '.env', ' and 1 more such file'), related: [leak('.env', 'a .env file'), leak('.ssh', 'an SSH directory')] }],
    },
    {
      name: 'context: an exception re-includes a key from an excluded folder',
      filename: 'Dockerfile',
      code: copyAll,
      workspace: { 'secrets/app.key': 'x\n', 'secrets/readme.md': '', '.dockerignore': 'secrets/\n!secrets/app.key\n' },
      errors: [{ ...copyAllError('a private key file', 'secrets/app.key'), related: [leak('secrets/app.key', 'a private key file')] }],
    },
    {
      name: 'context: the last matching pattern wins (exclusion, then exception)',
      filename: 'Dockerfile',
      code: copyAll,
      workspace: { '.env': 'A=1\n', '.dockerignore': '.env\n!.env\n' },
      errors: [copyAllError('a .env file', '.env')],
    },
    {
      name: 'context: <Dockerfile>.dockerignore replaces the context\'s .dockerignore',
      filename: 'Dockerfile',
      code: copyAll,
      workspace: { '.env': 'A=1\n', '.dockerignore': '.env\n', 'Dockerfile.dockerignore': '.git\n' },
      errors: [copyAllError('a .env file', '.env')],
    },
    {
      name: 'context: a bare name in .dockerignore matches at the context root only',
      filename: 'Dockerfile',
      code: copyAll,
      workspace: { 'config/.env': 'A=1\n', '.dockerignore': '.env\n' },
      errors: [{ ...copyAllError('a .env file', 'config/.env'), related: [leak('config/.env', 'a .env file')] }],
    },
    {
      name: 'context: a folder source takes what is below it',
      filename: 'Dockerfile',
      code: 'FROM node:22-slim\nCOPY config/ /etc/app/\nUSER 1000\n',
      workspace: { 'config/.env.production': 'A=1\n', 'config/app.yaml': '' },
      errors: [{ messageId: 'contextSecret', message: 'COPY config/ copies a .env file ("config/.env.production") from the build context into the image, because .dockerignore does not exclude it; exclude it there or copy only what the image needs.', line: 2, column: 6, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'context: a glob source takes the files it matches',
      filename: 'Dockerfile',
      code: 'FROM nginx:1.27\nCOPY *.key /etc/nginx/\nUSER 101\n',
      workspace: { 'tls.key': 'x\n', 'nginx.conf': '' },
      errors: [{ messageId: 'contextSecret', message: 'COPY *.key copies a private key file ("tls.key") from the build context into the image, because .dockerignore does not exclude it; exclude it there or copy only what the image needs.', line: 2, column: 6, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'context: a .git folder whose remote URL holds a token',
      filename: 'Dockerfile',
      code: copyAll,
      workspace: { '.git/config': '[remote "origin"]\n\turl = https://ci:ghp_notARealToken@github.com/acme/api.git\n' },
      errors: [{ ...copyAllError('a Git remote URL with credentials', '.git/config'), related: [leak('.git/config', 'a Git remote URL with credentials')] }],
    },
    {
      name: 'context: a compose build context above the Dockerfile\'s folder (nested layout)',
      filename: 'services/api/Dockerfile',
      code: copyAll,
      workspace: { 'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n', '.env': 'A=1\n' },
      errors: [copyAllError('a .env file', '.env')],
    },
  ],
});
