import type { Instruction } from '../../model/dockerfile';
import type { ShellCommand, ShellWord } from '../../parse/shell';
import type { Span } from '../../source';

/**
 * Package-manager commands in RUN scripts: which command installs, refreshes the index, upgrades
 * or cleans, which words are the packages, and whether a package names a version.
 *
 * `yum` stands for the RPM family (yum, dnf, microdnf, tdnf), `apt` for apt-get, apt and aptitude.
 */
export type PackageManager = 'apt' | 'apk' | 'yum' | 'zypper' | 'pip' | 'npm' | 'yarn' | 'gem';

/**
 * `update` refreshes the package index only (`apt-get update`, `apk update`, `yum makecache`,
 * `zypper refresh`); `upgrade` installs newer versions (`apt-get upgrade`, `yum update`).
 */
export type PackageAction = 'install' | 'update' | 'upgrade' | 'clean' | 'remove' | 'other';

export interface PackageCommand {
  readonly manager: PackageManager;
  /** The program as run, e.g. `apt-get`, `pip3`, `dnf`, or `python3 -m pip` for a module call. */
  readonly tool: string;
  /** The command with wrappers (`sudo`, `env`, ...) peeled off. */
  readonly command: ShellCommand;
  readonly action: PackageAction;
  /** The subcommand word (`install`, `add`, `update`, ...); undefined for a bare `yarn`. */
  readonly verb: ShellWord | undefined;
  /** From the program to the verb: `apt-get -y install`. */
  readonly span: Span;
  /** Install and remove operands (package names, files, URLs), option values excluded. */
  readonly packages: readonly ShellWord[];
  /** Option words after the program (`-y`, `--no-cache`, `--no-install-recommends`, ...). */
  readonly options: readonly ShellWord[];
  /** Operands after the verb that are not packages of an install (e.g. `all` of `yum clean all`). */
  readonly rest: readonly ShellWord[];
}

interface ManagerSpec {
  readonly manager: PackageManager;
  /** Options that take the next word as their value. */
  readonly valueOptions: ReadonlySet<string>;
  readonly verbs: Readonly<Record<string, PackageAction>>;
}

const set = (...values: string[]): ReadonlySet<string> => new Set(values);

const APT: ManagerSpec = {
  manager: 'apt',
  valueOptions: set('-o', '--option', '-t', '--target-release', '--default-release', '-c', '--config-file', '-a', '--host-architecture'),
  verbs: {
    install: 'install', reinstall: 'install', 'build-dep': 'install', update: 'update',
    upgrade: 'upgrade', 'dist-upgrade': 'upgrade', 'full-upgrade': 'upgrade', 'safe-upgrade': 'upgrade',
    clean: 'clean', autoclean: 'clean', 'dist-clean': 'clean', remove: 'remove', purge: 'remove', autoremove: 'remove',
  },
};

const APK: ManagerSpec = {
  manager: 'apk',
  valueOptions: set('-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--repositories-file', '--keys-dir', '--cache-dir', '--cache-max-age'),
  verbs: { add: 'install', update: 'update', upgrade: 'upgrade', del: 'remove', cache: 'other' },
};

const YUM: ManagerSpec = {
  manager: 'yum',
  valueOptions: set(
    '-c', '--config', '--installroot', '--releasever', '-x', '--exclude', '--enablerepo', '--disablerepo', '--repo', '--repoid',
    '--setopt', '-d', '--debuglevel', '-e', '--errorlevel', '--downloaddir', '--destdir', '--forcearch', '--disableplugin', '--enableplugin',
  ),
  verbs: {
    install: 'install', localinstall: 'install', groupinstall: 'install', reinstall: 'install', makecache: 'update',
    update: 'upgrade', upgrade: 'upgrade', 'distro-sync': 'upgrade', 'update-minimal': 'upgrade', 'upgrade-minimal': 'upgrade',
    clean: 'clean', remove: 'remove', erase: 'remove', autoremove: 'remove', groupremove: 'remove',
  },
};

const ZYPPER: ManagerSpec = {
  manager: 'zypper',
  valueOptions: set('-R', '--root', '-c', '--config', '-t', '--type', '-r', '--repo', '--from', '-D', '--reposd-dir', '-C', '--cache-dir'),
  verbs: {
    install: 'install', in: 'install', refresh: 'update', ref: 'update', update: 'upgrade', up: 'upgrade',
    'dist-upgrade': 'upgrade', dup: 'upgrade', patch: 'upgrade', clean: 'clean', cc: 'clean', remove: 'remove', rm: 'remove',
  },
};

