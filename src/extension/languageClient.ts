// Starts the manifest language server (dist/server.js over IPC) for MCP config and manifest files, shows the
// detected kind and schema in the status bar, and keeps code lenses to commands that actually exist.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  ManifestReportRequest,
  ManifestReportResult,
  ManifestServerOptions,
  ManifestStatusNotification,
  ManifestStatusParams,
} from '../shared/lspMessages';

/** File names the server may own. settings.json and manifest.json are only ours if their content says so. */
export const MANIFEST_PATTERNS = [
  '**/server.json',
  '**/mcp.json',
  '**/.mcp.json',
  '**/.cursor/mcp.json',
  '**/claude_desktop_config.json',
  '**/mcp_config.json',
  '**/gemini-extension.json',
  '**/settings.json',
  '**/manifest.json',
];

export function manifestSelector(): { language: string; pattern: string }[] {
  const out: { language: string; pattern: string }[] = [];
  for (const language of ['json', 'jsonc']) for (const pattern of MANIFEST_PATTERNS) out.push({ language, pattern });
  return out;
}

export interface ManifestClientApi {
  /** Resolves once the server has started. */
  ready: Promise<void>;
  /** What the server last reported for a document (undefined: not analysed yet). */
  status(uri: vscode.Uri): ManifestStatusParams | undefined;
  /** The server's current findings for an open document. */
  report(uri: vscode.Uri): Promise<ManifestReportResult>;
}

const LENS_COMMANDS_TTL_MS = 5000;

export function registerLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): ManifestClientApi {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Which commands exist, re-read at most every few seconds: a lens for a missing command would lead nowhere.
  let known: { at: number; commands: Set<string> } | undefined;
  const knownCommands = async (): Promise<Set<string>> => {
    if (!known || Date.now() - known.at > LENS_COMMANDS_TTL_MS) known = { at: Date.now(), commands: new Set(await vscode.commands.getCommands(true)) };
    return known.commands;
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{.mcp.json,mcp.json,package.json,claude_desktop_config.json,mcp_config.json}');
  context.subscriptions.push(watcher);
  const initializationOptions: ManifestServerOptions = { hostValidatesVsCodeMcp: true, environmentChecks: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: manifestSelector(),
    initializationOptions,
    outputChannel: output,
    // Other config files and package.json feed the cross-file checks (duplicate server names, mcpName).
    synchronize: { fileEvents: watcher },
    middleware: {
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        if (!lenses?.length) return lenses;
        const commands = await knownCommands();
        return lenses.filter((l) => !l.command || commands.has(l.command.command));
      },
    },
  };
  const client = new LanguageClient('mcpWorkbench.manifests', 'MCP Manifests', serverOptions, clientOptions);
  const statuses = new Map<string, ManifestStatusParams>();
  const item = vscode.window.createStatusBarItem('mcpWorkbench.manifestStatus', vscode.StatusBarAlignment.Right, 100);
  item.name = 'MCP manifest kind and schema';
  item.command = 'workbench.actions.view.problems';
  context.subscriptions.push(item);

  const refreshItem = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc ? statuses.get(doc.uri.toString()) : undefined;
    if (!s || !s.kind) {
      item.hide();
      return;
    }
    const problems = s.errors ? `$(error) ${s.errors}` : s.warnings ? `$(warning) ${s.warnings}` : '$(check)';
    item.text = `$(json) ${s.schemaLabel ?? s.kindLabel} ${problems}`;
    item.tooltip = new vscode.MarkdownString(
      `**MCP Workbench** checks this file as **${s.kindLabel}** against the **${s.schemaLabel}** schema.\n\n` +
        `${s.errors} error(s), ${s.warnings} warning(s).` +
        (s.hostValidatesSchema ? '\n\nVS Code validates the schema of this file itself; MCP Workbench adds the checks it misses.' : ''),
    );
    item.show();
  };

  const ready = client.start().then(
    () => {
      context.subscriptions.push(
        client.onNotification(ManifestStatusNotification.method, (p: ManifestStatusParams) => {
          statuses.set(p.uri, p);
          refreshItem();
        }),
      );
      output.info('manifest language server started');
    },
    (e) => {
      output.error(`manifest language server failed to start: ${(e as Error).message}`);
      throw e;
    },
  );
  ready.catch(() => undefined);
  context.subscriptions.push(
    { dispose: () => void client.stop().catch(() => undefined) },
    vscode.window.onDidChangeActiveTextEditor(refreshItem),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
  );

  return {
    ready,
    status: (uri) => statuses.get(uri.toString()),
    report: async (uri) => {
      await ready;
      return client.sendRequest(ManifestReportRequest.method, { uri: client.code2ProtocolConverter.asUri(uri) });
    },
  };
}
