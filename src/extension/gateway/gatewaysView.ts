// The Gateways view: one node per running gateway (URL, uptime, sessions, requests) with its actions.
import * as vscode from 'vscode';
import type { GatewayRegistry } from './gatewayRegistry';
import type { GatewayProcess } from './gatewayProcess';

export type GatewayNode = { type: 'gateway'; id: string } | { type: 'detail'; id: string; label: string; value: string; icon: string; open?: string };

export function formatUptime(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export class GatewaysTree implements vscode.TreeDataProvider<GatewayNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GatewayNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(private readonly registry: GatewayRegistry) {
    this.subscription = registry.onDidChange(() => this.changed.fire(undefined));
    // Uptime moves on its own; refresh only while something runs.
    this.ticker = setInterval(() => {
      if (registry.running().length) this.changed.fire(undefined);
    }, 5000);
  }

  getTreeItem(node: GatewayNode): vscode.TreeItem {
    if (node.type === 'detail') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.value;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = `mcpGatewayDetail.${node.label.toLowerCase()}`;
      if (node.open) item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.open)] };
      return item;
    }
    const gw = this.registry.get(node.id)!;
    const item = new vscode.TreeItem(gw.launch.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = gw.id;
    item.description = gw.url ?? gw.state;
    item.iconPath = new vscode.ThemeIcon(gw.state === 'running' ? 'broadcast' : gw.state === 'failed' ? 'error' : 'loading~spin');
    item.tooltip = tooltip(gw);
    item.contextValue = `mcpGateway.${gw.state}.${gw.launch.authMode}`;
    return item;
  }

  getChildren(node?: GatewayNode): GatewayNode[] {
    if (!node) return this.registry.list().map((g) => ({ type: 'gateway', id: g.id }));
    if (node.type !== 'gateway') return [];
    const gw = this.registry.get(node.id);
    if (!gw) return [];
    const rows: GatewayNode[] = [
      { type: 'detail', id: gw.id, label: 'URL', value: gw.url ?? '(starting)', icon: 'link' },
      { type: 'detail', id: gw.id, label: 'Auth', value: gw.launch.authMode === 'token' ? 'bearer token' : 'OAuth 2.1 (local)', icon: 'lock' },
      { type: 'detail', id: gw.id, label: 'Clients', value: clientEras(gw), icon: 'versions' },
      { type: 'detail', id: gw.id, label: 'Server', value: serverEras(gw), icon: 'server-process' },
      { type: 'detail', id: gw.id, label: 'Uptime', value: formatUptime(gw.uptimeMs), icon: 'clock' },
      { type: 'detail', id: gw.id, label: 'Sessions', value: String(gw.status.sessions), icon: 'plug' },
      { type: 'detail', id: gw.id, label: 'Requests', value: `${gw.status.requests}${gw.status.rejected ? ` (${gw.status.rejected} refused)` : ''}`, icon: 'pulse' },
    ];
    if (gw.launch.auditLog) rows.push({ type: 'detail', id: gw.id, label: 'Audit log', value: gw.launch.auditLog.split(/[\\/]/).pop()!, icon: 'checklist', open: gw.launch.auditLog });
    if (gw.failure) rows.push({ type: 'detail', id: gw.id, label: 'Error', value: gw.failure, icon: 'error' });
    return rows;
  }

  getParent(node: GatewayNode): GatewayNode | undefined {
    return node.type === 'detail' ? { type: 'gateway', id: node.id } : undefined;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The eras the gateway accepts: a 2025 session each, or the stateless 2026-07-28 requests. */
export function clientEras(gw: Pick<GatewayProcess, 'eras'>): string {
  const accepted = gw.eras?.accepted ?? [];
  const modern = accepted.filter((v) => v >= '2026');
  const legacy = accepted.filter((v) => v < '2026');
  if (!accepted.length) return '(starting)';
  return [legacy.length ? `2025 era (${legacy[0]}, sessions)` : '', modern.length ? `${modern.join(', ')} (stateless)` : ''].filter(Boolean).join(' + ');
}

/** What the served process speaks, as it answered before the gateway was ready. */
export function serverEras(gw: Pick<GatewayProcess, 'eras'>): string {
  const server = gw.eras?.server;
  if (gw.eras === undefined) return '(starting)';
  if (!server) return 'not asked (started lazily)';
  const speaks = [server.legacy, ...(server.modern ?? [])].filter(Boolean).join(' + ') || 'neither era answered';
  return gw.eras?.bridged ? `${speaks} (the other era through the era bridge)` : speaks;
}

function tooltip(gw: GatewayProcess): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${gw.launch.name}** over Streamable HTTP\n\n`);
  if (gw.url) md.appendMarkdown(`URL: \`${gw.url}\`\n\n`);
  md.appendMarkdown(`Serves: \`${[gw.launch.command, ...gw.launch.args].join(' ')}\`\n\n`);
  md.appendMarkdown(`Up ${formatUptime(gw.uptimeMs)} · ${gw.status.sessions} sessions · ${gw.status.requests} requests`);
  return md;
}
