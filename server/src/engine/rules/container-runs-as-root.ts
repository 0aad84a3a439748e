import type { YValue } from '../fix/yaml-edit';
import type { DockerfileModel, Instruction, Stage } from '../model/dockerfile';
import { effectiveSecurity, k8sBool, k8sInt, type Container, type PodSpec } from '../model/k8s';
import { isScalar, nodeSpan, str, type YNode } from '../model/yaml';
import { defineRule, type Fix, type RuleContext } from '../rule';
import { setServiceKeys } from './shared/compose-fixes';
import { present } from './shared/fixes';
import { removePodSecurity, setContainerSecurity, setPodFields, withHarden } from './shared/k8s-fixes';
import { displayPath } from './shared/paths';
import { isWindowsPod } from './shared/pod-security';
import { createUserCommand, finalUser, imageFamily, isRootUser, nonRootBaseImage, nonRootUserFor, NONROOT_UID, type ImageFamily } from './shared/users';

type MessageId = 'noUser' | 'rootUser' | 'composeRoot' | 'composeBuiltAsRoot' | 'noRunAsNonRoot' | 'runAsNonRootFalse' | 'runAsUserZero' | 'pssRunAsNonRoot' | 'pssPodLevel';

/** Instructions that only describe the image; the USER goes before the block of them that ends the stage. */
const TRAILING = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'STOPSIGNAL']);

export default defineRule<MessageId>({
  id: 'container-runs-as-root',
  title: 'Container runs as root',
  severity: 'warning',
  fix: 'suggestion',
  // Compose services built from a workspace Dockerfile depend on that file (ctx.project).
  crossDocument: true,
  refs: ['hadolint DL3002', 'CKV_DOCKER_3', 'CKV_DOCKER_8', 'KSV-0012', 'KSV-0105', 'PSS restricted: Running as Non-root', 'PSS restricted: Running as Non-root user', 'CIS Docker 4.1', 'CWE-250'],
  messages: {
    noUser: 'The final stage{{stage}} sets no USER, so the container runs as root unless the base image chose another user; switch to a non-root user.',
    rootUser: 'USER {{user}} makes the container run as root; switch to a non-root user before the image is used.',
    composeRoot: 'Service "{{service}}" runs as root (user: {{user}}); run it as a non-root UID.',
    composeBuiltAsRoot: 'Service "{{service}}" sets no user: and its image, built from {{dockerfile}}, runs as root; set USER in the Dockerfile or user: here.',
    noRunAsNonRoot: 'Container "{{container}}" may run as root: neither it nor its pod sets runAsNonRoot: true or a non-zero runAsUser.',
    runAsNonRootFalse: 'Container "{{container}}" has runAsNonRoot: false (set on the {{level}}), so it may run as root; set runAsNonRoot: true.',
    runAsUserZero: 'Container "{{container}}" runs as root: runAsUser is 0 (set on the {{level}}).',
    pssRunAsNonRoot: 'Container "{{container}}" must have runAsNonRoot: true (on itself or its pod) under the restricted Pod Security Standard; a non-zero runAsUser alone does not satisfy it.',
    pssPodLevel: 'The pod sets {{field}}, which the restricted Pod Security Standard rejects even though every container overrides it.',
  },
  check: {
    dockerfile: checkDockerfile,
    compose(file, ctx) {
      for (const service of file.services) {
        const node = service.node.get('user');
        const user = str(node);
        if (node && user !== undefined) {
          if (isRootUser(user) !== true) continue;
          const uid = nonRootUserFor(service.image ? imageFamily(service.image) : undefined);
          const title = `Set user to ${uid} (the image must allow it: UID ${uid.split(':')[0]} must be able to read and write what the service needs)`;
          ctx.report({ span: nodeSpan(node), messageId: 'composeRoot', data: { service: service.name, user }, suggest: () => present(setServiceKeys(service, title, { user: uid })) });
          continue;
        }
        // No user: the image decides; known only when a workspace Dockerfile builds it.
        const dockerfile = ctx.project?.serviceDockerfile(ctx.source.path, service.name);
        const built = dockerfile ? ctx.project!.builtImage(dockerfile) : undefined;
        if (built?.runsAs !== 'root') continue;
        ctx.report({
          span: service.nameSpan,
          messageId: 'composeBuiltAsRoot',
          data: { service: service.name, dockerfile: displayPath(dockerfile!, ctx.source.path) },
          related: [{ file: built.dockerfile, span: built.span, message: built.user ? `USER ${built.user} runs the image as root` : 'No USER in the final stage: the image runs as root' }],
        });
      }
    },
    k8s(object, ctx) {
      const pod = object.pod;
      if (!pod) return;
      // Pods in a user namespace (hostUsers: false): root in the container is not root on the node,
      // and the Pod Security Standards waive both checks for them.
      if (k8sBool(pod.node.get('hostUsers')) === false) return;
      const pss = ctx.config.profile === 'pss-restricted';
      for (const c of pod.containers) checkContainer(c, pss, ctx);
      if (pss) checkPodLevel(pod, ctx);
    },
  },
});

