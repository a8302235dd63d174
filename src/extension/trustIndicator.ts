// Tells the views whether servers may be launched, so they can say so in Restricted Mode.
import * as vscode from 'vscode';

export function registerTrustIndicator(context: vscode.ExtensionContext): void {
  const update = () => void vscode.commands.executeCommand('setContext', 'mcpWorkbench.untrusted', !vscode.workspace.isTrusted);
  update();
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(update));
}
