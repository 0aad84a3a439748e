import * as vscode from 'vscode';
import type { AuditFile } from '../../server/src/protocol';
import type { ReportModel } from '../../server/src/report/model';

type Node =
  | { type: 'group'; label: string; children: Node[]; icon: string }
  | { type: 'leaf'; label: string; description?: string; uri?: vscode.Uri; line?: number; column?: number; icon: string; tooltip?: string };

/**
 * The "Bulkhead" view in the Explorer: the last audit's findings by rule or by file, and the
 * image inventory. Every leaf opens its file at the line.
 */
export class BulkheadTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private grouping: 'rule' | 'file' = 'rule';
  private model: ReportModel | undefined;
  private files = new Map<string, AuditFile>();

  update(model: ReportModel, files: ReadonlyMap<string, AuditFile>): void {
    this.model = model;
    this.files = new Map(files);
    this.rebuild();
  }

  toggleGrouping(): void {
    this.grouping = this.grouping === 'rule' ? 'file' : 'rule';
    this.rebuild();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.type === 'group' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.type === 'leaf') {
      item.description = node.description;
      item.tooltip = node.tooltip;
      if (node.uri) {
        const pos = new vscode.Position(Math.max(0, (node.line ?? 1) - 1), Math.max(0, (node.column ?? 1) - 1));
        item.command = { title: 'Open', command: 'vscode.open', arguments: [node.uri, { selection: new vscode.Range(pos, pos) }] };
      }
    } else item.description = String(node.children.length);
    return item;
  }

  getChildren(node?: Node): Node[] {
    return node ? (node.type === 'group' ? node.children : []) : this.roots;
  }

  private rebuild(): void {
    const model = this.model;
    if (!model) return;
    const uriOf = (path: string): vscode.Uri => {
      const file = [...this.files.values()].find((f) => f.path === path);
      return file ? vscode.Uri.parse(file.uri) : vscode.Uri.file(`${model.root}/${path}`);
    };
    const icon = (sev: string): string => (sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'info');
    const leaf = (f: ReportModel['findings'][number], label: string, description: string): Node => ({ type: 'leaf', label, description, uri: uriOf(f.path), line: f.line, column: f.column, icon: icon(f.severity), tooltip: f.message });
    const groups = new Map<string, Node[]>();
    for (const f of model.findings) {
      const key = this.grouping === 'rule' ? f.ruleId : f.path;
      const list = groups.get(key) ?? [];
      list.push(this.grouping === 'rule' ? leaf(f, f.message, `${f.path}:${f.line}`) : leaf(f, f.message, `${f.ruleId} · line ${f.line}`));
      groups.set(key, list);
    }
    const findings: Node = {
      type: 'group',
      label: this.grouping === 'rule' ? 'Findings by rule' : 'Findings by file',
      icon: 'shield',
      children: [...groups].map(([label, children]) => ({ type: 'group', label, children, icon: this.grouping === 'rule' ? 'law' : 'file' })),
    };
    const images: Node = {
      type: 'group',
      label: 'Image inventory',
      icon: 'package',
      children: model.images.map((i) => ({
        type: 'group',
        label: i.key.replace(/@sha256:[0-9a-f]+$/, ''),
        icon: i.trusted === false || !i.pinned ? 'warning' : 'pass',
        children: i.uses.map((u) => ({ type: 'leaf', label: `${u.path}:${u.line}`, description: u.context, uri: uriOf(u.path), line: u.line, column: u.column, icon: 'go-to-file' })),
      })),
    };
    this.roots = [findings, images];
    this.changed.fire();
  }
}
