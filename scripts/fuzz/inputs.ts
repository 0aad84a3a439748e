/**
 * Fuzz inputs: a seedable PRNG, the seed files, and the mutation families. Input `i` of seed `s`
 * is a pure function of (s, i, seed files), so any failure is reproduced from those alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { detectKind, isDockerfileName, isYamlName } from '../../server/src/engine/detect';

export type InputKind = 'dockerfile' | 'compose' | 'k8s' | 'config';
export const INPUT_KINDS: readonly InputKind[] = ['dockerfile', 'compose', 'k8s', 'config'];

export interface SeedFile {
  /** Where it came from (for the summary), e.g. `corpus:k8s/x/y.yaml`, `builtin:pod`. */
  readonly origin: string;
  /** The file name it is linted under (kind detection reads it). */
  readonly name: string;
  readonly kind: InputKind;
  readonly text: string;
}

export interface FuzzInput {
  readonly seed: number;
  readonly index: number;
  /** How the input was made, e.g. `corpus+byteFlip+tabs`, `generated:k8s+crlf`. */
  readonly families: readonly string[];
  readonly origin: string;
  /** File name to lint under; the kind it was made as. */
  readonly path: string;
  readonly kind: InputKind;
  /** Pass `kind` to the engine (as the editor's language id does) instead of detecting it. */
  readonly forceKind: boolean;
  /** Index into CONFIG_VARIANTS. */
  readonly config: number;
  readonly text: string;
}

