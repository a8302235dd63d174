// One inspector webview panel: the ready handshake, the message protocol (requests with ids, pushed events),
// and the controller that does the MCP work. Events posted before the webview is ready are dropped: on
// `ready` the panel sends `init` and a full snapshot instead, which also covers a webview reload.
import * as vscode from 'vscode';
import type { ConnectTarget } from '../../core/client';
import type { HostEvent, HostToWebview, InspectorViewState, PanelTarget, WebviewToHost } from '../../shared/inspectorProtocol';
import { isWebviewMessage } from '../../shared/inspectorProtocol';
import { InspectorController } from './inspectorController';
import { vscodeInspectorHost } from './inspectorHost';
import { inspectorHtml } from './webviewHtml';

export interface InspectorPanelOptions {
  panel: vscode.WebviewPanel;
  target: PanelTarget;
  extensionUri: vscode.Uri;
  state: vscode.Memento;
  resolve(): Promise<ConnectTarget>;
  viewState?: InspectorViewState;
  /** False in Restricted Mode: the panel shows why and never starts the server. */
  mayConnect: boolean;
  log: vscode.LogOutputChannel;
  /** Base URL of the MCP Apps sandbox page, as the webview reaches it; undefined if it could not start. */
  sandboxBase(): Promise<string | undefined>;
}

export class InspectorPanel implements vscode.Disposable {
  readonly controller: InspectorController;
  private ready = false;
  private viewState: InspectorViewState | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly postListeners = new Set<(m: HostToWebview) => void>();
  private readonly disposeListeners = new Set<() => void>();
  private disposed = false;
  private sandboxBase: string | undefined;

  constructor(private readonly o: InspectorPanelOptions) {
    this.viewState = o.viewState;
    const webview = o.panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(o.extensionUri, 'dist')] };
    o.panel.title = `MCP: ${o.target.label}`;
    o.panel.iconPath = vscode.Uri.joinPath(o.extensionUri, 'media', 'activity-bar.svg');
    this.controller = new InspectorController({ target: o.target, resolve: o.resolve, post: (e) => this.post(e), state: o.state, host: vscodeInspectorHost });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      o.panel.onDidDispose(() => this.dispose()),
    );
    // The page may frame only the sandbox page's origin, which is known once its server listens.
    void o
      .sandboxBase()
      .catch((e: unknown) => {
        o.log.warn(`inspector: the MCP Apps sandbox did not start: ${(e as Error).message}`);
        return undefined;
      })
      .then((base) => {
        if (this.disposed) return;
        this.sandboxBase = base;
        webview.html = inspectorHtml(webview, o.extensionUri, 'inspector', base ? new URL(base).origin : undefined);
      });
    if (o.mayConnect) void this.controller.connect();
    else {
      this.controller.connection = {
        ...this.controller.connection,
        status: 'failed',
        error: { step: 'trust', message: 'MCP Workbench does not start MCP servers in Restricted Mode.', hint: 'Trust this workspace (Manage Workspace Trust), then press Retry.' },
      };
    }
  }

  get target(): PanelTarget {
    return this.o.target;
  }

  get panel(): vscode.WebviewPanel {
    return this.o.panel;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The last view state the webview reported (tab, selection, form inputs). */
  get lastViewState(): InspectorViewState | undefined {
    return this.viewState;
  }

  reveal(): void {
    this.o.panel.reveal();
  }

  /** Sees every message posted to the webview (tests, diagnostics). */
  onDidPost(listener: (m: HostToWebview) => void): vscode.Disposable {
    this.postListeners.add(listener);
    return new vscode.Disposable(() => this.postListeners.delete(listener));
  }

  onDidDispose(listener: () => void): void {
    this.disposeListeners.add(listener);
  }

  /** Handles a message as if the webview had sent it (used by the webview channel and by tests). */
  async receive(m: unknown): Promise<void> {
    if (!isWebviewMessage(m)) {
      this.o.log.warn(`inspector: ignored a malformed message from the webview: ${JSON.stringify(m)?.slice(0, 200)}`);
      return;
    }
    await this.dispatch(m);
  }

  private async dispatch(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.send({ type: 'init', target: publicTarget(this.o.target), state: this.viewState, roots: this.controller.roots, locale: vscode.env.language, sandboxBase: this.sandboxBase });
        for (const e of this.controller.snapshotEvents()) this.send(e);
        return;
      case 'viewState':
        this.viewState = m.state;
        return;
      case 'request':
        if (m.method === 'connect' && !this.o.mayConnect && !vscode.workspace.isTrusted) {
          this.send({ type: 'response', id: m.id, ok: false, error: 'MCP Workbench does not start MCP servers in Restricted Mode; trust the workspace first.' });
          return;
        }
        try {
          const result = await this.controller.handle(m.method, m.params as never);
          this.send({ type: 'response', id: m.id, ok: true, result: result ?? null });
        } catch (e) {
          this.send({ type: 'response', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
        }
        return;
    }
  }

  private post(e: HostEvent): void {
    // Before `ready` nothing is lost: the snapshot sent on ready includes it.
    if (this.ready) this.send(e);
  }

  private send(m: HostToWebview): void {
    if (this.disposed) return;
    for (const l of this.postListeners) l(m);
    void this.o.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.controller.dispose();
    this.disposables.splice(0).forEach((d) => d.dispose());
    for (const l of this.disposeListeners) l();
    this.o.panel.dispose();
  }
}

/** What the webview may keep: never headers (tokens) of an ad-hoc HTTP target. */
export function publicTarget(t: PanelTarget): PanelTarget {
  if (!t.adhoc?.headers) return t;
  const { headers: _headers, ...adhoc } = t.adhoc;
  return { ...t, adhoc };
}
