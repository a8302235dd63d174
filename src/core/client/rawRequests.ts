// Requests the SDK Client does not carry in the 2026 era: the tasks extension (a tools/call answered with
// `resultType: "task"`, tasks/get, tasks/update, tasks/cancel). They go over the same transport, with string ids
// that cannot collide with the Client's numeric ones, the same per-request `_meta` envelope, and their responses
// are taken off the stream before the Client sees them. The traffic tap records them like any other message.
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

interface Pending {
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** A JSON-RPC error answered to a raw request. */
export class RawRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RawRequestError';
  }
}

export class RawRequests {
  private nextId = 0;
  private readonly pending = new Map<string, Pending>();

  /** Call once the Client has connected (it installs its own `onmessage` during connect). */
  constructor(
    private readonly transport: Transport,
    private readonly envelope: () => Record<string, unknown>,
  ) {
    const clientOnMessage = transport.onmessage;
    transport.onmessage = (message, extra) => {
      const m = message as { id?: unknown; method?: string; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } };
      const waiting = typeof m.id === 'string' && m.method === undefined ? this.pending.get(m.id) : undefined;
      if (!waiting) return clientOnMessage?.(message, extra);
      this.pending.delete(m.id as string);
      clearTimeout(waiting.timer);
      if (m.error) waiting.reject(new RawRequestError(m.error.code, m.error.message, m.error.data));
      else waiting.resolve(m.result ?? {});
    };
  }

  request(method: string, params: Record<string, unknown>, options: { timeoutMs: number; signal?: AbortSignal }): Promise<Record<string, unknown>> {
    const id = `workbench:${++this.nextId}`;
    const own = params._meta as Record<string, unknown> | undefined;
    const message = { jsonrpc: '2.0', id, method, params: { ...params, _meta: { ...this.envelope(), ...own } } } as JSONRPCMessage;
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`The server did not answer ${method} within ${Math.round(options.timeoutMs / 100) / 10} s`)), options.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      options.signal?.addEventListener('abort', () => fail(new Error(`${method} was cancelled`)), { once: true });
      this.transport.send(message).catch(fail);
    });
  }

  /** Fails every request still waiting (the connection closed). */
  closeAll(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      this.pending.delete(id);
    }
  }
}
