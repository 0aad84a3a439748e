import type { ShellCommand, ShellScript, ShellWord } from '../../parse/shell';
import type { Span } from '../../source';

/**
 * Ways to turn off TLS certificate verification, in shell commands (RUN) and in environment
 * variables (ENV, ARG, Compose `environment`/`build.args`, Kubernetes `env`), and a helper that
 * recognises configuration written from the shell (`echo ... >> /etc/yum.conf`, `| tee`, `sed -i`),
 * which package-signature-bypass uses too.
 */

/** A finding in a shell script: an option, a configuration setting or an environment assignment. */
export interface ShellTlsFinding {
  readonly kind: 'flag' | 'setting' | 'env';
  readonly span: Span;
  readonly tool: string;
  /** The option (`-k`), the quoted setting (`"http.sslVerify false"`, maybe with ` in <file>`) or the variable name. */
  readonly detail: string;
}

/** Which values of an environment variable disable verification. */
export interface InsecureEnv {
  readonly tool: string;
  /** `presence`: setting it at all disables (GIT_SSL_NO_VERIFY); `nonEmpty`: any non-empty value (a host list); else the listed values. */
  readonly insecure: 'presence' | 'nonEmpty' | ReadonlySet<string>;
}

const FALSE_VALUES = new Set(['false', 'False', 'FALSE', '0']);
const GOFLAGS_INSECURE = /(^|\s)-insecure(=true)?(\s|$)/;

/** Environment variables that turn off certificate verification, by name. */
const INSECURE_ENV: ReadonlyMap<string, InsecureEnv> = new Map<string, InsecureEnv>([
  ['NODE_TLS_REJECT_UNAUTHORIZED', { tool: 'Node.js', insecure: new Set(['0']) }],
  ['PYTHONHTTPSVERIFY', { tool: 'Python', insecure: new Set(['0']) }],
  ['NPM_CONFIG_STRICT_SSL', { tool: 'npm', insecure: FALSE_VALUES }],
  ['YARN_STRICT_SSL', { tool: 'Yarn', insecure: FALSE_VALUES }],
  ['YARN_ENABLE_STRICT_SSL', { tool: 'Yarn', insecure: FALSE_VALUES }],
  // git disables verification when the variable is set at all, whatever its value.
  ['GIT_SSL_NO_VERIFY', { tool: 'git', insecure: 'presence' }],
  ['PIP_TRUSTED_HOST', { tool: 'pip', insecure: 'nonEmpty' }],
  ['UV_INSECURE_HOST', { tool: 'uv', insecure: 'nonEmpty' }],
  ['GOINSECURE', { tool: 'Go modules', insecure: 'nonEmpty' }],
  // requests (and pip's vendored copy) treat an empty CA bundle path as "do not verify".
  ['CURL_CA_BUNDLE', { tool: 'Python requests', insecure: new Set(['']) }],
]);

/**
 * The tool whose verification `name=value` turns off, or undefined. Names are compared
 * case-insensitively for npm's `npm_config_*` (npm reads them in any case), exactly otherwise.
 */
export function insecureEnv(name: string, value: string | undefined): { tool: string; presenceOnly: boolean } | undefined {
  if (value === undefined) return undefined;
  const key = name.toLowerCase().startsWith('npm_config_') ? name.toUpperCase() : name;
  const entry = INSECURE_ENV.get(key);
  if (entry) {
    const v = value.trim();
    if (entry.insecure === 'presence') return { tool: entry.tool, presenceOnly: true };
    if (entry.insecure === 'nonEmpty') return v !== '' ? { tool: entry.tool, presenceOnly: true } : undefined;
    return entry.insecure.has(v) ? { tool: entry.tool, presenceOnly: false } : undefined;
  }
  if (name === 'GOFLAGS' && GOFLAGS_INSECURE.test(value)) return { tool: 'Go', presenceOnly: false };
  return undefined;
}

