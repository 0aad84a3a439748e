import type { EngineConfig } from '../../config';
import { stageChain, type DockerfileModel, type Instruction } from '../../model/dockerfile';
import { substituteArgs } from '../../parse/dockerfile';

/**
 * Secret detection shared by the secret rules: which variable names are secret-like, which
 * values look like real credentials, which values are placeholders or references, which file
 * paths hold keys or credentials, and how to mention a secret without leaking it.
 *
 * Two levels:
 * - a real credential (the value has a known token format, or is a high-entropy string under a
 *   secret-like name) is an error;
 * - a secret-like name with a literal, non-placeholder value is a warning.
 *
 * Every pattern is compiled once at module load; the functions are linear in the value.
 */

/** What a finding tells about a value; `what` names the detected format for messages. */
export interface SecretMatch {
  readonly level: 'credential' | 'literal';
  /** e.g. "an AWS access key ID", "a private key block", "a high-entropy string". */
  readonly what: string;
  /** The matched credential inside the value (for narrowing spans); undefined for whole-value matches. */
  readonly match?: string;
}

// ---------------------------------------------------------------------------------------------
// Credential formats

interface Format {
  readonly what: string;
  /** A substring every match contains: a cheap pre-check before the regular expression runs. */
  readonly hint: string;
  readonly pattern: RegExp;
}

/** Known token formats, anywhere in a value, whatever the name. */
const FORMATS: readonly Format[] = [
  { what: 'a private key block', hint: 'PRIVATE KEY', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { what: 'an AWS access key ID', hint: 'A', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/ },
  { what: 'a GitHub token', hint: '_', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/ },
  { what: 'a GitLab token', hint: 'glpat-', pattern: /\bglpat-[A-Za-z0-9_-]{20,100}/ },
  { what: 'a Slack token', hint: 'xox', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,250}/ },
  { what: 'a Stripe live key', hint: '_live_', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,250}/ },
  { what: 'an npm token', hint: 'npm_', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'a Google API key', hint: 'AIza', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { what: 'a SendGrid API key', hint: 'SG.', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { what: 'a Mailchimp API key', hint: '-us', pattern: /\b[0-9a-f]{32}-us[0-9]{1,2}\b/ },
  { what: 'a Square token', hint: 'sq0', pattern: /\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,43}/ },
  { what: 'a Shopify token', hint: 'shp', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/ },
  { what: 'a Hugging Face token', hint: 'hf_', pattern: /\bhf_[A-Za-z]{34}\b/ },
  { what: 'an OpenAI API key', hint: 'T3BlbkFJ', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,120}T3BlbkFJ[A-Za-z0-9_-]{20,120}/ },
  { what: 'a JSON Web Token', hint: 'eyJ', pattern: /\beyJ[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,2048}/ },
];