/** Largest input generated; larger results are cut (the 5 MB file limit is tested separately). */
export const MAX_INPUT_CHARS = 3_000_000;

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through a 32-bit mix of (seed, index).

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = mix(seed, stream);
    this.b = mix(this.a, 1);
    this.c = mix(this.b, 2);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], skewed towards small values (sizes, depths). */
  size(min: number, max: number): number {
    return min + Math.floor((max - min + 1) * this.next() ** 3);
  }

  /** A size in [min, max] that is large only once in a while, so most inputs stay quick to check. */
  rareLarge(min: number, typical: number, max: number): number {
    return this.chance(0.1) ? this.size(typical, max) : this.size(min, typical);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Seed files

/** Built-in seeds, so the harness runs (and CI fuzzes) without the corpus. */
const BUILTIN: readonly SeedFile[] = [
  {
    origin: 'builtin:multistage',
    name: 'Dockerfile',
    kind: 'dockerfile',
    text: [
      '# syntax=docker/dockerfile:1.7',
      'ARG BASE=alpine:3.20',
      'FROM ${BASE} AS build',
      'ARG TOKEN',
      'ENV DB_PASSWORD=changeme-now-please API_KEY=$TOKEN',
      'RUN --mount=type=cache,target=/root/.cache apk add --no-cache curl=8.9.0-r0 \\',
      '    && curl -fsSLk https://get.example.org/install.sh | sh -s -- --yes \\',
      '    && echo "$(cat /etc/os-release | grep -o "ID=.*")" > /id',
      'RUN <<EOF bash',
      'set -e',
      'pip install --trusted-host pypi.org requests',
      'sudo chmod 777 /tmp',
      'EOF',
      'COPY --chown=app:app --chmod=0755 . /src',
      'ADD https://example.org/file.tar.gz /tmp/',
      'ONBUILD RUN apt-get update',
      'FROM scratch',
      'COPY --from=build /src /app',
      'USER 0:0',
      'EXPOSE 22 80/tcp 99999 ${PORT}',
      'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]',
      'WORKDIR app',
      'CMD ["/app/run", "--flag"]',
      'ENTRYPOINT /bin/sh -c "exec /app/run"',
    ].join('\n') + '\n',
  },
  {
    origin: 'builtin:escape',
    name: 'Containerfile',
    kind: 'dockerfile',
    text: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest https://x.example/a.ps1 -UseBasicParsing | iex; `\n    Write-Host done\nMAINTAINER me\nARG AWS_SECRET_ACCESS_KEY\nLABEL a=b "c d"=e\nSTOPSIGNAL SIGKILL\nVOLUME ["/data"]\n',
  },
  {
    origin: 'builtin:compose',
    name: 'docker-compose.yml',
    kind: 'compose',
    text: [
      'x-common: &common',
      '  restart: unless-stopped',
      '  environment: &env',
      '    DB_PASSWORD: correct-horse-battery',
      '    TOKEN: ${TOKEN:?set it}',
      'services:',
      '  web:',
      '    <<: *common',
      '    image: nginx',
      '    privileged: yes',
      '    network_mode: host',
      '    pid: "host"',
      '    cap_add: [SYS_ADMIN, NET_ADMIN]',
      '    ports: ["80:80", "0.0.0.0:5432:5432", {target: 22, published: 2222}]',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '      - type: bind',
      '        source: /etc',
      '        target: /host/etc',
      '    security_opt: [seccomp:unconfined, apparmor=unconfined, "label:disable"]',
      '    devices: ["/dev/mem:/dev/mem"]',
      '    sysctls: {kernel.shm_rmid_forced: 1}',
      '    logging: {driver: none}',
      '    build:',
      '      context: .',
      '      args: [GITHUB_TOKEN=abc123def456ghi789]',
      '  db:',
      '    image: postgres:16@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      '    environment:',
      '      - POSTGRES_PASSWORD=postgres',
      '    deploy: {resources: {limits: {memory: 512m, cpus: "0.5"}}}',
      '    user: root',
      '    read_only: false',
    ].join('\n') + '\n',
  },
  {
    origin: 'builtin:k8s',
    name: 'manifest.yaml',
    kind: 'k8s',
    text: [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: apps/v1',
      '  kind: Deployment',
      '  metadata: {name: web, namespace: default, annotations: {bulkhead.dev/ignore: "image-tag-latest -- reviewed"}}',
      '  spec:',
      '    template:',
      '      spec:',
      '        hostNetwork: true',
      '        hostPID: on',
      '        securityContext: {runAsNonRoot: false, seccompProfile: {type: Unconfined}}',
      '        initContainers: [{name: init, image: "busybox:latest", command: [sh, -c, "wget -qO- http://x | sh"]}]',
      '        containers:',
      '        - name: app',
      '          image: ghcr.io/acme/app',
      '          imagePullPolicy: IfNotPresent',
      '          securityContext:',
      '            privileged: true',
      '            allowPrivilegeEscalation: yes',
      '            capabilities: {add: [ALL], drop: []}',
      '            procMount: Unmasked',
      '            seLinuxOptions: {type: spc_t}',
      '            windowsOptions: {hostProcess: true}',
      '          env:',
      '          - {name: API_TOKEN, value: "s3cr3t-t0ken-value-here"}',
      '          - name: DB_URL',
      '            value: postgres://admin:hunter22@db:5432/app',
      '          - name: FROM_SECRET',
      '            valueFrom: {secretKeyRef: {name: s, key: k}}',
      '          ports: [{containerPort: 22, hostPort: 22}]',
      '          livenessProbe: {httpGet: {host: 10.0.0.1, path: /, port: 80}}',
      '          volumeMounts: [{name: root, mountPath: /host}]',
      '        volumes:',
      '        - name: root',
      '          hostPath: {path: /, type: Directory}',
      '        - name: sock',
      '          hostPath: {path: /var/run/docker.sock}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: cfg}',
      'data:',
      '  app.properties: |',
      '    db.password=letmein-now-123',
      '    export SECRET_KEY="abcDEF123456ghiJKL7890"',
      '  token: "Bearer abc"',
      'binaryData:',
      '  keystore.jks: AAAA',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata: {name: r}',
      'rules:',
      '- apiGroups: ["*"]',
      '  resources: ["*", secrets, pods/exec]',
      '  verbs: ["*", escalate, bind, impersonate]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata: {name: b}',
      'roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}',
      'subjects: [{kind: ServiceAccount, name: default, namespace: default}]',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: s}',
      'spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: c}',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          automountServiceAccountToken: true',
      '          containers: [{name: c, image: "alpine", resources: {limits: {memory: 1Gi}}}]',
    ].join('\n') + '\n',
  },
  {
    origin: 'builtin:config',
    name: '.bulkhead.yaml',
    kind: 'config',
    text: [
      'root: true',
      'profile: strict',
      'rules: {image-tag-latest: warning, namespace-default: off}',
      'trustedRegistries: [ghcr.io/acme/*, "docker.io/library/*"]',
      'deniedImages: [{pattern: "*/centos*", reason: EOL}, "*:latest"]',
      'ignorePaths: [vendor/, "**/testdata/"]',
      'secrets: {names: ["*_PASSPHRASE"], allowedNames: [TOKEN_TTL]}',
      'defaults: {memory: 512Mi, cpu: 500m, pids: 200}',
      'suppressions: {requireReason: true, forbid: [privileged-container]}',
      'maxFileSize: 1048576',
      'overrides:',
      '  - files: ["legacy/**"]',
      '    rules: {image-tag-latest: info}',
      '    profile: pss-restricted',
    ].join('\n') + '\n',
  },
];

