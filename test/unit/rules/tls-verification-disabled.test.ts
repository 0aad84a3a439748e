import rule from '../../../server/src/engine/rules/tls-verification-disabled';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nRUN curl -fsSL https://example.com/x -o /tmp/x\n',
    { name: 'curl options that look alike', code: 'FROM alpine:3.20\nRUN curl -K /etc/curl.cfg -H "X-k: 1" --cacert /ca.pem -fsSL https://x -o /x\n' },
    { name: 'wget to stdout', code: 'FROM alpine:3.20\nRUN wget -qO- https://x | tar xz\n' },
    { name: 'an -k after -- is an operand', code: 'FROM alpine:3.20\nRUN curl -fsSL -- -k\n' },
    { name: 'verification on', code: 'FROM alpine:3.20\nRUN git config --global http.sslVerify true && npm config set strict-ssl true && yum --setopt=sslverify=1 install -y x\n' },
    { name: 'reading a setting', code: 'FROM alpine:3.20\nRUN git config --get http.sslVerify\n' },
    { name: 'sed that turns verification back on', code: 'FROM alpine:3.20\nRUN sed -i "s/sslverify=0/sslverify=1/" /etc/yum.conf\n' },
    { name: 'echo into an unrelated file', code: 'FROM alpine:3.20\nRUN echo insecure >> /tmp/notes && echo "sslverify=0"\n' },
    { name: 'kubectl flag set to false', code: 'FROM alpine:3.20\nRUN kubectl --insecure-skip-tls-verify=false get pods\n' },
    { name: 'pip with a private index over https', code: 'FROM python:3.12\nRUN pip install --index-url https://pypi.example.com/simple app\n' },
    { name: 'safe values', code: 'FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true\nARG GIT_SSL_NO_VERIFY\nENV PIP_TRUSTED_HOST=""\n' },
    { name: 'unresolved variable values', code: 'FROM node:22\nARG V\nENV NODE_TLS_REJECT_UNAUTHORIZED=$V\nRUN NODE_TLS_REJECT_UNAUTHORIZED=${V} node app.js\n' },
    { name: 'HEALTHCHECK is not a RUN', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -k https://localhost/ || exit 1\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: node:22\n    environment:\n      - GIT_SSL_NO_VERIFY\n      - NODE_TLS_REJECT_UNAUTHORIZED=1\n' },
    { name: 'compose null value is taken from the shell', filename: 'compose.yaml', code: 'services:\n  web:\n    image: node:22\n    environment:\n      GIT_SSL_NO_VERIFY:\n' },
    { name: 'k8s valueFrom is unknown', filename: 'pod.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: node:22\n    env:\n    - name: NODE_TLS_REJECT_UNAUTHORIZED\n      valueFrom: {configMapKeyRef: {name: c, key: k}}\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/install.tgz | tar xz\n',
      errors: [
        {
          messageId: 'flag',
          message: 'curl option -k turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.',
          severity: 'error',
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'curl, wget, pip, uv, npm, conda, kubectl and podman options',
      code: dedent`
        FROM python:3.12
        RUN curl --insecure https://a -o /a && wget --no-check-certificate https://b
        RUN pip install --trusted-host pypi.org app && python3 -m pip install --trusted-host=x y && uv pip install --allow-insecure-host x z
        RUN npm install --no-strict-ssl && conda install --insecure numpy && kubectl --insecure-skip-tls-verify apply -f x && podman pull --tls-verify=false reg/x
      `,
      errors: [
        { messageId: 'flag', line: 2, column: 10, endLine: 2, endColumn: 20 },
        { messageId: 'flag', message: 'wget option --no-check-certificate turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 2, column: 45, endLine: 2, endColumn: 67 },
        { messageId: 'flag', message: 'pip option --trusted-host turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 3, column: 17, endLine: 3, endColumn: 31 },
        { messageId: 'flag', line: 3, column: 71, endLine: 3, endColumn: 87 },
        { messageId: 'flag', line: 3, column: 108, endLine: 3, endColumn: 129 },
        { messageId: 'flag', line: 4, column: 17, endLine: 4, endColumn: 32 },
        { messageId: 'flag', line: 4, column: 50, endLine: 4, endColumn: 60 },
        { messageId: 'flag', line: 4, column: 78, endLine: 4, endColumn: 104 },
        { messageId: 'flag', message: 'podman option --tls-verify=false turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 4, column: 131, endLine: 4, endColumn: 149 },
      ],
    },
    {
      name: 'settings: git, npm, yarn, yum/dnf, apt, conda, wget, pip',
      code: dedent`
        FROM fedora:41
        RUN git -c http.sslVerify=false clone https://x/r.git && git config --global http.https://x.sslverify no
        RUN npm c set strict-ssl false && yarn config set enableStrictSsl false && pip config set global.trusted-host pypi.org
        RUN dnf --setopt=*.sslverify=0 install -y x && yum-config-manager --save --setopt sslverify=false
        RUN apt-get -o Acquire::https::Verify-Peer=false update && conda config --set ssl_verify no && wget -e check_certificate=off https://x
      `,
      errors: [
        { messageId: 'setting', message: 'The git setting "http.sslVerify=false" turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 2, column: 12, endLine: 2, endColumn: 32 },
        { messageId: 'setting', line: 2, column: 103, endLine: 2, endColumn: 105 },
        { messageId: 'setting', message: 'The npm setting "strict-ssl false" turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 3, column: 26, endLine: 3, endColumn: 31 },
        { messageId: 'setting', line: 3, column: 67, endLine: 3, endColumn: 72 },
        { messageId: 'setting', line: 3, column: 76, endLine: 3, endColumn: 119 },
        { messageId: 'setting', line: 4, column: 9, endLine: 4, endColumn: 31 },
        { messageId: 'setting', message: 'The yum-config-manager setting "sslverify=false" turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 4, column: 83, endLine: 4, endColumn: 98 },
        { messageId: 'setting', line: 5, column: 16, endLine: 5, endColumn: 49 },
        { messageId: 'setting', line: 5, column: 90, endLine: 5, endColumn: 92 },
        { messageId: 'setting', line: 5, column: 104, endLine: 5, endColumn: 125 },
      ],
    },
    {
      name: 'configuration files written with echo, tee and sed',
      code: dedent`
        FROM centos:7
        RUN echo "sslverify=0" >> /etc/yum.conf \\
         && echo insecure >> ~/.curlrc \\
         && echo "check_certificate = off" | sudo tee -a /etc/wgetrc \\
         && sed -i 's|^sslverify=.*|sslverify=false|' /etc/dnf/dnf.conf \\
         && printf '[global]\\ntrusted-host = pypi.org\\n' > /etc/pip.conf
      `,
      errors: [
        { messageId: 'setting', message: 'The yum/dnf setting "sslverify=0" in /etc/yum.conf turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.', line: 2, column: 5, endLine: 2, endColumn: 40 },
        { messageId: 'setting', line: 3, column: 5, endLine: 3, endColumn: 31 },
        { messageId: 'setting', line: 4, column: 5, endLine: 4, endColumn: 61 },
        { messageId: 'setting', line: 5, column: 5, endLine: 5, endColumn: 64 },
        { messageId: 'setting', line: 6, column: 5, endLine: 6, endColumn: 65 },
      ],
    },
    {
      name: 'environment assignments in RUN',
      code: dedent`
        FROM node:22
        RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci && export GIT_SSL_NO_VERIFY=1 && env PYTHONHTTPSVERIFY=0 python3 x.py
        RUN TEST_123="456" GIT_SSL_NO_VERIFY="0" \\
            git clone https://example.com/r.git
      `,
      errors: [
        { messageId: 'env', message: 'Environment variable NODE_TLS_REJECT_UNAUTHORIZED turns off TLS certificate verification for Node.js, so anyone on the network path can read or tamper with its connections.', line: 2, column: 5, endLine: 2, endColumn: 35 },
        { messageId: 'env', line: 2, column: 53, endLine: 2, endColumn: 72 },
        { messageId: 'env', line: 2, column: 80, endLine: 2, endColumn: 99 },
        { messageId: 'env', line: 3, column: 20, endLine: 3, endColumn: 41 },
      ],
    },
    {
      name: 'exec form, sh -c, heredoc, ONBUILD and a builder stage',
      code: dedent`
        FROM golang:1.23 AS build
        RUN ["curl", "-k", "-o", "/x", "https://x"]
        RUN sh -c "git clone -c http.sslverify=0 https://x/r.git"
        FROM alpine:3.20
        RUN <<EOF
        set -e
        wget --no-check-certificate https://y
        EOF
        ONBUILD RUN curl -k https://z -o /z
      `,
      errors: [
        { messageId: 'flag', line: 2, column: 14, endLine: 2, endColumn: 18 },
        { messageId: 'setting', line: 3, column: 25, endLine: 3, endColumn: 41 },
        { messageId: 'flag', line: 7, column: 6, endLine: 7, endColumn: 28 },
        { messageId: 'flag', line: 9, column: 18, endLine: 9, endColumn: 20 },
      ],
    },
    {
      name: 'ENV and ARG, quoted values, presence-only variables point at the name',
      code: dedent`
        FROM node:22
        ARG NODE_TLS_REJECT_UNAUTHORIZED="0"
        ENV GIT_SSL_NO_VERIFY=false PIP_TRUSTED_HOST=pypi.org npm_config_strict_ssl=false
        ENV CURL_CA_BUNDLE="" GOINSECURE=example.com/* GOFLAGS=-insecure
        ENV PYTHONHTTPSVERIFY 0
      `,
      errors: [
        { messageId: 'env', line: 2, column: 34, endLine: 2, endColumn: 37 },
        { messageId: 'env', message: 'Environment variable GIT_SSL_NO_VERIFY turns off TLS certificate verification for git, so anyone on the network path can read or tamper with its connections.', line: 3, column: 5, endLine: 3, endColumn: 22 },
        { messageId: 'env', line: 3, column: 29, endLine: 3, endColumn: 45 },
        { messageId: 'env', line: 3, column: 77, endLine: 3, endColumn: 82 },
        { messageId: 'env', line: 4, column: 20, endLine: 4, endColumn: 22 },
        { messageId: 'env', line: 4, column: 23, endLine: 4, endColumn: 33 },
        { messageId: 'env', message: 'Environment variable GOFLAGS turns off TLS certificate verification for Go, so anyone on the network path can read or tamper with its connections.', line: 4, column: 56, endLine: 4, endColumn: 65 },
        { messageId: 'env', line: 5, column: 23, endLine: 5, endColumn: 24 },
      ],
    },
    {
      name: 'compose: environment map and list, build args, anchors and merge keys',
      filename: 'docker-compose.yml',
      code: dedent`
        x-env: &env
          NODE_TLS_REJECT_UNAUTHORIZED: "0"
        services:
          api:
            image: node:22
            environment:
              <<: *env
              OTHER: x
          worker:
            image: python:3.12
            environment:
              - PYTHONHTTPSVERIFY=0
              - "GIT_SSL_NO_VERIFY=1"
            build:
              context: .
              args: {PIP_TRUSTED_HOST: pypi.org}
      `,
      errors: [
        { messageId: 'env', line: 2, column: 33, endLine: 2, endColumn: 36 },
        { messageId: 'env', line: 12, column: 27, endLine: 12, endColumn: 28 },
        { messageId: 'env', line: 13, column: 10, endLine: 13, endColumn: 27 },
        { messageId: 'env', line: 16, column: 14, endLine: 16, endColumn: 30 },
      ],
    },
    {
      name: 'k8s: document 3, List items, init and ephemeral containers',
      filename: 'app.yaml',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        data: {NODE_TLS_REJECT_UNAUTHORIZED: "0"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              spec:
                initContainers:
                - name: init
                  image: alpine/git:2.45
                  env: [{name: GIT_SSL_NO_VERIFY, value: "true"}]
                containers:
                - name: web
                  image: node:22
                  env:
                  - name: NODE_TLS_REJECT_UNAUTHORIZED
                    value: "0"
                ephemeralContainers:
                - name: debug
                  image: python:3.12
                  env:
                  - {name: PYTHONHTTPSVERIFY, value: 0}
      `,
      errors: [
        { messageId: 'env', line: 22, column: 24, endLine: 22, endColumn: 41 },
        { messageId: 'env', line: 28, column: 20, endLine: 28, endColumn: 23 },
        { messageId: 'env', line: 33, column: 46, endLine: 33, endColumn: 47 },
      ],
    },
  ],
});
