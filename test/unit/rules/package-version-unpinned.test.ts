import rule from '../../../server/src/engine/rules/package-version-unpinned';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n',
    { name: 'apk versions and constraints', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0 git~2.45 "bash>5"\n' },
    { name: 'pip specifiers, requirements and local paths', code: 'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3 "requests>=2.31" -r requirements.txt -e . ./wheels/app-1.0-py3-none-any.whl\n' },
    { name: 'pip -c constraints value is not a package', code: 'FROM python:3.12\nRUN pip install --no-cache-dir -c constraints.txt\n' },
    { name: 'npm versions, scoped packages and lockfile installs', code: 'FROM node:22\nRUN npm install -g npm@10.8.2 @angular/cli@18.2.0 && npm ci && npm install\n' },
    { name: 'yarn global add with version', code: 'FROM node:22\nRUN yarn global add typescript@5.5.4\n' },
    { name: 'gem with -v or name:version', code: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.16 && gem install rake:13.2.1\n' },
    { name: 'yum, dnf, microdnf name-version', code: 'FROM rockylinux:9\nRUN yum install -y git-2.43.5 && dnf install -y nginx-1:1.20.1-14.el9 && microdnf install tar-1.34\n' },
    { name: 'yum group install and local rpm', code: 'FROM rockylinux:9\nRUN yum groupinstall -y "Development Tools" && yum install -y /tmp/app.rpm @development\n' },
    { name: 'zypper with version', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install git=2.43.0 "curl>=8"\n' },
    { name: 'variables are not resolved', code: 'FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS "${EXTRA}"\n' },
    { name: 'deb file and URL', code: 'FROM debian:12\nRUN apt-get install -y ./app.deb && pip install --no-cache-dir https://example.com/pkg.tar.gz\n' },
    { name: 'simulated install installs nothing', code: 'FROM debian:12\nRUN apt-get install -s curl\n' },
    { name: 'remove and upgrade are not installs', code: 'FROM debian:12\nRUN apt-get remove -y curl && apt-get upgrade -y\n' },
    { name: 'option values are not packages', code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confnew curl=7.88.1\n' },
    { name: 'yarn without packages installs the lockfile', code: 'FROM node:22\nRUN yarn --frozen-lockfile && yarn install\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl\n',
      errors: [
        {
          messageId: 'unpinned',
          message: 'apt-get installs "curl" without a version, so every rebuild may get a different one; pin it as "curl=<version>".',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'one finding per package, every manager',
      code: dedent`
        FROM python:3.12 AS build
        RUN apk add --no-cache git cfssl@testing
        RUN pip3 install --no-cache-dir "requests[socks]" flask==3.0.3
        RUN python3 -m pip install --no-cache-dir uvicorn
        RUN npm install -g @vue/cli typescript@latest
        RUN gem install rails
        RUN dnf install -y java-17-openjdk && microdnf install tar
        RUN zypper in -y vim
        RUN yarn global add serve
        FROM debian:12
        RUN apt install -y git/bookworm-backports
      `,
      errors: [
        { messageId: 'unpinned', message: 'apk installs "git" without a version, so every rebuild may get a different one; pin it as "git=<version>".', line: 2, column: 24, endLine: 2, endColumn: 27 },
        { messageId: 'unpinned', line: 2, column: 28, endLine: 2, endColumn: 41 },
        { messageId: 'unpinned', message: 'pip3 installs "requests" without a version, so every rebuild may get a different one; pin it as "requests==<version>".', line: 3, column: 33, endLine: 3, endColumn: 50 },
        { messageId: 'unpinned', message: 'python3 -m pip installs "uvicorn" without a version, so every rebuild may get a different one; pin it as "uvicorn==<version>".', line: 4, column: 43, endLine: 4, endColumn: 50 },
        { messageId: 'unpinned', message: 'npm installs "@vue/cli" without a version, so every rebuild may get a different one; pin it as "@vue/cli@<version>".', line: 5, column: 20, endLine: 5, endColumn: 28 },
        { messageId: 'unpinned', line: 5, column: 29, endLine: 5, endColumn: 46 },
        { messageId: 'unpinned', message: 'gem installs "rails" without a version, so every rebuild may get a different one; pin it as "rails:<version>".', line: 6, column: 17, endLine: 6, endColumn: 22 },
        { messageId: 'unpinned', message: 'dnf installs "java-17-openjdk" without a version, so every rebuild may get a different one; pin it as "java-17-openjdk-<version>".', line: 7, column: 20, endLine: 7, endColumn: 35 },
        { messageId: 'unpinned', line: 7, column: 56, endLine: 7, endColumn: 59 },
        { messageId: 'unpinned', message: 'zypper installs "vim" without a version, so every rebuild may get a different one; pin it as "vim=<version>".', line: 8, column: 18, endLine: 8, endColumn: 21 },
        { messageId: 'unpinned', message: 'yarn installs "serve" without a version, so every rebuild may get a different one; pin it as "serve@<version>".', line: 9, column: 21, endLine: 9, endColumn: 26 },
        { messageId: 'unpinned', message: 'apt installs "git" without a version, so every rebuild may get a different one; pin it as "git=<version>".', line: 11, column: 20, endLine: 11, endColumn: 42 },
      ],
    },
    {
      name: 'continuation lines, heredoc and exec form',
      code: dedent`
        FROM debian:12
        RUN apt-get update \\
         && apt-get install -y \\
              curl=7.88.1 \\
              wget
        RUN <<EOF
        apt-get install -y jq
        EOF
        RUN ["apt-get", "install", "-y", "make"]
      `,
      errors: [
        { messageId: 'unpinned', line: 5, column: 7, endLine: 5, endColumn: 11 },
        { messageId: 'unpinned', line: 7, column: 20, endLine: 7, endColumn: 22 },
        { messageId: 'unpinned', line: 9, column: 34, endLine: 9, endColumn: 40 },
      ],
    },
  ],
});
