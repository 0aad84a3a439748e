import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';

export const UNTRUSTED_MESSAGE =
  'Bulkhead: this workspace is not trusted, so online registry checks and paths in .bulkhead.yaml files that lead outside the workspace are ignored. Trust the workspace to use them.';

/**
 * Workspace trust, as the client reports it: `initializationOptions.workspaceTrusted` (VS Code's
 * `workspace.isTrusted`; the client restarts the server when trust is granted). Anything but
 * `true` counts as untrusted, so a client that says nothing gets no network access and no paths
 * outside the workspace.
 */
export class WorkspaceTrust {
  readonly trusted: boolean;
  private told = false;

  constructor(
    private readonly connection: Connection,
    initializationOptions: unknown,
  ) {
    this.trusted = (initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted === true;
  }

  /** Something the workspace asks for was ignored for want of trust: say why, once per session. */
  ignored(): void {
    if (this.told) return;
    this.told = true;
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: UNTRUSTED_MESSAGE });
  }
}