// --- configuration written from the shell -------------------------------------------------------

/** Text written into a file by `echo`/`printf` (redirected or piped into `tee`) or edited by `sed -i`. */
export interface ConfigWrite {
  readonly path: string;
  readonly text: string;
  readonly span: Span;
}

const ECHO_OPTIONS = /^-[neE]+$/;

/** The configuration `cmd` writes, if it is `echo`/`printf ... > file`, `echo ... | tee file` or `sed -i ... file`. */
export function configWrite(cmd: ShellCommand): ConfigWrite | undefined {
  const u = cmd.unwrapped();
  const program = u.program;
  if (program === 'echo' || program === 'printf') {
    const args = u.args;
    let first = 0;
    if (program === 'echo') while (first < args.length && ECHO_OPTIONS.test(args[first]!.value)) first++;
    const text = args.slice(first).map((a) => a.value).join(' ');
    const redirect = u.redirects.find((r) => /^[1]?>>?$|^>\|$/.test(r.op) && r.target);
    let path = redirect?.target?.value;
    let end = tightEnd(cmd);
    if (path === undefined && cmd.terminator === '|') {
      const i = cmd.pipeline.indexOf(cmd);
      const next = cmd.pipeline[i + 1]?.unwrapped();
      if (next?.program === 'tee') {
        path = next.args.find((a) => !a.value.startsWith('-'))?.value;
        end = tightEnd(cmd.pipeline[i + 1]!);
      }
    }
    return path === undefined ? undefined : { path, text, span: { start: cmd.span.start, end } };
  }
  if (program === 'sed' && u.args.some((a) => /^-[A-Za-z]*i/.test(a.value) || a.value.startsWith('--in-place'))) {
    const operands = u.args.filter((a) => !a.value.startsWith('-'));
    const path = operands[operands.length - 1]?.value;
    const explicit = u.args.flatMap((a, i) => (a.value === '-e' || a.value === '--expression' ? [u.args[i + 1]?.value ?? ''] : []));
    // Without -e, the first operand is the script; the others are files.
    const scripts = explicit.length > 0 ? explicit : operands.slice(0, 1).map((a) => a.value);
    const files = explicit.length > 0 ? operands.filter((o) => !explicit.includes(o.value)) : operands.slice(1);
    if (path === undefined || files.length === 0) return undefined;
    // Only what the edit writes counts: the replacement of `s/old/new/` commands.
    return { path, text: scripts.map(sedReplacement).join('\n'), span: { start: cmd.span.start, end: tightEnd(cmd) } };
  }
  return undefined;
}

/** The end of a command's last word or redirect target (its span also covers blanks before the next operator). */
export function tightEnd(cmd: ShellCommand): number {
  let end = cmd.span.start;
  for (const w of cmd.argv) end = Math.max(end, w.span.end);
  for (const w of cmd.assignments) end = Math.max(end, w.span.end);
  for (const r of cmd.redirects) if (r.target) end = Math.max(end, r.target.span.end);
  return end;
}

/** The text a sed script writes: replacements of `s` commands (`s/a/b/g; s|c|d|` gives "b\nd") and `a`/`i`/`c` texts. */
function sedReplacement(script: string): string {
  const out: string[] = [];
  for (const m of script.matchAll(SED_SUBSTITUTE)) {
    const delimiter = m[1]!;
    const parts: string[] = [];
    let current = '';
    for (let i = m.index! + m[0].length; i < script.length && parts.length < 2; i++) {
      const c = script[i]!;
      if (c === '\\' && i + 1 < script.length) current += c + script[++i];
      else if (c === delimiter) {
        parts.push(current);
        current = '';
      } else current += c;
    }
    if (parts.length === 2) out.push(parts[1]!);
  }
  // `a text`, `i text`, `c text` (GNU one-line forms) write their text.
  for (const m of script.matchAll(SED_TEXT)) out.push(m[1]!);
  return out.join('\n');
}

