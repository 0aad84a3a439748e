import rule from '../../../server/src/engine/rules/workdir-relative';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app\n',
    { name: 'quoted absolute path', code: 'FROM alpine:3.20\nWORKDIR "/path/to/workdir"\nWORKDIR \'/srv\'\n' },
    { name: 'variables may be absolute', code: 'FROM alpine:3.20\nARG APP_HOME=/app\nWORKDIR $APP_HOME\nWORKDIR ${HOME}/src\n' },
    { name: 'Windows paths', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\nWORKDIR c:/src\nWORKDIR \\\\data\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nWORKDIR app\n',
      errors: [
        {
          messageId: 'relative',
          message: 'WORKDIR "app" is relative, so it depends on every earlier WORKDIR (and on the base image\'s); use an absolute path.',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 12,
        },
      ],
    },
    {
      name: 'dot, parent, quoted, trailing slash, every stage, lower-case keyword',
      code: dedent`
        FROM golang:1.23 AS build
        WORKDIR /src
        WORKDIR .
        workdir "../out"
        FROM alpine:3.20
        WORKDIR android/
      `,
      errors: [
        { messageId: 'relative', line: 3, column: 9, endLine: 3, endColumn: 10 },
        { messageId: 'relative', message: 'WORKDIR "../out" is relative, so it depends on every earlier WORKDIR (and on the base image\'s); use an absolute path.', line: 4, column: 9, endLine: 4, endColumn: 17 },
        { messageId: 'relative', line: 6, column: 9, endLine: 6, endColumn: 17 },
      ],
    },
    {
      name: 'relative with a variable inside',
      code: 'FROM alpine:3.20\nARG NAME=app\nWORKDIR src/$NAME\n',
      errors: [{ messageId: 'relative', line: 3, column: 9, endLine: 3, endColumn: 18 }],
    },
  ],
});
