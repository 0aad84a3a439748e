import rule from '../../../server/src/engine/rules/remote-script-piped-to-shell';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nRUN curl -fsSL https://example.com/tool.tgz | tar xz -C /usr/local/bin\n',
    {
      name: 'download to a file, verify, then run',
      code: dedent`
        FROM debian:12
        RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\
         && echo "2c4e...  /tmp/install.sh" | sha256sum -c - \\
         && sh /tmp/install.sh
      `,
    },
    { name: 'curl -o and wget without -O- write files, nothing is piped', code: 'FROM alpine:3.20\nRUN curl -o /tmp/x https://x | sh && wget https://x/i.sh | sh && curl -fsSLO https://x/i.sh | bash\n' },
    { name: 'interpreters that do not read a program from stdin', code: 'FROM python:3.12\nRUN curl -fsSL https://api.example.com/v | python3 -c "import sys, json; print(json.load(sys.stdin))" && curl -s https://x | python3 -m json.tool && curl -s https://x | sh -c "cat > /tmp/x"\n' },
    { name: 'a script operand reads stdin as data', code: 'FROM alpine:3.20\nRUN curl -fsSL https://x/data.csv | python3 /app/import.py && curl -s https://x | bash /opt/handle.sh\n' },
    { name: 'key and list downloads', code: 'FROM debian:12\nRUN curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg && curl -s https://x | sudo tee /etc/apt/sources.list.d/x.list\n' },
    { name: 'xargs passes lines as arguments', code: 'FROM alpine:3.20\nRUN curl -s https://x/list | xargs -n1 sh\n' },
    { name: 'command substitution that is not a download', code: 'FROM alpine:3.20\nRUN sh -c "$(cat /tmp/script.sh)" && eval "$(ssh-agent -s)" && bash -c "echo $(date)"\n' },
    { name: 'a pipe inside sh -c is one finding (the pipe), not a substitution', code: 'FROM alpine:3.20\nRUN sh -c "curl -fsSL https://x -o /x && tar xzf /x"\n' },
    { name: 'not a RUN', code: 'FROM alpine:3.20\nCMD curl -fsSL https://x | sh\nHEALTHCHECK CMD curl -fsSL http://localhost/ | grep ok\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu:24.04\nRUN curl -fsSL https://get.example.com | sh\n',
      errors: [
        {
          messageId: 'pipe',
          message: 'The output of curl is piped into sh, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.',
          severity: 'error',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 44,
        },
      ],
    },
    {
      name: 'wget -O-, sudo bash, python, perl, /dev/stdin, sh -s and busybox',
      code: dedent`
        FROM ubuntu:24.04
        RUN wget -qO- https://x/install.sh | bash -s -- --version 1.2
        RUN curl -sL https://deb.nodesource.com/setup_20.x | sudo -E bash -
        RUN curl https://bootstrap.pypa.io/get-pip.py | python3 - --user && curl -L https://cpanmin.us | perl - App::cpanminus
        RUN curl -fsSL https://x | bash /dev/stdin && curl -fsSL https://x | tee /tmp/log | sh -x
        RUN wget -O - https://x | ruby && busybox wget -O- https://x | busybox sh
      `,
      errors: [
        { messageId: 'pipe', message: 'The output of wget is piped into bash, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.', line: 2, column: 5, endLine: 2, endColumn: 62 },
        { messageId: 'pipe', line: 3, column: 5, endLine: 3, endColumn: 68 },
        { messageId: 'pipe', line: 4, column: 5, endLine: 4, endColumn: 65 },
        { messageId: 'pipe', line: 4, column: 69, endLine: 4, endColumn: 119 },
        { messageId: 'pipe', line: 5, column: 5, endLine: 5, endColumn: 43 },
        { messageId: 'pipe', line: 5, column: 47, endLine: 5, endColumn: 90 },
        { messageId: 'pipe', line: 6, column: 5, endLine: 6, endColumn: 31 },
        { messageId: 'pipe', message: 'The output of wget is piped into busybox sh, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.', line: 6, column: 35, endLine: 6, endColumn: 74 },
      ],
    },
    {
      name: 'command and process substitution',
      code: dedent`
        FROM ubuntu:24.04
        RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
        RUN bash <(curl -s https://x/i.sh) && bash < <(wget -O - https://y)
        RUN eval "$(curl -fsSL https://x/env)" && source <(curl -s https://z) && python3 -c "\`curl -fsSL https://x/p.py\`"
      `,
      errors: [
        { messageId: 'substitution', message: 'sh runs a script downloaded by curl through command substitution, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.', line: 2, column: 5, endLine: 2, endColumn: 100 },
        { messageId: 'substitution', message: 'bash runs a script downloaded by curl through process substitution, so a script nobody verified runs in the build: a compromised or intercepted download executes with build privileges. Download it to a file, verify its checksum or signature, then run it.', line: 3, column: 5, endLine: 3, endColumn: 35 },
        { messageId: 'substitution', line: 3, column: 39, endLine: 3, endColumn: 68 },
        { messageId: 'substitution', line: 4, column: 5, endLine: 4, endColumn: 39 },
        { messageId: 'substitution', line: 4, column: 43, endLine: 4, endColumn: 70 },
        { messageId: 'substitution', line: 4, column: 74, endLine: 4, endColumn: 114 },
      ],
    },
    {
      name: 'exec form, sh -c, continuation lines, heredoc, ONBUILD, a builder stage and an ARG URL',
      code: dedent`
        FROM golang:1.23 AS build
        RUN ["sh", "-c", "curl -fsSL https://x | sh"]
        RUN curl -fsSL \\
              https://sh.rustup.rs \\
            | sh -s -- -y
        FROM alpine:3.20
        RUN <<EOF
        set -e
        wget -qO- https://x | sh
        EOF
        ONBUILD RUN curl -s https://z | bash
        ARG INSTALLER=https://example.com/install.sh
        RUN curl -fsSL "$INSTALLER" | sh
      `,
      errors: [
        { messageId: 'pipe', line: 2, column: 19, endLine: 2, endColumn: 44 },
        { messageId: 'pipe', line: 3, column: 5, endLine: 5, endColumn: 18 },
        { messageId: 'pipe', line: 9, column: 1, endLine: 9, endColumn: 25 },
        { messageId: 'pipe', line: 11, column: 13, endLine: 11, endColumn: 37 },
        { messageId: 'pipe', line: 13, column: 5, endLine: 13, endColumn: 33 },
      ],
    },
  ],
});
