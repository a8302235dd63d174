// Commands behind the walkthrough and the empty Servers view.
import * as vscode from 'vscode';

const TEMPLATE = `{
  // MCP servers for this workspace. See the MCP Workbench walkthrough for examples.
  "servers": {
    "my-server": {
      "type": "stdio",
      "command": "node",
      "args": ["server.js"]
    }
  },
  "inputs": []
}
`;

export function registerGettingStarted(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('mcpWorkbench.openWalkthrough', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#gettingStarted`, false),
    ),
    vscode.commands.registerCommand('mcpWorkbench.servers.createConfig', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void vscode.window.showErrorMessage('Open a folder first: .vscode/mcp.json belongs to a workspace folder.');
        return;
      }
      const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEMPLATE));
      }
      await vscode.window.showTextDocument(uri);
    }),
  );
}
