import rule from '../../../server/src/engine/rules/host-devices-mapped';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'services:\n  app:\n    image: app:1\n',
    { name: 'empty devices list', code: 'services:\n  app:\n    image: app:1\n    devices: []\n' },
    { name: 'GPU reservations are not device mappings', code: 'services:\n  app:\n    image: app:1\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - {driver: nvidia, count: 1, capabilities: [gpu]}\n' },
  ],
  invalid: [
    {
      code: 'services:\n  modem:\n    image: modem:1\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n',
      errors: [
        {
          messageId: 'device',
          message: 'Host device "/dev/ttyUSB0" is mapped into the container: it can read and write the hardware directly, outside the container\'s isolation; map only devices the service needs, read-only where possible.',
          severity: 'warning',
          line: 5, column: 9, endLine: 5, endColumn: 34,
        },
      ],
    },
    {
      name: 'quoted, permissions, CDI names, long syntax, variable default',
      code: dedent`
        services:
          media:
            image: media:1
            devices:
              - "/dev/snd"
              - /dev/sda:/dev/xvda:rwm
              - nvidia.com/gpu=all
              - source: /dev/dri
                target: /dev/dri
                permissions: rwm
              - \${SERIAL:-/dev/ttyACM0}:/dev/ttyACM0
      `,
      errors: [
        { messageId: 'device', line: 5, column: 9, endLine: 5, endColumn: 19 },
        { messageId: 'device', line: 6, column: 9, endLine: 6, endColumn: 31 },
        { messageId: 'device', message: 'Host device "nvidia.com/gpu=all" is mapped into the container: it can read and write the hardware directly, outside the container\'s isolation; map only devices the service needs, read-only where possible.', line: 7, column: 9, endLine: 7, endColumn: 27 },
        { messageId: 'device', line: 8, column: 17, endLine: 8, endColumn: 25 },
        { messageId: 'device', message: 'Host device "/dev/ttyACM0" is mapped into the container: it can read and write the hardware directly, outside the container\'s isolation; map only devices the service needs, read-only where possible.', line: 11, column: 9, endLine: 11, endColumn: 45 },
      ],
    },
    {
      name: 'aliases point at each use; a merged base is reported once; flow style',
      code: dedent`
        x-tun: &tun /dev/net/tun
        x-base: &base
          image: vpn:1
          devices: [/dev/kvm]
        services:
          a:
            image: vpn:1
            devices: [*tun]
          b:
            <<: *base
          c:
            <<: *base
          d:
            image: vpn:1
            devices:
              - *tun
      `,
      errors: [
        { messageId: 'device', line: 4, column: 13, endLine: 4, endColumn: 21 },
        { messageId: 'device', line: 8, column: 15, endLine: 8, endColumn: 19 },
        { messageId: 'device', line: 16, column: 9, endLine: 16, endColumn: 13 },
      ],
    },
  ],
});
