import rule from '../../../server/src/engine/rules/pids-limit-missing';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'services:\n  app:\n    image: app:1\n    pids_limit: 200\n',
    { name: 'deploy limits', code: 'services:\n  app:\n    image: app:1\n    deploy:\n      resources:\n        limits:\n          pids: 100\n' },
    { name: 'through extends and a merge key', code: 'x-l: &l\n  pids_limit: 64\nservices:\n  base:\n    image: app:1\n    <<: *l\n  child:\n    extends: base\n' },
    { name: 'override fragment', filename: 'compose.override.yaml', code: 'services:\n  app:\n    environment: [DEBUG=1]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: app:1\n',
      errors: [
        {
          messageId: 'service',
          message: 'Service "app" has no PIDs limit (pids_limit or deploy.resources.limits.pids): a fork bomb or a process leak in the container can exhaust the host\'s process table.',
          severity: 'info',
          line: 2, column: 3, endLine: 2, endColumn: 6,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: 'services:\n  app:\n    image: app:1\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n          cpus: "0.5"\n          pids: 200\n',
            },
          ],
        },
      ],
    },
    {
      name: 'unlimited values and a quoted service key',
      code: dedent`
        services:
          a:
            image: app:1
            pids_limit: -1
          b:
            image: app:1
            deploy: {resources: {limits: {pids: 0}}}
          "c":
            build: ./c
      `,
      errors: [
        {
          messageId: 'unlimited',
          message: 'Service "a" sets pids_limit to -1, which means no PIDs limit: a fork bomb in the container can exhaust the host\'s process table.',
          line: 4, column: 17, endLine: 4, endColumn: 19,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    pids_limit: 200
                    mem_limit: 512m
                    cpus: "0.5"
                  b:
                    image: app:1
                    deploy: {resources: {limits: {pids: 0}}}
                  "c":
                    build: ./c
              `,
            },
          ],
        },
        {
          messageId: 'unlimited', line: 7, column: 41, endLine: 7, endColumn: 42,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    pids_limit: -1
                  b:
                    image: app:1
                    deploy: {resources: {limits: {pids: 200, memory: 512m, cpus: "0.5"}}}
                  "c":
                    build: ./c
              `,
            },
          ],
        },
        {
          messageId: 'service', line: 8, column: 3, endLine: 8, endColumn: 6,
          suggestions: [
            {
              title: 'Add resource limits and requests',
              output: dedent`
                services:
                  a:
                    image: app:1
                    pids_limit: -1
                  b:
                    image: app:1
                    deploy: {resources: {limits: {pids: 0}}}
                  "c":
                    build: ./c
                    deploy:
                      resources:
                        limits:
                          memory: 512m
                          cpus: "0.5"
                          pids: 200
              `,
            },
          ],
        },
      ],
    },
  ],
});