/** The kind a seed file is fuzzed as, or undefined when it is not a container file. */
export function seedKind(path: string, text: string): InputKind | undefined {
  const name = basename(path);
  if (name === '.bulkhead.yaml' || name === '.bulkhead.yml') return 'config';
  if (isDockerfileName(name)) return 'dockerfile';
  if (!isYamlName(name)) return undefined;
  const kind = detectKind(name, text);
  return kind === 'compose' || kind === 'k8s' ? kind : undefined;
}

function* walk(dir: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Container files under `roots`, in a stable order; `label` prefixes their origin. */
export function loadSeeds(roots: readonly string[], label: string, maxBytes = 1_000_000): SeedFile[] {
  const seeds: SeedFile[] = [];
  for (const root of roots) {
    for (const path of statSync(root).isDirectory() ? walk(root) : [root]) {
      if (statSync(path).size > maxBytes) continue;
      const text = readFileSync(path, 'utf8');
      const kind = seedKind(path, text);
      if (kind) seeds.push({ origin: `${label}:${relative(root, path) || basename(path)}`, name: basename(path), kind, text });
    }
  }
  return seeds;
}

/** The built-in seeds plus the container files of the repository's examples and test fixtures. */
export function bundledSeeds(repoRoot: string): SeedFile[] {
  const roots = ['examples', 'test/fixtures'].map((d) => join(repoRoot, d));
  return [...BUILTIN, ...loadSeeds(roots, 'repo')];
}

// ---------------------------------------------------------------------------------------------
// Mutations

type Mutation = (text: string, rng: Rng, ctx: { readonly seeds: readonly SeedFile[]; readonly kind: InputKind }) => string;

const lines = (text: string): string[] => text.split('\n');

/** A line-start offset (or the end). */
function lineBoundary(text: string, rng: Rng): number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && starts.length < 100_000; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return rng.pick(starts);
}

function insertAt(text: string, at: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at);
}

/** Random characters drawn from a pool, `n` long. */
function soup(rng: Rng, n: number, pool: string): string {
  let out = '';
  for (let i = 0; i < n; i++) out += pool[rng.int(pool.length)];
  return out;
}

const SYNTAX_CHARS = ' \t\n:-[]{}#&*!|>\'"%@`,?\\$()=;<~/.0123456789aAzZ_';
const RUN_CHARS = [' ', '\t', '\\', '"', "'", '$', '{', '}', '(', ')', '[', ']', '-', '=', ':', '#', '*', '&', '|', '`', '\n', '\r\n', ' \\\n', 'a', '0', '/', '@', '.', '%', ',', '<<'];

