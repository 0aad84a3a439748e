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
} as const;

/** Payload of a diagnostic, used to find the finding again for code actions. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly key: string;
}