const SED_TEXT = /(?:^|[;\n}/$0-9])\s*[aic]\\?\s+([^;\n]+)/g;
const SED_SUBSTITUTE = /(?:^|[;\n{}\s/])s([^\\\n\sa-zA-Z0-9])/g;

// --- TLS in shell commands ---------------------------------------------------------------------

const PIP = /^pip[0-9.]*$/;
const PYTHON = /^python[0-9.]*$/;
const FALSEY = /^(?:false|0|no|off)$/i;
const WGET_CHECK_OFF = /^\s*check_certificate\s*=\s*off\s*$/i;
const SSLVERIFY_OPT = /^(?:[^=\s]+\.)?sslverify=(?:0|false|no|off)$/i;
const APT_VERIFY_OPT = /^Acquire::https::(?:[^:=]+::)?Verify-(?:Peer|Host)=(?:false|0|no)$/i;
const GIT_SSLVERIFY_KEY = /^http\.(?:.+\.)?sslverify$/i;
const NODE_TOOLS = new Set(['npm', 'pnpm', 'yarn']);
const CONDA = new Set(['conda', 'mamba', 'micromamba']);
const RPM_TOOLS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'yum-config-manager', 'dnf-3', 'dnf5']);
const CONTAINER_TOOLS = new Set(['podman', 'buildah', 'skopeo']);

