// The Servers view: every MCP server configured in the workspace and the user's client configs, grouped by file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_KIND_LABELS } from '../../core/manifest/configKinds';
import { DiscoveredFile, discoverServers } from '../../core/manifest/discoverServers';
import { ServerEntry, describeEndpoint } from '../../core/manifest/serverEntries';
import { UserConfigContext } from '../../core/manifest/configLocations';

export type ServersNode =
  | { type: 'file'; file: DiscoveredFile }
  | { type: 'server'; file: DiscoveredFile; server: ServerEntry }
  | { type: 'error'; file: DiscoveredFile; message: string };

const TRANSPORT_ICON: Record<string, string> = { stdio: 'terminal', http: 'globe', sse: 'radio-tower' };

export class ServersTreeProvider implements vscode.TreeDataProvider<ServersNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ServersNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private files: DiscoveredFile[] | undefined;
  private loading: Promise<DiscoveredFile[]> | undefined;

  constructor(private readonly userContext: () => UserConfigContext | false) {}

  dispose(): void {
    this.changed.dispose();
  }

  refresh(): void {
    this.files = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  /** The current list, reading the files if needed (used by commands and tests). */
  async snapshot(): Promise<DiscoveredFile[]> {
    if (this.files) return this.files;
    if (!this.loading) {
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
      this.loading = discoverServers(folders, this.userContext()).then((files) => (this.files = files));
    }
    return this.loading;
  }

  async getChildren(node?: ServersNode): Promise<ServersNode[]> {
    if (!node) {
      const files = await this.snapshot();
      return files.map((file) => ({ type: 'file', file }));
    }
    if (node.type !== 'file') return [];
    const children: ServersNode[] = [];
    if (node.file.error) children.push({ type: 'error', file: node.file, message: node.file.error });
    for (const server of node.file.servers) children.push({ type: 'server', file: node.file, server });
    return children;
  }

  getTreeItem(node: ServersNode): vscode.TreeItem {
    switch (node.type) {
      case 'file': {
        const f = node.file;
        const rel = vscode.workspace.asRelativePath(f.file, true);
        const item = new vscode.TreeItem(f.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `file:${f.file}`;
        item.description = f.scope === 'workspace' ? rel : f.file.replace(process.env.HOME ?? '\0', '~');
        item.resourceUri = vscode.Uri.file(f.file);
        item.iconPath = new vscode.ThemeIcon(f.error ? 'warning' : f.scope === 'user' ? 'account' : 'json');
        item.tooltip = new vscode.MarkdownString(
          `**${f.label}** — ${f.kind ? CONFIG_KIND_LABELS[f.kind] : 'unknown format'}\n\n\`${f.file}\`\n\n${f.servers.length} server(s)${f.error ? `\n\n$(warning) ${f.error}` : ''}`,
          true,
        );
        item.contextValue = 'mcpConfigFile';
        item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(f.file)] };
        if (!f.error && f.servers.length === 0) item.description = `${item.description} · no servers`;
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `error:${node.file.file}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = `${node.file.file}\n${node.message}`;
        item.contextValue = 'mcpConfigError';
        item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.file.file)] };
        return item;
      }
      case 'server': {
        const s = node.server;
        const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
        item.id = `server:${node.file.file}#${s.origin ?? s.name}`;
        item.description = `${s.transport} · ${describeEndpoint(s)}`;
        item.iconPath = new vscode.ThemeIcon(s.problem ? 'warning' : TRANSPORT_ICON[s.transport] ?? 'server');
        const md = new vscode.MarkdownString(undefined, true);
        md.appendMarkdown(`**${s.name}** (${s.transport})\n\n`);
        md.appendCodeblock(describeEndpoint(s), s.transport === 'stdio' ? 'shellscript' : 'text');
        if (s.problem) md.appendMarkdown(`\n$(warning) ${s.problem}`);
        md.appendMarkdown(`\n\nfrom \`${path.basename(node.file.file)}\``);
        item.tooltip = md;
        item.contextValue = `mcpServer.${s.transport}${s.problem ? '.broken' : ''}`;
        item.command = {
          command: 'mcpWorkbench.servers.reveal',
          title: 'Show in File',
          arguments: [node],
        };
        return item;
      }
    }
  }
}
