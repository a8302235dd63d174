// "Serve over HTTP": commands, the Gateways view and the status bar item. Gateways run as child processes of the
// extension host (`dist/cli.js serve`) and stop with the window.
import * as vscode from 'vscode';
import { readServerEntries } from '../../core/manifest/serverEntries';
import type { DiscoveredFile } from '../../core/manifest/discoverServers';
import { readEnvFile } from '../../core/util/envFile';
import { toServerRef, resolveServer, ServerRef } from '../serverRef';
import { ensureTrustedForLaunch } from '../trust';
import { resolveServerEntry } from '../../core/client/resolveTarget';
import { GatewayRegistry } from './gatewayRegistry';
import { GatewaysTree, GatewayNode } from './gatewaysView';
import { registerGatewayStatusBar } from './gatewayStatusBar';
import { mcpJsonEntry } from './mcpJsonEntry';
import type { GatewayProcess } from './gatewayProcess';

export const SERVE_COMMAND = 'mcpWorkbench.gateway.serve';

export interface GatewayInfo {
  id: string;
  name: string;
  url: string | undefined;
  state: string;
  authMode: 'token' | 'oauth';
  sessions: number;
  requests: number;
  source?: ServerRef;
  /** The gateway's audit log (JSON Lines), in the extension's log folder. */
  auditLog?: string;
  /** The protocol versions clients may use, and what the server answered before the gateway was ready. */
  eras?: GatewayProcess['eras'];
}

export interface GatewaysApi {
  list(): GatewayInfo[];
  stopAll(): Promise<void>;
}

export interface GatewayDeps {
  listServers(): Promise<DiscoveredFile[]>;
  log: vscode.LogOutputChannel;
}

function info(g: GatewayProcess): GatewayInfo {
  return { id: g.id, name: g.launch.name, url: g.url, state: g.state, authMode: g.launch.authMode, sessions: g.status.sessions, requests: g.status.requests, source: g.launch.source, auditLog: g.launch.auditLog, eras: g.eras };
}

