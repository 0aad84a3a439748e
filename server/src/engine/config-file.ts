import { PROFILES, type DeniedImage, type LimitDefaults, type ProfileName } from './config';
import { isMap, isScalar, isSeq, type YMap, type YNode } from './model/yaml';
import { parseYamlStream } from './parse/yaml';
import type { RuleSetting } from './rule';
import type { SourceFile, Span } from './source';

/** One `.bulkhead.yaml`, validated. Paths and globs are relative to the file's folder. */
export interface ConfigFile {
  readonly profile?: ProfileName;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly trustedRegistries?: readonly string[];
  readonly deniedImages?: readonly DeniedImage[];
  readonly ignorePaths?: readonly string[];
  readonly secrets?: { readonly names?: readonly string[]; readonly allowedNames?: readonly string[] };
  readonly defaults?: Partial<LimitDefaults>;
  readonly suppressions?: { readonly requireReason?: boolean; readonly forbid?: readonly string[] };
  readonly maxFileSize?: number;
  readonly overrides?: readonly ConfigOverride[];
  /** Public keys (PEM files, relative to the config file) that image signatures must verify against. */
  readonly verification?: { readonly keys?: readonly string[] };
  /** Image name globs mapped to the Dockerfile (relative to this file) that builds them. */
  readonly images?: Readonly<Record<string, string>>;
  /** Stop looking for `.bulkhead.yaml` files in parent folders. */
  readonly root?: boolean;
}

export interface ConfigOverride {
  /** gitignore-style patterns relative to the config file's folder. */
  readonly files: readonly string[];
  readonly profile?: ProfileName;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export interface ConfigProblem {
  readonly message: string;
  /** Where it is: the key for unknown keys and ids, the value for bad values. */
  readonly span: Span;
}

export const CONFIG_FILE_NAMES = ['.bulkhead.yaml', '.bulkhead.yml'];
export const CONFIG_KEYS = ['profile', 'rules', 'trustedRegistries', 'deniedImages', 'ignorePaths', 'secrets', 'defaults', 'suppressions', 'maxFileSize', 'overrides', 'verification', 'images', 'root'] as const;
const SEVERITIES = ['off', 'info', 'warning', 'error'];
const DEFAULT_KEYS: readonly (keyof LimitDefaults)[] = ['memory', 'cpu', 'memoryRequest', 'cpuRequest', 'composeMemory', 'composeCpus', 'pids'];

/**
 * Reads and validates a config file. Every problem names the key and points at it; valid parts
 * are kept so the editor can go on with them, while the CLI refuses to run on any problem.
 */
export function parseConfigFile(source: SourceFile, isKnownRule: (id: string) => boolean): { config: ConfigFile; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const docs = parseYamlStream(source);
  for (const doc of docs) for (const p of doc.problems) problems.push({ message: `YAML: ${p.message}`, span: shift(p.span, doc.offset) });
  const withContent = docs.filter((d) => d.contents !== undefined);
  if (withContent.length > 1) problems.push({ message: 'the configuration must be a single YAML document', span: shift(withContent[1]!.contents!.span, withContent[1]!.offset) });
  const doc = withContent[0];
  if (!doc || (isScalar(doc.contents) && doc.contents.value === null)) return { config: {}, problems };
  const v = new Validator(problems, doc.offset, isKnownRule);
  if (!isMap(doc.contents)) {
    v.problem(doc.contents!, 'the configuration must be a mapping of keys (profile, rules, ...)');
    return { config: {}, problems };
  }
  return { config: v.file(doc.contents), problems };
}

function shift(span: Span, offset: number): Span {
  return { start: span.start + offset, end: span.end + offset };
}

class Validator {
  constructor(
    private readonly problems: ConfigProblem[],
    private readonly offset: number,
    private readonly isKnownRule: (id: string) => boolean,
  ) {}

  problem(node: YNode, message: string): void {
    this.problems.push({ message, span: shift(node.span, this.offset) });
  }

  file(map: YMap): ConfigFile {
    const out: Record<string, unknown> = {};
    for (const pair of map.entries()) {
      const key = pair.keyText;
      const value = pair.value;
      if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
        this.problem(pair.key, `unknown key "${key}" (allowed: ${CONFIG_KEYS.join(', ')})`);
        continue;
      }
      if (value === undefined || (isScalar(value) && value.value === null)) continue;
      const parsed = this.key(key, value);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as ConfigFile;
  }

  private key(key: string, value: YNode): unknown {
    switch (key) {
      case 'profile': return this.profile(value, 'profile');
      case 'rules': return this.rules(value, 'rules');
      case 'trustedRegistries': case 'ignorePaths': return this.strings(value, key);
      case 'deniedImages': return this.denied(value);
      case 'secrets': return this.object(value, 'secrets', { names: (n) => this.strings(n, 'secrets.names'), allowedNames: (n) => this.strings(n, 'secrets.allowedNames') });
      case 'suppressions': return this.object(value, 'suppressions', { requireReason: (n) => this.bool(n, 'suppressions.requireReason'), forbid: (n) => this.ruleIds(n, 'suppressions.forbid') });
      case 'defaults': return this.object(value, 'defaults', Object.fromEntries(DEFAULT_KEYS.map((k) => [k, (n: YNode) => (k === 'pids' ? this.positiveInt(n, `defaults.${k}`) : this.string(n, `defaults.${k}`))])));
      case 'maxFileSize': return this.positiveInt(value, 'maxFileSize');
      case 'root': return this.bool(value, 'root');
      case 'overrides': return this.overrides(value);
      case 'verification': return this.object(value, 'verification', { keys: (n) => this.strings(n, 'verification.keys') });
      case 'images': return this.stringMap(value, 'images');
      default: return undefined;
    }
  }