/** Tokens with meaning to one of the parsers, inserted anywhere. */
const TOKENS = [
  '---', '...', '&a ', '*a', '<<: *a', '<<: [*a, *b]', '!!binary ', '!!str ', '!!map ', '!custom ', '? ', '|', '>-', '|+2', '"', "'", '{', '}', '[', ']', ': ', '- ', '#', '%YAML 1.1', '%TAG ! tag:x,2024:',
  '\\', '\\\n', '`', '${', '$(', '$((', '<<EOF', '<<-"EOF"', 'EOF', '&&', '||', ';', '|', '2>&1', '"$@"', '["sh", "-c"', 'RUN ', 'FROM ', 'ONBUILD ', 'ARG ', 'ENV ', '--mount=type=secret,id=', '--from=', '# syntax=', '# escape=`', '\t',
  'apiVersion: v1\n', 'kind: Pod\n', 'services:\n', 'containers:\n', 'securityContext:\n', 'image: ', 'privileged: true', 'hostPath: {path: /}', 'env:\n- name: A\n  value: ', 'sh -c "', 'curl -k ', 'sudo ', 'apt-get install -y ',
];

/** Values of every YAML type, swapped in for a scalar after `key: `. */
const VALUES = ['[]', '{}', 'null', '~', '""', "''", '0', '-1', '1e400', '0x1F', '.inf', '-.nan', 'yes', 'No', 'on', 'true', 'TRUE', '!!binary aGk=', '*undefined', '&x', '[a, {b: c}, [d]]', '{a: [b, {c: d}]}', '"\\u0000\\ud800"', '|\n  block\n', '>-\n  folded\n', '? complex\n: key', '12:30:00', '2001-12-14t21:59:43.10-05:00', '=', '<<', '"${VAR:-x}"', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'AKIAABCDEFGHIJKLMNOP'];

