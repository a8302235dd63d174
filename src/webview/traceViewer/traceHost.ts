// The webview side of the trace viewer protocol: typed requests and pushed events over the shared webview RPC.
import type { TraceViewerEvent, TraceViewerFromHost, TraceViewerMethod, TraceViewerToHost, TvParams, TvResult } from '../../shared/traceViewerProtocol';
import { vscodeApi } from '../host/vscodeApi';
import { WebviewRpc } from '../host/webviewRpc';

const HOST_TYPES = new Set<string>(['init', 'progress', 'verifyStarted', 'verifyProgress', 'verifyResult', 'response']);

export class TraceHost {
  private readonly rpc: WebviewRpc<TraceViewerToHost, TraceViewerFromHost>;

  constructor(post: (m: TraceViewerToHost) => void = (m) => vscodeApi().postMessage(m)) {
    // The page has no frames of its own, so every message comes from the host; its `source` varies by host
    // (VS Code, code-server), so messages are checked by shape rather than by sender.
    this.rpc = new WebviewRpc<TraceViewerToHost, TraceViewerFromHost>(post, (ev) => HOST_TYPES.has((ev.data as { type?: unknown } | null)?.type as string));
  }

  ready(): void {
    this.rpc.ready();
  }

  request<M extends TraceViewerMethod>(method: M, params: TvParams<M>): Promise<TvResult<M>> {
    return this.rpc.request(method, params) as Promise<TvResult<M>>;
  }

  onEvent(listener: (e: TraceViewerEvent) => void): () => void {
    return this.rpc.onMessage(listener);
  }
}
