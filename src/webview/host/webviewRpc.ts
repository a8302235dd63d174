// The webview half of a host protocol shared by the inspector and the trace viewer: a `ready` handshake,
// requests with ids answered by `response`s, and every other host message pushed to listeners.
// Each protocol wraps this with its own typed methods and decides which window messages are its own.

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

/** The host's answer to one request, matched by id. */
export type RpcResponse =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

export class WebviewRpc<Out extends { type: string }, In extends { type: string }> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(m: Exclude<In, RpcResponse>) => void>();

  /** `accepts` says whether a window message is meant for this page (by sender or by shape). */
  constructor(
    private readonly post: (m: Out) => void,
    accepts: (ev: MessageEvent) => boolean,
  ) {
    window.addEventListener('message', (ev: MessageEvent) => {
      if (accepts(ev)) this.receive(ev.data);
    });
  }

  /** Tells the host the page can receive: it answers with `init` and the current state. */
  ready(): void {
    this.post({ type: 'ready' } as Out);
  }

  send(m: Out): void {
    this.post(m);
  }

  /** Untyped on purpose: each protocol's wrapper gives it the method/params/result types. */
  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'request', id, method, params } as unknown as Out);
    });
  }

  /** Every host message that is not a response; returns the unsubscribe function. */
  onMessage(listener: (m: Exclude<In, RpcResponse>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(data: unknown): void {
    if (!data || typeof data !== 'object' || typeof (data as { type?: unknown }).type !== 'string') return;
    const m = data as In;
    if (m.type === 'response') {
      const r = m as unknown as RpcResponse;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.result);
      else p.reject(new Error(r.error));
      return;
    }
    for (const l of this.listeners) l(m as Exclude<In, RpcResponse>);
  }
}
