import rule from '../../../server/src/engine/rules/logging-disabled';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'json-file with rotation', code: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options: {max-size: 10m, max-file: "3"}\n' },
    { name: 'options only, default driver', code: 'services:\n  web:\n    image: nginx:1.27\n    logging: {options: {max-size: 10m}}\n' },
    { name: 'driver names are case-sensitive ("None" is not a driver)', code: 'services:\n  web:\n    image: nginx:1.27\n    logging: {driver: None}\n' },
    { name: 'a variable is not guessed', code: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: ${LOG_DRIVER:-none}\n' },
    { name: 'x- extension blocks are not services', code: 'x-logging: &log {driver: none}\nservices:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      code: dedent`
        services:
          worker:
            image: ghcr.io/example/worker:2.1
            logging:
              driver: none
      `,
      errors: [
        {
          messageId: 'driverNone',
          message: 'Service "worker" uses the "none" logging driver, so its output is discarded and leaves no audit trail for incidents; use a logging driver that keeps or ships the logs.',
          line: 5, column: 15, endLine: 5, endColumn: 19,
        },
      ],
    },
    {
      name: 'flow style, quoted',
      code: 'services:\n  web:\n    image: nginx:1.27\n    logging: {driver: "none"}\n',
      errors: [{ messageId: 'driverNone', line: 4, column: 23, endLine: 4, endColumn: 29 }],
    },
    {
      name: 'a shared anchor points at each service\'s own logging key',
      code: dedent`
        x-nolog: &nolog
          driver: none
        services:
          a:
            image: busybox:1.36
            logging: *nolog
          b:
            image: busybox:1.36
            logging: *nolog
      `,
      errors: [
        { messageId: 'driverNone', line: 6, column: 5, endLine: 6, endColumn: 12 },
        { messageId: 'driverNone', line: 9, column: 5, endLine: 9, endColumn: 12 },
      ],
    },
    {
      name: 'a merge key points at the service name',
      code: dedent`
        x-defaults: &defaults
          restart: unless-stopped
          logging: {driver: none}
        services:
          api:
            <<: *defaults
            image: ghcr.io/example/api:1.0
      `,
      errors: [{ messageId: 'driverNone', line: 5, column: 3, endLine: 5, endColumn: 6 }],
    },
    {
      name: 'legacy v1 log_driver',
      filename: 'docker-compose.yml',
      code: 'web:\n  image: nginx:1.27\n  log_driver: "none"\n',
      errors: [{ messageId: 'driverNone', line: 3, column: 15, endLine: 3, endColumn: 21 }],
    },
  ],
});
