// No server is ever launched in a restricted (untrusted) workspace.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'MCP Workbench does not start MCP servers in Restricted Mode. Trust this workspace to inspect or serve its servers.';

/** Returns true when launching is allowed; otherwise tells the user why not and offers to manage trust. */
export async function ensureTrustedForLaunch(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, manage);
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
