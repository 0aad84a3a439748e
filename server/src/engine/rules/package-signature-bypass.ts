import type { ShellCommand, ShellWord } from '../parse/shell';
import { defineRule, type RuleContext } from '../rule';
import type { Span } from '../source';
import { configWrite } from './shared/tls';

type MessageId = 'flag' | 'setting';

const APT = new Set(['apt-get', 'apt', 'aptitude']);
const APT_FLAGS = ['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories', '--allow-downgrade-to-insecure-repositories'];
const APT_OPTION = /^(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)=(?:true|1|yes)$/i;
const RPM_FRONTENDS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'dnf5', 'yum-config-manager']);
const GPGCHECK_OFF = /^(?:[^=\s]+\.)?(?:gpgcheck|localpkg_gpgcheck)=(?:0|false|no|off)$/i;

const FETCHERS = new Set(['curl', 'wget', 'wget2', 'aria2c', 'fetch']);
/** A one-line apt source whose URI is local (`file:`, `copy:`). */
const LOCAL_APT_SOURCE = /\]\s*["']?(?:file|copy):/i;
const LOCAL_PATH = /^(?:\/|\.\.?\/|~\/|\$\{?[A-Za-z_])/;
const PACKAGE_FILE = /\.(?:apk|rpm|deb)$/;
const SUBCOMMANDS = new Set(['add', 'install', 'localinstall', 'reinstall', 'upgrade', 'update']);

/** Whether every package a command installs is a local file (`/tmp/pkgs/x.apk`, `./x.apk`), not a name or a URL. */
function localPackagesOnly(cmd: ShellCommand): boolean {
  const operands = cmd.operands(false).filter((o) => !SUBCOMMANDS.has(o.value));
  return operands.length > 0 && operands.every((o) => !o.value.includes('://') && (LOCAL_PATH.test(o.value) || PACKAGE_FILE.test(o.value)));
}

/** `deb [trusted=yes] ...`, `deb [arch=amd64 allow-insecure=yes] ...` in a one-line apt source. */
const APT_TRUSTED_SOURCE = /\[[^\]]*\b(?:trusted|allow-insecure)=yes\b[^\]]*\]/i;

/** Configuration files and the settings in them that turn off signature checks. */
const CONFIG_RULES: readonly { file: RegExp; setting: RegExp; tool: string }[] = [
  { file: /(^|\/)(yum|dnf)\.conf$|\.repo$/, setting: /(?:^|\s|\\n)gpgcheck\s*=\s*(?:0|false|no|off)\b/i, tool: 'yum/dnf' },
  { file: /(^|\/)sources\.list(\.d\/.*)?$|\.list$/, setting: APT_TRUSTED_SOURCE, tool: 'apt' },
  { file: /\.sources$/, setting: /\b(?:Trusted|Allow-Insecure):\s*yes\b/i, tool: 'apt' },
  { file: /(^|\/)apt\.conf(\.d\/.*)?$/, setting: /(?:AllowUnauthenticated|AllowInsecureRepositories|AllowDowngradeToInsecureRepositories)\s+"?(?:true|1|yes)/i, tool: 'apt' },
  { file: /(^|\/)zypp\.conf$/, setting: /(?:^|\s|\\n)gpgcheck\s*=\s*(?:0|false|no|off)\b/i, tool: 'zypper' },
];

export default defineRule<MessageId>({
  id: 'package-signature-bypass',
  title: 'Package signature verification bypassed',
  severity: 'error',
  fix: 'none',
  refs: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11', 'CIS Docker 4.11', 'CWE-347'],
  messages: {
    flag: '{{tool}} option {{option}} installs packages without verifying their signatures, so a tampered or spoofed package can enter the image.',
    setting: 'The {{tool}} setting {{setting}} turns off package signature verification, so a tampered or spoofed package can enter the image.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (!ins.shell) continue;
        const commands = ins.shell.allCommands();
        // A download in the same RUN means a local package file may be a fetched one (computed when needed).
        let fetched: boolean | undefined;
        const downloads = (): boolean => (fetched ??= commands.some((c) => FETCHERS.has(c.unwrapped().program ?? '')));
        const seen = new Set<string>();
        for (const cmd of commands) checkCommand(cmd, ctx, seen, downloads);
      }
    },
  },
});

