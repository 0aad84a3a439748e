import rule from '../../../server/src/engine/rules/package-cache-retained';
import { dedent, RuleTester } from '../../rule-tester';

const APT_TITLE = 'Remove /var/lib/apt/lists/* at the end of the RUN';

new RuleTester().run(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    { name: 'apt-get dist-clean (apt 2.7+)', code: 'FROM debian:13\nRUN set -ex; apt-get update; apt-get install -y --no-install-recommends curl; apt-get dist-clean\n' },
    { name: 'removing a parent folder', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt\n' },
    { name: 'cache mount for the lists', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl\n' },
    { name: 'install without update: the lists come from elsewhere', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends ./app.deb\n' },
    { name: 'apk --no-cache', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
    {
      name: 'corpus: apk add --no-network through xargs fetches nothing (docker-library/python)',
      code: 'FROM alpine:3.20\nRUN find /usr/local -type f | xargs -rt apk add --no-network --virtual .rundeps\n',
    },
    { name: 'apk cache removed or mounted', code: 'FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nRUN apk add jq && apk cache clean\n' },
    { name: 'variables holding options', code: 'FROM python:3.12\nARG PIP_ARGS APK_FLAGS\nRUN pip install ${PIP_ARGS} flask && apk add $APK_FLAGS curl\n' },
    { name: 'pip --no-cache-dir', code: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n' },
    { name: 'PIP_NO_CACHE_DIR from ENV, ARG or the command', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n' },
    { name: 'PIP_NO_CACHE_DIR as an assignment', code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=off pip install flask\n' },
    { name: 'pip cache purge, rm of the cache, cache mount', code: 'FROM python:3.12\nRUN pip install flask && pip cache purge\nRUN pip install django && rm -rf ~/.cache/pip\nRUN --mount=type=cache,target=/root/.cache/pip pip install celery\n' },
    { name: 'pip config set global.no-cache-dir', code: 'FROM python:3.12\nRUN pip config set global.no-cache-dir false\nRUN pip install flask\n' },
    { name: 'yum, dnf, microdnf, zypper, yarn cleaned', code: 'FROM rockylinux:9\nRUN yum install -y git && yum clean all\nRUN dnf install -y jq && rm -rf /var/cache/dnf\nRUN microdnf install tar && microdnf clean all\nRUN zypper in -y vim && zypper cc -a\nRUN yarn install && yarn cache clean\n' },
    {
      name: 'builder stages do not ship',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nRUN pip install flask\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out /out\n',
    },
    { name: 'ONBUILD triggers run in child images', code: 'FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n' },
    { name: 'pip download and uninstall keep nothing', code: 'FROM python:3.12\nRUN pip uninstall -y flask && pip download flask\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      errors: [
        {
          messageId: 'aptLists',
          message: '"apt-get install" downloads package lists that stay in this layer; remove /var/lib/apt/lists/* at the end of the same RUN to keep the image small.',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 38,
          suggestions: [{ title: APT_TITLE, output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' }],
        },
      ],
    },
    {
      name: 'update alone points at the update; a later RUN does not shrink this layer',
      code: 'FROM debian:12\nRUN apt-get update;\nRUN rm -rf /var/lib/apt/lists/*\n',
      allowNewFindings: [],
      errors: [
        {
          messageId: 'aptLists',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 19,
          suggestions: [{ title: APT_TITLE, output: 'FROM debian:12\nRUN apt-get update; rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n' }],
        },
      ],
    },
    {
      name: 'continuation lines: appended after the last line',
      code: dedent`
        FROM ubuntu:24.04
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends \\
               curl \\
            && apt-get clean
      `,
      errors: [
        {
          messageId: 'aptLists',
          line: 3,
          column: 8,
          endLine: 3,
          endColumn: 23,
          suggestions: [
            {
              title: APT_TITLE,
              output: 'FROM ubuntu:24.04\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n       curl \\\n    && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
            },
          ],
        },
      ],
    },
    {
      name: 'heredoc script gets a new last line',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nEOF\n',
      errors: [
        {
          messageId: 'aptLists',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 16,
          suggestions: [{ title: APT_TITLE, output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF\n' }],
        },
      ],
    },
    {
      name: 'no suggestion where appending is not safe: exec form, trailing comment',
      code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y --no-install-recommends curl"]\nRUN apt-get update && apt-get install -y --no-install-recommends git # tools\n',
      errors: [
        { messageId: 'aptLists', line: 2, column: 37, endLine: 2, endColumn: 52 },
        { messageId: 'aptLists', line: 3, column: 23, endLine: 3, endColumn: 38 },
      ],
    },
    {
      name: 'apk add without --no-cache, shell and exec form',
      code: 'FROM alpine:3.20\nRUN apk add --update curl\nRUN ["apk", "add", "git"]\n',
      errors: [
        {
          messageId: 'apkCache',
          message: '"apk add" keeps the package index in /var/cache/apk; use --no-cache so nothing is left in the layer.',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 12,
          suggestions: [{ title: 'Add --no-cache to apk add', output: 'FROM alpine:3.20\nRUN apk add --no-cache --update curl\nRUN ["apk", "add", "git"]\n' }],
        },
        {
          messageId: 'apkCache',
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 18,
          suggestions: [{ title: 'Add --no-cache to apk add', output: 'FROM alpine:3.20\nRUN apk add --update curl\nRUN ["apk", "add", "--no-cache", "git"]\n' }],
        },
      ],
    },
    {
      name: 'pip, pip3 and python -m pip; an ENV after the RUN is too late',
      code: dedent`
        FROM python:3.12
        RUN pip install -r requirements.txt && python3 -m pip install gunicorn==22.0.0
        ENV PIP_NO_CACHE_DIR=1
      `,
      errors: [
        {
          messageId: 'pipCache',
          message: '"pip install" keeps downloaded packages in pip\'s cache; use --no-cache-dir so they do not end up in the layer.',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          suggestions: [{ title: 'Add --no-cache-dir to pip install', output: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt && python3 -m pip install gunicorn==22.0.0\nENV PIP_NO_CACHE_DIR=1\n' }],
        },
        {
          messageId: 'pipCache',
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 62,
          suggestions: [{ title: 'Add --no-cache-dir to pip install', output: 'FROM python:3.12\nRUN pip install -r requirements.txt && python3 -m pip install --no-cache-dir gunicorn==22.0.0\nENV PIP_NO_CACHE_DIR=1\n' }],
        },
      ],
    },
    {
      name: 'yum, dnf, microdnf, zypper, yarn without clean',
      code: dedent`
        FROM rockylinux:9
        RUN yum install -y git
        RUN dnf -y upgrade; echo done;
        RUN microdnf --refresh -y install tar
        RUN zypper --non-interactive in vim
        RUN yarn install --frozen-lockfile
      `,
      errors: [
        {
          messageId: 'cleanMissing',
          message: '"yum install" leaves its package cache in this layer; run "yum clean all" at the end of the same RUN.',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 16,
          suggestions: [{ title: 'Run "yum clean all" at the end of the RUN', output: 'FROM rockylinux:9\nRUN yum install -y git && yum clean all\nRUN dnf -y upgrade; echo done;\nRUN microdnf --refresh -y install tar\nRUN zypper --non-interactive in vim\nRUN yarn install --frozen-lockfile\n' }],
        },
        {
          messageId: 'cleanMissing',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 19,
          suggestions: [{ title: 'Run "dnf clean all" at the end of the RUN', output: 'FROM rockylinux:9\nRUN yum install -y git\nRUN dnf -y upgrade; echo done; dnf clean all\nRUN microdnf --refresh -y install tar\nRUN zypper --non-interactive in vim\nRUN yarn install --frozen-lockfile\n' }],
        },
        {
          messageId: 'cleanMissing',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 34,
          suggestions: [{ title: 'Run "microdnf clean all" at the end of the RUN', output: 'FROM rockylinux:9\nRUN yum install -y git\nRUN dnf -y upgrade; echo done;\nRUN microdnf --refresh -y install tar && microdnf clean all\nRUN zypper --non-interactive in vim\nRUN yarn install --frozen-lockfile\n' }],
        },
        {
          messageId: 'cleanMissing',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 32,
          suggestions: [{ title: 'Run "zypper clean --all" at the end of the RUN', output: 'FROM rockylinux:9\nRUN yum install -y git\nRUN dnf -y upgrade; echo done;\nRUN microdnf --refresh -y install tar\nRUN zypper --non-interactive in vim && zypper clean --all\nRUN yarn install --frozen-lockfile\n' }],
        },
        {
          messageId: 'cleanMissing',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          suggestions: [{ title: 'Run "yarn cache clean" at the end of the RUN', output: 'FROM rockylinux:9\nRUN yum install -y git\nRUN dnf -y upgrade; echo done;\nRUN microdnf --refresh -y install tar\nRUN zypper --non-interactive in vim\nRUN yarn install --frozen-lockfile && yarn cache clean\n' }],
        },
      ],
    },
    {
      name: 'base stage of the final stage ships',
      code: 'FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\nCMD ["curl"]\n',
      errors: [
        {
          messageId: 'apkCache',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 12,
          suggestions: [{ title: 'Add --no-cache to apk add', output: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\nCMD ["curl"]\n' }],
        },
      ],
    },
  ],
});
