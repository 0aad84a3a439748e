import type { Rule } from '../rule';
import addInsteadOfCopy from './add-instead-of-copy';
import addRemoteUrl from './add-remote-url';
import analysisLimit from './analysis-limit';
import baseImageEol from './base-image-eol';
import imageDenied from './image-denied';
import imageDigestMissing from './image-digest-missing';
import imageRegistryUntrusted from './image-registry-untrusted';
import imageTagLatest from './image-tag-latest';
import internalError from './internal-error';
import packageSignatureBypass from './package-signature-bypass';
import remoteScriptPipedToShell from './remote-script-piped-to-shell';
import syntaxError from './syntax-error';
import tlsVerificationDisabled from './tls-verification-disabled';

/** The rules with checks, sorted by id. Adding a rule: its file, one line here, a test table, a docs page. */
export const RULES: readonly Rule[] = [
  addInsteadOfCopy,
  addRemoteUrl,
  baseImageEol,
  imageDenied,
  imageDigestMissing,
  imageRegistryUntrusted,
  imageTagLatest,
  packageSignatureBypass,
  remoteScriptPipedToShell,
  tlsVerificationDisabled,
];

/** Rules the engine reports itself (parse errors, limits, failures); they have no checks. */
export const SYSTEM_RULES: readonly Rule[] = [analysisLimit, internalError, syntaxError];

export const ALL_RULES: readonly Rule[] = [...RULES, ...SYSTEM_RULES].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
