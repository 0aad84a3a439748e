import { YamlEditor } from '../fix/yaml-edit';
import { composeEnv, type ComposeEnvVar, type ComposeService } from '../model/compose';
import { finalStage, stageChain, type DockerfileModel, type Instruction, type Property, type Stage } from '../model/dockerfile';
import { familiarName } from '../model/image';
import type { K8sObject } from '../model/k8s';
import { isMap, isScalar, isSeq, items, nodeSpan, str, type YMap, type YNode } from '../model/yaml';
import { defineRule, type Fix, type RuleContext, type TextEdit } from '../rule';
import type { Span } from '../source';
import { stringItems } from './shared/pod-security';
import { classifySecret, isSecretName, redact, resolveDockerfileVariables, type SecretMatch } from './shared/secrets';

type MessageId = 'credential' | 'literal' | 'buildArg';

const ADVICE = {
  env: 'ENV values are stored in the image and readable by anyone who can pull it; use a build secret (RUN --mount=type=secret) or pass the value at run time',
  arg: 'build arguments are recorded in the image history; use a build secret (RUN --mount=type=secret) instead',
  composeEnv: 'the value is committed with the file; use Compose `secrets:` or interpolate it from the environment (${VAR})',
  composeArg: 'build arguments are recorded in the image history; use build `secrets:` instead',
  k8s: 'anyone who can read the manifest or the pod spec sees it; use valueFrom.secretKeyRef',
} as const;

export default defineRule<MessageId>({
  id: 'secret-in-env',
  title: 'Secret in an environment variable or build argument',
  severity: 'warning',
  fix: 'suggestion',
  refs: ['hadolint DL3064', 'BuildKit SecretsUsedInArgOrEnv', 'Trivy DS-0031', 'CKV_SECRET_*', 'CIS Docker 4.10', 'CWE-798'],
  messages: {
    credential: '{{where}} {{name}} contains {{what}} ({{redacted}}); {{advice}}.',
    literal: '{{where}} {{name}} has a literal secret ({{redacted}}); {{advice}}.',
    buildArg: 'ARG {{name}} is a secret-like build argument; {{advice}}.',
  },
  check: {
    dockerfile: checkDockerfile,
    compose(file, ctx) {
      const seen = new Set<string>();
      for (const service of file.services) {
        const build = service.node.get('build');
        const sources = [
          { node: service.node.get('environment'), where: `Service "${service.name}" environment variable`, advice: ADVICE.composeEnv, env: true },
          { node: isMap(build) ? build.get('args') : undefined, where: `Service "${service.name}" build arg`, advice: ADVICE.composeArg, env: false },
        ];
        for (const { node, where, advice, env } of sources) {
          for (const v of composeEnv(node)) {
            if (v.value === undefined) continue;
            // `$$` is Compose's escape for a literal `$`, not an interpolation.
            const match = classifySecret(v.name, v.value.replace(/\$\$/g, '\u0000'), ctx.config.secrets);
            const span = v.valueSpan ?? v.nameSpan;
            if (!match || !once(seen, span)) continue;
            report(ctx, span, match, { where, name: v.name, value: v.value, advice }, env ? () => composeSecretFix(service, v) : undefined);
          }
        }
      }
    },
    k8s(object, ctx) {
      const seen = new Set<string>();
      for (const c of object.pod?.containers ?? []) {
        for (const item of items(c.node.get('env'))) {
          if (!isMap(item) || item.has('valueFrom')) continue;
          const name = str(item.get('name'));
          const valueNode = item.get('value');
          const value = str(valueNode);
          if (name === undefined || value === undefined || !valueNode || !isScalar(valueNode)) continue;
          const match = classifySecret(name, value, ctx.config.secrets);
          const span = nodeSpan(valueNode);
          if (!match || !once(seen, span)) continue;
          report(ctx, span, match, { where: `Container "${c.name}" env`, name, value, advice: ADVICE.k8s }, () => secretKeyRefFix(object, item, name));
        }
      }
    },
  },
});

