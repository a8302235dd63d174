// The webview side of the inspector protocol: typed requests and pushed events.
import type { HostEvent, HostMethod, HostToWebview, ParamsOf, ResultOf, WebviewToHost } from '../../shared/inspectorProtocol';
import { vscodeApi } from './vscodeApi';
import { WebviewRpc } from './webviewRpc';

export class HostClient {
  private readonly rpc: WebviewRpc<WebviewToHost, HostToWebview>;
  private readonly listeners = new Set<(e: HostEvent) => void>();

  constructor(post: (m: WebviewToHost) => void = (m) => vscodeApi().postMessage(m)) {
    // MCP App frames (our child iframes) talk to their AppBridge; everything else comes from the host.
    this.rpc = new WebviewRpc<WebviewToHost, HostToWebview>(post, (ev) => !(ev.source && isChildFrame(ev.source)));
    this.rpc.onMessage((m) => {
      for (const l of this.listeners) l(m);
    });
  }

  /** Tells the host the page can receive: it answers with `init` and the current state. */
  ready(): void {
    this.rpc.ready();
  }

  request<M extends HostMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    return this.rpc.request(method, params) as Promise<ResultOf<M>>;
  }

  send(m: WebviewToHost): void {
    this.rpc.send(m);
  }

  onEvent(listener: (e: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function isChildFrame(source: MessageEventSource): boolean {
  for (const f of Array.from(document.querySelectorAll('iframe'))) if (f.contentWindow === source) return true;
  return false;
}
