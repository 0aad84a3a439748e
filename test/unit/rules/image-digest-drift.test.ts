import rule from '../../../server/src/engine/rules/image-digest-drift';
import { dedent, RuleTester } from '../../rule-tester';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
/** The online snapshot: what each tag resolves to now (the unit tests never touch the network). */
const online = (tags: Record<string, string>) => ({ online: { tags: Object.fromEntries(Object.entries(tags).map(([k, digest]) => [k, { digest }])) } });
const moved = online({ 'docker.io/library/alpine:3.22': NEW, 'ghcr.io/acme/web:2': NEW, 'docker.io/library/busybox:1.36': NEW });

new RuleTester().run(rule, {
  valid: [
    { name: 'offline: no snapshot, no finding', code: `FROM alpine:3.22@${OLD}\n` },
    { name: 'the tag still points to the pinned digest', code: `FROM alpine:3.22@${OLD}\n`, config: online({ 'docker.io/library/alpine:3.22': OLD }) },
    { name: 'digest comparison ignores case', code: `FROM alpine:3.22@${OLD.toUpperCase().replace('SHA256', 'sha256')}\n`, config: online({ 'docker.io/library/alpine:3.22': OLD }) },
    { name: 'a bare digest has no tag that could move', code: `FROM alpine@${OLD}\n`, config: online({ 'docker.io/library/alpine:latest': NEW }) },
    { name: 'not pinned: image-digest-missing territory', code: 'FROM alpine:3.22\n', config: moved },
    { name: 'the registry has not answered for this tag', code: `FROM ghcr.io/acme/api:1@${OLD}\n`, config: moved },
    { name: 'a digest of another algorithm is not comparable with the sha256 answer', code: `FROM alpine:3.22@sha512:${'f'.repeat(128)}\n`, config: moved },
    { name: 'unresolved ARG', code: `ARG TAG\nFROM alpine:\${TAG}@${OLD}\n`, config: moved },
  ],
  invalid: [
    {
      code: `FROM alpine:3.22@${OLD}\n`,
      config: moved,
      errors: [{
        messageId: 'drift',
        message: `Image "alpine:3.22" is pinned to ${OLD}, but the tag now points to ${NEW}: the image was rebuilt or the tag moved; review the new image and update the digest.`,
        severity: 'info',
        line: 1, column: 18, endLine: 1, endColumn: 89,
        suggestions: [{ title: 'Update the digest to sha256:bbbbbbbbbbbb', output: `FROM alpine:3.22@${NEW}\n` }],
      }],
    },
    {
      name: 'COPY --from and RUN --mount (no exact text: the finding points at the mount, without a suggestion)',
      code: `FROM scratch\nCOPY --from=ghcr.io/acme/web:2@${OLD} /a /a\nRUN --mount=from=busybox:1.36@${OLD},target=/b true\n`,
      config: moved,
      errors: [
        { messageId: 'drift', line: 2, column: 32, endLine: 2, endColumn: 103, suggestions: [{ title: 'Update the digest to sha256:bbbbbbbbbbbb', output: `FROM scratch\nCOPY --from=ghcr.io/acme/web:2@${NEW} /a /a\nRUN --mount=from=busybox:1.36@${OLD},target=/b true\n` }] },
        { messageId: 'drift', line: 3, column: 5, endLine: 3, endColumn: 112 },
      ],
    },
    {
      name: 'compose, quoted',
      filename: 'compose.yaml',
      code: `services:\n  web:\n    image: "ghcr.io/acme/web:2@${OLD}"\n`,
      config: moved,
      errors: [{ messageId: 'drift', line: 3, column: 32, endLine: 3, endColumn: 103, suggestions: [{ title: 'Update the digest to sha256:bbbbbbbbbbbb', output: `services:\n  web:\n    image: "ghcr.io/acme/web:2@${NEW}"\n` }] }],
    },
    {
      name: 'k8s init container in the second document',
      filename: 'pod.yaml',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: init
            image: busybox:1.36@${OLD}
          containers:
          - name: app
            image: ghcr.io/acme/web:2@${NEW}
      `,
      config: moved,
      errors: [{ messageId: 'drift', line: 11, column: 25, endLine: 11, endColumn: 96, suggestions: [{ title: 'Update the digest to sha256:bbbbbbbbbbbb', output: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
          - name: init
            image: busybox:1.36@${NEW}
          containers:
          - name: app
            image: ghcr.io/acme/web:2@${NEW}
      ` }] }],
    },
  ],
});
