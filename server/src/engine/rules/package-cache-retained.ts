import { finalStage, stageChain, type Instruction } from '../model/dockerfile';
import type { ShellCommand } from '../parse/shell';
import { defineRule, type Fix, type RuleContext } from '../rule';
import { appendCommand, cacheMountCovers, hasOption, insertOptionAfter, mayHoldOptions, packageCommands, removesPath, type PackageCommand } from './shared/packages';

type MessageId = 'aptLists' | 'apkCache' | 'pipCache' | 'cleanMissing';

/** Package caches that a clean command or an `rm` must remove in the same RUN. */
const CACHES = {
  yum: { dirs: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/tdnf'], clean: (tool: string) => `${tool} clean all` },
  zypper: { dirs: ['/var/cache/zypp'], clean: () => 'zypper clean --all' },
  yarn: { dirs: ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/root/.yarn/berry/cache'], clean: () => 'yarn cache clean' },
} as const;

const APT_LISTS = '/var/lib/apt/lists';
const APK_CACHE = '/var/cache/apk';
const PIP_CACHE = '/root/.cache/pip';

export default defineRule<MessageId>({
  id: 'package-cache-retained',
  title: 'Package manager cache left in the image',
  severity: 'info',
  fix: 'suggestion',
  refs: ['hadolint DL3009', 'hadolint DL3019', 'hadolint DL3042', 'hadolint DL3032', 'hadolint DL3040', 'hadolint DL3060'],
  messages: {
    aptLists: '"{{command}}" downloads package lists that stay in this layer; remove /var/lib/apt/lists/* at the end of the same RUN to keep the image small.',
    apkCache: '"{{command}}" keeps the package index in /var/cache/apk; use --no-cache so nothing is left in the layer.',
    pipCache: '"{{command}}" keeps downloaded packages in pip\'s cache; use --no-cache-dir so they do not end up in the layer.',
    cleanMissing: '"{{command}}" leaves its package cache in this layer; run "{{clean}}" at the end of the same RUN.',
  },
  check: {
    dockerfile(model, ctx) {
      const stage = finalStage(model);
      if (!stage) return;
      // Only the final stage and the stages it is built FROM ship; base first, in build order.
      const instructions = stageChain(stage).reverse().flatMap((s) => s.instructions);
      let pipNoCacheEnv = false;
      for (const ins of instructions) {
        if (ins.onbuild) continue;
        if ((ins.keyword === 'ENV' || ins.keyword === 'ARG') && ins.properties.some((p) => p.name === 'PIP_NO_CACHE_DIR')) pipNoCacheEnv = true;
        if (ins.keyword !== 'RUN') continue;
        const all = ins.shell?.allCommands() ?? [];
        const commands = packageCommands(ins);
        if (commands.length === 0) continue;
        if (all.some((c) => isPipNoCacheConfig(c))) pipNoCacheEnv = true;
        checkApt(ins, commands, all, ctx, model.escapeChar);
        checkApk(ins, commands, all, ctx);
        if (!pipNoCacheEnv) checkPip(ins, commands, all, ctx);
        checkClean(ins, commands, all, ctx, model.escapeChar);
      }
    },
  },
});

function label(pc: PackageCommand): string {
  return `${pc.tool} ${pc.verb?.value ?? ''}`.trim();
}

function removed(ins: Instruction, all: readonly ShellCommand[], path: string): boolean {
  return cacheMountCovers(ins, path) || all.some((c) => removesPath(c, path));
}

function suggestion(title: string, edit: { span: { start: number; end: number }; newText: string } | undefined): Fix[] | undefined {
  return edit ? [{ title, edits: [edit] }] : undefined;
}

function checkApt(ins: Instruction, commands: readonly PackageCommand[], all: readonly ShellCommand[], ctx: RuleContext<MessageId>, escapeChar: string): void {
  const update = commands.find((pc) => pc.manager === 'apt' && pc.action === 'update');
  if (!update || removed(ins, all, APT_LISTS)) return;
  // apt 2.7+: `apt-get dist-clean` removes the lists too.
  if (commands.some((pc) => pc.manager === 'apt' && pc.verb?.value === 'dist-clean')) return;
  // Point at the install that used the lists when there is one; the update otherwise.
  const install = [...commands].reverse().find((pc) => pc.manager === 'apt' && (pc.action === 'install' || pc.action === 'upgrade'));
  const at = install ?? update;
  const suggest = suggestion('Remove /var/lib/apt/lists/* at the end of the RUN', appendCommand(ins, ctx.source.text, escapeChar, 'rm -rf /var/lib/apt/lists/*'));
  ctx.report({ span: at.span, messageId: 'aptLists', data: { command: label(at) }, ...(suggest ? { suggest } : {}) });
}

function checkApk(ins: Instruction, commands: readonly PackageCommand[], all: readonly ShellCommand[], ctx: RuleContext<MessageId>): void {
  if (removed(ins, all, APK_CACHE) || commands.some((pc) => pc.manager === 'apk' && pc.action === 'clean')) return;
  for (const pc of commands) {
    // --no-network installs from what is already there: nothing new is fetched into the cache.
    if (pc.manager !== 'apk' || pc.action !== 'install' || !pc.verb || hasOption(pc, '--no-cache', '--no-network') || mayHoldOptions(pc)) continue;
    ctx.report({
      span: pc.span,
      messageId: 'apkCache',
      data: { command: label(pc) },
      suggest: [{ title: 'Add --no-cache to apk add', edits: [insertOptionAfter(ins, pc.verb, '--no-cache')] }],
    });
  }
}

function checkPip(ins: Instruction, commands: readonly PackageCommand[], all: readonly ShellCommand[], ctx: RuleContext<MessageId>): void {
  if (cacheMountCovers(ins, PIP_CACHE) || commands.some((pc) => pc.manager === 'pip' && pc.action === 'clean')) return;
  if (all.some((c) => c.unwrapped().program === 'rm' && c.unwrapped().operands(false).some((w) => /(^|\/)\.cache(\/pip)?(\/\*?)?$/.test(w.value)))) return;
  for (const pc of commands) {
    if (pc.manager !== 'pip' || pc.action !== 'install' || !pc.verb) continue;
    if (hasOption(pc, '--no-cache-dir') || mayHoldOptions(pc) || pc.command.assignments.some((a) => a.value.startsWith('PIP_NO_CACHE_DIR='))) continue;
    ctx.report({
      span: pc.span,
      messageId: 'pipCache',
      data: { command: label(pc) },
      suggest: [{ title: 'Add --no-cache-dir to pip install', edits: [insertOptionAfter(ins, pc.verb, '--no-cache-dir')] }],
    });
  }
}

function checkClean(ins: Instruction, commands: readonly PackageCommand[], all: readonly ShellCommand[], ctx: RuleContext<MessageId>, escapeChar: string): void {
  for (const manager of ['yum', 'zypper', 'yarn'] as const) {
    const trigger = commands.find((pc) => pc.manager === manager && (pc.action === 'install' || pc.action === 'upgrade' || (pc.action === 'update' && manager !== 'yarn')));
    if (!trigger) continue;
    const cache = CACHES[manager];
    if (commands.some((pc) => pc.manager === manager && pc.action === 'clean')) continue;
    if (cache.dirs.some((dir) => removed(ins, all, dir))) continue;
    // RPM tools share the cache folder layout; clean with the tool that installed.
    const clean = cache.clean(trigger.tool);
    const suggest = suggestion(`Run "${clean}" at the end of the RUN`, appendCommand(ins, ctx.source.text, escapeChar, clean));
    ctx.report({ span: trigger.span, messageId: 'cleanMissing', data: { command: label(trigger), clean }, ...(suggest ? { suggest } : {}) });
  }
}

/** `pip config set global.no-cache-dir ...` turns the cache off for later installs. */
function isPipNoCacheConfig(cmd: ShellCommand): boolean {
  const c = cmd.unwrapped();
  return /^pip(\d+(\.\d+)?)?$/.test(c.program ?? '') && c.args.some((w) => w.value.endsWith('no-cache-dir'));
}
