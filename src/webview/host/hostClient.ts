// The webview side of the inspector protocol: typed requests with ids, pushed events, and the ready handshake.
import type { HostEvent, HostMethod, HostToWebview, ParamsOf, ResultOf, WebviewToHost } from '../../shared/inspectorProtocol';
import { vscodeApi } from './vscodeApi';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(e: HostEvent) => void>();
  private readonly bridgeListeners = new Set<(m: Extract<HostToWebview, { type: 'appBridgeResponse' }>) => void>();

  constructor(private readonly post: (m: WebviewToHost) => void = (m) => vscodeApi().postMessage(m)) {
    window.addEventListener('message', (ev: MessageEvent) => {
      // MCP App frames (our child iframes) talk to AppFrame's own listener; everything else comes from the host.
      if (ev.source && isChildFrame(ev.source)) return;
      this.receive(ev.data as HostToWebview);
    });
  }

  /** Tells the host the page can receive: it answers with `init` and the current state. */
  ready(): void {
    this.post({ type: 'ready' });
  }

  request<M extends HostMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: 'request', id, method, params } as WebviewToHost);
    });
  }

  send(m: WebviewToHost): void {
    this.post(m);
  }

  onEvent(listener: (e: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onBridgeResponse(listener: (m: Extract<HostToWebview, { type: 'appBridgeResponse' }>) => void): () => void {
    this.bridgeListeners.add(listener);
    return () => this.bridgeListeners.delete(listener);
  }

  private receive(m: HostToWebview): void {
    if (!m || typeof m !== 'object' || typeof (m as { type?: unknown }).type !== 'string') return;
    if (m.type === 'response') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
      return;
    }
    if (m.type === 'appBridgeResponse') {
      for (const l of this.bridgeListeners) l(m);
      return;
    }
    for (const l of this.listeners) l(m);
  }
}

function isChildFrame(source: MessageEventSource): boolean {
  for (const f of Array.from(document.querySelectorAll('iframe'))) if (f.contentWindow === source) return true;
  return false;
}
