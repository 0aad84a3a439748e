import { isMap, isScalar, nodeSpan, type YPair, type YScalar } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import type { Span } from '../source';
import { classifySecret, credentialFormat, redact, secretFileKind, type SecretMatch } from './shared/secrets';

type MessageId = 'credential' | 'secretKey' | 'embedded' | 'keyStore';

/** `key = value`, `key: value`, `"key": "value",`, `export KEY=value` lines of an embedded config file or script. */
const KEY_VALUE = /^\s*(?:export\s+|-\s+)?(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1\s*(?:=|:(?!\/))\s*(.*?)\s*$/;
/** `<password>value</password>` in XML configs. */
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<]+)<\/\1>/;
/** `//registry.npmjs.org/:_authToken=...` in an embedded .npmrc. */
const NPMRC_AUTH = /:_(authToken|auth|password)\s*=\s*(.+?)\s*$/;
/** Unquoted values that are code, not literals: `os.environ["X"]`, `req.body.password`, `f(x)`, `{ ... }`. */
const CODE_LIKE = /[()[\]{};]|^[A-Za-z_$][\w$]*\.[A-Za-z_$]|^[*&!|>]/;
/** Encrypted values (jasypt `ENC(...)`, Ansible vault) are not plain secrets. */
const ENCRYPTED = /^(?:ENC\(|\$ANSIBLE_VAULT|vault:|ref\+|sm:\/\/|secret:\/\/)/i;
/** Every built-in secret-like name contains one of these (case-insensitive). */
const SECRETISH = /pass|secret|token|key|auth|cred|pwd|salt/i;
const NSS_DATABASES = new Set(['passwd', 'shadow', 'gshadow']);
/** Longest value scanned line by line; larger blobs only get the credential-format check. */
const MAX_SCAN = 256 * 1024;

export default defineRule<MessageId>({
  id: 'secret-in-configmap',
  title: 'Secret in a ConfigMap',
  severity: 'error',
  fix: 'none',
  refs: ['Trivy KSV-0109', 'Polaris sensitiveConfigmapContent', 'CWE-312'],
  messages: {
    credential: 'ConfigMap key "{{key}}" contains {{what}} ({{redacted}}); ConfigMaps are stored and shown in plain text to anyone who can read them, so move it to a Secret.',
    secretKey: 'ConfigMap key "{{key}}" holds a literal secret ({{redacted}}); ConfigMaps are stored and shown in plain text to anyone who can read them, so move it to a Secret.',
    embedded: 'ConfigMap key "{{key}}" sets {{field}} to a literal secret ({{redacted}}); move the value to a Secret and reference it (environment variable or mounted file).',
    keyStore: 'ConfigMap binaryData key "{{key}}" holds {{what}}; key material belongs in a Secret.',
  },
  check: {
    k8s(object, ctx) {
      if (object.kind !== 'ConfigMap') return;
      const data = object.node.get('data');
      if (isMap(data)) for (const p of data.entries()) checkData(p, ctx);
      const binary = object.node.get('binaryData');
      if (isMap(binary)) for (const p of binary.entries()) checkBinary(p, ctx);
    },
  },
});

function checkData(p: YPair, ctx: RuleContext<MessageId>): void {
  const node = p.value;
  if (!isScalar(node) || node.value === null) return;
  const key = p.keyText;
  const value = node.text;
  if (!value.includes('\n')) {
    const match = classifySecret(key, value, ctx.config.secrets);
    if (!match) return;
    const messageId = match.level === 'credential' ? 'credential' : 'secretKey';
    ctx.report({ span: narrow(ctx, node, match.match) ?? nodeSpan(node), messageId, data: { key, what: match.what, redacted: redact(match.match ?? value) } });
    return;
  }
  // A whole file: known credential formats anywhere, then secret-like settings line by line.
  const format = credentialFormat(value);
  if (format) {
    ctx.report({ span: narrow(ctx, node, format.match) ?? p.key.span, messageId: 'credential', data: { key, what: format.what, redacted: redact(format.match ?? value) } });
    return;
  }
  // Most embedded files (templates, dashboards, policies) have no secret-like word at all.
  if (value.length > MAX_SCAN || (ctx.config.secrets.names.length === 0 && !SECRETISH.test(value))) return;
  const reported = new Set<string>();
  let cursor = node.span.start;
  for (const line of value.split('\n')) {
    const setting = embeddedSetting(line, ctx);
    if (!setting || reported.has(setting.field)) continue;
    reported.add(setting.field);
    const where = findInSource(ctx, node, line.trim(), cursor);
    if (where !== undefined) cursor = where + line.trim().length;
    const valueAt = where === undefined ? -1 : ctx.source.text.indexOf(setting.raw, where);
    const span = valueAt >= 0 && valueAt < node.span.end ? { start: valueAt, end: valueAt + setting.raw.length } : p.key.span;
    ctx.report({ span, messageId: 'embedded', data: { key, field: setting.field, redacted: redact(setting.value) } });
  }
}

interface Setting {
  readonly field: string;
  /** The value as written in the line (for locating it). */
  readonly raw: string;
  /** The value with quotes removed. */
  readonly value: string;
  readonly match: SecretMatch;
}

/** A secret-like setting with a literal value in one line of an embedded file. */
function embeddedSetting(line: string, ctx: RuleContext<MessageId>): Setting | undefined {
  if (line.length > 4096) return undefined;
  const npm = NPMRC_AUTH.exec(line);
  if (npm) return setting(`_${npm[1]!}`, npm[2]!, 'NPM_AUTH_TOKEN', ctx);
  const xml = XML_ELEMENT.exec(line);
  if (xml) return setting(xml[1]!, xml[2]!.trim(), xml[1]!, ctx);
  const kv = KEY_VALUE.exec(line);
  // nsswitch.conf and PAM name databases `passwd:`/`shadow:`; real settings say `password`.
  if (!kv || NSS_DATABASES.has(kv[2]!)) return undefined;
  let raw = kv[3]!.replace(/,$/, '');
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.length >= 2 && raw.endsWith(quote)) return setting(kv[2]!, raw, kv[2]!, ctx, raw.slice(1, -1));
  raw = raw.replace(/\s+[#;].*$/, ''); // trailing comment
  if (CODE_LIKE.test(raw)) return undefined;
  return setting(kv[2]!, raw, kv[2]!, ctx);
}

function setting(field: string, raw: string, name: string, ctx: RuleContext<MessageId>, unquoted = raw): Setting | undefined {
  if (unquoted.length === 0 || ENCRYPTED.test(unquoted)) return undefined;
  const match = classifySecret(name, unquoted, ctx.config.secrets);
  return match ? { field, raw, value: unquoted, match } : undefined;
}

/** Where a line of a block or plain scalar is written (its text appears verbatim, after indentation). */
function findInSource(ctx: RuleContext<MessageId>, node: YScalar, text: string, from: number): number | undefined {
  if (text.length === 0 || node.style === 'double' || node.style === 'single') return undefined;
  const at = ctx.source.text.indexOf(text, from);
  return at >= 0 && at + text.length <= node.span.end ? at : undefined;
}

/** The span of `match` inside the value node when it is written verbatim there. */
function narrow(ctx: RuleContext<MessageId>, node: YScalar, match: string | undefined): Span | undefined {
  if (match === undefined) return undefined;
  const at = ctx.source.text.indexOf(match, node.span.start);
  return at >= 0 && at + match.length <= node.span.end ? { start: at, end: at + match.length } : undefined;
}

function checkBinary(p: YPair, ctx: RuleContext<MessageId>): void {
  const kind = secretFileKind(p.keyText);
  if (kind) {
    ctx.report({ span: p.key.span, messageId: 'keyStore', data: { key: p.keyText, what: kind } });
    return;
  }
  const node = p.value;
  if (!isScalar(node) || node.value === null || node.text.length > 4 * MAX_SCAN) return;
  const decoded = Buffer.from(node.text.replace(/\s+/g, ''), 'base64').toString('latin1');
  const format = credentialFormat(decoded);
  if (format) ctx.report({ span: p.key.span, messageId: 'keyStore', data: { key: p.keyText, what: format.what } });
}
