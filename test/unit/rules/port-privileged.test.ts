import rule from '../../../server/src/engine/rules/port-privileged';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'unprivileged host ports',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            ports:
              - 8080:80
              - 127.0.0.1:8443:443
              - "1024:22"
              - "80"
              - target: 443
                published: "10443"
      `,
    },
    { name: 'unresolved host port', code: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["${HTTP_PORT}:80"]\n' },
    { name: 'host port 0 is a random port', code: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["0:80"]\n' },
    { name: 'ports are ignored on the host network', code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    ports: ["80:80"]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n',
      errors: [
        {
          messageId: 'privileged',
          message: 'Host port 80 of "80:80" is a privileged port (below 1024), reserved for system services; publish the service on a port from 1024 up unless it really must answer there.',
          severity: 'info',
          line: 5, column: 9, endLine: 5, endColumn: 16,
        },
      ],
    },
    {
      name: 'loopback, ranges, variables and long syntax',
      code: dedent`
        services:
          dns:
            image: dns:1
            ports:
              - 127.0.0.1:443:443
              - 1000-1030:1000-1030
              - \${HTTP_PORT:-80}:8080
              - target: 53
                published: 53
                protocol: udp
              - {target: 22, published: "2222"}
      `,
      errors: [
        { messageId: 'privileged', line: 5, column: 9, endLine: 5, endColumn: 26 },
        { messageId: 'privileged', message: 'Host port 1000-1030 of "1000-1030:1000-1030" is a privileged port (below 1024), reserved for system services; publish the service on a port from 1024 up unless it really must answer there.', line: 6, column: 9, endLine: 6, endColumn: 28 },
        { messageId: 'privileged', line: 7, column: 9, endLine: 7, endColumn: 30 },
        { messageId: 'privileged', line: 9, column: 20, endLine: 9, endColumn: 22 },
      ],
    },
  ],
});
