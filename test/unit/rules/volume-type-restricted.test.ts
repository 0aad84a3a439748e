import rule from '../../../server/src/engine/rules/volume-type-restricted';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: app, image: "nginx:1.27"}]
        volumes:
        - name: defaults-to-emptydir
        - {name: scratch, emptyDir: {}}
        - {name: config, configMap: {name: app}}
        - {name: creds, secret: {secretName: app}}
        - {name: data, persistentVolumeClaim: {claimName: data}}
        - {name: info, downwardAPI: {items: []}}
        - {name: bundle, projected: {sources: []}}
        - {name: csi, csi: {driver: secrets-store.csi.k8s.io}}
        - name: tmp
          ephemeral:
            volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}
        - {name: model, image: {reference: "example/model:1"}}
        - {name: unset, hostPath: null}
    `,
  ],
  invalid: [
    {
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: app, image: "nginx:1.27"}]
          volumes:
          - name: docker
            hostPath:
              path: /var/run/docker.sock
      `,
      errors: [
        {
          messageId: 'restricted',
          message:
            'Volume "docker" uses the hostPath source, which Pod Security restricted does not allow; use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret (persistent storage through a PersistentVolumeClaim).',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 13,
          severity: 'info',
        },
      ],
    },
    {
      name: 'k8s: error under pss-restricted; in-tree and unknown sources; List in the third document',
      config: { profile: 'pss-restricted' },
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: StatefulSet
          metadata: {name: db}
          spec:
            template:
              spec:
                containers: [{name: db, image: "example/db:5"}]
                volumes:
                - {name: shared, nfs: {server: nfs.local, path: /exports}}
                - name: src
                  gitRepo: {repository: "https://example.com/repo.git"}
                - name: typo
                  emptydir: {}
      `,
      errors: [
        { messageId: 'restricted', line: 20, column: 26, endLine: 20, endColumn: 29, severity: 'error' },
        { messageId: 'restricted', line: 22, column: 11, endLine: 22, endColumn: 18, severity: 'error' },
        { messageId: 'restricted', message: rule.messages.restricted.replace('{{volume}}', 'typo').replace('{{type}}', 'emptydir'), line: 24, column: 11, endLine: 24, endColumn: 19, severity: 'error' },
      ],
    },
  ],
});
