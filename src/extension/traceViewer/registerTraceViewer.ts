// The trace viewer: a read-only custom editor for *.mcptrace files. Each document is indexed once in the
// extension host (shared by every editor of it); each editor gets a TraceViewerSession talking to its webview.
import * as vscode from 'vscode';
import { TraceIndex } from '../../core/replay/traceIndex';
import { TRACE_VIEWER_VIEW_TYPE } from '../../shared/traceViewerProtocol';
import { inspectorHtml } from '../inspector/webviewHtml';
import { TraceViewerSession } from './traceViewerSession';
import { VERIFY_DIFF_SCHEME, VerifyDiffs } from './verifyDiffs';
import type { VerifyRunner } from './verifyRunner';

class TraceDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly index: TraceIndex | undefined,
    readonly error: string | undefined,
  ) {}
  dispose(): void {}
}

export interface TraceViewerApi {
  /** Open viewers (tests drive them through receive/onDidPost, like the inspector's panels). */
  sessions(): TraceViewerSession[];
  /** Opens a trace in the viewer and resolves once its session exists. */
  open(uri: vscode.Uri): Promise<TraceViewerSession>;
  diffs: VerifyDiffs;
}

export function registerTraceViewer(context: vscode.ExtensionContext, runner: VerifyRunner, log: vscode.LogOutputChannel): TraceViewerApi {
  const sessions = new Set<TraceViewerSession>();
  const waiting = new Map<string, Array<(s: TraceViewerSession) => void>>();
  const diffs = new VerifyDiffs();

  const provider: vscode.CustomReadonlyEditorProvider<TraceDocument> = {
    async openCustomDocument(uri) {
      try {
        return new TraceDocument(uri, await TraceIndex.open(uri.fsPath), undefined);
      } catch (e) {
        return new TraceDocument(uri, undefined, (e as Error).message);
      }
    },
    async resolveCustomEditor(document, panel) {
      const webview = panel.webview;
      webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
      if (!document.index) {
        webview.options = { enableScripts: false };
        webview.html = `<!DOCTYPE html><html><body><p>${escapeHtml(document.error ?? 'This trace cannot be opened.')}</p></body></html>`;
        return;
      }
      const session = new TraceViewerSession(document.uri, document.index, webview, runner, diffs, log);
      sessions.add(session);
      panel.onDidDispose(() => {
        sessions.delete(session);
        session.dispose();
      });
      webview.html = inspectorHtml(webview, context.extensionUri, 'traceViewer');
      const key = document.uri.toString();
      for (const resolve of waiting.get(key) ?? []) resolve(session);
      waiting.delete(key);
    },
  };

  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(TRACE_VIEWER_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true }),
    vscode.workspace.registerTextDocumentContentProvider(VERIFY_DIFF_SCHEME, diffs),
    diffs,
    vscode.commands.registerCommand('mcpWorkbench.openTraceAsText', async (uri?: vscode.Uri) => {
      const target = uri ?? activeTraceUri(sessions);
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, 'default');
    }),
    { dispose: () => sessions.forEach((s) => s.dispose()) },
  );

  return {
    sessions: () => [...sessions],
    diffs,
    open: (uri) =>
      new Promise<TraceViewerSession>((resolve, reject) => {
        const key = uri.toString();
        const existing = [...sessions].find((s) => s.uri.toString() === key);
        if (existing) {
          vscode.commands.executeCommand('vscode.openWith', uri, TRACE_VIEWER_VIEW_TYPE).then(() => resolve(existing), reject);
          return;
        }
        waiting.set(key, [...(waiting.get(key) ?? []), resolve]);
        vscode.commands.executeCommand('vscode.openWith', uri, TRACE_VIEWER_VIEW_TYPE).then(undefined, reject);
      }),
  };
}

function activeTraceUri(sessions: Set<TraceViewerSession>): vscode.Uri | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (tab instanceof vscode.TabInputCustom && tab.viewType === TRACE_VIEWER_VIEW_TYPE) return tab.uri;
  return [...sessions][0]?.uri;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
