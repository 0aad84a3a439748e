/** The engine's public API: everything the server, the CLI and tests use. */
export { defaultConfig, PROFILES, type EngineConfig, type ProfileName } from './config';
export { detectKind, isDockerfileName, isYamlName } from './detect';
export { applyEdits, applyFixes } from './fix/apply';
export { fixAll, type FixAllResult } from './fix/fix-all';
export { CONFIG_FILE_NAMES, parseConfigFile, type ConfigFile } from './config-file';
export { analysisCrashed, analysisTimedOut, fileTooLarge, lint, lintConfigFile, type LintOptions, type LintResult } from './lint';
export { ALL_RULES, findRule, RULES, SYSTEM_RULES } from './rules/index';
export type { FileKind, Finding, Fix, Related, Rule, RuleKind, RuleSetting, Severity, TextEdit } from './rule';
export { LineIndex, SourceFile, type Position, type Span } from './source';
export { REASON_PLACEHOLDER, suppressionEdit } from './suppress';
export { imageKey, type ImageReference } from './inventory';
export { familiarName, type ImageRef } from './model/image';
export { IncrementalLinter, type IncrementalStats } from './incremental';
export { digestKey, tagKey, type OnlineSnapshot, type SignatureLookup, type SignatureStatus, type TagLookup } from './online';
export { isPlaceholderImage } from './rules/shared/images';
export type { BuildContext, BuiltImage, ContextSecret, ProjectFacts } from './project';
export { dockerignored, folderExcluded, parseDockerignore } from './dockerignore';