const PIP: ManagerSpec = {
  manager: 'pip',
  valueOptions: set(
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
    '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--src',
    '--upgrade-strategy', '--progress-bar', '--cache-dir', '--log', '--proxy', '--timeout', '--retries', '--global-option',
    '--install-option', '-C', '--config-settings', '--only-binary', '--no-binary', '--report', '--python', '--root-user-action',
  ),
  verbs: { install: 'install', uninstall: 'remove', cache: 'other' },
};

const NPM: ManagerSpec = {
  manager: 'npm',
  valueOptions: set('--prefix', '--registry', '--cache', '-w', '--workspace', '--omit', '--include', '--tag', '--loglevel', '--userconfig', '--before', '--location'),
  verbs: {
    install: 'install', i: 'install', in: 'install', add: 'install', isntall: 'install', ci: 'install', 'clean-install': 'install',
    update: 'upgrade', up: 'upgrade', upgrade: 'upgrade', uninstall: 'remove', remove: 'remove', rm: 'remove', un: 'remove', cache: 'other',
  },
};

const YARN: ManagerSpec = {
  manager: 'yarn',
  valueOptions: set('--cache-folder', '--modules-folder', '--network-timeout', '--registry', '--mutex', '--global-folder', '--cwd'),
  verbs: { add: 'install', install: 'install', upgrade: 'upgrade', up: 'upgrade', remove: 'remove', cache: 'other' },
};

const GEM: ManagerSpec = {
  manager: 'gem',
  valueOptions: set('-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform'),
  verbs: { install: 'install', i: 'install', update: 'upgrade', cleanup: 'clean', uninstall: 'remove' },
};

const PROGRAMS: ReadonlyMap<string, ManagerSpec> = new Map([
  ['apt-get', APT], ['apt', APT], ['aptitude', APT],
  ['apk', APK],
  ['yum', YUM], ['dnf', YUM], ['microdnf', YUM], ['tdnf', YUM],
  ['zypper', ZYPPER],
  ['npm', NPM], ['yarn', YARN], ['gem', GEM],
]);

/** Options that only simulate. */
const DRY_RUN: Partial<Record<PackageManager, readonly string[]>> = {
  apt: ['-s', '--simulate', '--dry-run', '--just-print', '--no-act', '--recon'],
  apk: ['-s', '--simulate'],
  pip: ['--dry-run'],
  npm: ['--dry-run'],
  yarn: ['--dry-run'],
};

const PIP_PROGRAM = /^pip(\d+(\.\d+)?)?$/;
const PYTHON_PROGRAM = /^python(\d+(\.\d+)?)?$/;

function specOf(cmd: ShellCommand): { spec: ManagerSpec; tool: string; skip: number } | undefined {
  const program = cmd.program;
  if (program === undefined) return undefined;
  const spec = PROGRAMS.get(program);
  if (spec) return { spec, tool: program, skip: 0 };
  if (PIP_PROGRAM.test(program)) return { spec: PIP, tool: program, skip: 0 };
  // python -m pip install ...
  if (PYTHON_PROGRAM.test(program) && cmd.args[0]?.value === '-m' && cmd.args[1]?.value === 'pip') return { spec: PIP, tool: `${program} -m pip`, skip: 2 };
  return undefined;
}

/** Reads a shell command as a package-manager command; undefined for any other program. */
export function packageCommand(original: ShellCommand): PackageCommand | undefined {
  const command = original.unwrapped();
  const found = specOf(command);
  if (!found) return undefined;
  const { spec, tool, skip } = found;
  const args = command.args.slice(skip);
  const options: ShellWord[] = [];
  const operands: ShellWord[] = [];
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (!endOfOptions && v === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && v.startsWith('-') && v.length > 1) {
      options.push(word);
      if (spec.valueOptions.has(v)) i++;
      continue;
    }
    operands.push(word);
  }
  let verb = operands[0];
  let rest = operands.slice(1);
  let action: PackageAction;
  if (spec.manager === 'yarn' && verb?.value === 'global') {
    verb = rest[0];
    rest = rest.slice(1);
  }
  if (verb === undefined) {
    // A bare `yarn` installs the project's dependencies.
    action = spec.manager === 'yarn' ? 'install' : 'other';
  } else {
    action = spec.verbs[verb.value] ?? 'other';
    const sub = rest[0]?.value;
    // `apk cache clean|purge`, `npm cache clean`, `yarn cache clean`, `pip cache purge|remove`.
    if (verb.value === 'cache' && (sub === 'clean' || sub === 'purge' || sub === 'remove')) action = 'clean';
  }
  // `apt-get install -s`, `pip install --dry-run`: nothing is installed.
  const dryRun = DRY_RUN[spec.manager];
  const bundledSimulate = (o: ShellWord): boolean => spec.manager === 'apt' && /^-[A-Za-z]*s[A-Za-z]*$/.test(o.value);
  if (dryRun && options.some((o) => dryRun.includes(o.value) || bundledSimulate(o))) action = 'other';
  const takesPackages = action === 'install' || action === 'remove' || (action === 'upgrade' && spec.manager !== 'apt');
  const packages = takesPackages ? rest : [];
  const first = command.argv[0]!;
  const span = { start: first.span.start, end: Math.max(first.span.end, (verb ?? command.argv[skip] ?? first).span.end) };
  return { manager: spec.manager, tool, command, action, verb, span, packages, options, rest: takesPackages ? [] : rest };
}

