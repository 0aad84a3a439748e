import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '../../../server/src/engine/lint';
import rule from '../../../server/src/engine/rules/run-as-non-root-unverifiable';
import { SourceFile } from '../../../server/src/engine/source';
import { ProjectModel } from '../../../server/src/project/model';
import { dedent, exercisedMessages, range, RuleTester, testConfig } from '../../rule-tester';

const compose = 'services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:1.4\n';
const dockerfile = (user: string, create = 'RUN useradd --uid 10001 app\n') => `FROM node:22-slim\n${create}USER ${user}\nCMD ["node", "server.js"]\n`;
const podLevel = dedent`
  apiVersion: v1
  kind: Pod
  metadata:
    name: api
  spec:
    securityContext:
      runAsNonRoot: true
    containers:
      - name: api
        image: ghcr.io/acme/api:1.4
`;
const message = (user: string) =>
  `Container "api" sets runAsNonRoot: true without runAsUser, but its image (built from ../api/Dockerfile) runs as USER ${user}, a name: the kubelet cannot verify that a name is not root and refuses to start the container. Use a numeric USER or set runAsUser.`;

new RuleTester().run(rule, {
  valid: [
    { name: 'the Dockerfile sets a numeric USER', filename: 'deploy/pod.yaml', code: podLevel, workspace: { 'compose.yaml': compose, 'api/Dockerfile': dockerfile('10001') } },
    { name: 'runAsUser is set', filename: 'deploy/pod.yaml', code: podLevel.replace('runAsNonRoot: true', 'runAsNonRoot: true\n    runAsUser: 10001'), workspace: { 'compose.yaml': compose, 'api/Dockerfile': dockerfile('app') } },
    { name: 'runAsNonRoot is not true', filename: 'deploy/pod.yaml', code: podLevel.replace('runAsNonRoot: true', 'runAsNonRoot: false'), workspace: { 'compose.yaml': compose, 'api/Dockerfile': dockerfile('app') } },
    { name: 'no workspace Dockerfile builds the image', filename: 'deploy/pod.yaml', code: podLevel.replace('ghcr.io/acme/api', 'ghcr.io/acme/web'), workspace: { 'compose.yaml': compose, 'api/Dockerfile': dockerfile('app') } },
    { name: 'the Dockerfile sets no USER (container-runs-as-root reports it)', filename: 'deploy/pod.yaml', code: podLevel, workspace: { 'compose.yaml': compose, 'api/Dockerfile': 'FROM node:22-slim\nCMD ["node", "server.js"]\n' } },
    { name: 'a USER variable without a default is not guessed', filename: 'deploy/pod.yaml', code: podLevel, workspace: { 'compose.yaml': compose, 'api/Dockerfile': 'FROM node:22-slim\nARG APP_USER\nUSER $APP_USER\n' } },
    { name: 'a lone manifest (no workspace) is not checked', filename: 'deploy/pod.yaml', code: podLevel },
  ],
  invalid: [
    {
      name: 'pod-level runAsNonRoot, image built by compose, UID known from useradd',
      filename: 'deploy/pod.yaml',
      code: podLevel,
      workspace: { 'compose.yaml': compose, 'api/Dockerfile': dockerfile('app') },
      errors: [
        {
          messageId: 'namedUser',
          message: message('app'),
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 23,
          related: ['api/Dockerfile:3:6 USER app is a name, not a numeric UID'],
          suggestions: [{ title: 'Set runAsUser: 10001 (the UID the Dockerfile gives app)', output: podLevel.replace('image: ghcr.io/acme/api:1.4\n', 'image: ghcr.io/acme/api:1.4\n      securityContext:\n        runAsUser: 10001\n') }],
        },
      ],
    },
    {
      name: 'container-level runAsNonRoot; the user is created without a UID (no suggestion)',
      filename: 'deploy/pod.yaml',
      code: podLevel.replace('  securityContext:\n    runAsNonRoot: true\n', '').replace('image: ghcr.io/acme/api:1.4\n', 'image: ghcr.io/acme/api:1.4\n      securityContext:\n        runAsNonRoot: true\n'),
      workspace: { 'compose.yaml': compose, 'api/Dockerfile': dockerfile('app', 'RUN adduser -D app\n') },
      errors: [{ messageId: 'namedUser', message: message('app'), line: 10, column: 23, endLine: 10, endColumn: 27, related: ['api/Dockerfile:3:6 USER app is a name, not a numeric UID'] }],
    },
    {
      name: 'the USER comes from an ARG default; adduser -u gives its UID',
      filename: 'deploy/pod.yaml',
      code: podLevel,
      workspace: { 'compose.yaml': compose, 'api/Dockerfile': 'FROM alpine:3.20\nARG APP_USER=svc\nRUN adduser -D -u 2000 svc\nUSER ${APP_USER}\n' },
      errors: [
        {
          messageId: 'namedUser',
          message: message('svc'),
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 23,
          related: ['api/Dockerfile:4:6 USER svc is a name, not a numeric UID'],
          suggestions: [{ title: 'Set runAsUser: 2000 (the UID the Dockerfile gives svc)', output: podLevel.replace('image: ghcr.io/acme/api:1.4\n', 'image: ghcr.io/acme/api:1.4\n      securityContext:\n        runAsUser: 2000\n') }],
        },
      ],
    },
  ],
});

describe('run-as-non-root-unverifiable: the images mapping of .bulkhead.yaml', () => {
  let dir: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-images-')));
    mkdirSync(join(dir, 'build'), { recursive: true });
    writeFileSync(join(dir, 'build', 'api.Dockerfile'), dockerfile('app'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('maps an image glob to a workspace Dockerfile that no compose file builds', () => {
    const path = `${dir}/deploy/pod.yaml`;
    const source = new SourceFile(path, podLevel.replace('ghcr.io/acme/api', 'registry.example.com/team/api'));
    const config = testConfig({ images: { 'registry.example.com/team/*': `${dir}/build/api.Dockerfile` } });
    const [finding, ...rest] = lint(source, { config, rules: [rule], project: new ProjectModel([dir]) }).findings;
    assert.deepEqual(rest, []);
    assert.equal(finding?.message, message('app').replace('../api/Dockerfile', '../build/api.Dockerfile'));
    assert.deepEqual(range(source, finding!), { line: 7, column: 19, endLine: 7, endColumn: 23 });
    exercisedMessages.get(rule.id)?.add('namedUser');
    // Without the mapping nothing says which Dockerfile builds the image.
    assert.deepEqual(lint(source, { config: testConfig(), rules: [rule], project: new ProjectModel([dir]) }).findings, []);
  });
});
