import rule from '../../../server/src/engine/rules/add-remote-url';
import { dedent, RuleTester } from '../../rule-tester';

const COMMIT = 'c2b1e7a5a3d8f1e1b0f6e8f0a9d4c3b2a1f0e9d8';
const TITLE = 'Add --checksum (replace the placeholder with the SHA-256 of the file)';
const PLACEHOLDER = '--checksum=sha256:REPLACE_WITH_SHA256_OF_THE_FILE';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app /app\n',
    { name: 'checksum pins the download', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tgz /opt/\n' },
    { name: 'checksum from a variable', code: 'FROM alpine:3.20\nARG SHA\nADD --checksum=${SHA} https://example.com/app.tgz /opt/\n' },
    { name: 'local archive', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'variable source is unknown', code: 'FROM alpine:3.20\nARG URL\nADD ${URL} /opt/\n' },
    { name: 'heredoc source', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhttps://example.com\nEOF\n' },
    { name: 'git repository pinned to a commit', code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#${COMMIT} /src\n` },
    { name: 'git commit with a subdirectory', code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#${COMMIT}:docs /docs\n` },
    { name: 'git query checksum (Dockerfile 1.18)', code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=v0.10.1&checksum=${COMMIT} /src\n` },
    { name: 'git with --checksum', code: `FROM alpine:3.20\nADD --checksum=${COMMIT} https://github.com/moby/buildkit.git#v0.10.1 /src\n` },
    { name: 'ssh git URLs are not http downloads', code: 'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git#v0.10.1 /src\n' },
    { name: 'download with curl and a checksum check is not ADD', code: 'FROM alpine:3.20\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && echo "abc  /tmp/a.tgz" | sha256sum -c -\n' },
    { name: 'COPY --from is not a URL', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD https://example.com/app.tar.gz /opt/\n',
      errors: [
        {
          messageId: 'noChecksum',
          message: 'ADD downloads "https://example.com/app.tar.gz" without --checksum, so whatever the server (or anyone in between) returns goes into the image; pin the file with --checksum=sha256:<hash>.',
          severity: 'warning',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 35,
          suggestions: [{ title: TITLE, output: `FROM alpine:3.20\nADD ${PLACEHOLDER} https://example.com/app.tar.gz /opt/\n` }],
        },
      ],
    },
    {
      name: 'after existing flags, lower-case keyword, plain http',
      code: 'FROM alpine:3.20\nadd --chown=app:app --chmod=0755 http://example.com/tool /usr/local/bin/tool\n',
      errors: [
        {
          messageId: 'noChecksum',
          line: 2,
          column: 34,
          endLine: 2,
          endColumn: 57,
          suggestions: [{ title: TITLE, output: `FROM alpine:3.20\nadd --chown=app:app --chmod=0755 ${PLACEHOLDER} http://example.com/tool /usr/local/bin/tool\n` }],
        },
      ],
    },
    {
      name: 'exec form with a blank in the URL',
      code: 'FROM alpine:3.20\nADD ["https://example.com/my tool.sh", "/opt/tool.sh"]\n',
      errors: [
        {
          messageId: 'noChecksum',
          message: 'ADD downloads "https://example.com/my tool.sh" without --checksum, so whatever the server (or anyone in between) returns goes into the image; pin the file with --checksum=sha256:<hash>.',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 38,
          suggestions: [{ title: TITLE, output: `FROM alpine:3.20\nADD ${PLACEHOLDER} ["https://example.com/my tool.sh", "/opt/tool.sh"]\n` }],
        },
      ],
    },
    {
      name: 'continuation lines, builder stage and ONBUILD trigger',
      code: dedent`
        FROM golang:1.23 AS build
        ADD \\
          https://go.dev/dl/tool.tgz \\
          /tmp/
        FROM alpine:3.20
        ONBUILD ADD https://example.com/o /o
      `,
      errors: [
        {
          messageId: 'noChecksum',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 29,
          suggestions: [{ title: TITLE, output: `FROM golang:1.23 AS build\nADD ${PLACEHOLDER} \\\n  https://go.dev/dl/tool.tgz \\\n  /tmp/\nFROM alpine:3.20\nONBUILD ADD https://example.com/o /o\n` }],
        },
        {
          messageId: 'noChecksum',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 34,
          suggestions: [{ title: TITLE, output: `FROM golang:1.23 AS build\nADD \\\n  https://go.dev/dl/tool.tgz \\\n  /tmp/\nFROM alpine:3.20\nONBUILD ADD ${PLACEHOLDER} https://example.com/o /o\n` }],
        },
      ],
    },
    {
      name: 'variables in the URL do not make it local',
      code: 'FROM alpine:3.20\nARG VERSION=1.2.3\nADD https://example.com/tool-${VERSION}.tgz /opt/\n',
      errors: [
        {
          messageId: 'noChecksum',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 44,
          suggestions: [{ title: TITLE, output: `FROM alpine:3.20\nARG VERSION=1.2.3\nADD ${PLACEHOLDER} https://example.com/tool-\${VERSION}.tgz /opt/\n` }],
        },
      ],
    },
    {
      name: 'several sources: one finding each, no suggestion (--checksum takes a single source)',
      code: 'FROM alpine:3.20\nADD https://a.example.com/x https://b.example.com/y /d/\n',
      errors: [
        { messageId: 'noChecksum', line: 2, column: 5, endLine: 2, endColumn: 28 },
        { messageId: 'noChecksum', line: 2, column: 29, endLine: 2, endColumn: 52 },
      ],
    },
    {
      name: 'git repository at a tag or branch',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\nADD https://example.com/repo.git /repo\n',
      errors: [
        {
          messageId: 'gitUnpinned',
          message: 'ADD clones "https://github.com/moby/buildkit.git#v0.10.1" at a movable reference, so the content can change between builds; pin it to a full commit SHA (#<commit> or ?checksum=<commit>) or add --checksum=<commit>.',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 49,
        },
        { messageId: 'gitUnpinned', line: 3, column: 5, endLine: 3, endColumn: 33 },
      ],
    },
    {
      name: 'a short commit prefix is not a pin',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=main&checksum=c2b1e7a /src\n',
      errors: [{ messageId: 'gitUnpinned', line: 2, column: 5, endLine: 2, endColumn: 67 }],
    },
  ],
});