/** Each family is one kind of damage; a generated input stacks one to three of them. */
export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  byteFlip(text, rng) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) return text;
    const n = rng.size(1, 16);
    for (let i = 0; i < n; i++) {
      const at = rng.int(bytes.length);
      bytes[at] = bytes[at]! ^ (1 << rng.int(8));
    }
    return bytes.toString('utf8');
  },
  truncate(text, rng) {
    return text.slice(0, rng.int(text.length + 1));
  },
  lineShuffle(text, rng) {
    const ls = lines(text);
    if (ls.length < 2) return text;
    const op = rng.int(4);
    const i = rng.int(ls.length);
    const j = rng.int(ls.length);
    if (op === 0) [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    else if (op === 1) ls.splice(i, rng.size(1, 20));
    else if (op === 2) ls.splice(i, 0, ...ls.slice(j, j + rng.size(1, 20)));
    else {
      const k = Math.min(ls.length, i + rng.size(2, 50));
      const block = ls.slice(i, k);
      for (let m = block.length - 1; m > 0; m--) {
        const r = rng.int(m + 1);
        [block[m], block[r]] = [block[r]!, block[m]!];
      }
      ls.splice(i, block.length, ...block);
    }
    return ls.join('\n');
  },
  docMarker(text, rng) {
    const marker = rng.pick(['---\n', '...\n', '--- |\n', '---\n...\n', '%YAML 1.1\n---\n', '--- !!str\n', '--- # c\n', '---', '--- &a\n', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '# escape=\\\n']);
    let out = text;
    for (let n = rng.size(1, 5); n > 0; n--) out = insertAt(out, lineBoundary(out, rng), marker);
    return out;
  },
  deepNesting(text, rng, ctx) {
    const depth = rng.rareLarge(50, 1_000, 20_000);
    const yaml = ctx.kind !== 'dockerfile';
    const shapes = yaml
      ? [
          () => `x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
          () => `x: ${'{a: '.repeat(depth)}b${'}'.repeat(depth)}\n`,
          () => `x: ${'- '.repeat(Math.min(depth, 5000))}y\n`,
          () => Array.from({ length: Math.min(depth, 700) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n',
          () => Array.from({ length: Math.min(depth, 700) }, (_, i) => `${' '.repeat(2 * i)}- `).join('\n') + 'v\n',
          () => `x: ${'[{'.repeat(depth >> 1)}`, // never closed
          () => `x: ${'&a ['.repeat(Math.min(depth, 2000))}${']'.repeat(Math.min(depth, 2000))}\n`,
        ]
      : [
          () => `RUN echo ${'$('.repeat(depth)}x${')'.repeat(depth)}\n`,
          () => `RUN ${'sh -c "'.repeat(Math.min(depth, 3000))}x${'"'.repeat(Math.min(depth, 3000))}\n`,
          () => `RUN echo ${'${a:-'.repeat(depth)}x${'}'.repeat(depth)}\n`,
          () => `RUN ${'('.repeat(depth)}true${')'.repeat(depth)}\n`,
          () => `RUN ${'{ '.repeat(depth)}true${'; }'.repeat(depth)}\n`,
          () => `RUN echo ${'`'.repeat(depth)}\n`,
          () => `CMD ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
          () => `RUN ${Array.from({ length: Math.min(depth, 5000) }, (_, i) => `c${i}`).join(' | ')}\n`,
          () => `RUN true${' && \\\n  true'.repeat(Math.min(depth, 20_000))}\n`,
          () => `ENV ${'A=$B '.repeat(Math.min(depth, 20_000))}\n`,
        ];
    return insertAt(text, lineBoundary(text, rng), rng.pick(shapes)());
  },
  hugeScalar(text, rng, ctx) {
    const n = rng.rareLarge(1_000, 50_000, 1_500_000);
    const body = rng.chance(0.5) ? rng.pick(RUN_CHARS).repeat(Math.ceil(n / 2)) : soup(rng, Math.min(n, 300_000), rng.chance(0.5) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=' : SYNTAX_CHARS);
    const yaml = ctx.kind !== 'dockerfile';
    const shape = rng.int(4);
    const insert =
      shape === 0 ? body
      : yaml ? (shape === 1 ? `SECRET_KEY: "${body}"\n` : shape === 2 ? `data:\n  blob: |\n    ${body}\n` : `- ${body}\n`)
      : shape === 1 ? `ENV API_TOKEN=${body}\n` : shape === 2 ? `RUN ${body}\n` : `LABEL a="${body}"\n`;
    return insertAt(text, rng.chance(0.5) ? lineBoundary(text, rng) : rng.int(text.length + 1), insert);
  },
  invalidUtf8(text, rng) {
    const bytes = Buffer.from(text, 'utf8');
    const junk = [[0xff], [0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98]];
    const parts: Buffer[] = [];
    let last = 0;
    const cuts = Array.from({ length: rng.size(1, 10) }, () => rng.int(bytes.length + 1)).sort((a, b) => a - b);
    for (const cut of cuts) {
      parts.push(bytes.subarray(last, cut), Buffer.from(rng.pick(junk)));
      last = cut;
    }
    parts.push(bytes.subarray(last));
    const out = Buffer.concat(parts).toString('utf8');
    // Also what a JSON-RPC client can send: lone surrogates the file decoder would have replaced.
    return rng.chance(0.3) ? insertAt(out, rng.int(out.length + 1), rng.pick(['\ud800', '\udfff', '\udc00\ud800', '\ufffd'])) : out;
  },
  nulBytes(text, rng) {
    let out = text;
    for (let n = rng.size(1, 20); n > 0; n--) out = insertAt(out, rng.int(out.length + 1), rng.pick(['\0', '\0\0\0', '\x01', '\x1b[31m', '\x7f', '\u2028', '\u2029', '\u0085', '\u200b', '\ufeff', '\x0b', '\x0c']));
    return out;
  },
  bom(text, rng) {
    return rng.chance(0.7) ? '\ufeff'.repeat(rng.size(1, 3)) + text : insertAt(text, lineBoundary(text, rng), '\ufeff');
  },
  lineEndings(text, rng) {
    const mode = rng.int(4);
    if (mode === 0) return text.replace(/\r?\n/g, '\r\n');
    if (mode === 1) return text.replace(/\r?\n/g, '\r');
    if (mode === 2) return text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n']));
    return insertAt(text, rng.int(text.length + 1), '\r');
  },
  tabs(text, rng) {
    const mode = rng.int(3);
    if (mode === 0) return text.replace(/^( +)/gm, (s) => '\t'.repeat(Math.ceil(s.length / 2)));
    if (mode === 1) return text.replace(/: /g, () => (rng.chance(0.3) ? ':\t' : ': '));
    return text.replace(/^ {2}/gm, () => (rng.chance(0.2) ? ' \t' : '  '));
  },
  splice(text, rng, ctx) {
    const other = lines(rng.pick(ctx.seeds).text);
    const start = rng.int(other.length);
    const chunk = other.slice(start, start + rng.size(1, 40)).join('\n');
    return insertAt(text, lineBoundary(text, rng), `${chunk}\n`);
  },
  tokens(text, rng) {
    let out = text;
    for (let n = rng.size(1, 12); n > 0; n--) out = insertAt(out, rng.int(out.length + 1), rng.pick(TOKENS));
    return out;
  },
  valueSwap(text, rng) {
    const ls = lines(text);
    for (let n = rng.size(1, 12); n > 0; n--) {
      const i = rng.int(ls.length);
      const line = ls[i]!;
      const colon = line.indexOf(': ');
      if (colon >= 0) ls[i] = `${line.slice(0, colon + 2)}${rng.pick(VALUES)}`;
      else if (/^\s*- /.test(line)) ls[i] = line.replace(/- .*/, `- ${rng.pick(VALUES)}`);
      else {
        const words = line.split(' ');
        words[rng.int(words.length)] = rng.pick([...TOKENS, ...VALUES]);
        ls[i] = words.join(' ');
      }
    }
    return ls.join('\n');
  },
  charRun(text, rng) {
    // Long runs of one syntax character: what makes backtracking regular expressions slow.
    return insertAt(text, rng.int(text.length + 1), rng.pick(RUN_CHARS).repeat(rng.rareLarge(100, 10_000, 200_000)));
  },
  aliasBomb(text, rng, ctx) {
    if (ctx.kind === 'dockerfile') return MUTATIONS.tokens!(text, rng, ctx);
    const fanout = rng.size(2, 12);
    const levels = rng.size(2, 12);
    const bomb = [`  l0: &l0 ["${'x'.repeat(rng.size(1, 10))}"]`];
    for (let l = 1; l < levels; l++) bomb.push(`  l${l}: &l${l} [${Array(fanout).fill(`*l${l - 1}`).join(', ')}]`);
    const variants = [
      `bomb:\n${bomb.join('\n')}\n`,
      `a: &a\n  b: *a\n`, // an alias inside its own anchor
      `x: &x {<<: *x}\n`,
      `m: &m {a: 1}\nn: {<<: [${Array(rng.size(2, 2000)).fill('*m').join(', ')}]}\n`,
      `k: &k [${Array(rng.size(2, 50)).fill('1').join(',')}]\nv: [${Array(rng.size(2, 5000)).fill('*k').join(',')}]\n`,
    ];
    return insertAt(text, lineBoundary(text, rng), rng.pick(variants));
  },
};

export const FAMILIES = [...Object.keys(MUTATIONS), 'generated', 'garbage', 'kindSwap'] as const;

// ---------------------------------------------------------------------------------------------
// Generated inputs

const KEYWORDS = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'from', 'Run', 'BOGUS', ''];
const WORDS = ['alpine', 'ubuntu:latest', 'ghcr.io/a/b@sha256:abc', '${IMG}', '$X', 'AS', 'build', '--from=build', '--mount=type=secret,id=npm,env=NPM_TOKEN', '--platform=$BUILDPLATFORM', '--chown=0:0', '--network=host', '--security=insecure', 'apt-get', 'install', '-y', 'curl', '-k', 'wget', '--no-check-certificate', '|', 'sh', '&&', '\\', 'sudo', 'chmod', '777', '/', '.', '["a",', '"b"]', '[', ']', 'PASSWORD=x', 'TOKEN=$T', 'A=', '=', 'root', '0', '22', '65536', '-1', '<<EOF', 'EOF', '"quoted value"', "'single'", '$(id -u)', '`x`', '#', 'http://x/y.sh', 'git+ssh://u:p@h/r', 'pip', 'npm', 'config', 'set', 'strict-ssl', 'false'];
const YAML_KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'annotations', 'labels', 'spec', 'template', 'jobTemplate', 'containers', 'initContainers', 'ephemeralContainers', 'image', 'securityContext', 'privileged', 'runAsUser', 'runAsNonRoot', 'capabilities', 'add', 'drop', 'hostNetwork', 'hostPID', 'hostIPC', 'volumes', 'hostPath', 'path', 'env', 'value', 'valueFrom', 'envFrom', 'ports', 'containerPort', 'hostPort', 'resources', 'limits', 'requests', 'memory', 'cpu', 'data', 'binaryData', 'rules', 'verbs', 'resources', 'apiGroups', 'subjects', 'roleRef', 'items', 'services', 'build', 'args', 'environment', 'network_mode', 'pid', 'cap_add', 'security_opt', 'devices', 'deploy', 'user', 'read_only', 'secrets', 'x-anchor', '<<', 'bulkhead.dev/ignore', 'seccompProfile', 'type', 'sysctls', 'livenessProbe', 'httpGet', 'host'];
const YAML_SCALARS = ['v1', 'Pod', 'Deployment', 'List', 'ConfigMap', 'ClusterRoleBinding', 'apps/v1', 'nginx', 'nginx:latest', 'true', 'yes', 'no', 'null', '0', '1', '-5', '1Gi', '500m', 'ALL', 'SYS_ADMIN', '/var/run/docker.sock', '/', 'host', 'Unconfined', '"*"', 'secret-value-12345', '"80:80"', "'quoted'", '${VAR}', '~', 'image-tag-latest -- reason'];

