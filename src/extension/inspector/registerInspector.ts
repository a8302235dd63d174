// The inspector's entry points: the "Inspect Server..." command (a discovered server, a tree node, a
// { file, name } ref from a code lens, a URL or command from the gateway, or typed by the user), one panel
// per server, and the serializer that restores panels after a window reload.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectTarget } from '../../core/client';
import type { DiscoveredFile } from '../../core/manifest/discoverServers';
import { describeEndpoint, readServerEntries } from '../../core/manifest/serverEntries';
import { INSPECTOR_VIEW_TYPE, type InspectorViewState, type PanelTarget, type PersistedWebviewState } from '../../shared/inspectorProtocol';
import { resolveServer, toServerRef } from '../serverRef';
import { ensureTrustedForLaunch } from '../trust';
import { AppSandboxServer } from './appSandboxServer';
import { InspectorPanel } from './inspectorPanel';
import { adhocTarget, refKey, TargetResolutionError, targetFromEntry, type ResolveContext } from './serverTarget';

export const INSPECT_COMMAND = 'mcpWorkbench.inspectServer';

export interface InspectorApi {
  /** Open panels, by target key. */
  panels(): InspectorPanel[];
  get(key: string): InspectorPanel | undefined;
  /** What the panel serializer does after a window reload (exposed so tests can exercise restore). */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<InspectorPanel | undefined>;
}

export interface InspectorDeps {
  listServers(): Promise<DiscoveredFile[]>;
  log: vscode.LogOutputChannel;
}

export function registerInspector(context: vscode.ExtensionContext, deps: InspectorDeps): InspectorApi {
  const panels = new Map<string, InspectorPanel>();
  const sandbox = new AppSandboxServer(() => readFileSync(path.join(context.extensionPath, 'dist', 'appSandbox.js'), 'utf8'));
  let sandboxBase: Promise<string> | undefined;
  // One sandbox server for every panel; asExternalUri maps the loopback port where the browser can reach it
  // (code-server, remote windows).
  const externalSandboxBase = (): Promise<string> =>
    (sandboxBase ??= sandbox.start().then(async (origin) => (await vscode.env.asExternalUri(vscode.Uri.parse(`${origin}/`))).toString(true)));

  const open = (target: PanelTarget, existing?: vscode.WebviewPanel, viewState?: InspectorViewState): InspectorPanel => {
    const current = panels.get(target.key);
    if (current && !existing) {
      current.reveal();
      return current;
    }
    const panel =
      existing ??
      vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, `MCP: ${target.label}`, vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      });
    const answers = new Map<string, string>();
    const inspector = new InspectorPanel({
      panel,
      target,
      extensionUri: context.extensionUri,
      state: context.workspaceState,
      resolve: () => resolveTarget(target, answers),
      viewState,
      mayConnect: vscode.workspace.isTrusted,
      log: deps.log,
      sandboxBase: externalSandboxBase,
    });
    panels.set(target.key, inspector);
    inspector.onDidDispose(() => panels.get(target.key) === inspector && panels.delete(target.key));
    return inspector;
  };

  const restore = async (panel: vscode.WebviewPanel, state: unknown): Promise<InspectorPanel | undefined> => {
    const saved = state as PersistedWebviewState | undefined;
    if (!saved?.target?.key) {
      // Nothing to reconnect to (e.g. the panel was closed before its first render): say so in the panel.
      panel.webview.html = '<!DOCTYPE html><html><body><p>This inspector panel cannot be restored: its server is unknown. Close it and run "MCP Workbench: Inspect Server...".</p></body></html>';
      return undefined;
    }
    panels.get(saved.target.key)?.dispose();
    return open(saved.target, panel, saved.view);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(INSPECT_COMMAND, async (arg?: unknown): Promise<string | undefined> => {
      if (!(await ensureTrustedForLaunch())) return undefined;
      let target: PanelTarget | undefined;
      try {
        target = targetFromArgument(arg) ?? (await pickTarget(deps));
      } catch (e) {
        void vscode.window.showErrorMessage((e as Error).message);
        return undefined;
      }
      if (!target) return undefined;
      return open(target).target.key;
    }),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        await restore(panel, state);
      },
    }),
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
    { dispose: () => void sandbox.dispose() },
  );

  return { panels: () => [...panels.values()], get: (key) => panels.get(key), restore };
}