/** `scheme://user:password@host`: the password group is checked for placeholders and references. */
const URL_WITH_PASSWORD = /\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/([^\s:@/?#'"]{0,256}):([^\s@/?#'"]{1,256})@[^\s@]/g;

/** Documentation examples (AWS's `AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`, ...). */
const EXAMPLE_MARKER = /example|sample|dummy|fake|placeholder|redacted|x{6,}|0{8,}/i;

/** The first known credential format found in `value`, or undefined. */
export function credentialFormat(value: string): SecretMatch | undefined {
  if (value.length < 16) return undefined;
  for (const f of FORMATS) {
    if (!value.includes(f.hint)) continue;
    const m = f.pattern.exec(value);
    if (m && !EXAMPLE_MARKER.test(m[0])) return { level: 'credential', what: f.what, match: m[0] };
  }
  if (!value.includes('://')) return undefined;
  URL_WITH_PASSWORD.lastIndex = 0;
  for (let m = URL_WITH_PASSWORD.exec(value); m; m = URL_WITH_PASSWORD.exec(value)) {
    const password = m[2]!;
    if (!isNonSecretValue(password) && !/^[*x.]+$/i.test(password)) return { level: 'credential', what: 'a URL with an embedded password', match: m[0].slice(0, -1) };
  }
  return undefined;
}

/** `HF_TOKEN`, `GOOGLE_API_KEY_VAL`: a variable name standing in for the value. */
const NAME_LIKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** AWS secret access keys have no prefix: 40 base64 characters, recognised under an AWS secret name. */
const AWS_SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const HEX = /^[0-9a-fA-F]+$/;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~:!@#%^&*]+$/;

/**
 * A random-looking string: long, no blanks, letters and digits mixed, and high entropy (a
 * generated key, not a word). Hex needs more length since its alphabet is small.
 */
export function isHighEntropy(value: string): boolean {
  if (value.length < 16 || value.length > 4096 || !TOKEN_CHARS.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (HEX.test(value)) return value.length >= 32 && entropy(value) >= 3.3;
  return value.length >= 20 && entropy(value) >= 4.0;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Words that make a name secret-like on their own. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'creds',
  'apikey', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'accesstoken', 'authkey',
]);
/**
 * Words that are secret-like only as the last word: `DB_PASS`, `BASIC_AUTH`, `REDIS_AUTH`,
 * `AUTH_SALT`, but not `GF_AUTH_ANONYMOUS_ORG_ROLE` or `PASS_THROUGH`.
 */
const SECRET_LAST_WORDS = new Set(['pass', 'auth', 'authorization', 'pwd', 'salt']);
/** `<qualifier>_KEY` names that are secret (`API_KEY`, `PRIVATE_KEY`, `ENCRYPTION_KEY`...); `GPG_KEY`, `PUBLIC_KEY` are not. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'encryption', 'signing', 'master', 'license', 'auth', 'session', 'cookie', 'hmac', 'jwt', 'client', 'shared', 'webhook', 'service', 'in']);
/** Words inside compound lower-case names (`dbpassword`, `mysqlpasswd`). */
const SECRET_SUFFIXES = ['password', 'passwd', 'secret'];
/**
 * A last word that says the variable is about a secret, not the secret itself:
 * `PASSWORD_FILE`, `TOKEN_URL`, `AUTH_METHOD`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`...
 */
const QUALIFIERS = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'url', 'uri', 'urls', 'endpoint', 'host', 'hostname', 'port', 'server',
  'domain', 'method', 'methods', 'type', 'types', 'algorithm', 'algorithms', 'alg', 'length', 'len', 'ttl', 'timeout',
  'expiry', 'expires', 'expiration', 'lifetime', 'duration', 'age', 'seconds', 'secs', 'sec', 'minutes', 'mins',
  'hours', 'days', 'ms', 'enabled', 'enable', 'disabled', 'disable', 'required', 'policy', 'mode', 'header', 'name',
  'names', 'id', 'ids', 'location', 'version', 'provider', 'providers', 'issuer', 'audience', 'realm', 'scope', 'scopes',
  'field', 'prefix', 'suffix', 'format', 'encoding', 'regex', 'pattern', 'min', 'max', 'limit', 'count', 'size',
  'rounds', 'iterations', 'bits', 'interval', 'retries', 'user', 'username', 'usernames', 'login', 'email', 'strength',
  'complexity', 'hint', 'ref', 'template', 'store', 'backend', 'manager', 'source', 'mount', 'volume',
  'namespace', 'label', 'annotation', 'env', 'var', 'variable', 'kind', 'class', 'plugin', 'strategy', 'config',
  'cache', 'refresh', 'rotation', 'validation', 'verify', 'check', 'flow', 'grant', 'response', 'request', 'role',
  'roles', 'group', 'groups', 'connector', 'connectors', 'db', 'database', 'reset', 'hasher', 'encoder', 'validator',
  'generator', 'rule', 'rules', 'history', 'storage', 'in', 'at', 'after', 'before', 'every', 'engine', 'level',
  'lockout', 'attempts', 'uppercase', 'lowercase', 'digits', 'symbols', 'special',
]);

/** Splits `DB_PASSWORD`, `dbPassword`, `APIKey`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Whether the name alone says "secret", before config globs. */
function builtinSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (QUALIFIERS.has(last)) return false;
  // DB_PWD, MYSQL_PWD; `PWD` alone is the working directory.
  if (SECRET_LAST_WORDS.has(last) && words.length > 1) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SECRET_WORDS.has(w)) return true;
    if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)) return true;
    if (w.length > 8 && SECRET_SUFFIXES.some((s) => w.endsWith(s))) return true;
  }
  return false;
}

interface NameMatchers {
  readonly extra: readonly RegExp[];
  readonly allowed: readonly RegExp[];
}

const matcherCache = new WeakMap<EngineConfig['secrets'], NameMatchers>();

/** Case-insensitive glob (`*`, `?`) over the whole name. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function matchers(config: EngineConfig['secrets']): NameMatchers {
  let m = matcherCache.get(config);
  if (!m) {
    m = { extra: config.names.map(globToRegExp), allowed: config.allowedNames.map(globToRegExp) };
    matcherCache.set(config, m);
  }
  return m;
}

/** Whether a variable or key name is secret-like: built-in words plus `secrets.names`, minus `secrets.allowedNames`. */
export function isSecretName(name: string, config: EngineConfig['secrets']): boolean {
  const m = matchers(config);
  if (m.allowed.some((r) => r.test(name))) return false;
  return m.extra.some((r) => r.test(name)) || builtinSecretName(name);
}