/** The package-manager commands of a RUN instruction, including those in heredoc scripts and `sh -c`. */
export function packageCommands(ins: Instruction): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const cmd of ins.shell?.allCommands() ?? []) {
    const pc = packageCommand(cmd);
    if (pc) out.push(pc);
  }
  return out;
}

/** Whether the command has one of the options (`--no-cache`, `--no-cache=true`, bundled short flags). */
export function hasOption(pc: PackageCommand, ...names: string[]): boolean {
  return pc.options.some((w) => names.some((n) => w.value === n || (n.startsWith('--') && w.value.startsWith(n + '=')) || (/^-[A-Za-z]$/.test(n) && /^-[A-Za-z]{2,}$/.test(w.value) && w.value.includes(n[1]!))));
}

const OPTIONS_VARIABLE = /^\$\{?[A-Za-z_]*(OPT|FLAG|ARG)[A-Za-z_]*\}?$/i;

/** Whether an argument is a variable that likely holds options (`$APT_OPTS`, `${PIP_FLAGS}`): its options are unknown. */
export function mayHoldOptions(pc: PackageCommand): boolean {
  return pc.command.args.some((w) => OPTIONS_VARIABLE.test(w.value));
}

/** A package word that is a file, a URL, a path or a variable rather than a name from a registry. */
export function isLocalOrDynamic(value: string): boolean {
  return (
    value.includes('$') ||
    value.includes('`') ||
    /^[./~]/.test(value) ||
    value.includes('://') ||
    /^(git\+|github:|gitlab:|bitbucket:|file:|link:|workspace:|npm:|http:|https:)/.test(value) ||
    /\.(deb|rpm|apk|whl|gem|tgz|tar\.gz|tar\.bz2|tar\.xz|zip)$/i.test(value)
  );
}

/** How to write a pinned version for each manager, for messages. */
export function pinExample(manager: PackageManager, name: string): string {
  switch (manager) {
    case 'apt':
    case 'apk':
    case 'zypper':
      return `${name}=<version>`;
    case 'yum':
      return `${name}-<version>`;
    case 'pip':
      return `${name}==<version>`;
    case 'npm':
    case 'yarn':
      return `${name}@<version>`;
    case 'gem':
      return `${name}:<version>`;
  }
}

/**
 * Whether an install operand names a version (or is not a registry package at all: a file, a URL,
 * a path, a variable, a group). `gem install x -v 1.2` pins every gem of the command.
 */
export function isPinned(pc: PackageCommand, word: ShellWord): boolean {
  const v = word.value;
  if (v === '' || isLocalOrDynamic(v)) return true;
  // Groups (`yum groupinstall "Development Tools"`) have no versions.
  if (pc.verb?.value === 'groupinstall') return true;
  switch (pc.manager) {
    case 'apt':
      return v.includes('=');
    case 'apk':
      return /[=~<>]/.test(v);
    case 'zypper':
      return /[=<>]/.test(v) || v.includes(':');
    case 'yum': {
      // name-version[-release]: the part after the last dash starts with a digit (java-11-openjdk is a name).
      if (v.startsWith('@') || /[=<>]/.test(v)) return true;
      const dash = v.lastIndexOf('-');
      return dash > 0 && /^\d/.test(v.slice(dash + 1));
    }
    case 'pip':
      // Any PEP 440 specifier or a direct reference (`name @ url`).
      return /[=<>!~@]/.test(v);
    case 'npm':
    case 'yarn': {
      const at = v.indexOf('@', 1);
      if (at < 0) return false;
      const version = v.slice(at + 1);
      return version !== '' && version !== 'latest' && version !== 'next';
    }
    case 'gem':
      return v.includes(':') || hasOption(pc, '-v', '--version');
  }
}