function generatedDockerfile(rng: Rng): string {
  const out: string[] = [];
  for (let n = rng.size(1, 60); n > 0; n--) {
    const words = Array.from({ length: rng.size(0, 10) }, () => rng.pick(WORDS));
    out.push(`${rng.chance(0.1) ? ' '.repeat(rng.size(1, 4)) : ''}${rng.pick(KEYWORDS)} ${words.join(rng.chance(0.1) ? ' \\\n  ' : ' ')}`);
    if (rng.chance(0.05)) out.push('# comment');
  }
  return out.join('\n') + (rng.chance(0.8) ? '\n' : '');
}

function generatedYaml(rng: Rng, kind: InputKind): string {
  const anchors: string[] = [];
  const node = (depth: number, indent: string): string => {
    const r = rng.int(10);
    if (depth > 8 || r < 4) {
      if (anchors.length && rng.chance(0.1)) return `*${rng.pick(anchors)}`;
      return rng.pick(YAML_SCALARS);
    }
    const anchor = rng.chance(0.1) ? `&n${anchors.push(`n${anchors.length}`) - 1} ` : '';
    const flow = rng.chance(0.2);
    const count = rng.size(0, 6);
    if (r < 7) {
      const pairs = Array.from({ length: count }, () => [rng.pick(YAML_KEYS), node(depth + 1, `${indent}  `)] as const);
      if (flow || count === 0) return `${anchor}{${pairs.map(([k, v]) => `${k}: ${v.includes('\n') ? 'x' : v}`).join(', ')}}`;
      return `${anchor}\n${pairs.map(([k, v]) => `${indent}  ${k}: ${v}`).join('\n')}`;
    }
    const list = Array.from({ length: count }, () => node(depth + 1, `${indent}  `));
    if (flow || count === 0) return `${anchor}[${list.map((v) => (v.includes('\n') ? 'x' : v)).join(', ')}]`;
    return `${anchor}\n${list.map((v) => `${indent}- ${v.replace(/^\n\s*/, '')}`).join('\n')}`;
  };
  const head = kind === 'compose' ? 'services:' : kind === 'config' ? 'root: true' : `apiVersion: ${rng.pick(['v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1'])}\nkind: ${rng.pick(['Pod', 'Deployment', 'CronJob', 'List', 'ConfigMap', 'Role', 'Service', 'DaemonSet'])}`;
  const docs = Array.from({ length: rng.size(1, 4) }, () => {
    const body = Array.from({ length: rng.size(1, 8) }, () => `${rng.pick(YAML_KEYS)}: ${node(0, '')}`).join('\n');
    return `${head}\n${body}\n`;
  });
  return docs.join('---\n');
}