// ---------------------------------------------------------------------------------------------
// Kubernetes

function checkContainer(c: Container, pss: boolean, ctx: RuleContext<MessageId>): void {
  const user = effectiveSecurity(c, 'runAsUser');
  const uid = user ? k8sInt(user.node) : undefined;
  if (user && uid === 0) {
    ctx.report({ span: nodeSpan(user.node), messageId: 'runAsUserZero', data: { container: c.name, level: user.from }, suggest: () => present(nonRootFix(c)) });
    return;
  }
  const nonRoot = effectiveSecurity(c, 'runAsNonRoot');
  const flag = nonRoot ? k8sBool(nonRoot.node) : undefined;
  if (flag === true) return;
  // "Harden container" writes runAsNonRoot: true on the container. Under the restricted profile
  // that leaves a pod-level false the container used to inherit reported on its own (pssPodLevel).
  const suggest = (): Fix[] => (isWindowsPod(c.pod) || (pss && nonRoot?.from === 'pod') ? present(nonRootFix(c)) : withHarden(c, nonRootFix(c)));
  if (pss) {
    // PSS: runAsNonRoot must be true on the container, or unset there with true on the pod.
    if (nonRoot && flag === false) ctx.report({ span: nodeSpan(nonRoot.node), messageId: 'runAsNonRootFalse', data: { container: c.name, level: nonRoot.from }, suggest });
    else if (uid !== undefined) ctx.report({ span: c.anchor, messageId: 'pssRunAsNonRoot', data: { container: c.name }, suggest });
    else ctx.report({ span: c.anchor, messageId: 'noRunAsNonRoot', data: { container: c.name }, suggest });
    return;
  }
  // A non-zero UID does not run as root, whatever runAsNonRoot says; a runAsUser we cannot read
  // (a template placeholder, a quoted number) is given the benefit of the doubt.
  if (user) return;
  if (nonRoot && flag === false) ctx.report({ span: nodeSpan(nonRoot.node), messageId: 'runAsNonRootFalse', data: { container: c.name, level: nonRoot.from }, suggest });
  else ctx.report({ span: c.anchor, messageId: 'noRunAsNonRoot', data: { container: c.name }, suggest });
}

/**
 * The restricted standard also rejects a pod-level `runAsNonRoot: false` or `runAsUser: 0` that
 * every container overrides (otherwise the per-container findings already point at it).
 */
