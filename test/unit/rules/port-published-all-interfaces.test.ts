import rule from '../../../server/src/engine/rules/port-published-all-interfaces';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'loopback and specific addresses',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            ports:
              - 127.0.0.1:8080:80
              - "[::1]:8443:443"
              - 192.168.1.10:5353:53/udp
              - \${BIND_IP:-127.0.0.1}:9090:9090
              - target: 9000
                published: "9000"
                host_ip: 127.0.0.1
      `,
    },
    { name: 'expose is not publishing', code: 'services:\n  api:\n    image: api:1\n    expose: ["3000"]\n' },
    { name: 'an unresolved host IP is not guessed', code: 'services:\n  api:\n    image: api:1\n    ports: ["${BIND_IP}:3000:3000"]\n' },
    { name: 'ports are ignored on the host network', code: 'services:\n  api:\n    image: api:1\n    network_mode: host\n    ports: ["3000:3000"]\n' },
  ],
  invalid: [
    {
      name: 'short syntax without host IP',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          message: 'Port "8080:80" is published on all host interfaces (0.0.0.0), so every network the host is on can reach it, past host firewalls such as ufw; bind it to 127.0.0.1 unless other machines need it.',
          severity: 'info',
          line: 5, column: 9, endLine: 5, endColumn: 18,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'container port only publishes on a random host port',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "3000"\n      - 4000\n',
      errors: [
        {
          messageId: 'randomHostPort',
          message: 'Port "3000" is published on a random host port on all host interfaces (0.0.0.0), so every network the host is on can reach it; use "expose" for container-to-container traffic or bind it to 127.0.0.1.',
          line: 5, column: 9, endLine: 5, endColumn: 15,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1::3000"\n      - 4000\n',
            },
          ],
        },
        {
          messageId: 'randomHostPort', line: 6, column: 9, endLine: 6, endColumn: 13,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "3000"\n      - 127.0.0.1::4000\n',
            },
          ],
        },
      ],
    },
    {
      name: 'explicit wildcard addresses, ranges, protocols and variables',
      code: dedent`
        services:
          dns:
            image: dns:1
            ports:
              - 0.0.0.0:5353:53/udp
              - "[::]:8053:53"
              - '8000-8010:8000-8010'
              - \${PORT:-8080}:80
              - \${BIND:-0.0.0.0}:9000:9000
      `,
      errors: [
        {
          messageId: 'allInterfaces', line: 5, column: 9, endLine: 5, endColumn: 28,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  dns:
                    image: dns:1
                    ports:
                      - 127.0.0.1:5353:53/udp
                      - "[::]:8053:53"
                      - '8000-8010:8000-8010'
                      - \${PORT:-8080}:80
                      - \${BIND:-0.0.0.0}:9000:9000
              `,
            },
          ],
        },
        {
          messageId: 'allInterfaces', line: 6, column: 9, endLine: 6, endColumn: 23,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  dns:
                    image: dns:1
                    ports:
                      - 0.0.0.0:5353:53/udp
                      - "127.0.0.1:8053:53"
                      - '8000-8010:8000-8010'
                      - \${PORT:-8080}:80
                      - \${BIND:-0.0.0.0}:9000:9000
              `,
            },
          ],
        },
        {
          messageId: 'allInterfaces', line: 7, column: 9, endLine: 7, endColumn: 30,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  dns:
                    image: dns:1
                    ports:
                      - 0.0.0.0:5353:53/udp
                      - "[::]:8053:53"
                      - '127.0.0.1:8000-8010:8000-8010'
                      - \${PORT:-8080}:80
                      - \${BIND:-0.0.0.0}:9000:9000
              `,
            },
          ],
        },
        {
          messageId: 'allInterfaces', message: 'Port "${PORT:-8080}:80" is published on all host interfaces (0.0.0.0), so every network the host is on can reach it, past host firewalls such as ufw; bind it to 127.0.0.1 unless other machines need it.', line: 8, column: 9, endLine: 8, endColumn: 25,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  dns:
                    image: dns:1
                    ports:
                      - 0.0.0.0:5353:53/udp
                      - "[::]:8053:53"
                      - '8000-8010:8000-8010'
                      - 127.0.0.1:\${PORT:-8080}:80
                      - \${BIND:-0.0.0.0}:9000:9000
              `,
            },
          ],
        },
        {
          messageId: 'allInterfaces', line: 9, column: 9, endLine: 9, endColumn: 35,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  dns:
                    image: dns:1
                    ports:
                      - 0.0.0.0:5353:53/udp
                      - "[::]:8053:53"
                      - '8000-8010:8000-8010'
                      - \${PORT:-8080}:80
                      - \${BIND:-127.0.0.1}:9000:9000
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'long syntax points at host_ip, published or target; flow style',
      code: dedent`
        services:
          api:
            image: api:1
            ports:
              - target: 80
                published: "8080"
              - target: 443
                host_ip: 0.0.0.0
                published: 8443
                protocol: tcp
              - {target: 9229}
      `,
      errors: [
        {
          messageId: 'allInterfaces', message: 'Port "8080:80" is published on all host interfaces (0.0.0.0), so every network the host is on can reach it, past host firewalls such as ufw; bind it to 127.0.0.1 unless other machines need it.', line: 6, column: 20, endLine: 6, endColumn: 26,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  api:
                    image: api:1
                    ports:
                      - target: 80
                        published: "8080"
                        host_ip: 127.0.0.1
                      - target: 443
                        host_ip: 0.0.0.0
                        published: 8443
                        protocol: tcp
                      - {target: 9229}
              `,
            },
          ],
        },
        {
          messageId: 'allInterfaces', message: 'Port "0.0.0.0:8443:443/tcp" is published on all host interfaces (0.0.0.0), so every network the host is on can reach it, past host firewalls such as ufw; bind it to 127.0.0.1 unless other machines need it.', line: 8, column: 18, endLine: 8, endColumn: 25,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  api:
                    image: api:1
                    ports:
                      - target: 80
                        published: "8080"
                      - target: 443
                        host_ip: 127.0.0.1
                        published: 8443
                        protocol: tcp
                      - {target: 9229}
              `,
            },
          ],
        },
        {
          messageId: 'randomHostPort', line: 11, column: 18, endLine: 11, endColumn: 22,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  api:
                    image: api:1
                    ports:
                      - target: 80
                        published: "8080"
                      - target: 443
                        host_ip: 0.0.0.0
                        published: 8443
                        protocol: tcp
                      - {target: 9229, host_ip: 127.0.0.1}
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'aliased entries point at each use; the alias use is rewritten, not the anchor (port-privileged reports host port 80 again, under the new label)',
      allowNewFindings: ['port-privileged'],
      code: dedent`
        x-port: &http "80:80"
        services:
          a:
            image: web:1
            ports: [*http]
          b:
            image: web:1
            ports:
              - *http
      `,
      errors: [
        {
          messageId: 'allInterfaces', line: 5, column: 13, endLine: 5, endColumn: 18,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                x-port: &http "80:80"
                services:
                  a:
                    image: web:1
                    ports: ["127.0.0.1:80:80"]
                  b:
                    image: web:1
                    ports:
                      - *http
              `,
            },
          ],
        },
        {
          messageId: 'allInterfaces', line: 9, column: 9, endLine: 9, endColumn: 14,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                x-port: &http "80:80"
                services:
                  a:
                    image: web:1
                    ports: [*http]
                  b:
                    image: web:1
                    ports:
                      - "127.0.0.1:80:80"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF, 4-space indentation, flow list; quotes kept; long syntax in flow style gets host_ip',
      code: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        ports: ["8080:80", \'8443:443\', {target: 9000, published: 9000}]\r\n',
      errors: [
        {
          messageId: 'allInterfaces', line: 4, column: 17, endLine: 4, endColumn: 26,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        ports: ["127.0.0.1:8080:80", \'8443:443\', {target: 9000, published: 9000}]\r\n',
            },
          ],
        },
        {
          messageId: 'allInterfaces', line: 4, column: 28, endLine: 4, endColumn: 38,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        ports: ["8080:80", \'127.0.0.1:8443:443\', {target: 9000, published: 9000}]\r\n',
            },
          ],
        },
        {
          messageId: 'allInterfaces', line: 4, column: 66, endLine: 4, endColumn: 70,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        ports: ["8080:80", \'8443:443\', {target: 9000, published: 9000, host_ip: 127.0.0.1}]\r\n',
            },
          ],
        },
      ],
    },
  ],
});