const NAMES: Record<InputKind, readonly string[]> = {
  dockerfile: ['Dockerfile', 'Containerfile', 'app.dockerfile', 'Dockerfile.prod'],
  compose: ['compose.yaml', 'docker-compose.yml', 'stack.yaml'],
  k8s: ['manifest.yaml', 'deploy.yml'],
  config: ['.bulkhead.yaml'],
};

/** Names a file of another kind could be opened under (language id and name disagree with the content). */
function swappedKind(kind: InputKind, rng: Rng): InputKind {
  return rng.pick(INPUT_KINDS.filter((k) => k !== kind));
}

/** How often each kind is fuzzed, whatever the corpus holds most of (config files are simple and few). */
const KIND_WEIGHTS: Readonly<Record<InputKind, number>> = { dockerfile: 0.35, k8s: 0.35, compose: 0.22, config: 0.08 };
const POOLS = new WeakMap<readonly SeedFile[], ReadonlyMap<InputKind, readonly SeedFile[]>>();

/** Seeds by kind (kinds without seeds left out). */
function seedPools(seeds: readonly SeedFile[]): ReadonlyMap<InputKind, readonly SeedFile[]> {
  let pools = POOLS.get(seeds);
  if (!pools) {
    pools = new Map(INPUT_KINDS.map((k) => [k, seeds.filter((s) => s.kind === k)] as const).filter(([, p]) => p.length > 0));
    POOLS.set(seeds, pools);
  }
  return pools;
}

