import rule from '../../../server/src/engine/rules/image-pull-policy';
import { dedent, RuleTester } from '../../rule-tester';

const pod = (container: string): string => 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n' + container;
const DIGEST = 'sha256:' + 'b'.repeat(64);

new RuleTester().run(rule, {
  valid: [
    pod('  - name: web\n    image: nginx:1.27\n    imagePullPolicy: Always\n'),
    { name: 'a digest is immutable', code: pod(`  - name: web\n    image: nginx:1.27@${DIGEST}\n    imagePullPolicy: IfNotPresent\n`) },
    { name: 'no policy on latest defaults to Always', code: pod('  - name: web\n    image: nginx:latest\n') },
    { name: 'no policy on an untagged image defaults to Always', code: pod('  - name: web\n    image: nginx\n') },
    { name: 'templated images are not guessed', code: pod('  - name: web\n    image: "{{ .Values.image }}"\n    imagePullPolicy: IfNotPresent\n') },
    { name: 'a container without an image (patch)', code: pod('  - name: web\n    imagePullPolicy: IfNotPresent\n') },
  ],
  invalid: [
    {
      code: pod('  - name: web\n    image: nginx:1.27\n    imagePullPolicy: IfNotPresent\n'),
      errors: [
        {
          messageId: 'notAlways',
          message: 'Container "web" uses imagePullPolicy IfNotPresent for "nginx:1.27", which has no digest: a node runs whatever it cached under that tag, even for pods without the pull credentials; use Always or pin a digest.',
          line: 8, column: 22, endLine: 8, endColumn: 34,
        },
      ],
    },
    {
      name: 'no policy on a version tag defaults to IfNotPresent',
      code: pod('  - name: api\n    image: ghcr.io/example/api:2.4.1\n'),
      errors: [
        {
          messageId: 'defaultIfNotPresent',
          message: 'Container "api" has no imagePullPolicy, so the version-tagged image "ghcr.io/example/api:2.4.1" defaults to IfNotPresent: nodes run whatever they cached under that tag; set imagePullPolicy: Always or pin a digest.',
          line: 7, column: 32, endLine: 7, endColumn: 37,
        },
      ],
    },
    {
      name: 'a null policy is unset; a quoted image points at the whole reference',
      code: pod('  - name: api\n    image: "redis:7.4"\n    imagePullPolicy: ~\n'),
      errors: [{ messageId: 'defaultIfNotPresent', line: 7, column: 12, endLine: 7, endColumn: 23 }],
    },
    {
      name: 'explicit IfNotPresent on latest, quoted Never, flow style',
      code: pod('  - {name: a, image: "nginx:latest", imagePullPolicy: IfNotPresent}\n  - {name: b, image: nginx, imagePullPolicy: "Never"}\n'),
      errors: [
        { messageId: 'notAlways', line: 6, column: 55, endLine: 6, endColumn: 67 },
        { messageId: 'notAlways', message: 'Container "b" uses imagePullPolicy Never for "nginx", which has no digest: a node runs whatever it cached under that tag, even for pods without the pull credentials; use Always or pin a digest.', line: 7, column: 46, endLine: 7, endColumn: 53 },
      ],
    },
    {
      name: 'third document, List item, init and ephemeral containers, policy through an alias',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              spec:
                initContainers:
                - {name: init, image: "busybox:1.36", imagePullPolicy: &cached IfNotPresent}
                containers:
                - {name: web, image: "nginx:1.27", imagePullPolicy: Always}
                ephemeralContainers:
                - {name: debug, image: "busybox:1.36", imagePullPolicy: *cached}
      `,
      errors: [
        { messageId: 'notAlways', line: 19, column: 72, endLine: 19, endColumn: 84 },
        { messageId: 'notAlways', line: 23, column: 65, endLine: 23, endColumn: 72 },
      ],
    },
  ],
});