/** Configuration files and the settings in them that turn off TLS verification. */
const CONFIG_RULES: readonly { file: RegExp; setting: RegExp; tool: string }[] = [
  { file: /(^|\/)\.curlrc$/, setting: /(?:^|\s|\\n)(?:-k|--insecure|insecure)(?=\s|\\n|$)/, tool: 'curl' },
  { file: /(^|\/)\.?wgetrc$/, setting: /check_certificate\s*=\s*off/i, tool: 'wget' },
  { file: /(^|\/)\.?npmrc$/, setting: /strict-ssl\s*=\s*false/i, tool: 'npm' },
  { file: /(^|\/)\.yarnrc(\.yml)?$/, setting: /strict-ssl\s+false|enableStrictSsl:\s*false/i, tool: 'Yarn' },
  { file: /(^|\/)pip\.(conf|ini)$/, setting: /trusted-host\s*=/i, tool: 'pip' },
  { file: /(^|\/)(yum|dnf)\.conf$|\.repo$/, setting: /(?:^|\s|\\n)sslverify\s*=\s*(?:0|false|no|off)\b/i, tool: 'yum/dnf' },
  { file: /(^|\/)apt\.conf(\.d\/.*)?$/, setting: /Verify-(?:Peer|Host)\s+"?(?:false|0|no)/i, tool: 'apt' },
  { file: /(^|\/)\.condarc$/, setting: /ssl_verify:\s*(?:false|no)\b/i, tool: 'conda' },
  { file: /(^|\/)\.?gitconfig$/, setting: /sslverify\s*=\s*(?:false|0|no|off)\b/i, tool: 'git' },
];

/** Every way a shell script turns off TLS certificate verification. */
export function insecureTlsInScript(script: ShellScript): ShellTlsFinding[] {
  const out: ShellTlsFinding[] = [];
  const seen = new Set<string>();
  const add = (f: ShellTlsFinding): void => {
    const key = `${f.span.start}:${f.span.end}:${f.detail}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const cmd of script.allCommands()) {
    for (const f of insecureTlsInCommand(cmd)) add(f);
  }
  return out;
}

function flag(word: ShellWord, tool: string, detail: string): ShellTlsFinding {
  return { kind: 'flag', span: word.span, tool, detail };
}

function setting(span: Span, tool: string, detail: string): ShellTlsFinding {
  return { kind: 'setting', span, tool, detail };
}

/** `NAME=value` before a command, after `export`/`env`/`declare -x`. */
function envAssignments(cmd: ShellCommand): ShellWord[] {
  const words = [...cmd.assignments];
  const program = cmd.program;
  if (program === 'export' || program === 'env' || program === 'declare' || program === 'typeset' || program === 'readonly') {
    for (const a of cmd.args) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a.value)) words.push(a);
      else if (program === 'env' && !a.value.startsWith('-')) break;
    }
  }
  return words;
}

function insecureTlsInCommand(cmd: ShellCommand): ShellTlsFinding[] {
  const out: ShellTlsFinding[] = [];
  for (const w of envAssignments(cmd)) {
    const eq = w.value.indexOf('=');
    const name = w.value.slice(0, eq);
    const hit = insecureEnv(name, w.value.slice(eq + 1));
    if (hit) out.push({ kind: 'env', span: w.span, tool: hit.tool, detail: name });
  }
  const u = cmd.unwrapped();
  const program = u.program ?? '';
  const args = u.args;
  const word = (w: ShellWord | undefined): string => w?.value ?? '';

  if (program === 'curl') {
    const w = u.findFlag('-k', '--insecure', '--proxy-insecure', '--doh-insecure');
    if (w) out.push(flag(w, 'curl', w.value.startsWith('--') ? w.value : '-k'));
  } else if (program === 'wget' || program === 'wget2') {
    const w = u.findFlag('--no-check-certificate');
    if (w) out.push(flag(w, 'wget', '--no-check-certificate'));
    args.forEach((a, i) => {
      // `-e command`, `-ecommand`, `--execute command`, `--execute=command` run a wgetrc command.
      const separate = a.value === '-e' || a.value === '--execute';
      const text = separate ? word(args[i + 1]) : a.value.startsWith('--execute=') ? a.value.slice('--execute='.length) : /^-e./.test(a.value) ? a.value.slice(2) : '';
      if (WGET_CHECK_OFF.test(text)) out.push(setting(separate ? args[i + 1]!.span : a.span, 'wget', `"${text.trim()}"`));
    });
  } else if (PIP.test(program) || program === 'uv' || (PYTHON.test(program) && args.some((a, i) => a.value === '-m' && /^pip[0-9.]*$/.test(word(args[i + 1]))))) {
    const tool = program === 'uv' ? 'uv' : 'pip';
    const w = u.findFlag('--trusted-host', '--allow-insecure-host');
    if (w) out.push(flag(w, tool, w.value.split('=')[0]!));
    const ops = u.operands(false).map((a) => a.value);
    const setIdx = ops.indexOf('set');
    if (ops.includes('config') && setIdx >= 0 && /(^|\.)trusted-host$/.test(ops[setIdx + 1] ?? '')) {
      out.push(setting(u.span, tool, `"${`${ops[setIdx + 1]} ${ops[setIdx + 2] ?? ''}`.trim()}"`));
    }
  } else if (program === 'git') {
    args.forEach((a, i) => {
      const kv = a.value === '-c' ? word(args[i + 1]) : a.value.startsWith('-c') && a.value.length > 2 ? a.value.slice(2) : undefined;
      if (kv === undefined) return;
      const eq = kv.indexOf('=');
      if (eq > 0 && GIT_SSLVERIFY_KEY.test(kv.slice(0, eq)) && FALSEY.test(kv.slice(eq + 1))) {
        out.push(setting(a.value === '-c' ? args[i + 1]!.span : a.span, 'git', `"${kv}"`));
      }
    });
    const ops = u.operands(false);
    const config = ops.findIndex((o) => o.value === 'config');
    if (config >= 0) {
      const rest = ops.slice(config + 1).filter((o) => o.value !== 'set');
      const key = rest[0];
      if (key && GIT_SSLVERIFY_KEY.test(key.value) && FALSEY.test(word(rest[1]))) out.push(setting(rest[1]!.span, 'git', `"${key.value} ${rest[1]!.value}"`));
    }
  } else if (NODE_TOOLS.has(program)) {
    const tool = program === 'yarn' ? 'Yarn' : program;
    args.forEach((a, i) => {
      if (a.value === '--no-strict-ssl' || /^--strict-ssl=(false|0)$/i.test(a.value)) out.push(flag(a, tool, a.value));
      else if (a.value === '--strict-ssl' && FALSEY.test(word(args[i + 1]))) out.push(flag(a, tool, `--strict-ssl ${word(args[i + 1])}`));
    });
    const ops = u.operands(false);
    const set = ops.findIndex((o) => o.value === 'set');
    if (set >= 0 && (ops[0]?.value === 'config' || ops[0]?.value === 'c' || ops[0]?.value === 'set')) {
      const key = ops[set + 1];
      const value = ops[set + 2];
      if (key && /^(strict-ssl|enableStrictSsl)$/.test(key.value) && value && FALSEY.test(value.value)) out.push(setting(value.span, tool, `"${key.value} ${value.value}"`));
      else if (key && /^(strict-ssl|enableStrictSsl)=(false|0)$/i.test(key.value)) out.push(setting(key.span, tool, `"${key.value}"`));
    }
  } else if (RPM_TOOLS.has(program)) {
    args.forEach((a, i) => {
      const opt = a.value === '--setopt' ? args[i + 1] : a.value.startsWith('--setopt=') ? { ...a, value: a.value.slice('--setopt='.length) } : undefined;
      if (opt && SSLVERIFY_OPT.test(opt.value)) out.push(setting(a.value === '--setopt' ? opt.span : a.span, program, `"${opt.value}"`));
    });
  } else if (program === 'apt-get' || program === 'apt' || program === 'aptitude') {
    args.forEach((a, i) => {
      const opt = a.value === '-o' || a.value === '--option' ? args[i + 1] : a.value.startsWith('-o') && a.value.length > 2 ? { ...a, value: a.value.slice(2) } : undefined;
      if (opt && APT_VERIFY_OPT.test(opt.value)) out.push(setting(opt === args[i + 1] ? opt.span : a.span, program, `"${opt.value}"`));
    });
  } else if (CONDA.has(program)) {
    const w = u.findFlag('--insecure');
    if (w) out.push(flag(w, program, '--insecure'));
    args.forEach((a, i) => {
      if (a.value === '--set' && word(args[i + 1]) === 'ssl_verify' && FALSEY.test(word(args[i + 2]))) out.push(setting(args[i + 2]!.span, program, `"ssl_verify ${word(args[i + 2])}"`));
    });
  } else if (program === 'composer') {
    const ops = u.operands(false).map((o) => o.value);
    const i = ops.indexOf('disable-tls');
    if (ops[0] === 'config' && i >= 0 && /^(true|1)$/.test(ops[i + 1] ?? '')) out.push(setting(u.span, 'Composer', '"disable-tls true"'));
  } else if (program === 'kubectl' || program === 'helm' || program === 'oc') {
    const w = u.findFlag('--insecure-skip-tls-verify');
    if (w && !/=false$/i.test(w.value)) out.push(flag(w, program, '--insecure-skip-tls-verify'));
  } else if (CONTAINER_TOOLS.has(program)) {
    for (const a of args) if (/^--(src-|dest-)?tls-verify=false$/i.test(a.value)) out.push(flag(a, program, a.value));
  } else if (program === 'go') {
    if (u.subcommand?.value === 'get') {
      const w = u.findFlag('-insecure');
      if (w) out.push(flag(w, 'go get', '-insecure'));
    }
  }

  const write = configWrite(cmd);
  if (write) {
    for (const rule of CONFIG_RULES) {
      if (rule.file.test(write.path) && rule.setting.test(write.text)) {
        out.push(setting(write.span, rule.tool, `"${rule.setting.exec(write.text)![0].replace(/^(\\n)+/, '').trim()}" in ${write.path}`));
        break;
      }
    }
  }
  return out;
}
