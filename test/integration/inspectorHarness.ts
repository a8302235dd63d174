// Drives an inspector panel's message protocol from inside the extension host: sends what the webview would
// send (InspectorPanel.receive) and watches what the panel posts (onDidPost), with request ids of its own.
import type * as vscode from 'vscode';
import type { HostMethod, HostToWebview, ParamsOf, ResultOf } from '../../src/shared/inspectorProtocol';
import type { InspectorPanel } from '../../src/extension/inspector/inspectorPanel';
import { waitFor } from './helpers';

// The real webview numbers its requests from 1; these ids never collide with it.
let nextId = 1_000_000;

export class PanelDriver {
  readonly posted: HostToWebview[] = [];
  private readonly sub: vscode.Disposable;

  constructor(readonly panel: InspectorPanel) {
    this.sub = panel.onDidPost((m) => this.posted.push(m));
  }

  async ready(): Promise<void> {
    await this.panel.receive({ type: 'ready' });
  }

  async request<M extends HostMethod>(method: M, params: ParamsOf<M>, timeoutMs = 20_000): Promise<ResultOf<M>> {
    const id = nextId++;
    void this.panel.receive({ type: 'request', id, method, params });
    const r = await waitFor(() => this.posted.find((m) => m.type === 'response' && m.id === id), `the response to ${method}`, timeoutMs, 20);
    if (r.type !== 'response') throw new Error('unreachable');
    if (!r.ok) throw new Error(r.error);
    return r.result as ResultOf<M>;
  }

  /** Starts a request and returns its id without waiting (for cancel tests). */
  start<M extends HostMethod>(method: M, params: ParamsOf<M>): number {
    const id = nextId++;
    void this.panel.receive({ type: 'request', id, method, params });
    return id;
  }

  async responseTo(id: number, timeoutMs = 20_000): Promise<Extract<HostToWebview, { type: 'response' }>> {
    const r = await waitFor(() => this.posted.find((m) => m.type === 'response' && m.id === id), `response #${id}`, timeoutMs, 20);
    return r as Extract<HostToWebview, { type: 'response' }>;
  }

  events<T extends HostToWebview['type']>(type: T): Extract<HostToWebview, { type: T }>[] {
    return this.posted.filter((m) => m.type === type) as Extract<HostToWebview, { type: T }>[];
  }

  async waitForEvent<T extends HostToWebview['type']>(type: T, pred: (e: Extract<HostToWebview, { type: T }>) => boolean = () => true, timeoutMs = 20_000): Promise<Extract<HostToWebview, { type: T }>> {
    return waitFor(() => this.events(type).find(pred), `a "${type}" event`, timeoutMs, 20);
  }

  /** A request from the server (sampling, elicitation) that is still waiting for an answer. */
  async pendingClientRequest(kind: 'sampling' | 'elicitation', timeoutMs = 20_000): Promise<Extract<HostToWebview, { type: 'clientRequest' }>> {
    return waitFor(
      () => this.events('clientRequest').find((e) => e.request.kind === kind && !this.events('clientRequestDone').some((d) => d.requestId === e.request.requestId)),
      `a pending ${kind} request`,
      timeoutMs,
      20,
    );
  }

  async connected(timeoutMs = 20_000): Promise<void> {
    await waitFor(() => this.panel.controller.connection.status === 'connected' && this.panel.controller.catalogue.tools.length > 0, 'the panel to connect and list tools', timeoutMs, 50);
  }

  dispose(): void {
    this.sub.dispose();
  }
}
