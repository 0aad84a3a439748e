import assert from 'node:assert/strict';
import { composeBool, composeEnv, composeFile, composePorts, composeVolumes } from '../../../server/src/engine/model/compose';
import { effectiveSecurity, k8sBool, k8sObjects } from '../../../server/src/engine/model/k8s';
import { isMap, str, type YNode } from '../../../server/src/engine/model/yaml';
import { parseYamlStream, splitDocuments } from '../../../server/src/engine/parse/yaml';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent } from '../../rule-tester';

const docs = (text: string, path = 'x.yaml') => parseYamlStream(new SourceFile(path, text));

describe('YAML layer', () => {
  it('splits streams at --- and after ..., keeping comment-only preambles with the next document', () => {
    const text = '# header\n---\na: 1\n---\nb: 2\n...\n---\nc: |\n  --- not a marker\n---\n';
    const chunks = splitDocuments(text).map((c) => text.slice(c.start, c.end));
    assert.deepEqual(chunks, ['# header\n---\na: 1\n', '---\nb: 2\n...\n', '---\nc: |\n  --- not a marker\n', '---\n']);
  });

  it('document spans are relative to the document; offsets say where it starts', () => {
    const text = 'a: 1\n---\nkind: Pod\n';
    const [first, second] = docs(text);
    assert.equal(second!.offset, 5);
    const kind = (second!.contents as import('../../../server/src/engine/model/yaml').YMap).get('kind')!;
    assert.equal(second!.source.slice(kind.span), 'Pod');
    assert.equal(text.slice(second!.offset + kind.span.start, second!.offset + kind.span.end), 'Pod');
    assert.equal(first!.index, 0);
    assert.equal(second!.index, 1);
  });

  it('resolves aliases and merge keys', () => {
    const [doc] = docs(dedent`
      x-base: &base {image: "nginx:1", privileged: true}
      services:
        web:
          <<: *base
          privileged: false
        db: *base
    `);
    const root = doc!.contents as import('../../../server/src/engine/model/yaml').YMap;
    const web = root.path('services', 'web') as import('../../../server/src/engine/model/yaml').YMap;
    assert.equal(str(web.get('image')), 'nginx:1');
    assert.equal(str(web.get('privileged')), 'false', 'own keys win over merged ones');
    assert.deepEqual(web.entries().map((p) => p.keyText), ['privileged', 'image']);
    assert.equal(str((root.path('services', 'db') as import('../../../server/src/engine/model/yaml').YMap).get('privileged')), 'true');
  });

  it('reads booleans as Kubernetes (go-yaml v2) and Compose (compose-go) do', () => {
    const [doc] = docs('a: yes\nb: "yes"\nc: On\nd: TRUE\ne: yEs\nf: n\ng: "off"\nh: 1\n');
    const root = doc!.contents as import('../../../server/src/engine/model/yaml').YMap;
    const values = (read: (n: YNode | undefined) => boolean | undefined) => 'abcdefgh'.split('').map((k) => read(root.get(k)));
    assert.deepEqual(values(k8sBool), [true, undefined, true, true, undefined, false, undefined, undefined]);
    assert.deepEqual(values(composeBool), [true, true, true, true, true, false, false, undefined]);
  });

  it('models compose services, ports, volumes and environment in both syntaxes', () => {
    const [doc] = docs(dedent`
      services:
        web:
          image: nginx:1.27
          ports: ["80", "8080:80", "127.0.0.1:8443:443/tcp", "[::1]:53:53/udp", {target: 9000, published: "9000", host_ip: 0.0.0.0}]
          volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro", "data:/data", "./src:/src", {type: bind, source: /etc, target: /host-etc}]
          environment:
            - A=1
            - "B=two"
            - C
        api:
          build: .
          environment: {TOKEN: abc, EMPTY: }
    `, 'compose.yaml');
    const file = composeFile(doc!, true)!;
    assert.deepEqual(file.services.map((s) => [s.name, s.image?.raw]), [['web', 'nginx:1.27'], ['api', undefined]]);
    const [web, api] = file.services;
    assert.deepEqual(composePorts(web!).map((p) => [p.hostIp, p.published, p.target, p.protocol]), [
      [undefined, undefined, '80', undefined],
      [undefined, '8080', '80', undefined],
      ['127.0.0.1', '8443', '443', 'tcp'],
      ['::1', '53', '53', 'udp'],
      ['0.0.0.0', '9000', '9000', undefined],
    ]);
    assert.deepEqual(composeVolumes(web!).map((v) => [v.type, v.source, v.target, v.readOnly]), [
      ['bind', '/var/run/docker.sock', '/var/run/docker.sock', true],
      ['volume', 'data', '/data', false],
      ['bind', './src', '/src', false],
      ['bind', '/etc', '/host-etc', false],
    ]);
    const env = composeEnv(web!.node.get('environment'));
    assert.deepEqual(env.map((e) => [e.name, e.value]), [['A', '1'], ['B', 'two'], ['C', undefined]]);
    assert.equal(doc!.source.slice(env[1]!.valueSpan!), 'two');
    assert.deepEqual(composeEnv(api!.node.get('environment')).map((e) => [e.name, e.value]), [['TOKEN', 'abc'], ['EMPTY', undefined]]);
  });

  it('tells compose documents from other YAML', () => {
    assert.ok(composeFile(docs('services:\n  web: {image: x}\n')[0]!, false));
    assert.equal(composeFile(docs('services:\n  billing: {url: "http://x"}\n')[0]!, false), undefined, 'a services map without service keys');
    assert.ok(composeFile(docs('web:\n  image: nginx\ndb:\n  build: .\n')[0]!, true), 'legacy v1 layout in a compose-named file');
    assert.equal(composeFile(docs('web:\n  image: nginx\n')[0]!, false), undefined);
  });

  it('models every pod-bearing kind, List items, and securityContext inheritance', () => {
    const spec = '{securityContext: {runAsNonRoot: true}, containers: [{name: a, image: x, securityContext: {runAsUser: 0}}], initContainers: [{name: i, image: y}], ephemeralContainers: [{name: e, image: z}]}';
    const text = dedent`
      apiVersion: v1
      kind: Pod
      spec: ${spec}
      ---
      apiVersion: batch/v1
      kind: CronJob
      spec: {jobTemplate: {spec: {template: {spec: ${spec}}}}}
      ---
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: ds}, spec: {template: {spec: ${spec}}}}
        - {apiVersion: v1, kind: PodTemplate, template: {spec: ${spec}}}
        - {apiVersion: v1, kind: ConfigMap}
    `;
    const scope: import('../../../server/src/engine/model/k8s').ObjectScope = { objects: undefined };
    const objects = docs(text).flatMap((d) => k8sObjects(d, scope));
    assert.deepEqual(objects.map((o) => [o.kind, o.pod?.containers.map((c) => `${c.type}:${c.name}`).join(',')]), [
      ['Pod', 'initContainers:i,containers:a,ephemeralContainers:e'],
      ['CronJob', 'initContainers:i,containers:a,ephemeralContainers:e'],
      ['DaemonSet', 'initContainers:i,containers:a,ephemeralContainers:e'],
      ['PodTemplate', 'initContainers:i,containers:a,ephemeralContainers:e'],
      ['ConfigMap', undefined],
    ]);
    const pod = objects[0]!.pod!;
    const a = pod.containers[1]!;
    assert.deepEqual([effectiveSecurity(a, 'runAsNonRoot')?.from, str(effectiveSecurity(a, 'runAsUser')?.node)], ['pod', '0']);
    assert.equal(effectiveSecurity(a, 'privileged'), undefined, 'privileged is not inherited');
    assert.throws(() => objects[0]!.siblings(), /only available to rules declared crossDocument/);
    scope.objects = objects;
    assert.equal(objects[0]!.siblings().length, 5);
    assert.ok(isMap(objects[3]!.pod!.node));
  });

  it('reports syntax errors with plain messages and never throws', () => {
    const [doc] = docs('a: [1, 2\nb: c\n');
    assert.ok(doc!.problems.length > 0);
    assert.ok(doc!.problems.every((p) => !p.message.includes('at line')));
    for (const text of ['', '---', '\u0000\u0001', ': :', '- - - -', '&a [*a]', '{'.repeat(5000), '"' + 'x'.repeat(100000)]) {
      assert.doesNotThrow(() => docs(text), JSON.stringify(text.slice(0, 20)));
    }
  });

  it('syntax error messages do not quote the source (it can be a secret, or a megabyte of one line): the span shows it', () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const text = `services:\n  web:\n    image: nginx:1.27\n  ] ${token}\n`;
    const [doc] = docs(text);
    assert.deepEqual(doc!.problems.map((p) => [p.message, text.slice(p.span.start, p.span.end)]), [
      ['Unexpected flow-seq-end token in YAML stream', ']'],
      ['Unexpected scalar token in YAML stream', token],
    ]);
  });
});