export function registerGateways(context: vscode.ExtensionContext, deps: GatewayDeps): GatewaysApi {
  const registry = new GatewayRegistry(context.asAbsolutePath('dist/cli.js'), context.secrets);
  const tree = new GatewaysTree(registry);
  const view = vscode.window.createTreeView('mcpWorkbench.gateways', { treeDataProvider: tree });
  context.subscriptions.push(registry, tree, view, registerGatewayStatusBar(registry));

  /** The gateway a command acts on: a view node, an id, or the only/picked running one. */
  const pick = async (arg: unknown): Promise<GatewayProcess | undefined> => {
    const id = typeof arg === 'string' ? arg : (arg as GatewayNode | undefined)?.id;
    if (id) return registry.get(id);
    const all = registry.list();
    if (all.length <= 1) return all[0];
    const chosen = await vscode.window.showQuickPick(
      all.map((g) => ({ label: g.launch.name, description: g.url, id: g.id })),
      { title: 'Which gateway?' },
    );
    return chosen ? registry.get(chosen.id) : undefined;
  };

  const pickServer = async (): Promise<ServerRef | undefined> => {
    const files = await deps.listServers().catch(() => [] as DiscoveredFile[]);
    const items = files.flatMap((f) =>
      f.servers.filter((s) => s.transport === 'stdio' && !s.problem).map((s) => ({ label: s.name, description: vscode.workspace.asRelativePath(f.file), ref: { file: f.file, name: s.name } })),
    );
    if (!items.length) {
      void vscode.window.showInformationMessage('No stdio server is configured in this workspace or your clients; add one to .vscode/mcp.json first.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: 'Serve a stdio server over HTTP' }))?.ref;
  };

  const serve = async (arg?: unknown): Promise<GatewayInfo | undefined> => {
    if (!(await ensureTrustedForLaunch())) return undefined;
    const ref = toServerRef(arg) ?? (await pickServer());
    if (!ref) return undefined;
    const existing = registry.list().find((g) => g.alive && g.launch.source?.file === ref.file && g.launch.source?.name === ref.name);
    if (existing) {
      await view.reveal({ type: 'gateway', id: existing.id }, { focus: false, select: true }).then(undefined, () => {});
      return info(existing);
    }
    try {
      const resolved = await resolveServer(ref);
      if (resolved.entry.transport !== 'stdio') throw new Error(`"${ref.name}" is already an ${resolved.entry.transport} server; only stdio servers need the gateway.`);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(ref.file)));
      const target = await resolveServerEntry(resolved.entry, {
        file: ref.file,
        workspaceFolder: resolved.folder?.uri.fsPath,
        inputs: readServerEntries(ref.file, text).inputs,
        prompt: (input) =>
          Promise.resolve(
            vscode.window.showInputBox({ title: input.description ?? `Value for \${input:${input.id}}`, password: input.password, value: input.default, ignoreFocusOut: true }),
          ),
      });
      if (target.kind !== 'stdio') throw new Error(`"${ref.name}" is not a stdio server.`);
      const env = target.envFile ? { ...readEnvFile(target.envFile), ...(target.env ?? {}) } : target.env;
      const authMode = vscode.workspace.getConfiguration('mcpWorkbench').get<'token' | 'oauth'>('gateway.authMode', 'token');
      // One JSON line per request (token id, never the token) in the extension's log folder.
      const auditLog = vscode.Uri.joinPath(context.logUri, `gateway-${ref.name.replace(/[^A-Za-z0-9_.-]+/g, '_')}.audit.jsonl`).fsPath;
      const gw = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Serving ${ref.name} over HTTP…` }, () =>
        registry.start({ name: ref.name, source: ref, command: target.command, args: target.args ?? [], env, cwd: target.cwd, authMode, auditLog }),
      );
      deps.log.info(`gateway for ${ref.name} listening at ${gw.url}`);
      void vscode.window.showInformationMessage(`${ref.name} is served at ${gw.url}`, 'Copy URL', 'Copy mcp.json Entry').then((choice) => {
        if (choice === 'Copy URL') void vscode.commands.executeCommand('mcpWorkbench.gateway.copyUrl', gw.id);
        if (choice === 'Copy mcp.json Entry') void vscode.commands.executeCommand('mcpWorkbench.gateway.copyMcpJson', gw.id);
      });
      return info(gw);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not serve ${ref.name} over HTTP: ${(e as Error).message}`);
      return undefined;
    }
  };

  const copy = async (text: string | undefined, what: string) => {
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) Copied the gateway ${what}`, 3000);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SERVE_COMMAND, serve),
    vscode.commands.registerCommand('mcpWorkbench.gateway.stop', async (arg?: unknown) => {
      const gw = await pick(arg);
      if (gw) await registry.stop(gw.id);
    }),
    vscode.commands.registerCommand('mcpWorkbench.gateway.stopAll', () => registry.stopAll()),
    vscode.commands.registerCommand('mcpWorkbench.gateway.copyUrl', async (arg?: unknown) => copy((await pick(arg))?.url, 'URL')),
    vscode.commands.registerCommand('mcpWorkbench.gateway.copyToken', async (arg?: unknown) => {
      const gw = await pick(arg);
      if (!gw) return;
      if (gw.launch.authMode !== 'token') {
        void vscode.window.showInformationMessage('This gateway uses OAuth: clients obtain their own tokens from its authorization server.');
        return;
      }
      await copy(await registry.token(gw.id), 'token');
    }),
    vscode.commands.registerCommand('mcpWorkbench.gateway.copyMcpJson', async (arg?: unknown) => {
      const gw = await pick(arg);
      if (gw?.url) await copy(mcpJsonEntry(gw.launch.name, gw.url, gw.launch.authMode), 'mcp.json entry');
    }),
    vscode.commands.registerCommand('mcpWorkbench.gateway.showLog', async (arg?: unknown) => (await pick(arg))?.log.show(true)),
    vscode.commands.registerCommand('mcpWorkbench.gateway.openInspector', async (arg?: unknown) => {
      const gw = await pick(arg);
      if (!gw?.url) return undefined;
      const token = gw.launch.authMode === 'token' ? await registry.token(gw.id) : undefined;
      return vscode.commands.executeCommand('mcpWorkbench.inspectServer', {
        url: gw.url,
        name: `${gw.launch.name} (gateway)`,
        headers: token ? { Authorization: `Bearer ${token}` } : undefined,
      });
    }),
  );

  return { list: () => registry.list().map(info), stopAll: () => registry.stopAll() };
}
