// Wires the Servers view: tree, refresh on config changes, reveal-in-file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WORKSPACE_CONFIGS, userConfigLocations } from '../../core/manifest/configLocations';
import { readSettings } from '../settings';
import { userConfigContext } from '../userConfigContext';
import { ServersNode, ServersTreeProvider } from './serversTree';

export const SERVERS_VIEW_ID = 'mcpWorkbench.servers';
export const RESTRICTED_MODE_MESSAGE = 'Restricted Mode: servers are listed but never started. Trust this workspace to run them.';

export function registerServersView(context: vscode.ExtensionContext): ServersTreeProvider {
  const provider = new ServersTreeProvider(() => (readSettings().showUserConfigs ? userConfigContext(context) : false));
  const view = vscode.window.createTreeView(SERVERS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(provider, view);
  // The welcome text only shows in an empty view, so Restricted Mode is also stated above the list.
  const showTrust = () => (view.message = vscode.workspace.isTrusted ? undefined : RESTRICTED_MODE_MESSAGE);
  showTrust();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(showTrust));

  // Coalesce bursts of file events (a save often fires change + create) into one refresh.
  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), 150);
  };
  context.subscriptions.push({ dispose: () => timer && clearTimeout(timer) });

  const watchers: vscode.Disposable[] = [];
  const rewatch = () => {
    watchers.splice(0).forEach((w) => w.dispose());
    const glob = `{${WORKSPACE_CONFIGS.map((c) => c.path).join(',')}}`;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      watchers.push(watch(new vscode.RelativePattern(folder, glob), refreshSoon));
    }
    if (readSettings().showUserConfigs) {
      for (const loc of userConfigLocations(userConfigContext(context))) {
        watchers.push(watch(new vscode.RelativePattern(vscode.Uri.file(path.dirname(loc.path)), path.basename(loc.path)), refreshSoon));
      }
    }
  };
  rewatch();
  context.subscriptions.push(
    { dispose: () => watchers.forEach((w) => w.dispose()) },
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      rewatch();
      provider.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mcpWorkbench.servers')) {
        rewatch();
        provider.refresh();
      }
    }),
    // Unsaved edits are not on disk yet; saves are caught by the watchers, this catches editors that save atomically elsewhere.
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (/(mcp\.json|server\.json|claude_desktop_config\.json|mcp_config\.json)$/.test(doc.fileName)) refreshSoon();
    }),
    vscode.commands.registerCommand('mcpWorkbench.servers.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('mcpWorkbench.servers.reveal', async (node: ServersNode) => {
      if (!node || node.type !== 'server') return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(node.file.file));
      const pos = node.server.position ? new vscode.Position(node.server.position.line, node.server.position.character) : new vscode.Position(0, 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preserveFocus: false });
    }),
  );
  return provider;
}

function watch(pattern: vscode.RelativePattern, onEvent: () => void): vscode.Disposable {
  const w = vscode.workspace.createFileSystemWatcher(pattern);
  w.onDidChange(onEvent);
  w.onDidCreate(onEvent);
  w.onDidDelete(onEvent);
  return w;
}
