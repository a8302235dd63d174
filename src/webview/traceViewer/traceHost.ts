// The webview side of the trace viewer protocol: typed requests with ids, pushed events, the ready handshake.
import type { TraceViewerEvent, TraceViewerFromHost, TraceViewerMethod, TraceViewerToHost, TvParams, TvResult } from '../../shared/traceViewerProtocol';
import { vscodeApi } from '../host/vscodeApi';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

const HOST_TYPES = new Set<string>(['init', 'progress', 'verifyStarted', 'verifyProgress', 'verifyResult', 'response']);

export class TraceHost {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(e: TraceViewerEvent) => void>();

  constructor(private readonly post: (m: TraceViewerToHost) => void = (m) => vscodeApi().postMessage(m)) {
    window.addEventListener('message', (ev: MessageEvent) => {
      // The page has no frames of its own, so every message comes from the host; its `source` varies by host
      // (VS Code, code-server), so messages are checked by shape in receive() rather than by sender.
      this.receive(ev.data as TraceViewerFromHost);
    });
  }

  ready(): void {
    this.post({ type: 'ready' });
  }

  request<M extends TraceViewerMethod>(method: M, params: TvParams<M>): Promise<TvResult<M>> {
    const id = this.nextId++;
    return new Promise<TvResult<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: 'request', id, method, params } as TraceViewerToHost);
    });
  }

  onEvent(listener: (e: TraceViewerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(m: TraceViewerFromHost): void {
    if (!m || typeof m !== 'object' || !HOST_TYPES.has((m as { type?: unknown }).type as string)) return;
    if (m.type === 'response') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
      return;
    }
    for (const l of this.listeners) l(m);
  }
}
