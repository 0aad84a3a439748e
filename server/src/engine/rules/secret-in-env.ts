import { composeEnv } from '../model/compose';
import { finalStage, stageChain, type DockerfileModel, type Instruction, type Property, type Stage } from '../model/dockerfile';
import { isMap, isScalar, items, nodeSpan, str } from '../model/yaml';
import { defineRule, type Fix, type RuleContext, type TextEdit } from '../rule';
import type { Span } from '../source';
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
          { node: service.node.get('environment'), where: `Service "${service.name}" environment variable`, advice: ADVICE.composeEnv },
          { node: isMap(build) ? build.get('args') : undefined, where: `Service "${service.name}" build arg`, advice: ADVICE.composeArg },
        ];
        for (const { node, where, advice } of sources) {
          for (const v of composeEnv(node)) {
            if (v.value === undefined) continue;
            // `$$` is Compose's escape for a literal `$`, not an interpolation.
            const match = classifySecret(v.name, v.value.replace(/\$\$/g, '\u0000'), ctx.config.secrets);
            const span = v.valueSpan ?? v.nameSpan;
            if (!match || !once(seen, span)) continue;
            report(ctx, span, match, { where, name: v.name, value: v.value, advice });
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
          report(ctx, span, match, { where: `Container "${c.name}" env`, name, value, advice: ADVICE.k8s });
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
  suggest?: Fix,
): void {
  ctx.report({
    span,
    messageId: match.level === 'credential' ? 'credential' : 'literal',
    data: { where: d.where, name: d.name, what: match.what, redacted: redact(d.value), advice: d.advice },
    ...(match.level === 'credential' ? { severity: 'error' as const } : {}),
    ...(suggest ? { suggest: [suggest] } : {}),
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
        const fix = ships && !substituted ? moveToSecretMount(model, ins, p, ctx) : undefined;
        report(ctx, p.valueSpan ?? p.nameSpan, match, { where: ins.keyword, name: p.name, value, advice }, fix);
      } else if (ins.keyword === 'ARG' && ships && isSecretName(p.name, ctx.config.secrets)) {
        const fix = moveToSecretMount(model, ins, p, ctx);
        ctx.report({ span: p.nameSpan, messageId: 'buildArg', data: { name: p.name, advice }, ...(fix ? { suggest: [fix] } : {}) });
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
