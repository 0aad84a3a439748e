import rule from '../../../server/src/engine/rules/expose-port-invalid';
import { RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 9999/sctp\n',
    { name: 'bounds 0 and 65535', code: 'FROM alpine:3.20\nEXPOSE 0 65535\n' },
    { name: 'ordered ranges, upper-case protocol', code: 'FROM alpine:3.20\nEXPOSE 8000-9000 7000-7000/UDP\n' },
    { name: 'variables are resolved at build time', code: 'FROM alpine:3.20\nARG PORT=99999\nEXPOSE $PORT ${PORT}/tcp\n' },
    { name: 'empty protocol means tcp', code: 'FROM alpine:3.20\nEXPOSE 80/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nEXPOSE 65536\n',
      errors: [{ messageId: 'outOfRange', message: 'EXPOSE "65536" is outside the valid port range 0-65535.', line: 2, column: 8, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'each problem, several per line, onbuild and later stages',
      code: 'FROM alpine:3.20 AS a\nEXPOSE 80:80 abc 8080/http\nFROM a\nEXPOSE 9000-8000 -1 1-99999/tcp\nONBUILD EXPOSE 1e3\n',
      errors: [
        { messageId: 'hostMapping', message: 'EXPOSE "80:80" maps a host port, which EXPOSE cannot do (Docker ignores the host part); expose the container port and publish it with "docker run -p".', line: 2, column: 8, endLine: 2, endColumn: 13 },
        { messageId: 'malformed', message: 'EXPOSE "abc" is not a port: write PORT, PORT/PROTOCOL or START-END/PROTOCOL with numbers.', line: 2, column: 14, endLine: 2, endColumn: 17 },
        { messageId: 'badProtocol', message: 'EXPOSE "8080/http" has an unknown protocol; Docker accepts tcp, udp and sctp.', line: 2, column: 18, endLine: 2, endColumn: 27 },
        { messageId: 'reversedRange', message: 'EXPOSE "9000-8000" is a range whose end is below its start; write it as START-END.', line: 4, column: 8, endLine: 4, endColumn: 17 },
        { messageId: 'malformed', line: 4, column: 18, endLine: 4, endColumn: 20 },
        { messageId: 'outOfRange', line: 4, column: 21, endLine: 4, endColumn: 32 },
        { messageId: 'malformed', line: 5, column: 16, endLine: 5, endColumn: 19 },
      ],
    },
    {
      name: 'continuation lines',
      code: 'FROM alpine:3.20\nEXPOSE 80 \\\n  70000/udp\n',
      errors: [{ messageId: 'outOfRange', line: 3, column: 3, endLine: 3, endColumn: 12 }],
    },
  ],
});
