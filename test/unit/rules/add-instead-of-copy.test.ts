import rule from '../../../server/src/engine/rules/add-instead-of-copy';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app /app\n',
    { name: 'archive is extracted', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'remote URL is add-remote-url territory', code: 'FROM alpine:3.20\nADD https://example.com/x.sh /x.sh\n' },
    { name: 'git repository', code: 'FROM alpine:3.20\nADD git@github.com:org/repo.git /src\n' },
    { name: 'variable source may be an archive', code: 'FROM alpine:3.20\nARG PKG\nADD $PKG /opt/\n' },
    { name: 'ADD-only flag', code: 'FROM alpine:3.20\nADD --checksum=sha256:abc app.bin /app\n' },
    { name: 'heredoc source', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD app.py /app/\n',
      errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM alpine:3.20\nCOPY app.py /app/\n',
    },
    {
      name: 'keeps flags and lower-case keywords',
      code: dedent`
        FROM alpine:3.20
        add --chown=app:app src/ /srv/
        ADD ["a b.txt", "/data/"]
      `,
      errors: [
        { messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 },
        { messageId: 'useCopy', line: 3, column: 1, endLine: 3, endColumn: 4 },
      ],
      output: dedent`
        FROM alpine:3.20
        copy --chown=app:app src/ /srv/
        COPY ["a b.txt", "/data/"]
      `,
    },
    {
      name: 'in a builder stage too',
      code: 'FROM golang:1.23 AS build\nADD . /src\nFROM scratch\nCOPY --from=build /src/app /app\n',
      errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM golang:1.23 AS build\nCOPY . /src\nFROM scratch\nCOPY --from=build /src/app /app\n',
    },
  ],
});