  private profile(node: YNode, name: string): ProfileName | undefined {
    const text = this.string(node, name);
    if (text === undefined) return undefined;
    if (!(PROFILES as readonly string[]).includes(text)) {
      this.problem(node, `"${name}" must be one of: ${PROFILES.join(', ')} (got "${text}")`);
      return undefined;
    }
    return text as ProfileName;
  }

  private rules(node: YNode, name: string): Record<string, RuleSetting> | undefined {
    if (!isMap(node)) {
      this.problem(node, `"${name}" must be a mapping of rule ids to off, info, warning or error`);
      return undefined;
    }
    const out: Record<string, RuleSetting> = {};
    for (const p of node.entries()) {
      if (!this.isKnownRule(p.keyText)) {
        this.problem(p.key, `unknown rule id "${p.keyText}" in "${name}"`);
        continue;
      }
      const value = isScalar(p.value) ? p.value.text : undefined;
      if (value === undefined || !SEVERITIES.includes(value)) {
        this.problem(p.value ?? p.key, `"${name}.${p.keyText}" must be off, info, warning or error`);
        continue;
      }
      out[p.keyText] = value as RuleSetting;
    }
    return out;
  }

  private ruleIds(node: YNode, name: string): string[] | undefined {
    const ids = this.strings(node, name);
    if (!ids) return undefined;
    const items = isSeq(node) ? node.items : [];
    return ids.filter((id, i) => {
      if (this.isKnownRule(id)) return true;
      this.problem(items[i] ?? node, `unknown rule id "${id}" in "${name}"`);
      return false;
    });
  }

  private denied(node: YNode): DeniedImage[] | undefined {
    if (!isSeq(node)) {
      this.problem(node, '"deniedImages" must be a list of image globs or {pattern, reason} entries');
      return undefined;
    }
    const out: DeniedImage[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string') out.push({ pattern: item.text });
      else if (isMap(item)) {
        const entry = this.object(item, 'deniedImages[]', { pattern: (n) => this.string(n, 'deniedImages[].pattern'), reason: (n) => this.string(n, 'deniedImages[].reason') }) as { pattern?: string; reason?: string } | undefined;
        if (entry?.pattern) out.push({ pattern: entry.pattern, ...(entry.reason ? { reason: entry.reason } : {}) });
        else if (entry) this.problem(item, '"deniedImages[]" entries need a "pattern"');
      } else this.problem(item, '"deniedImages" entries must be strings or {pattern, reason}');
    }
    return out;
  }

  private overrides(node: YNode): ConfigOverride[] | undefined {
    if (!isSeq(node)) {
      this.problem(node, '"overrides" must be a list of {files, rules, profile} entries');
      return undefined;
    }
    const out: ConfigOverride[] = [];
    for (const item of node.items) {
      const entry = this.object(item, 'overrides[]', {
        files: (n) => this.strings(n, 'overrides[].files', true),
        rules: (n) => this.rules(n, 'overrides[].rules'),
        profile: (n) => this.profile(n, 'overrides[].profile'),
      }) as { files?: string[]; rules?: Record<string, RuleSetting>; profile?: ProfileName } | undefined;
      if (!entry) continue;
      if (!entry.files?.length) {
        this.problem(item, '"overrides[]" entries need "files" (a glob or a list of globs)');
        continue;
      }
      out.push({ files: entry.files, ...(entry.rules ? { rules: entry.rules } : {}), ...(entry.profile ? { profile: entry.profile } : {}) });
    }
    return out;
  }

  private object(node: YNode, name: string, fields: Record<string, (n: YNode) => unknown>): Record<string, unknown> | undefined {
    if (!isMap(node)) {
      this.problem(node, `"${name}" must be a mapping with keys: ${Object.keys(fields).join(', ')}`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const p of node.entries()) {
      const read = fields[p.keyText];
      if (!read) {
        this.problem(p.key, `unknown key "${p.keyText}" in "${name}" (allowed: ${Object.keys(fields).join(', ')})`);
        continue;
      }
      if (p.value === undefined || (isScalar(p.value) && p.value.value === null)) continue;
      const v = read(p.value);
      if (v !== undefined) out[p.keyText] = v;
    }
    return out;
  }

  /** A mapping of strings to strings (`images: {ghcr.io/acme/api: services/api/Dockerfile}`). */
  private stringMap(node: YNode, name: string): Record<string, string> | undefined {
    if (!isMap(node)) {
      this.problem(node, `"${name}" must be a mapping of image names to Dockerfile paths`);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const p of node.entries()) {
      const v = p.value ? this.string(p.value, `${name}.${p.keyText}`) : undefined;
      if (v !== undefined) out[p.keyText] = v;
    }
    return out;
  }

  private strings(node: YNode, name: string, single = false): string[] | undefined {
    if (single && isScalar(node)) {
      const s = this.string(node, name);
      return s === undefined ? undefined : [s];
    }
    if (!isSeq(node)) {
      this.problem(node, `"${name}" must be a list of strings`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of node.items) {
      const s = this.string(item, name);
      if (s !== undefined) out.push(s);
    }
    return out;
  }

  private string(node: YNode, name: string): string | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') {
      this.problem(node, `"${name}" must be a string`);
      return undefined;
    }
    return node.text;
  }

  private bool(node: YNode, name: string): boolean | undefined {
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.problem(node, `"${name}" must be true or false`);
      return undefined;
    }
    return node.value;
  }

  private positiveInt(node: YNode, name: string): number | undefined {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value <= 0) {
      this.problem(node, `"${name}" must be a positive whole number`);
      return undefined;
    }
    return node.value;
  }
}
