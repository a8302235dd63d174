// One typed reader over the mcpWorkbench.* settings.
import * as vscode from 'vscode';

export interface WorkbenchSettings {
  showUserConfigs: boolean;
  requestTimeoutMs: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): WorkbenchSettings {
  const c = vscode.workspace.getConfiguration('mcpWorkbench', scope);
  return {
    showUserConfigs: c.get<boolean>('servers.showUserConfigs', true),
    requestTimeoutMs: c.get<number>('requestTimeoutMs', 60_000),
  };
}

export function onSettingsChanged(section: string, listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`mcpWorkbench.${section}`)) listener();
  });
}
