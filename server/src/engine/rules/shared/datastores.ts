import { composePorts, type ComposePort, type ComposeService } from '../../model/compose';
import { imageBaseName, type ImageRef } from '../../model/image';
import type { Container, K8sObject } from '../../model/k8s';
import { isMap, isScalar, items, nodeSpan, str, type YMap, type YNode } from '../../model/yaml';
import type { Span } from '../../source';
import { interpolateDefaults } from './mounts';

/**
 * Well-known datastores and message brokers, and how Compose ports and Kubernetes Services
 * expose containers beyond the host or the cluster. Used by datastore-port-published,
 * port-published-all-interfaces, port-privileged and service-exposed-externally.
 */

/**
 * Image base names (last path component, any registry or namespace) of datastores and brokers,
 * with the product name used in messages: `postgres`, `bitnami/postgresql`, `postgis/postgis`,
 * `docker.elastic.co/elasticsearch/elasticsearch`, `confluentinc/cp-kafka`...
 */
const DATASTORE_IMAGES = new Map<string, string>([
  ['mysql', 'MySQL'],
  ['mysql-server', 'MySQL'],
  ['percona-server', 'MySQL'],
  ['mariadb', 'MariaDB'],
  ['postgres', 'PostgreSQL'],
  ['postgresql', 'PostgreSQL'],
  ['postgis', 'PostgreSQL'],
  ['pgvector', 'PostgreSQL'],
  ['timescaledb', 'PostgreSQL'],
  ['timescaledb-ha', 'PostgreSQL'],
  ['mongo', 'MongoDB'],
  ['mongodb', 'MongoDB'],
  ['mongodb-community-server', 'MongoDB'],
  ['mongodb-enterprise-server', 'MongoDB'],
  ['redis', 'Redis'],
  ['redis-stack', 'Redis'],
  ['redis-stack-server', 'Redis'],
  ['redismod', 'Redis'],
  ['redis-slave', 'Redis'],
  ['valkey', 'Valkey'],
  ['keydb', 'KeyDB'],
  ['memcached', 'Memcached'],
  ['elasticsearch', 'Elasticsearch'],
  ['opensearch', 'OpenSearch'],
  ['cassandra', 'Cassandra'],
  ['couchdb', 'CouchDB'],
  ['etcd', 'etcd'],
  ['zookeeper', 'ZooKeeper'],
  ['cp-zookeeper', 'ZooKeeper'],
  ['kafka', 'Kafka'],
  ['cp-kafka', 'Kafka'],
  ['cp-server', 'Kafka'],
  ['rabbitmq', 'RabbitMQ'],
  ['mssql-server-linux', 'SQL Server'],
  ['mssql-server-windows-express', 'SQL Server'],
  ['mssql-server-windows-developer', 'SQL Server'],
  ['influxdb', 'InfluxDB'],
  ['clickhouse-server', 'ClickHouse'],
  ['neo4j', 'Neo4j'],
  ['cockroach', 'CockroachDB'],
]);

/** Repositories whose last component alone is too generic (`mcr.microsoft.com/mssql/server`). */
const DATASTORE_REPOSITORIES = new Map<string, string>([['mssql/server', 'SQL Server']]);

/** The datastore an image runs (`PostgreSQL` for `bitnami/postgresql:16`), or undefined. */
export function datastoreOf(ref: ImageRef | undefined): string | undefined {
  if (!ref || ref.unresolved) return undefined;
  const byName = DATASTORE_IMAGES.get(imageBaseName(ref));
  if (byName) return byName;
  // The last two path components: `mssql/server` of `mcr.microsoft.com/mssql/server`.
  const repo = ref.repository.toLowerCase();
  const lastTwo = repo.slice(repo.lastIndexOf('/', repo.lastIndexOf('/') - 1) + 1);
  return DATASTORE_REPOSITORIES.get(lastTwo);
}

// ---------------------------------------------------------------------------------------------
// Compose ports

export interface PublishedPort {
  readonly port: ComposePort;
  /** The entry as people read it: `8080:80`, `127.0.0.1:5432:5432/tcp`, `3000`. */
  readonly label: string;
  /** Where to point: the short-syntax entry, or the long syntax's `host_ip`/`published`/`target` value. */
  readonly span: Span;
  /** Where the published host port is written (the entry for short syntax, `published:` for long syntax). */
  readonly publishedSpan: Span;
  /** `all`: no host IP, `0.0.0.0` or `::`; `specific`: another address; `unknown`: a variable without default. */
  readonly binding: 'all' | 'specific' | 'unknown';
  /** The host port range, when published with a known value; undefined for a random host port. */
  readonly hostPorts: { readonly from: number; readonly to: number } | undefined;
  /** Whether a host port is given at all (`3000` alone publishes on a random host port). */
  readonly hasHostPort: boolean;
}

const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);
const PORT_RANGE = /^(\d+)(?:-(\d+))?$/;

/**
 * The published ports of a service. A service on the host's network (`network_mode: host`)
 * ignores `ports`, so it has none here.
 */
