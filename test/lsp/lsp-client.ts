import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../rule-tester';

export const SERVER = join(ROOT, 'dist', 'server.js');

/**
 * A minimal LSP client around the real, bundled server process (stdio JSON-RPC). It answers
 * `workspace/configuration` from `settings` and stops the server by its own PID.
 */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  settings: Record<string, unknown> = {};
  /** Other configuration sections (e.g. `http` for `http.proxy`); `settings` answers `bulkhead`. */
  sections: Record<string, unknown> = {};
  readonly messages: { type: number; message: string }[] = [];
  readonly refreshes: number[] = [];
  /** Every notification the server sent that no test handles itself (log messages, show messages...). */
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';

  constructor() {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npm run build" first`);
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => (i.section && i.section !== 'bulkhead' ? (this.sections[i.section] ?? null) : this.settings)));
    this.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => void this.messages.push(m));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(Date.now());
      return null;
    });
    this.connection.onNotification((method: string, params: unknown) => void this.notifications.push({ method, params }));
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** `folders`: the workspace folders' URIs (default: the root alone, when there is one). */
  async initialize(rootUri: string | null = null, initializationOptions?: unknown, folders?: readonly string[]): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: (folders ?? (rootUri ? [rootUri] : [])).map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })),
      ...(initializationOptions ? { initializationOptions } : {}),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Writes one JSON-RPC message whose body is given as bytes, e.g. bytes that are not UTF-8. */
  sendRaw(body: Buffer): void {
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  diagnostics(uri: string): Promise<{ kind: string; items: Diagnostic[] }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      setTimeout(() => { if (this.child.exitCode === null) process.kill(this.pid, 'SIGKILL'); }, 2000).unref();
      await exited;
    }
  }
}

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  codeDescription?: { href: string };
  source: string;
  message: string;
  data?: unknown;
  relatedInformation?: { location: { uri: string; range: Diagnostic['range'] }; message: string }[];
}

export interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> };
  command?: { command: string; arguments: unknown[] };
}

/** Applies LSP text edits to a text (for asserting quick-fix results). */
export function applyLspEdits(text: string, edits: readonly { range: Diagnostic['range']; newText: string }[]): string {
  const offsets = (pos: { line: number; character: number }): number => {
    let offset = 0;
    for (let line = 0; line < pos.line; line++) offset = text.indexOf('\n', offset) + 1;
    return offset + pos.character;
  };
  const sorted = [...edits].sort((a, b) => offsets(b.range.start) - offsets(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsets(e.range.start)) + e.newText + out.slice(offsets(e.range.end));
  return out;
}

/** Polls until `condition` holds (events the client records: refreshes, messages), or fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