function checkCommand(cmd: ShellCommand, ctx: RuleContext<MessageId>, seen: Set<string>, downloads: () => boolean): void {
  const report = (messageId: MessageId, span: Span, data: Record<string, string>): void => {
    // `sh -c "..."` is tokenized twice (as a word and as a script); report each place once.
    const key = `${span.start}:${span.end}:${messageId}`;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report({ span, messageId, data });
  };
  const flag = (word: ShellWord | undefined, tool: string, option: string): void => {
    if (word) report('flag', word.span, { tool, option });
  };
  const u = cmd.unwrapped();
  const program = u.program ?? '';
  const args = u.args;

  if (APT.has(program)) {
    for (const name of APT_FLAGS) flag(u.findFlag(name), program, name);
    args.forEach((a, i) => {
      const separate = a.value === '-o' || a.value === '--option';
      const opt = separate ? args[i + 1]?.value ?? '' : a.value.startsWith('-o') && a.value.length > 2 ? a.value.slice(2) : a.value.startsWith('--option=') ? a.value.slice(9) : '';
      if (APT_OPTION.test(opt)) report('setting', separate ? args[i + 1]!.span : a.span, { tool: program, setting: `"${opt}"` });
    });
  } else if (program === 'apk') {
    // apk refuses unsigned packages, so packages built in the image (or an earlier stage) need
    // --allow-untrusted; rpm, yum and dnf do not check local files by default, so no exemption there.
    // `apk index` builds an index of local packages; it installs nothing.
    const untrusted = u.findFlag('--allow-untrusted');
    if (untrusted && u.subcommand?.value !== 'index' && (!localPackagesOnly(u) || downloads())) flag(untrusted, 'apk', '--allow-untrusted');
  } else if (RPM_FRONTENDS.has(program)) {
    flag(u.findFlag('--nogpgcheck'), program, '--nogpgcheck');
    args.forEach((a, i) => {
      const separate = a.value === '--setopt';
      const opt = separate ? args[i + 1]?.value ?? '' : a.value.startsWith('--setopt=') ? a.value.slice('--setopt='.length) : '';
      if (GPGCHECK_OFF.test(opt)) report('setting', separate ? args[i + 1]!.span : a.span, { tool: program, setting: `"${opt}"` });
    });
  } else if (program === 'rpm') {
    for (const name of ['--nosignature', '--nodigest', '--nogpgcheck']) flag(u.findFlag(name), 'rpm', name);
  } else if (program === 'zypper') {
    for (const name of ['--no-gpg-checks', '--no-gpgcheck']) flag(u.findFlag(name), 'zypper', name);
  } else if (program === 'dpkg') {
    flag(u.findFlag('--force-bad-verify'), 'dpkg', '--force-bad-verify');
  } else if (program === 'snap') {
    if (u.subcommand?.value === 'install') flag(u.findFlag('--dangerous'), 'snap', '--dangerous');
  } else if (program === 'flatpak') {
    flag(u.findFlag('--no-gpg-verify'), 'flatpak', '--no-gpg-verify');
  } else if (program === 'add-apt-repository') {
    const line = args.find((a) => APT_TRUSTED_SOURCE.test(a.value) && !LOCAL_APT_SOURCE.test(a.value));
    if (line) report('setting', line.span, { tool: 'apt', setting: `"${APT_TRUSTED_SOURCE.exec(line.value)![0]}"` });
  }

  const write = configWrite(cmd);
  if (write) {
    for (const rule of CONFIG_RULES) {
      const m = rule.file.test(write.path) ? rule.setting.exec(write.text) : null;
      // `deb [trusted=yes] file:/tmp/repo ./`: a repository of packages built in this image.
      if (m && !(rule.tool === 'apt' && LOCAL_APT_SOURCE.test(write.text))) {
        report('setting', write.span, { tool: rule.tool, setting: `"${m[0].replace(/^(\\n)+/, '').trim()}" in ${write.path}` });
        break;
      }
    }
  }
}