export function publishedPorts(service: ComposeService): PublishedPort[] {
  if (str(service.node.get('network_mode')) === 'host') return [];
  // An entry without a container port (`- ""`, `{published: 80}`) is invalid and publishes nothing.
  return composePorts(service).filter((port) => port.target).map((port) => {
    const ip = port.hostIp === undefined ? '' : interpolateDefaults(port.hostIp).resolved;
    const binding = ip === undefined ? 'unknown' : ALL_INTERFACES.has(ip.trim()) ? 'all' : 'specific';
    const published = port.published === undefined ? undefined : interpolateDefaults(port.published).resolved;
    const range = published === undefined ? undefined : PORT_RANGE.exec(published.trim());
    const hostPorts = range ? { from: Number(range[1]), to: Number(range[2] ?? range[1]) } : undefined;
    const hasHostPort = port.published !== undefined && published !== '' && published !== '0';
    let span = nodeSpan(port.node);
    let publishedSpan = span;
    let label = str(port.node) ?? '';
    const map = port.node;
    if (isMap(map)) {
      const at = (key: string): Span | undefined => {
        const v = map.get(key);
        return v && isScalar(v) && v.value !== null ? nodeSpan(v) : undefined;
      };
      publishedSpan = at('published') ?? at('target') ?? span;
      span = (port.hostIp !== undefined ? at('host_ip') : undefined) ?? publishedSpan;
      label = `${port.hostIp ? `${port.hostIp}:` : ''}${port.published ? `${port.published}:` : ''}${port.target ?? ''}${port.protocol ? `/${port.protocol}` : ''}`;
    }
    return { port, label, span, publishedSpan, binding, hostPorts: hasHostPort ? hostPorts : undefined, hasHostPort };
  });
}

// ---------------------------------------------------------------------------------------------
// Kubernetes Services

export interface Exposure {
  /** `NodePort`, `LoadBalancer` or `externalIPs`. */
  readonly how: 'NodePort' | 'LoadBalancer' | 'externalIPs';
  /** The `type:` value, or the `externalIPs` key. */
  readonly span: Span;
}

/** Annotations that make a cloud LoadBalancer internal (lower-case value that means internal; '*' any but "false"). */
const INTERNAL_LB_ANNOTATIONS = new Map([
  ['service.beta.kubernetes.io/aws-load-balancer-internal', '*'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
  ['networking.gke.io/load-balancer-type', 'internal'],
  ['cloud.google.com/load-balancer-type', 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', 'true'],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', 'private'],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', 'intranet'],
]);

/**
 * How a Service is reachable from outside the cluster: `type: NodePort` (every node's address),
 * `type: LoadBalancer` (unless a cloud annotation makes it internal or `loadBalancerSourceRanges`
 * restricts it to chosen networks) and `externalIPs`.
 */
export function serviceExposures(object: K8sObject): Exposure[] {
  if (object.kind !== 'Service') return [];
  const spec = object.node.get('spec');
  if (!isMap(spec)) return [];
  const out: Exposure[] = [];
  const typeNode = spec.get('type');
  const type = str(typeNode);
  if (typeNode && type === 'NodePort') out.push({ how: 'NodePort', span: nodeSpan(typeNode) });
  if (typeNode && type === 'LoadBalancer' && !isInternalLoadBalancer(object, spec)) out.push({ how: 'LoadBalancer', span: nodeSpan(typeNode) });
  const ips = spec.pair('externalIPs');
  if (ips && items(ips.value).some((ip) => str(ip) !== undefined)) out.push({ how: 'externalIPs', span: nodeSpan(ips.key) });
  return out;
}

function isInternalLoadBalancer(object: K8sObject, spec: YMap): boolean {
  const annotations = object.metadata?.get('annotations');
  if (isMap(annotations)) {
    for (const p of annotations.entries()) {
      const want = INTERNAL_LB_ANNOTATIONS.get(p.keyText);
      const value = str(p.value)?.trim().toLowerCase();
      if (want === undefined || value === undefined) continue;
      if (want === '*' ? value !== 'false' && value !== '' : value === want) return true;
    }
  }
  // Source ranges narrow who can reach it; `0.0.0.0/0` or `::/0` opens it to everyone again.
  const ranges = items(spec.get('loadBalancerSourceRanges')).map((r) => str(r)?.trim());
  return ranges.length > 0 && !ranges.some((r) => r === '0.0.0.0/0' || r === '::/0');
}

/**
 * Pod-bearing objects of the same file whose pod template labels match the Service's selector
 * (in the same namespace, when both name one). A Service without a selector selects nothing here.
 */
export function selectedWorkloads(service: K8sObject): K8sObject[] {
  const selector = service.node.path('spec', 'selector');
  if (!isMap(selector)) return [];
  const wanted = selector.entries().map((p) => [p.keyText, str(p.value)] as const);
  if (wanted.length === 0 || wanted.some(([, v]) => v === undefined)) return [];
  return service.siblings().filter((o) => {
    if (!o.pod || (o.namespace !== undefined && service.namespace !== undefined && o.namespace !== service.namespace)) return false;
    const labels = o.pod.metadata?.get('labels');
    return isMap(labels) && wanted.every(([k, v]) => labelValue(labels.get(k)) === v);
  });
}

/** A label value as Kubernetes reads it (a string; plain numbers and booleans are invalid there but compare by text). */
function labelValue(node: YNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? node.text : undefined;
}

/** The datastore containers of a workload (app containers only: init and ephemeral containers serve nothing). */
export function datastoreContainers(object: K8sObject): { container: Container; product: string }[] {
  const out: { container: Container; product: string }[] = [];
  for (const c of object.pod?.containers ?? []) {
    const product = c.type === 'containers' ? datastoreOf(c.image) : undefined;
    if (product) out.push({ container: c, product });
  }
  return out;
}