/** Whether the name is allowed by configuration (never a secret, not even for format checks). */
export function isAllowedName(name: string, config: EngineConfig['secrets']): boolean {
  return matchers(config).allowed.some((r) => r.test(name));
}

// ---------------------------------------------------------------------------------------------
// Values that are not secrets

/** Obvious placeholders, booleans and documentation values. */
const PLACEHOLDER = new RegExp(
  '^(?:' +
    [
      'change[-_. ]?(?:me|it|this|that)(?:[-_. ]?(?:please|now|later))?',
      'replace[-_. ]?(?:me|this|with[-_. ].*)',
      'to[-_. ]?do', 'tbd', 'fix[-_. ]?me', 'none', 'null', 'nil', 'undefined', 'empty', 'unset', 'n/?a',
      'example', 'sample', 'dummy', 'fake', 'placeholder', 'redacted', 'hidden', 'masked', 'not[-_. ]?set', 'default',
      'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '0', '1', 'enabled?', 'disabled?', 'required', 'optional', 'auto',
      // The secret word itself, or `user:password`, stands for the real value.
      'password', 'passwd', 'pass', 'secret', 'token', 'key', 'api[-_]?key', 'credentials?', 'user(?:name)?:pass(?:word)?',
      '[*]+', 'x+', '[.]+', '-+', '[?]+', '[#]+', '_+',
      '\\d+(?:ms|s|m|h|d|w|y)', // durations: TOKEN_EXPIRES=7d
      '<[^<>]*>', '\\[[^\\]]*\\]', '\\{\\{.*\\}\\}', '\\{[A-Za-z_][\\w.]*\\}', '%[A-Za-z_][\\w.]*%', '@[A-Za-z_][\\w.]*@', '__[A-Z0-9_]+__',
      '(?:insert|enter|put|add|set|paste)[-_. ]?(?:your|the|a)?[-_. ].*',
      'your[-_. ].*', '.*[-_. ](?:here|goes[-_. ]here)', 'my[-_. ]?(?:secret|password|token|key|api[-_. ]?key|pass)',
      '(?:example|sample|dummy|fake|test)[-_. ].*', '.*[-_. ](?:example|sample|placeholder|dummy)',
    ].join('|') +
    ')$',
  'i',
);

