import { defineRule } from '../rule';
import { packageCommands, type PackageCommand, type PackageManager } from './shared/packages';

/** Managers with a separate index refresh; the rest fetch metadata as part of the install. */
const INDEXED: ReadonlySet<PackageManager> = new Set(['apt', 'apk', 'yum', 'zypper']);

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
        const updates = commands.filter((pc) => pc.action === 'update' && INDEXED.has(pc.manager));
        if (updates.length === 0) continue;
        for (const update of updates) {
          if (commands.some((pc) => uses(pc, update))) continue;
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
