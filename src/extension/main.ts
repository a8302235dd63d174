// Extension entry: builds each feature and registers what it owns with the context.
import * as vscode from 'vscode';
import { registerServersView } from './servers/serversView';
import { registerTrustIndicator } from './trustIndicator';
import { registerGettingStarted } from './gettingStarted';
import { registerGateways } from './gateway/registerGateways';
import { registerLanguageClient } from './languageClient';
import { registerInspector } from './inspector/registerInspector';
import { registerReplayFeatures } from './traceViewer/registerReplayFeatures';
import type { WorkbenchApi } from './api';

export async function activate(context: vscode.ExtensionContext): Promise<WorkbenchApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('MCP Workbench', { log: true });
  context.subscriptions.push(output);

  const servers = registerServersView(context);
  registerTrustIndicator(context);
  registerGettingStarted(context);
  const gateways = registerGateways(context, { listServers: () => servers.snapshot(), log: output });
  const manifests = registerLanguageClient(context, output);
  const inspector = registerInspector(context, { listServers: () => servers.snapshot(), log: output });
  const replay = registerReplayFeatures(context, { listServers: () => servers.snapshot(), log: output });

  const activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, output, servers: { list: () => servers.snapshot(), refresh: () => servers.refresh() }, gateways, inspector, manifests, replay };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