/** `${VAR}`, `$VAR`, `$(VAR)` (Kubernetes dependent variables), `{{ template }}`, `%(name)s`. */
const REFERENCE = /\$\{|\$\(|\$[A-Za-z_]|\{\{|%\([A-Za-z_]+\)s|#\{/;
/** An absolute path, e.g. `/run/secrets/db_password`, `/var/run/secrets/.../token`. */
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|~\/|\.\.?\/)[^\s:]*$/;
/** A plain URL (a URL with a password is caught by the format check first). */
const PLAIN_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S*$/;

/**
 * Values that are never literal secrets: empty, references to other variables, paths (secret
 * files mounted at run time), URLs, placeholders, booleans.
 */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (REFERENCE.test(v)) return true;
  if (ABSOLUTE_PATH.test(v) && v.includes('/')) return true;
  if (PLAIN_URL.test(v)) return true;
  return PLACEHOLDER.test(v);
}

// ---------------------------------------------------------------------------------------------
// Classification

/**
 * Classifies a name/value pair. A known token format is a credential whatever the name (unless
 * the name is allowed by configuration); under a secret-like name, a high-entropy value is a
 * credential and any other literal, non-placeholder value a literal secret.
 */
export function classifySecret(name: string, value: string, config: EngineConfig['secrets']): SecretMatch | undefined {
  if (isAllowedName(name, config)) return undefined;
  const format = credentialFormat(value);
  if (format) return format;
  if (!isSecretName(name, config)) return undefined;
  const v = value.trim();
  if (isNonSecretValue(v) || NAME_LIKE.test(v) || EXAMPLE_MARKER.test(v) || v.toLowerCase() === name.toLowerCase()) return undefined;
  const words = nameWords(name);
  if (words.includes('aws') && AWS_SECRET_KEY.test(v) && !EXAMPLE_MARKER.test(v)) return { level: 'credential', what: 'an AWS secret access key' };
  if (isHighEntropy(v)) return { level: 'credential', what: 'a high-entropy secret' };
  return { level: 'literal', what: 'a literal secret' };
}

/** How a secret is mentioned in messages: never its value, only its length. */
export function redact(value: string): string {
  return `**** ${value.length} chars`;
}

// ---------------------------------------------------------------------------------------------
// Files

/** Certificates, CA bundles, DH parameters and public (e.g. repository signing) keys share extensions with private keys. */
const PUBLIC_KEY_WORD = /(?:^|[-_.])(?:pub|public|pubkey)(?:[-_.]|$)/;
const PRIVATE_KEY_WORD = /(?:^|[-_.])(?:key|priv|private|privkey|privatekey)(?:[-_.]|$)/;
const PUBLIC_MATERIAL = /(?:^|[-_.])(?:ca|cas|cacert|cert|certs|certificate|crt|chain|fullchain|bundle|root|trust|truststore|dh|dhparams?|gpg|pgp|asc|signing|release|apt|repo|archive|keyring)(?:[-_.]|$)/;

/**
 * Whether a path (a COPY/ADD source or destination, a build-context file) names a key or
 * credential file; returns what it is, for messages. Directories `.ssh`, `.aws`, `.docker`,
 * `.kube` count as a whole. Globs are not guessed.
 */
export function secretFileKind(path: string): string | undefined {
  const clean = path.replace(/\\/g, '/').replace(/\/+$/, '');
  if (/[*?[]/.test(clean)) return undefined;
  const parts = clean.split('/');
  const base = parts[parts.length - 1] ?? '';
  const parent = parts[parts.length - 2] ?? '';
  const lower = base.toLowerCase();
  if (/^id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk)(?:[-_.].*)?$/.test(lower) && !lower.endsWith('.pub')) return 'an SSH private key';
  if (lower === '.ssh') return 'an SSH directory';
  if (lower === '.aws' || (parent === '.aws' && (lower === 'credentials' || lower === 'config'))) return 'AWS credentials';
  if (lower === '.docker' || (parent === '.docker' && lower === 'config.json') || lower === '.dockercfg') return 'Docker registry credentials';
  if (lower === '.kube' || (parent === '.kube' && lower === 'config') || lower === 'kubeconfig' || lower.endsWith('.kubeconfig')) return 'a kubeconfig';
  if (lower === '.env' || (lower.startsWith('.env.') && !/\.(?:example|sample|template|tmpl|tpl|dist|defaults?|schema|ci|test|testing)$/.test(lower))) return 'a .env file';
  if (lower === '.npmrc') return 'an .npmrc file';
  if (lower === '.pypirc') return 'a .pypirc file';
  if (lower === '.netrc' || lower === '_netrc') return 'a .netrc file';
  if (lower === '.pgpass') return 'a .pgpass file';
  if (lower === '.git-credentials') return 'a .git-credentials file';
  if (/\.(?:p12|pfx)$/.test(lower)) return 'a PKCS#12 key store';
  if (/\.(?:jks|keystore)$/.test(lower)) return 'a Java key store';
  if (lower.endsWith('.ppk')) return 'a PuTTY private key';
  const stem = lower.replace(/\.(?:pem|key)$/, '');
  if (stem === lower || PUBLIC_KEY_WORD.test(stem)) return undefined;
  if (PRIVATE_KEY_WORD.test(stem) || !PUBLIC_MATERIAL.test(stem)) return lower.endsWith('.key') ? 'a private key file' : 'a PEM key file';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile values


/**
 * `text` with the `$VAR`/`${VAR}` references Docker would expand at instruction `at`, using the
 * defaults in scope: ENV from the stage and the stages it is built FROM, ARG from the stage only
 * (a bare `ARG NAME` takes the default of a global ARG). Build-time `--build-arg` overrides cannot
 * be known. Undefined when a reference stays unresolved.
 */
export function resolveDockerfileVariables(model: DockerfileModel, at: Instruction, text: string): string | undefined {
  const stage = at.stage;
  if (!stage) return undefined;
  const globals = new Map<string, string | undefined>();
  for (const ins of model.globalArgs) for (const p of ins.properties) globals.set(p.name, p.value === undefined ? undefined : p.value);
  const scope = new Map<string, string | undefined>();
  for (const s of stageChain(stage).reverse()) {
    for (const ins of s.instructions) {
      if (ins === at) break;
      if (ins.onbuild) continue;
      if (ins.keyword === 'ARG' && s === stage) {
        for (const p of ins.properties) scope.set(p.name, p.value === undefined ? globals.get(p.name) : expand(p.value, scope));
      } else if (ins.keyword === 'ENV') {
        for (const p of ins.properties) scope.set(p.name, expand(p.value ?? '', scope));
      }
    }
  }
  return expand(text, scope);
}

function expand(text: string, scope: ReadonlyMap<string, string | undefined>): string | undefined {
  if (!text.includes('$')) return text;
  const out = substituteArgs(text, scope);
  return out.includes('$') ? undefined : out;
}