function checkPodLevel(pod: PodSpec, ctx: RuleContext<MessageId>): void {
  const sc = pod.securityContext;
  if (!sc || pod.containers.length === 0) return;
  const overridden = (field: string): boolean => pod.containers.every((c) => isSet(c.securityContext?.get(field)));
  const remove = (field: string, value: string): Fix[] => present(removePodSecurity(pod, `Remove ${field}: ${value} from the pod (every container sets its own)`, field));
  const nonRoot = sc.get('runAsNonRoot');
  if (nonRoot && k8sBool(nonRoot) === false && overridden('runAsNonRoot') && pod.containers.every((c) => k8sBool(c.securityContext?.get('runAsNonRoot')) === true)) {
    ctx.report({ span: nodeSpan(nonRoot), messageId: 'pssPodLevel', data: { field: 'runAsNonRoot: false' }, suggest: () => remove('runAsNonRoot', 'false') });
  }
  const user = sc.get('runAsUser');
  if (user && k8sInt(user) === 0 && overridden('runAsUser') && pod.containers.every((c) => k8sInt(c.securityContext?.get('runAsUser')) !== 0)) {
    ctx.report({ span: nodeSpan(user), messageId: 'pssPodLevel', data: { field: 'runAsUser: 0' }, suggest: () => remove('runAsUser', '0') });
  }
}

/**
 * `runAsNonRoot: true`, with `runAsUser: 10001` in place of `runAsUser: 0`, or where no UID
 * applies and the image is not known to run as a non-root user (the kubelet refuses to start an
 * image whose user is root, or a name, under runAsNonRoot alone). On the pod when no container
 * sets runAsNonRoot or runAsUser: 0 itself (one edit covers every container), else on the container.
 */
function nonRootFix(c: Container): Fix | undefined {
  const pod = c.pod;
  const own = (x: Container, field: string): YNode | undefined => x.securityContext?.get(field);
  // Windows pods cannot set runAsUser; their user is windowsOptions.runAsUserName.
  const windows = isWindowsPod(pod);
  const needsUid = (x: Container): boolean => !windows && !(x.image && nonRootBaseImage(x.image));
  const fields: Record<string, YValue> = {};
  const podLevel = pod.containers.every((x) => !isSet(own(x, 'runAsNonRoot')) && k8sInt(own(x, 'runAsUser')) !== 0);
  let zero: boolean;
  if (podLevel) {
    const podUser = pod.securityContext?.get('runAsUser');
    zero = k8sInt(podUser) === 0;
    if (k8sBool(pod.securityContext?.get('runAsNonRoot')) !== true) fields.runAsNonRoot = true;
    if (zero || (!isSet(podUser) && pod.containers.some((x) => !isSet(own(x, 'runAsUser')) && needsUid(x)))) fields.runAsUser = NONROOT_UID;
  } else {
    const user = effectiveSecurity(c, 'runAsUser');
    zero = k8sInt(user?.node) === 0;
    if (k8sBool(effectiveSecurity(c, 'runAsNonRoot')?.node) !== true) fields.runAsNonRoot = true;
    if (zero || (!user && needsUid(c))) fields.runAsUser = NONROOT_UID;
  }
  if (windows && zero) return undefined;
  const names = Object.entries(fields).map(([k, v]) => `${k}: ${String(v)}`);
  if (names.length === 0) return undefined;
  const inheriting = podLevel ? pod.containers.filter((x) => !isSet(own(x, 'runAsUser'))).length : 1;
  const caveat = fields.runAsUser === undefined ? '' : ` (check that ${inheriting > 1 ? 'every image' : 'the image'} can run as UID ${NONROOT_UID})`;
  const title = `Set ${names.join(' and ')} for the ${podLevel ? 'pod' : 'container'}${caveat}`;
  return podLevel ? setPodFields(pod, title, { securityContext: fields }) : setContainerSecurity(c, title, fields);
}

