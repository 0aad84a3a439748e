import rule from '../../../server/src/engine/rules/cmd-shell-form';
import { RuleTester } from '../../rule-tester';

const MESSAGE = (keyword: string): string =>
  `${keyword} uses shell form, so the program runs as a child of /bin/sh -c and does not receive SIGTERM on "docker stop"; use the exec form ${keyword} ["program", "arg"].`;

/** Shell-form commands whose meaning depends on the shell: reported without a fix. */
const NO_FIX: readonly [string, string][] = [
  ['operators', 'CMD cd /app && ./run'],
  ['variables', 'CMD node server.js --port $PORT'],
  ['quotes', 'CMD "/usr/bin/run.sh"'],
  ['globs', 'CMD rm -f /tmp/*.pid'],
  ['builtins', 'CMD source /env'],
  ['assignments', 'CMD NODE_ENV=production node server.js'],
  ['redirections', 'CMD server >/var/log/server.log'],
  ['broken JSON is shell form', 'CMD [python, /app.py]'],
  ['loops', 'CMD while true; do sleep 1; done'],
];

new RuleTester().run(rule, {
  valid: [
    'FROM node:22\nCMD ["node", "server.js"]\n',
    { name: 'exec-form ENTRYPOINT and CMD', code: 'FROM alpine:3.20\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n' },
    { name: 'exec replaces the shell', code: 'FROM node:22\nCMD exec node server.js --port "$PORT"\n' },
    { name: 'explicit SHELL makes shell form deliberate', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD Start-Service w3svc; Wait-Event\n' },
    { name: 'builder stages do not ship', code: 'FROM golang:1.23 AS build\nCMD go test ./...\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'a later exec form overrides an earlier shell form', code: 'FROM alpine:3.20\nCMD echo hello\nCMD ["echo", "hello"]\n' },
    { name: 'ONBUILD trigger', code: 'FROM alpine:3.20\nONBUILD CMD echo child\nCMD ["sh"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCMD node server.js\n',
      errors: [{ messageId: 'shellForm', message: MESSAGE('CMD'), line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM node:22\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'ENTRYPOINT with plain words and continuation',
      code: 'FROM alpine:3.20\nENTRYPOINT /usr/sbin/httpd \\\n  -DFOREGROUND --port=8080\n',
      errors: [{ messageId: 'shellForm', message: MESSAGE('ENTRYPOINT'), line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/usr/sbin/httpd", "-DFOREGROUND", "--port=8080"]\n',
    },
    ...NO_FIX.map(([name, cmd]) => ({
      name: `no fix when the shell does something: ${name}`,
      code: `FROM alpine:3.20\n${cmd}\n`,
      errors: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: null,
    })),
    {
      name: 'no fix for CMD when ENTRYPOINT is set, nor for ENTRYPOINT when CMD is set',
      code: 'FROM alpine:3.20\nENTRYPOINT /docker-entrypoint.sh\nCMD postgres\n',
      errors: [
        { messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 11 },
        { messageId: 'shellForm', line: 3, column: 1, endLine: 3, endColumn: 4 },
      ],
      output: null,
    },
    {
      name: 'inherited from the base stage of the final stage; lower-case keyword',
      code: 'FROM python:3.12 AS base\ncmd python app.py\nFROM base\nRUN pip install --no-cache-dir flask==3.0.3\n',
      errors: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM python:3.12 AS base\ncmd ["python", "app.py"]\nFROM base\nRUN pip install --no-cache-dir flask==3.0.3\n',
    },
  ],
});