function once(seen: Set<string>, span: Span): boolean {
  const key = `${span.start}:${span.end}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function report(
  ctx: RuleContext<MessageId>,
  span: Span,
  match: SecretMatch,
  d: { where: string; name: string; value: string; advice: string },
  /** Built only when suggestions are wanted (the editor; not the CLI or the audit). */
  suggest?: () => Fix | undefined,
): void {
  ctx.report({
    span,
    messageId: match.level === 'credential' ? 'credential' : 'literal',
    data: { where: d.where, name: d.name, what: match.what, redacted: redact(d.value), advice: d.advice },
    ...(match.level === 'credential' ? { severity: 'error' as const } : {}),
    ...(suggest ? { suggest: () => [suggest()].filter((f): f is Fix => f !== undefined) } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

function checkDockerfile(model: DockerfileModel, ctx: RuleContext<MessageId>): void {
  const final = finalStage(model);
  // Only the final stage's chain ships; a real credential is reported anywhere (it is in the source).
  const shipping = new Set<Stage>(final ? stageChain(final) : []);
  for (const ins of model.instructions) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
    const ships = ins.stage !== undefined && shipping.has(ins.stage);
    const advice = ins.keyword === 'ENV' ? ADVICE.env : ADVICE.arg;
    for (const p of ins.properties) {
      let value = p.value;
      let match = value === undefined ? undefined : classifySecret(p.name, value, ctx.config.secrets);
      let substituted = false;
      if (!match && value?.includes('$') && isSecretName(p.name, ctx.config.secrets)) {
        // `ENV DB_PASSWORD=$PW` after `ARG PW=...`: the default ends up in the image.
        const resolved = resolveDockerfileVariables(model, ins, value);
        if (resolved !== undefined && resolved !== value) {
          match = classifySecret(p.name, resolved, ctx.config.secrets);
          value = resolved;
          substituted = true;
        }
      }
      if (match && value !== undefined && (match.level === 'credential' || ships)) {
        report(ctx, p.valueSpan ?? p.nameSpan, match, { where: ins.keyword, name: p.name, value, advice }, ships && !substituted ? () => moveToSecretMount(model, ins, p, ctx) : undefined);
      } else if (ins.keyword === 'ARG' && ships && isSecretName(p.name, ctx.config.secrets)) {
        const suggest = (): Fix[] => [moveToSecretMount(model, ins, p, ctx)].filter((f): f is Fix => f !== undefined);
        ctx.report({ span: p.nameSpan, messageId: 'buildArg', data: { name: p.name, advice }, suggest });
      }
    }
  }
}

/**
 * Removes the ENV/ARG pair and adds `--mount=type=secret,id=<name>,env=<NAME>` to every RUN
 * that reads it. Undefined when another instruction (COPY, LABEL, CMD, another ENV...) reads
 * it, since a secret mount only exists during its RUN.
 */
function moveToSecretMount(model: DockerfileModel, ins: Instruction, p: Property, ctx: RuleContext<MessageId>): Fix | undefined {
  const stage = ins.stage;
  if (!stage) return undefined;
  const uses = usesOf(model, ins, p.name);
  if (uses === undefined) return undefined;
  const id = p.name.toLowerCase();
  const edits: TextEdit[] = [removal(ins, p, ctx)];
  for (const run of uses) edits.push({ span: { start: run.keywordSpan.end, end: run.keywordSpan.end }, newText: ` --mount=type=secret,id=${id},env=${p.name}` });
  const runtime = ins.keyword === 'ENV' ? '; provide it at run time if the app reads it' : '';
  const title =
    uses.length > 0
      ? `Use a build secret for ${p.name} in ${uses.length === 1 ? 'its RUN' : `its ${uses.length} RUNs`} (build with --secret id=${id},env=${p.name}${runtime})`
      : ins.keyword === 'ENV'
        ? `Remove ENV ${p.name} (provide it at run time instead)`
        : `Remove ARG ${p.name} (no RUN reads it; pass secrets with --secret id=${id})`;
  return { title, edits };
}

/** The RUNs after `ins` that read `$NAME`; undefined when a non-RUN instruction reads it. */
function usesOf(model: DockerfileModel, ins: Instruction, name: string): Instruction[] | undefined {
  const ref = new RegExp(`\\$\\{?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`);
  // ENV is inherited by stages built FROM this one; ARG is scoped to its stage.
  const scope = new Set<Stage>([ins.stage!]);
  if (ins.keyword === 'ENV') for (const s of model.stages) if (stageChain(s).includes(ins.stage!)) scope.add(s);
  const runs: Instruction[] = [];
  let after = false;
  for (const other of model.instructions) {
    if (other === ins) {
      after = true;
      continue;
    }
    if (!after || other.keyword === 'FROM' || !other.stage || !scope.has(other.stage)) continue;
    if (other.keyword === 'RUN') {
      const words = other.shell?.allCommands().flatMap((c) => [...c.assignments, ...c.argv, ...c.redirects.flatMap((r) => (r.target ? [r.target] : []))]) ?? [];
      if (words.some((w) => ref.test(w.value)) || other.heredocs.some((h) => ref.test(h.content))) runs.push(other);
    } else if (other.args.some((a) => ref.test(a.value)) || other.heredocs.some((h) => ref.test(h.content))) {
      return undefined;
    }
  }
  return runs;
}

/** Deletes the pair, or the whole instruction (with its line break) when it is the only pair. */
function removal(ins: Instruction, p: Property, ctx: RuleContext<MessageId>): TextEdit {
  const props = ins.properties;
  const i = props.indexOf(p);
  if (props.length === 1) {
    const lines = ctx.source.lines;
    const start = lines.lineStart(lines.positionAt(ins.span.start).line);
    const endLine = lines.positionAt(ins.span.end).line;
    const end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : ins.span.end;
    return { span: { start, end }, newText: '' };
  }
  if (i > 0) return { span: { start: props[i - 1]!.span.end, end: p.span.end }, newText: '' };
  return { span: { start: p.span.start, end: props[i + 1]!.span.start }, newText: '' };
}

// ---------------------------------------------------------------------------------------------
// Compose: a `secrets:` entry instead of the literal

/**
 * Variables whose `<VAR>_FILE` twin the image's entrypoint reads (the "Docker Secrets" section
 * of each image's Docker Hub page), by image name.
 */
const MYSQL_FILE_VARS = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD'];
const FILE_VARS: Record<string, readonly string[]> = {
  postgres: ['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS'],
  mysql: MYSQL_FILE_VARS,
  percona: MYSQL_FILE_VARS,
  mariadb: [
    ...MYSQL_FILE_VARS,
    ...MYSQL_FILE_VARS.map((v) => v.replace('MYSQL_', 'MARIADB_')),
    'MARIADB_PASSWORD_HASH', 'MARIADB_ROOT_PASSWORD_HASH', 'MARIADB_REPLICATION_USER', 'MARIADB_REPLICATION_PASSWORD', 'MARIADB_REPLICATION_PASSWORD_HASH',
  ],
  mongo: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'],
  wordpress: ['WORDPRESS_DB_HOST', 'WORDPRESS_DB_USER', 'WORDPRESS_DB_PASSWORD', 'WORDPRESS_DB_NAME', 'WORDPRESS_AUTH_KEY', 'WORDPRESS_SECURE_AUTH_KEY',
    'WORDPRESS_LOGGED_IN_KEY', 'WORDPRESS_NONCE_KEY', 'WORDPRESS_AUTH_SALT', 'WORDPRESS_SECURE_AUTH_SALT', 'WORDPRESS_LOGGED_IN_SALT', 'WORDPRESS_NONCE_SALT'],
  nextcloud: ['NEXTCLOUD_ADMIN_USER', 'NEXTCLOUD_ADMIN_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD', 'POSTGRES_DB', 'POSTGRES_USER',
    'POSTGRES_PASSWORD', 'REDIS_HOST_PASSWORD', 'SMTP_PASSWORD', 'OBJECTSTORE_S3_KEY', 'OBJECTSTORE_S3_SECRET'],
};
/** Grafana reads any `GF_<SECTION>_<KEY>__FILE`. */
const GRAFANA = new Set(['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise']);

/** The variable that gives the image `name`'s value from a file, if the service's image has one. */
function fileVariable(service: ComposeService, name: string): string | undefined {
  // A service that builds its image may not have the entrypoint of the image it is named after.
  if (!service.image || service.node.has('build')) return undefined;
  const image = familiarName(service.image);
  if (GRAFANA.has(image)) return name.startsWith('GF_') ? `${name}__FILE` : undefined;
  return FILE_VARS[image]?.includes(name) ? `${name}_FILE` : undefined;
}

/** A secret name from a variable name: `DB_PASSWORD` → `db_password`. */
function secretName(variable: string): string {
  return variable.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
}

/**
 * Moves a literal from a service's `environment` to a Compose secret: a top-level
 * `secrets: {<name>: {file: ./secrets/<name>.txt}}` (a file the user creates: the value is never
 * written anywhere), `secrets: [<name>]` on the service, and `<VAR>_FILE: /run/secrets/<name>`
 * in place of the variable when the image reads that, else the variable removed. Undefined when
 * the variable is not the service's own (an anchor or a merge shares it), or the secret name is
 * taken by another top-level secret under both `<var>` and `<service>_<var>`.
 */
function composeSecretFix(service: ComposeService, v: ComposeEnvVar): Fix | undefined {
  const file = service.file;
  const env = service.node.pairs.find((p) => p.keyText === 'environment')?.value;
  if (file.legacy || !env) return undefined;
  const declared = file.root.get('secrets');
  const listed = service.node.get('secrets');
  if (!isEmptyOr(declared, isMap) || !isEmptyOr(listed, isSeq)) return undefined;
  const name = [secretName(v.name), secretName(`${service.name}_${v.name}`)].find((n) => !(isMap(declared) && declared.has(n)));
  if (!name) return undefined;
  const fileVar = fileVariable(service, v.name);
  if (fileVar && composeEnv(env).some((other) => other.name === fileVar)) return undefined;
  const mounted = `/run/secrets/${name}`;
  const path = `./secrets/${name}.txt`;
  const e = new YamlEditor(file.doc.source, file.doc.contents);
  let envEdit: TextEdit | undefined;
  if (isMap(env)) envEdit = fileVar ? e.replacePair(env, v.name, fileVar, mounted) : e.removeIn(service.node, ['environment', v.name]);
  else if (isSeq(env) && env.items.includes(v.node)) envEdit = fileVar ? e.set(v.node, `${fileVar}=${mounted}`) : e.removeIn(service.node, ['environment'], v.node);
  if (!envEdit) return undefined;
  // An own `secrets:` replaces a merged one whole: it repeats the merged names.
  const inherited = service.node.pairs.some((p) => p.keyText === 'secrets') ? [] : stringItems(listed).map((i) => i.text);
  const secrets = [...inherited, name];
  // The service's only key holding its only variable: removing it would leave `{}` with nowhere
  // to add `secrets:`, which takes the place of `environment:` instead.
  const alone = !fileVar && service.node.pairs.length === 1 && composeEnv(env).length === 1;
  const serviceEdits = alone ? [e.replacePair(service.node, 'environment', 'secrets', secrets)] : [envEdit, ...e.ensure(service.node, { secrets })];
  if (serviceEdits.includes(undefined)) return undefined;
  const edits = [...(serviceEdits as TextEdit[]), ...e.ensure(file.root, { secrets: { [name]: { file: path } } })];
  const title = fileVar
    ? `Use secret "${name}" through ${fileVar} (create ${path} holding the value; keep it out of version control)`
    : `Move ${v.name} to secret "${name}" (create ${path} holding the value; keep it out of version control; the application must read ${mounted} instead)`;
  return e.fix(title, beforeRemovedLines(file.doc.source.text, edits));
}

function isEmptyOr(node: YNode | undefined, is: (node: YNode | undefined) => boolean): boolean {
  return node === undefined || (isScalar(node) && node.value === null) || is(node);
}

/**
 * Insertions at the end of the map (the service's `secrets:`, the top-level one) land on the
 * last line; when that line is the variable being removed, they go after the line before it.
 */
function beforeRemovedLines(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const removals = edits.filter((r) => r.newText === '' && r.span.start > 0 && text[r.span.start - 1] === '\n');
  return edits.map((edit) => {
    const at = edit.span.start;
    const removal = edit.span.end === at && removals.find((r) => r.span.start < at && at <= r.span.end);
    if (!removal) return edit;
    const lineEnd = removal.span.start - (text[removal.span.start - 2] === '\r' ? 2 : 1);
    return { span: { start: lineEnd, end: lineEnd }, newText: edit.newText };
  });
}

// ---------------------------------------------------------------------------------------------
// Kubernetes: valueFrom.secretKeyRef instead of the literal

/** A DNS subdomain, as Secret names must be. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Replaces `value: <literal>` with `valueFrom.secretKeyRef` to the key `<var>` (lower-cased) of a
 * Secret `<workload>-secrets`, which the user creates: the value is never written anywhere.
 */
function secretKeyRefFix(object: K8sObject, item: YMap, variable: string): Fix | undefined {
  const secret = `${object.name}-secrets`;
  if (object.name === undefined || !DNS_SUBDOMAIN.test(secret) || secret.length > 253) return undefined;
  const key = variable.toLowerCase().replace(/[^-._a-z0-9]/g, '_');
  const namespace = object.namespace !== undefined ? ` -n ${object.namespace}` : '';
  const e = new YamlEditor(object.doc.source, object.doc.contents);
  const title = `Read ${variable} from Secret ${secret} (create it first, e.g. kubectl create secret generic ${secret}${namespace} --from-file=${key}=./${key}.txt)`;
  return e.fix(title, [e.replacePair(item, 'value', 'valueFrom', { secretKeyRef: { name: secret, key } })]);
}
