import rule from '../../../server/src/engine/rules/package-update-alone';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    { name: 'apk update with add', code: 'FROM alpine:3.20\nRUN apk update && apk add curl\n' },
    { name: 'apk add --update does both', code: 'FROM alpine:3.20\nRUN apk add --update curl\n' },
    { name: 'update then upgrade uses the index', code: 'FROM debian:12\nRUN apt-get update && apt-get -y upgrade\n' },
    { name: 'yum makecache with install', code: 'FROM rockylinux:9\nRUN yum makecache && yum install -y git\n' },
    { name: 'dnf makecache with install', code: 'FROM fedora:40\nRUN dnf makecache && dnf -y install git\n' },
    { name: 'zypper refresh with install', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive refresh && zypper --non-interactive in git\n' },
    { name: 'yum update upgrades packages, it is not an index refresh', code: 'FROM centos:7\nRUN yum -y update\n' },
    {
      name: 'continuation lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl\n',
    },
    { name: 'heredoc script', code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n' },
    { name: 'sh -c with both', code: 'FROM debian:12\nRUN sh -c "apt-get update && apt-get install -y curl"\n' },
    { name: 'sudo wrapper', code: 'FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y curl\n' },
    {
      name: 'corpus: a setup script run by the same RUN uses the index (vscode-dev-containers)',
      code: 'FROM debian:12\nRUN apt-get update && /bin/bash /tmp/library-scripts/common-debian.sh "${INSTALL_ZSH}" \\\n    && apt-get clean -y && rm -rf /var/lib/apt/lists/*\n',
    },
    { name: 'script started as ./install.sh', code: 'FROM debian:12\nRUN apt-get update && ./install.sh\n' },
    { name: 'the same RUN removes the index again', code: 'FROM debian:12\nRUN apt-get update && apt-get purge -y imagemagick && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'apk update then cache removed', code: 'FROM alpine:3.20\nRUN apk update && rm -rf /var/cache/apk/*\n' },
    { name: 'apt-get dist-clean removes the lists', code: 'FROM debian:13\nRUN apt-get update; apt-get dist-clean\n' },
    { name: 'pip and npm have no separate index refresh', code: 'FROM python:3.12\nRUN pip install --upgrade pip\nRUN npm update -g\n' },
    { name: 'exec form with install', code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [
        {
          messageId: 'updateAlone',
          message:
            '"apt-get update" runs in a RUN that installs nothing: its layer is cached on its own, so a later install can use a stale package index. Update and install in the same RUN.',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'options before the subcommand are part of the span',
      code: 'FROM ubuntu:24.04\nRUN apt-get -qq update\n',
      errors: [{ messageId: 'updateAlone', line: 2, column: 5, endLine: 2, endColumn: 23 }],
    },
    {
      name: 'apk, apt, yum makecache, zypper refresh',
      code: dedent`
        FROM alpine:3.20
        RUN apk update
        RUN apt update && echo done
        RUN yum makecache
        RUN zypper ref
      `,
      errors: [
        { messageId: 'updateAlone', message: '"apk update" runs in a RUN that installs nothing: its layer is cached on its own, so a later install can use a stale package index. Update and install in the same RUN.', line: 2, column: 5, endLine: 2, endColumn: 15 },
        { messageId: 'updateAlone', line: 3, column: 5, endLine: 3, endColumn: 15 },
        { messageId: 'updateAlone', line: 4, column: 5, endLine: 4, endColumn: 18 },
        { messageId: 'updateAlone', line: 5, column: 5, endLine: 5, endColumn: 15 },
      ],
    },
    {
      name: 'an install by another manager does not use the index',
      code: 'FROM debian:12\nRUN apt-get update && pip install flask==3.0.0\n',
      errors: [{ messageId: 'updateAlone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      name: 'heredoc, continuation and a builder stage',
      code: dedent`
        FROM debian:12 AS build
        RUN <<EOF
        set -e
        apt-get update
        EOF
        FROM debian:12
        RUN export DEBIAN_FRONTEND=noninteractive \\
            && apt-get update
      `,
      errors: [
        { messageId: 'updateAlone', line: 4, column: 1, endLine: 4, endColumn: 15 },
        { messageId: 'updateAlone', line: 8, column: 8, endLine: 8, endColumn: 22 },
      ],
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["apt-get", "update"]\n',
      errors: [{ messageId: 'updateAlone', line: 2, column: 6, endLine: 2, endColumn: 25 }],
    },
    {
      name: 'a later RUN that removes the lists does not help this one',
      code: 'FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ messageId: 'updateAlone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
  ],
});
