import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ProjectModel } from '../../../server/src/project/model';

describe('ProjectModel: the workspace as cross-file rules see it', () => {
  let dir: string;
  const write = (files: Record<string, string>): void => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  beforeEach(() => (dir = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-project-')))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('maps compose services to the Dockerfiles they build and the images they name', () => {
    write({
      'compose.yaml': 'services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:1.4\n  web:\n    build:\n      context: web\n      dockerfile: ../docker/web.Dockerfile\n  remote:\n    build: https://github.com/acme/x.git\n  inline:\n    build:\n      dockerfile_inline: FROM alpine\n',
      'stack/prod.yml': 'services:\n  jobs:\n    build: ../jobs\n',
      'ci/workflow.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
    });
    const project = new ProjectModel([dir]);
    assert.equal(project.serviceDockerfile(`${dir}/compose.yaml`, 'api'), `${dir}/api/Dockerfile`);
    assert.equal(project.serviceDockerfile(`${dir}/compose.yaml`, 'web'), `${dir}/docker/web.Dockerfile`);
    assert.equal(project.serviceDockerfile(`${dir}/compose.yaml`, 'remote'), undefined);
    assert.equal(project.serviceDockerfile(`${dir}/compose.yaml`, 'inline'), undefined);
    // A compose file by content, not by name.
    assert.equal(project.serviceDockerfile(`${dir}/stack/prod.yml`, 'jobs'), `${dir}/jobs/Dockerfile`);
    assert.equal(project.imageDockerfile('ghcr.io/acme/api'), `${dir}/api/Dockerfile`);
    assert.equal(project.imageDockerfile('docker.io/library/nginx'), undefined);
  });

  it('reads what a Dockerfile says about its user, and the UID it creates a named user with', () => {
    write({
      'a/Dockerfile': 'FROM debian:12\nRUN groupadd -g 2000 app && useradd --uid 2000 -g app app\nUSER app\n',
      'b/Dockerfile': 'FROM alpine:3.20\nRUN adduser -D -u 3000 svc\nUSER svc:svc\n',
      'c/Dockerfile': 'FROM alpine:3.20\nUSER 0\n',
      'd/Dockerfile': 'FROM $BASE\n',
    });
    const project = new ProjectModel([dir]);
    const a = project.builtImage(`${dir}/a/Dockerfile`)!;
    assert.deepEqual([a.runsAs, a.named, a.user, a.uid, a.span], ['non-root', true, 'app', 2000, { start: 78, end: 81 }]);
    assert.deepEqual(['runsAs', 'named', 'user', 'uid'].map((k) => project.builtImage(`${dir}/b/Dockerfile`)![k as 'uid']), ['non-root', true, 'svc:svc', 3000]);
    assert.deepEqual([project.builtImage(`${dir}/c/Dockerfile`)!.runsAs, project.builtImage(`${dir}/c/Dockerfile`)!.named], ['root', false]);
    assert.equal(project.builtImage(`${dir}/d/Dockerfile`)!.runsAs, 'unknown');
    assert.equal(project.builtImage(`${dir}/missing/Dockerfile`), undefined);
  });

  it('walks a build context without following symbolic links, and never outside the workspace', () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'bulkhead-outside-')));
    try {
      writeFileSync(join(outside, 'id_rsa'), 'x\n');
      write({ 'app/Dockerfile': 'FROM alpine\nCOPY . .\n', 'app/tls.key': 'x\n', 'compose.yaml': 'services:\n  up:\n    build:\n      context: ../\n      dockerfile: x/Dockerfile\n' });
      symlinkSync(join(outside, 'id_rsa'), join(dir, 'app', 'linked_id_rsa'));
      symlinkSync(outside, join(dir, 'app', 'linked-folder'));
      const project = new ProjectModel([dir]);
      assert.deepEqual(project.buildContext(`${dir}/app/Dockerfile`), { dir: `${dir}/app`, dockerignore: undefined, secrets: [{ path: 'tls.key', what: 'a private key file' }] });
      // compose builds x/Dockerfile from the folder above the workspace: not read.
      assert.equal(project.buildContext(`${dirname(dir)}/x/Dockerfile`), undefined);
      // Nor is a Dockerfile outside the workspace that a compose file names.
      writeFileSync(join(outside, 'Dockerfile'), 'FROM alpine\nUSER root\n');
      assert.equal(project.builtImage(`${outside}/Dockerfile`), undefined);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('prefers the text of open documents, and invalidate() forgets what a changed file said', () => {
    write({ 'compose.yaml': 'services:\n  api:\n    build: ./api\n', 'api/Dockerfile': 'FROM node:22\n' });
    const open = new Map<string, string>();
    const project = new ProjectModel([dir], (path) => open.get(path));
    assert.equal(project.builtImage(`${dir}/api/Dockerfile`)!.runsAs, 'root');
    assert.equal(project.serviceDockerfile(`${dir}/compose.yaml`, 'api'), `${dir}/api/Dockerfile`);
    const before = project.generation;

    open.set(`${dir}/api/Dockerfile`, 'FROM node:22\nUSER 1000\n');
    assert.equal(project.builtImage(`${dir}/api/Dockerfile`)!.runsAs, 'root', 'kept until invalidated');
    project.invalidate(`${dir}/api/Dockerfile`);
    assert.equal(project.builtImage(`${dir}/api/Dockerfile`)!.runsAs, 'non-root');

    open.set(`${dir}/compose.yaml`, 'services:\n  api:\n    build: ./backend\n');
    project.invalidate(`${dir}/compose.yaml`);
    assert.equal(project.serviceDockerfile(`${dir}/compose.yaml`, 'api'), `${dir}/backend/Dockerfile`);
    assert.equal(project.generation, before + 2);

    assert.deepEqual(project.buildContext(`${dir}/api/Dockerfile`)!.secrets, []);
    write({ 'api/.env': 'A=1\n', 'api/.dockerignore': '.git\n' });
    assert.deepEqual(project.buildContext(`${dir}/api/Dockerfile`)!.secrets, [], 'kept until invalidated');
    project.invalidate(`${dir}/api/.env`);
    // compose now builds ./backend, so api/Dockerfile's context is its own folder.
    assert.deepEqual(project.buildContext(`${dir}/api/Dockerfile`), { dir: `${dir}/api`, dockerignore: `${dir}/api/.dockerignore`, secrets: [{ path: '.env', what: 'a .env file' }] });
  });
});
