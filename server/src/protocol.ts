/**
 * Names and payloads shared by the client and the server. Types only (plus constants), so the
 * client bundle never pulls in the engine.
 */

/** VS Code settings under `bulkhead.*`, read per resource. */
export interface BulkheadSettings {
  readonly enable: boolean;
  readonly profile: string;
  readonly rules: Readonly<Record<string, string>>;
  readonly trustedRegistries: readonly string[];
  readonly deniedImages: readonly (string | { pattern: string; reason?: string })[];
  readonly maxFileSize: number;
}

export const COMMANDS = {
  showRuleDocs: 'bulkhead.showRuleDocs',
  auditWorkspace: 'bulkhead.auditWorkspace',
  restartServer: 'bulkhead.restartServer',
  showReport: 'bulkhead.showReport',
  exportReport: 'bulkhead.exportReport',
  toggleTreeGrouping: 'bulkhead.toggleTreeGrouping',
} as const;

/** Payload of a diagnostic, used to find the finding again for code actions. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly key: string;
}

/** `bulkhead/audit`: analyse every container file of the given folders (the client shows progress). */
export const AUDIT_REQUEST = 'bulkhead/audit';
/** `bulkhead/auditProgress` notification: `done` of `total` files analysed. */
export const AUDIT_PROGRESS = 'bulkhead/auditProgress';
/** `bulkhead/auditFiles` notification: results streamed in batches while the audit runs. */
export const AUDIT_FILES = 'bulkhead/auditFiles';
/** `bulkhead/auditFile`: one file from disk (a closed document keeps its audit results). */
export const AUDIT_FILE_REQUEST = 'bulkhead/auditFile';
/** `bulkhead/exportReport`: the last audit as SARIF, JSON, Markdown or HTML text. */
export const EXPORT_REQUEST = 'bulkhead/exportReport';

export interface AuditParams {
  readonly auditId: number;
  readonly folders: readonly { readonly uri: string; readonly exclude: readonly string[] }[];
}

export interface AuditProgress {
  readonly auditId: number;
  readonly done: number;
  readonly total: number;
}

/** One audited file: its diagnostics as LSP `Diagnostic` objects. */
export interface AuditFile {
  readonly uri: string;
  /** As shown in the report: relative to its workspace folder (prefixed with the folder name in multi-root workspaces). */
  readonly path: string;
  readonly kind: string;
  readonly diagnostics: readonly unknown[];
}

export interface AuditFilesBatch {
  readonly auditId: number;
  readonly files: readonly AuditFile[];
}

export interface AuditResult {
  readonly auditId: number;
  readonly cancelled: boolean;
  readonly files: number;
  /** The report model (see server/src/report/model.ts); absent when cancelled. */
  readonly report?: unknown;
}

export type ExportFormat = 'sarif' | 'json' | 'markdown' | 'html';