function pickKind(rng: Rng, kinds: readonly InputKind[] = INPUT_KINDS): InputKind {
  let r = rng.next() * kinds.reduce((sum, k) => sum + KIND_WEIGHTS[k], 0);
  for (const k of kinds) if ((r -= KIND_WEIGHTS[k]) < 0) return k;
  return kinds[kinds.length - 1]!;
}

/** Input `index` of seed `seed`: a pure function of its arguments. */
export function makeInput(seed: number, index: number, seeds: readonly SeedFile[], configVariants: number): FuzzInput {
  const rng = new Rng(seed, index);
  const families: string[] = [];
  let kind: InputKind;
  let text: string;
  let origin: string;
  let name: string;
  const roll = rng.next();
  const pools = seedPools(seeds);
  if (roll < 0.85 && pools.size > 0) {
    const s = rng.pick(pools.get(pickKind(rng, [...pools.keys()]))!);
    ({ kind, text, origin, name } = s);
    families.push(origin.slice(0, origin.indexOf(':')));
  } else if (roll < 0.96) {
    kind = pickKind(rng);
    text = kind === 'dockerfile' ? generatedDockerfile(rng) : generatedYaml(rng, kind);
    origin = `generated:${kind}`;
    name = rng.pick(NAMES[kind]);
    families.push('generated');
  } else {
    kind = pickKind(rng);
    const bytes = Buffer.from(Array.from({ length: rng.size(0, 20_000) }, () => (rng.chance(0.7) ? 32 + rng.int(95) : rng.int(256))));
    text = bytes.toString(rng.chance(0.5) ? 'utf8' : 'latin1');
    origin = `garbage:${kind}`;
    name = rng.pick(NAMES[kind]);
    families.push('garbage');
  }
  const names = Object.keys(MUTATIONS);
  for (let n = rng.size(origin.startsWith('garbage') ? 0 : 1, 3); n > 0; n--) {
    const family = rng.pick(names);
    families.push(family);
    text = MUTATIONS[family]!(text, rng, { seeds, kind });
    if (text.length > MAX_INPUT_CHARS) text = text.slice(0, MAX_INPUT_CHARS);
  }
  if (rng.chance(0.05)) {
    kind = swappedKind(kind, rng);
    name = rng.pick(NAMES[kind]);
    families.push('kindSwap');
  }
  return { seed, index, families, origin, path: `/fuzz/${name}`, kind, forceKind: rng.chance(0.5), config: rng.int(configVariants), text };
}