function isSet(node: YNode | undefined): boolean {
  return node !== undefined && !(isScalar(node) && node.value === null);
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

function checkDockerfile(model: DockerfileModel, ctx: RuleContext<MessageId>): void {
  const facts = finalUser(model);
  if (!facts || facts.runsAs !== 'root') return;
  const { stage, chain, ordered, last } = facts;
  const base = chain[chain.length - 1]!;
  const family: ImageFamily | undefined = base.isScratch ? 'scratch' : base.image ? imageFamily(base.image) : undefined;
  if (last) {
    const arg = last.args[0]!;
    const users = ordered.filter((i) => i.keyword === 'USER');
    const previous = users
      .slice(0, -1)
      .reverse()
      .find((u) => u.args[0] && !u.args[0].value.includes('$') && isRootUser(u.args[0].value) === false)?.args[0]?.value;
    const after = ordered.slice(ordered.indexOf(last) + 1);
    const suggestion = after.some((i) => i.keyword === 'RUN') ? addUserFix(stage, family, previous, ctx) : replaceUserFix(last, family, previous, ctx);
    const user = facts.resolved === arg.value ? arg.value : `${arg.value} (${facts.resolved})`;
    ctx.report({ span: arg.span, messageId: 'rootUser', data: { user }, suggest: [suggestion] });
    return;
  }
  ctx.report({
    span: facts.span,
    messageId: 'noUser',
    data: { stage: stage.name ? ` "${stage.name}"` : '' },
    suggest: [addUserFix(stage, family, undefined, ctx)],
  });
}

/** Inserts `USER` (and the user's creation when the family is known) before the trailing CMD/ENTRYPOINT block. */
function addUserFix(stage: Stage, family: ImageFamily | undefined, existing: string | undefined, ctx: RuleContext<MessageId>): Fix {
  const eol = ctx.source.eol;
  const plan = userPlan(family, existing);
  const trailing = trailingBlock(stage);
  const where = trailing ? ` before ${trailing.keyword}` : '';
  const title = existing
    ? `Switch back to USER ${existing}${where}`
    : plan.create
      ? `Create user "app" (UID ${NONROOT_UID}) and add USER ${plan.user}${where}`
      : `Add USER ${plan.user}${where}${plan.caveat}`;
  if (trailing) {
    const lineStart = ctx.source.lines.lineStart(ctx.source.lines.positionAt(trailing.span.start).line);
    return { title, edits: [{ span: { start: lineStart, end: lineStart }, newText: plan.lines.join(eol) + eol }] };
  }
  const lastIns = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return { title, edits: [{ span: { start: lastIns.span.end, end: lastIns.span.end }, newText: eol + plan.lines.join(eol) }] };
}

/** Replaces `USER root` in place (nothing after it needs root). */
function replaceUserFix(user: Instruction, family: ImageFamily | undefined, existing: string | undefined, ctx: RuleContext<MessageId>): Fix {
  const arg = user.args[0]!;
  const plan = userPlan(family, existing);
  const edits = [{ span: arg.span, newText: plan.user }];
  if (plan.create) {
    const lineStart = ctx.source.lines.lineStart(ctx.source.lines.positionAt(user.span.start).line);
    edits.unshift({ span: { start: lineStart, end: lineStart }, newText: `RUN ${plan.create}${ctx.source.eol}` });
  }
  const title = plan.create
    ? `Replace USER ${arg.value} with a new user "app" (UID ${NONROOT_UID})`
    : `Replace USER ${arg.value} with USER ${plan.user}${existing ? '' : plan.caveat}`;
  return { title, edits };
}

interface UserPlan {
  /** The USER value. */
  readonly user: string;
  /** The user-creation command, when the family needs and supports one. */
  readonly create: string | undefined;
  readonly lines: readonly string[];
  /** Said in the title when the UID may not exist in the image. */
  readonly caveat: string;
}

function userPlan(family: ImageFamily | undefined, existing: string | undefined): UserPlan {
  if (existing) return { user: existing, create: undefined, lines: [`USER ${existing}`], caveat: '' };
  const user = nonRootUserFor(family);
  const create = createUserCommand(family, NONROOT_UID);
  const caveat = family === 'distroless' || family === 'scratch' ? ' (the nonroot UID)' : ' (check that this UID can read and write what the app needs)';
  return { user, create, lines: create ? [`RUN ${create}`, `USER ${user}`] : [`USER ${user}`], caveat };
}

/** The first instruction of the metadata-only block that ends the stage, if any. */
function trailingBlock(stage: Stage): Instruction | undefined {
  let first: Instruction | undefined;
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const ins = stage.instructions[i]!;
    if (!TRAILING.has(ins.keyword) || ins.onbuild) break;
    first = ins;
  }
  return first;
}