/** Accepts a Servers view node or { file, name }; a { url } or { command } (the gateway); or a string. */
export function targetFromArgument(arg: unknown): PanelTarget | undefined {
  const ref = toServerRef(arg);
  if (ref) return { key: refKey(ref), label: ref.name, ref };
  if (typeof arg === 'string' && arg.trim()) return adhocTarget(arg);
  if (arg && typeof arg === 'object') {
    const a = arg as Record<string, unknown>;
    const label = typeof a.name === 'string' ? a.name : undefined;
    if (typeof a.url === 'string') {
      const t = adhocTarget(a.url);
      const transport = a.transport === 'sse' ? 'sse' : 'http';
      return { ...t, label: label ?? t.label, adhoc: { ...t.adhoc!, transport, headers: stringRecord(a.headers) } };
    }
    if (typeof a.command === 'string') {
      const args = Array.isArray(a.args) ? a.args.map(String) : [];
      const line = [a.command, ...args].join(' ');
      return { key: `cmd:${line}`, label: label ?? line, adhoc: { transport: 'stdio', command: a.command, args, cwd: typeof a.cwd === 'string' ? a.cwd : undefined, env: stringRecord(a.env) } };
    }
  }
  return undefined;
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object') return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

async function pickTarget(deps: InspectorDeps): Promise<PanelTarget | undefined> {
  type Item = vscode.QuickPickItem & { target?: PanelTarget; typed?: boolean };
  const files = await deps.listServers().catch(() => [] as DiscoveredFile[]);
  const items: Item[] = [];
  for (const f of files) {
    const servers = f.servers ?? [];
    if (servers.length === 0) continue;
    items.push({ label: vscode.workspace.asRelativePath(f.file), kind: vscode.QuickPickItemKind.Separator });
    for (const s of servers) {
      items.push({
        label: s.name,
        description: s.transport,
        detail: s.problem ? `$(warning) ${s.problem}` : describeEndpoint(s),
        target: { key: refKey({ file: f.file, name: s.name }), label: s.name, ref: { file: f.file, name: s.name } },
      });
    }
  }
  items.push({ label: '$(terminal) Enter a command or URL…', typed: true, alwaysShow: true });
  const { picked, text } = await pickWithText(items, { title: 'Inspect an MCP server', placeholder: 'Pick a configured server, or enter a command or URL', matchOnDetail: true });
  if (picked?.target) return picked.target;
  if (!picked) return undefined;
  // "Enter a command or URL…" stays listed while typing: what was typed is carried over into the input box.
  const typed = await vscode.window.showInputBox({
    title: 'Inspect an MCP server',
    prompt: 'A command that starts a stdio server (e.g. node build/index.js) or a Streamable HTTP / SSE URL',
    value: text.trim(),
    validateInput: (v) => {
      try {
        adhocTarget(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  return typed ? adhocTarget(typed) : undefined;
}

/**
 * A quick pick that also reports what was typed in its filter box, so that the text is not thrown away when
 * the next step asks for it again.
 */
function pickWithText<T extends vscode.QuickPickItem>(items: T[], o: { title: string; placeholder: string; matchOnDetail?: boolean }): Promise<{ picked?: T; text: string }> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.items = items;
    qp.title = o.title;
    qp.placeholder = o.placeholder;
    qp.matchOnDetail = o.matchOnDetail ?? false;
    let done = false;
    const finish = (r: { picked?: T; text: string }) => {
      if (done) return;
      done = true;
      resolve(r);
      qp.dispose();
    };
    qp.onDidAccept(() => finish({ picked: qp.selectedItems[0] ?? qp.activeItems[0], text: qp.value }));
    qp.onDidHide(() => finish({ text: '' }));
    qp.show();
  });
}

async function resolveTarget(target: PanelTarget, answers: Map<string, string>): Promise<ConnectTarget> {
  if (target.ref) {
    const resolved = await resolveServer(target.ref);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(target.ref.file)));
    const ctx: ResolveContext = { folder: resolved.folder, inputs: readServerEntries(target.ref.file, text).inputs, answers };
    return targetFromEntry(resolved.entry, ctx);
  }
  const a = target.adhoc;
  if (!a) throw new TargetResolutionError('This panel has no server to connect to.');
  if (a.transport === 'stdio') {
    return { kind: 'stdio', command: a.command ?? '', args: a.args, cwd: a.cwd ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, env: a.env, name: target.label };
  }
  return { kind: 'http', url: a.url ?? '', transport: a.transport === 'sse' ? 'sse' : 'auto', headers: a.headers, name: target.label };
}
