import { defineRule } from '../rule';
import { basename, SHELLS, type ShellCommand } from '../parse/shell';
import { packageCommands, removesPath, type PackageCommand } from './shared/packages';

/** Managers with a separate index refresh, and where they keep the index. */
const INDEX_DIRS: Readonly<Record<string, readonly string[]>> = {
  apt: ['/var/lib/apt/lists'],
  apk: ['/var/cache/apk'],
  yum: ['/var/cache/yum', '/var/cache/dnf'],
  zypper: ['/var/cache/zypp'],
};

export default defineRule<'updateAlone'>({
  id: 'package-update-alone',
  title: 'Package index updated in a RUN that installs nothing',
  severity: 'warning',
  fix: 'none',
  refs: ['hadolint DL3009', 'CKV_DOCKER_5', 'CIS Docker 4.7'],
  messages: {
    updateAlone:
      '"{{command}}" runs in a RUN that installs nothing: its layer is cached on its own, so a later install can use a stale package index. Update and install in the same RUN.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const commands = packageCommands(ins);
        const updates = commands.filter((pc) => pc.action === 'update' && pc.manager in INDEX_DIRS);
        if (updates.length === 0) continue;
        const all = ins.shell?.allCommands() ?? [];
        // A script run by the same RUN may install with the fresh index.
        if (all.some(runsScript)) continue;
        for (const update of updates) {
          if (commands.some((pc) => uses(pc, update))) continue;
          // When the same RUN removes the index again, no stale copy is left for later layers.
          if (commands.some((pc) => pc.manager === update.manager && pc.action === 'clean' && (pc.manager !== 'apt' || pc.verb?.value === 'dist-clean'))) continue;
          if (INDEX_DIRS[update.manager]!.some((dir) => all.some((c) => removesPath(c, dir)))) continue;
          ctx.report({ span: update.span, messageId: 'updateAlone', data: { command: `${update.tool} ${update.verb?.value ?? ''}`.trim() } });
        }
      }
    },
  },
});

/** Whether `pc` consumes the index that `update` refreshed (same family, installs or upgrades). */
function uses(pc: PackageCommand, update: PackageCommand): boolean {
  return pc.manager === update.manager && (pc.action === 'install' || pc.action === 'upgrade');
}

/** `./install.sh`, `bash /tmp/setup.sh`, `sh -e script`: a script file (not `sh -c`). */
function runsScript(cmd: ShellCommand): boolean {
  const c = cmd.unwrapped();
  const program = c.argv[0]?.value ?? '';
  if (program.endsWith('.sh') || program.startsWith('./')) return true;
  if (!SHELLS.has(basename(program)) || c.hasFlag('-c')) return false;
  return c.args.some((w) => !w.value.startsWith('-'));
}
