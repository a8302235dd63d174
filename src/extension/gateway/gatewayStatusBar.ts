// A status bar item while gateways run: how many, and a click to reveal them.
import * as vscode from 'vscode';
import type { GatewayRegistry } from './gatewayRegistry';

export function registerGatewayStatusBar(registry: GatewayRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('mcpWorkbench.gateways', vscode.StatusBarAlignment.Left, 50);
  item.name = 'MCP Gateways';
  item.command = 'mcpWorkbench.gateways.focus';
  const update = () => {
    const running = registry.running();
    if (!running.length) {
      item.hide();
      return;
    }
    const sessions = running.reduce((n, g) => n + g.status.sessions, 0);
    item.text = `$(broadcast) ${running.length === 1 ? running[0].launch.name : `${running.length} gateways`}`;
    item.tooltip = `${running.map((g) => `${g.launch.name}: ${g.url ?? 'starting'}`).join('\n')}\n${sessions} session(s). Click to show the gateways.`;
    item.show();
  };
  const sub = registry.onDidChange(update);
  update();
  return vscode.Disposable.from(item, sub);
}