/** Package name without version, release or extras: `curl=7.88` → `curl`, `requests[socks]==2` → `requests`. */
export function packageName(pc: PackageCommand, value: string): string {
  switch (pc.manager) {
    case 'npm':
    case 'yarn': {
      const at = value.indexOf('@', 1);
      return at < 0 ? value : value.slice(0, at);
    }
    case 'pip':
      return value.split(/[[=<>!~@;\s]/)[0] ?? value;
    case 'yum': {
      const dash = value.lastIndexOf('-');
      if (dash > 0 && /^\d/.test(value.slice(dash + 1))) {
        // name-version-release: drop the release too when it also starts with a digit.
        const head = value.slice(0, dash);
        const prev = head.lastIndexOf('-');
        return prev > 0 && /^\d/.test(head.slice(prev + 1)) ? head.slice(0, prev) : head;
      }
      return value;
    }
    default:
      return value.split(/[=~<>:/]/)[0] ?? value;
  }
}

/**
 * Whether an `rm` command removes `path` (or a folder that contains it): `rm -rf /var/lib/apt/lists/*`
 * and `rm -rf /var/lib/apt` both remove `/var/lib/apt/lists`.
 */
export function removesPath(cmd: ShellCommand, path: string): boolean {
  const c = cmd.unwrapped();
  if (c.program !== 'rm') return false;
  return c.operands(false).some((w) => coversPath(w.value, path));
}

/** `/var/cache/apk/*`, `/var/cache/apk/` and `/var/cache` all cover `/var/cache/apk`; `~` and `$HOME` are `/root`. */
export function coversPath(written: string, path: string): boolean {
  let p = written.replace(/^(~|\$HOME|\$\{HOME\})(?=\/|$)/, '/root').replace(/\/\*$/, '').replace(/\/+$/, '');
  if (p === '') p = '/';
  if (p === '/') return false;
  return path === p || path.startsWith(p + '/') || (p.endsWith('*') && path.startsWith(p.slice(0, -1)));
}

/** Whether a RUN has a `--mount=type=cache` whose target covers `path`. */
export function cacheMountCovers(ins: Instruction, path: string): boolean {
  return ins.mounts.some((m) => m.type === 'cache' && coversPath(m.options.get('target') ?? m.options.get('dst') ?? m.options.get('destination') ?? '', path));
}

/**
 * An edit that adds `option` right after `word` of a RUN: ` --no-cache` in shell form,
 * `, "--no-cache"` after the JSON string in exec form.
 */
export function insertOptionAfter(ins: Instruction, word: ShellWord, option: string): { span: Span; newText: string } {
  if (ins.jsonForm) {
    const arg = ins.args.find((a) => a.span.start <= word.span.start && word.span.start < a.span.end);
    if (arg) return { span: { start: arg.span.end, end: arg.span.end }, newText: `, ${JSON.stringify(option)}` };
  }
  return { span: { start: word.span.end, end: word.span.end }, newText: ` ${option}` };
}

/**
 * An edit that runs `command` after everything else in a shell-form RUN: ` && command` at the end
 * of the command line, or a new last line in a `RUN <<EOF` script. Undefined when there is no
 * safe place (exec form, heredocs fed to other programs, a trailing `&` or continuation).
 */
export function appendCommand(ins: Instruction, text: string, escapeChar: string, command: string): { span: Span; newText: string } | undefined {
  if (ins.jsonForm || ins.argsSpan === undefined) return undefined;
  if (ins.heredocs.length > 0) {
    // Only `RUN <<EOF` (the body is the script): the arguments before the body are the marker alone.
    const body = ins.heredocs[0]!.contentSpan;
    const head = ins.args.filter((a) => a.span.end <= body.start);
    if (ins.heredocs.length !== 1 || head.length !== 1 || !/^<<-?["']?\w+["']?$/.test(head[0]!.value)) return undefined;
    const content = text.slice(body.start, body.end);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    // The body ends with its last line break (or is empty); the new line goes before the delimiter.
    if (content === '' || /\r?\n$/.test(content)) return { span: { start: body.end, end: body.end }, newText: command + eol };
    return { span: { start: body.end, end: body.end }, newText: eol + command };
  }
  let end = ins.span.end;
  while (end > ins.argsSpan.start && /\s/.test(text[end - 1]!)) end--;
  const last = text[end - 1];
  if (last === undefined || last === '&' || last === '|' || last === escapeChar || last === '\\') return undefined;
  // A shell comment at the end of the line would swallow the appended command.
  const lastCommandEnd = Math.max(0, ...(ins.shell?.commands ?? []).map((c) => c.span.end));
  if (text.slice(lastCommandEnd, end).includes('#')) return undefined;
  return { span: { start: end, end }, newText: last === ';' ? ` ${command}` : ` && ${command}` };
}
