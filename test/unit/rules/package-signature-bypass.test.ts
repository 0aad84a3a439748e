import rule from '../../../server/src/engine/rules/package-signature-bypass';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    { name: 'signed third-party repository', code: 'FROM debian:12\nRUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com stable main" > /etc/apt/sources.list.d/x.list\n' },
    { name: 'gpgcheck on; repo_gpgcheck is a different setting', code: 'FROM fedora:41\nRUN echo "gpgcheck=1" >> /etc/dnf/dnf.conf && dnf install -y --setopt=repo_gpgcheck=0 x\n' },
    { name: 'sed that turns checks back on', code: 'FROM centos:7\nRUN sed -i "s/gpgcheck=0/gpgcheck=1/" /etc/yum.repos.d/x.repo\n' },
    { name: 'echo to the terminal', code: 'FROM centos:7\nRUN echo "gpgcheck=0 is not allowed here"\n' },
    { name: 'a gpgcheck file that is not a repo', code: 'FROM centos:7\nRUN echo "gpgcheck=0" > /tmp/notes.txt\n' },
    { name: 'apk with signed packages', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
    { name: 'rpm import of a key', code: 'FROM centos:7\nRUN rpm --import https://example.com/key.asc && rpm -K x.rpm\n' },
    { name: 'snap install without --dangerous', code: 'FROM ubuntu:24.04\nRUN snap install core\n' },
    { name: 'option after -- is an operand', code: 'FROM debian:12\nRUN apt-get install -y -- --force-yes\n' },
    {
      name: 'packages built in the image: local apk files and a file: apt repository (nginx, postgres official images)',
      code: dedent`
        FROM alpine:3.20
        RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\
            apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-\${module}-*.apk ./local.apk
        RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list
        RUN curl -fsSLO https://example.com/src.tgz && apk index --allow-untrusted -o /tmp/pkgs/APKINDEX.tar.gz /tmp/pkgs/*.apk
      `,
    },
    { name: 'not a RUN', code: 'FROM debian:12\nLABEL note="apt-get --force-yes"\nCMD ["apk", "add", "--allow-untrusted", "x"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y --allow-unauthenticated curl\n',
      errors: [
        {
          messageId: 'flag',
          message: 'apt-get option --allow-unauthenticated installs packages without verifying their signatures, so a tampered or spoofed package can enter the image.',
          severity: 'error',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'apt, apk, yum, dnf, rpm, zypper, dpkg, snap and flatpak options',
      code: dedent`
        FROM debian:12
        RUN apt-get -y --force-yes install x && apt update --allow-insecure-repositories && aptitude install --allow-unauthenticated y
        RUN apk add --allow-untrusted vendor-agent && yum install -y --nogpgcheck x && microdnf install --nogpgcheck y
        RUN rpm -ivh --nosignature x.rpm && rpm -i --nodigest y.rpm && zypper --no-gpg-checks install -y z
        RUN dpkg -i --force-bad-verify x.deb && snap install --dangerous x.snap && flatpak remote-add --no-gpg-verify r https://x
      `,
      errors: [
        { messageId: 'flag', line: 2, column: 16, endLine: 2, endColumn: 27 },
        { messageId: 'flag', line: 2, column: 52, endLine: 2, endColumn: 81 },
        { messageId: 'flag', message: 'aptitude option --allow-unauthenticated installs packages without verifying their signatures, so a tampered or spoofed package can enter the image.', line: 2, column: 102, endLine: 2, endColumn: 125 },
        { messageId: 'flag', message: 'apk option --allow-untrusted installs packages without verifying their signatures, so a tampered or spoofed package can enter the image.', line: 3, column: 13, endLine: 3, endColumn: 30 },
        { messageId: 'flag', line: 3, column: 62, endLine: 3, endColumn: 74 },
        { messageId: 'flag', line: 3, column: 97, endLine: 3, endColumn: 109 },
        { messageId: 'flag', line: 4, column: 14, endLine: 4, endColumn: 27 },
        { messageId: 'flag', line: 4, column: 44, endLine: 4, endColumn: 54 },
        { messageId: 'flag', line: 4, column: 71, endLine: 4, endColumn: 86 },
        { messageId: 'flag', line: 5, column: 13, endLine: 5, endColumn: 31 },
        { messageId: 'flag', line: 5, column: 54, endLine: 5, endColumn: 65 },
        { messageId: 'flag', line: 5, column: 95, endLine: 5, endColumn: 110 },
      ],
    },
    {
      name: 'settings: apt -o, yum/dnf --setopt, add-apt-repository',
      code: dedent`
        FROM ubuntu:24.04
        RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y x && apt-get -oAcquire::AllowInsecureRepositories=1 update
        RUN dnf --setopt=gpgcheck=0 install -y x && yum-config-manager --save --setopt epel.gpgcheck=false
        RUN add-apt-repository "deb [arch=amd64 trusted=yes] http://repo.example.com focal main"
      `,
      errors: [
        { messageId: 'setting', message: 'The apt-get setting "APT::Get::AllowUnauthenticated=true" turns off package signature verification, so a tampered or spoofed package can enter the image.', line: 2, column: 16, endLine: 2, endColumn: 51 },
        { messageId: 'setting', line: 2, column: 76, endLine: 2, endColumn: 114 },
        { messageId: 'setting', line: 3, column: 9, endLine: 3, endColumn: 28 },
        { messageId: 'setting', line: 3, column: 80, endLine: 3, endColumn: 99 },
        { messageId: 'setting', line: 4, column: 24, endLine: 4, endColumn: 89 },
      ],
    },
    {
      name: 'configuration written with echo, printf, tee and sed',
      code: dedent`
        FROM centos:7
        RUN echo "deb [trusted=yes] http://repo.example.com/ ./" > /etc/apt/sources.list.d/x.list \\
         && printf '[x]\\nbaseurl=http://x\\ngpgcheck=0\\n' > /etc/yum.repos.d/x.repo \\
         && sed -i 's/^gpgcheck=1/gpgcheck=0/' /etc/yum.conf \\
         && echo 'APT::Get::AllowUnauthenticated "true";' | tee /etc/apt/apt.conf.d/99unauth
      `,
      errors: [
        { messageId: 'setting', message: 'The apt setting "[trusted=yes]" in /etc/apt/sources.list.d/x.list turns off package signature verification, so a tampered or spoofed package can enter the image.', line: 2, column: 5, endLine: 2, endColumn: 90 },
        { messageId: 'setting', message: 'The yum/dnf setting "gpgcheck=0" in /etc/yum.repos.d/x.repo turns off package signature verification, so a tampered or spoofed package can enter the image.', line: 3, column: 5, endLine: 3, endColumn: 75 },
        { messageId: 'setting', line: 4, column: 5, endLine: 4, endColumn: 53 },
        { messageId: 'setting', line: 5, column: 5, endLine: 5, endColumn: 85 },
      ],
    },
    {
      name: 'a local package file downloaded in the same RUN is checked',
      code: 'FROM alpine:3.20\nRUN wget -O /tmp/agent.apk https://example.com/agent.apk && apk add --allow-untrusted /tmp/agent.apk\n',
      errors: [{ messageId: 'flag', line: 2, column: 69, endLine: 2, endColumn: 86 }],
    },
    {
      name: 'a remote trusted=yes repository',
      code: "FROM debian:12\nRUN echo 'deb [ allow-insecure=yes trusted=yes ] https://apt.example.com/moby trixie main' > /etc/apt/sources.list.d/moby.list\n",
      errors: [{ messageId: 'setting', message: 'The apt setting \"[ allow-insecure=yes trusted=yes ]\" in /etc/apt/sources.list.d/moby.list turns off package signature verification, so a tampered or spoofed package can enter the image.', line: 2, column: 5, endLine: 2, endColumn: 127 }],
    },
    {
      name: 'sudo, exec form, sh -c, heredoc, ONBUILD and a builder stage',
      code: dedent`
        FROM debian:12 AS build
        RUN sudo apt-get install -y --allow-unauthenticated x
        RUN ["apk", "add", "--allow-untrusted", "agent"]
        RUN sh -c "yum install -y --nogpgcheck x"
        FROM alpine:3.20
        RUN <<EOF
        set -e
        apk add --allow-untrusted agent
        EOF
        ONBUILD RUN apk add --allow-untrusted agent
      `,
      errors: [
        { messageId: 'flag', line: 2, column: 29, endLine: 2, endColumn: 52 },
        { messageId: 'flag', line: 3, column: 20, endLine: 3, endColumn: 39 },
        { messageId: 'flag', line: 4, column: 27, endLine: 4, endColumn: 39 },
        { messageId: 'flag', line: 8, column: 9, endLine: 8, endColumn: 26 },
        { messageId: 'flag', line: 10, column: 21, endLine: 10, endColumn: 38 },
      ],
    },
  ],
});
