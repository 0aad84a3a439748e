import assert from 'node:assert/strict';
import { lint } from '../../../server/src/engine/lint';
import rule from '../../../server/src/engine/rules/datastore-port-published';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent, range, RuleTester, testConfig } from '../../rule-tester';

const compose = 'compose.yaml';
const k8s = 'manifest.yaml';

const exposedPostgres = dedent`
  apiVersion: v1
  kind: Service
  metadata: {name: db}
  spec:
    type: LoadBalancer
    selector: {app: db}
    ports: [{port: 5432}]
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: cfg}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db}
  spec:
    template:
      metadata:
        labels: {app: db, tier: data}
      spec:
        containers:
        - name: postgres
          image: postgres:17.2
`;

const deployment = (labels: string, image: string, extra = ''): string => dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: backend${extra}}
  spec:
    template:
      metadata:
        labels: ${labels}
      spec:
        containers:
        - {name: main, image: ${image}}
`;

const service = (spec: string, meta = ''): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\n${meta}spec:\n${spec}`;

new RuleTester().run(rule, {
  valid: [
    {
      name: 'compose: datastores on loopback or not published',
      filename: compose,
      code: dedent`
        services:
          db:
            image: postgres:17
            ports: ["127.0.0.1:5432:5432"]
          cache:
            image: redis:7.4
            expose: ["6379"]
          queue:
            image: rabbitmq:4-management
            ports:
              - {target: 5672, published: "5672", host_ip: 127.0.0.1}
      `,
    },
    {
      name: 'compose: admin UIs and other images are not datastores',
      filename: compose,
      code: dedent`
        services:
          ui:
            image: mongo-express:1.0
            ports: ["8081:8081"]
          commander:
            image: rediscommander/redis-commander:latest
            ports: ["8082:8081"]
          web:
            image: nginx:1.27
            ports: ["80:80"]
          custom:
            image: \${DB_IMAGE}
            ports: ["5432:5432"]
      `,
    },
    { name: 'compose: host network ignores ports', filename: compose, code: 'services:\n  db:\n    image: mysql:8.4\n    network_mode: host\n    ports: ["3306:3306"]\n' },
    { name: 'k8s: ClusterIP Service selecting a datastore', filename: k8s, code: `${service('  selector: {app: db}\n  ports: [{port: 5432}]\n')}---\n${deployment('{app: db}', 'postgres:17')}` },
    { name: 'k8s: NodePort Service selecting something else', filename: k8s, code: `${service('  type: NodePort\n  selector: {app: web}\n')}---\n${deployment('{app: web}', 'nginx:1.27')}` },
    {
      name: 'k8s: internal load balancer',
      filename: k8s,
      code: `${service('  type: LoadBalancer\n  selector: {app: db}\n', '  annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}\n')}---\n${deployment('{app: db}', 'mysql:8.4')}`,
    },
    { name: 'k8s: selector not matching every label', filename: k8s, code: `${service('  type: NodePort\n  selector: {app: db, role: primary}\n')}---\n${deployment('{app: db}', 'postgres:17')}` },
    { name: 'k8s: Service without selector', filename: k8s, code: `${service('  type: NodePort\n  ports: [{port: 5432}]\n')}---\n${deployment('{app: db}', 'postgres:17')}` },
    {
      name: 'k8s: different namespaces',
      filename: k8s,
      code: `${service('  type: NodePort\n  selector: {app: db}\n', '  namespace: public\n')}---\n${deployment('{app: db}', 'postgres:17').replace('metadata: {name: backend}', 'metadata: {name: backend, namespace: data}')}`,
    },
    {
      name: 'k8s: a datastore only as init container',
      filename: k8s,
      code: `${service('  type: NodePort\n  selector: {app: db}\n')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: db}\nspec:\n  initContainers: [{name: wait, image: redis:7.4}]\n  containers: [{name: app, image: app:1}]\n`,
    },
  ],
  invalid: [
    {
      name: 'compose: published database port',
      filename: compose,
      code: dedent`
        services:
          db:
            image: postgres:17
            ports:
              - "5432:5432"
      `,
      errors: [
        {
          messageId: 'composePort',
          message: 'PostgreSQL service "db" publishes port "5432:5432" on all host interfaces: the datastore is reachable from every network the host is on, past host firewalls such as ufw; bind it to 127.0.0.1 or drop the mapping.',
          severity: 'warning',
          line: 5, column: 9, endLine: 5, endColumn: 20,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  db:
                    image: postgres:17
                    ports:
                      - "127.0.0.1:5432:5432"
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'compose: registries, namespaces, long syntax, 0.0.0.0 and container-only ports',
      filename: compose,
      code: dedent`
        services:
          search:
            image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
            ports: ["9200:9200", "127.0.0.1:9300:9300"]
          pg:
            image: bitnami/postgresql:16
            ports:
              - target: 5432
                published: 15432
          kafka:
            image: confluentinc/cp-kafka:7.7.1
            ports: ["0.0.0.0:9092:9092"]
          mssql:
            image: mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04
            ports: ["1433:1433"]
          cache:
            image: redis
            ports: ["6379"]
      `,
      errors: [
        {
          messageId: 'composePort', line: 4, column: 13, endLine: 4, endColumn: 24,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  search:
                    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
                    ports: ["127.0.0.1:9200:9200", "127.0.0.1:9300:9300"]
                  pg:
                    image: bitnami/postgresql:16
                    ports:
                      - target: 5432
                        published: 15432
                  kafka:
                    image: confluentinc/cp-kafka:7.7.1
                    ports: ["0.0.0.0:9092:9092"]
                  mssql:
                    image: mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04
                    ports: ["1433:1433"]
                  cache:
                    image: redis
                    ports: ["6379"]
              `,
            },
          ],
        },
        {
          messageId: 'composePort', line: 9, column: 20, endLine: 9, endColumn: 25,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  search:
                    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
                    ports: ["9200:9200", "127.0.0.1:9300:9300"]
                  pg:
                    image: bitnami/postgresql:16
                    ports:
                      - target: 5432
                        published: 15432
                        host_ip: 127.0.0.1
                  kafka:
                    image: confluentinc/cp-kafka:7.7.1
                    ports: ["0.0.0.0:9092:9092"]
                  mssql:
                    image: mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04
                    ports: ["1433:1433"]
                  cache:
                    image: redis
                    ports: ["6379"]
              `,
            },
          ],
        },
        {
          messageId: 'composePort', message: 'Kafka service "kafka" publishes port "0.0.0.0:9092:9092" on all host interfaces: the datastore is reachable from every network the host is on, past host firewalls such as ufw; bind it to 127.0.0.1 or drop the mapping.', line: 12, column: 13, endLine: 12, endColumn: 32,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  search:
                    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
                    ports: ["9200:9200", "127.0.0.1:9300:9300"]
                  pg:
                    image: bitnami/postgresql:16
                    ports:
                      - target: 5432
                        published: 15432
                  kafka:
                    image: confluentinc/cp-kafka:7.7.1
                    ports: ["127.0.0.1:9092:9092"]
                  mssql:
                    image: mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04
                    ports: ["1433:1433"]
                  cache:
                    image: redis
                    ports: ["6379"]
              `,
            },
          ],
        },
        {
          messageId: 'composePort', line: 15, column: 13, endLine: 15, endColumn: 24,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  search:
                    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
                    ports: ["9200:9200", "127.0.0.1:9300:9300"]
                  pg:
                    image: bitnami/postgresql:16
                    ports:
                      - target: 5432
                        published: 15432
                  kafka:
                    image: confluentinc/cp-kafka:7.7.1
                    ports: ["0.0.0.0:9092:9092"]
                  mssql:
                    image: mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04
                    ports: ["127.0.0.1:1433:1433"]
                  cache:
                    image: redis
                    ports: ["6379"]
              `,
            },
          ],
        },
        {
          messageId: 'composePort', line: 18, column: 13, endLine: 18, endColumn: 19,
          suggestions: [
            {
              title: 'Bind the port to 127.0.0.1',
              output: dedent`
                services:
                  search:
                    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
                    ports: ["9200:9200", "127.0.0.1:9300:9300"]
                  pg:
                    image: bitnami/postgresql:16
                    ports:
                      - target: 5432
                        published: 15432
                  kafka:
                    image: confluentinc/cp-kafka:7.7.1
                    ports: ["0.0.0.0:9092:9092"]
                  mssql:
                    image: mcr.microsoft.com/mssql/server:2022-CU15-ubuntu-22.04
                    ports: ["1433:1433"]
                  cache:
                    image: redis
                    ports: ["127.0.0.1::6379"]
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'k8s: LoadBalancer Service selecting a StatefulSet in a later document',
      filename: k8s,
      code: exposedPostgres,
      errors: [
        {
          messageId: 'k8sService',
          message: 'Service "db" exposes PostgreSQL (StatefulSet "db") outside the cluster through LoadBalancer: datastores should only be reachable from inside the cluster; use a ClusterIP Service.',
          severity: 'warning',
          line: 5, column: 9, endLine: 5, endColumn: 21,
        },
      ],
    },
    {
      name: 'k8s: List items, NodePort and externalIPs, Service after the workload',
      filename: k8s,
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata:
            name: cache
            labels: {app: cache}
          spec:
            containers: [{name: redis, image: "valkey/valkey:8.0"}]
        - apiVersion: v1
          kind: Service
          metadata: {name: cache}
          spec: {type: NodePort, selector: {app: cache}, externalIPs: [203.0.113.9]}
      `,
      errors: [
        { messageId: 'k8sService', message: 'Service "cache" exposes Valkey (Pod "cache") outside the cluster through NodePort and externalIPs: datastores should only be reachable from inside the cluster; use a ClusterIP Service.', line: 14, column: 16, endLine: 14, endColumn: 24 },
      ],
    },
  ],
});

describe('datastore-port-published: related information', () => {
  it('points at the selected container image in its own document', () => {
    const source = new SourceFile(k8s, exposedPostgres);
    const findings = lint(source, { config: testConfig(), rules: [rule] }).findings;
    assert.equal(findings.length, 1);
    const related = findings[0]!.related ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.file, source);
    assert.equal(related[0]!.message, 'PostgreSQL container "postgres" of StatefulSet "db" is selected by this Service.');
    assert.deepEqual(range(source, { ...findings[0]!, span: related[0]!.span }), { line: 23, column: 16, endLine: 23, endColumn: 29 });
  });
});
