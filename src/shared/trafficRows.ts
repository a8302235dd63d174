// Summary rows for the traffic table: small, immutable, one per trace event. The full message stays in the
// extension host and is fetched on demand (trafficDetail), so 100,000 rows stay cheap to hold and to post.

export type TrafficKind = 'request' | 'response' | 'error' | 'notification' | 'stderr' | 'transport' | 'other';

export interface TrafficRow {
  /** Position in this connection's traffic, from 0, contiguous. */
  seq: number;
  /** Milliseconds since the trace started. */
  t: number;
  dir: 'send' | 'recv' | 'none';
  kind: TrafficKind;
  method?: string;
  /** JSON-RPC id, as text. */
  rpcId?: string;
  /** For a response: the seq of its request and how long it took (the webview also gives the request its response's seq). */
  pairSeq?: number;
  latencyMs?: number;
  /** Serialized size in bytes (approximate: UTF-16 length). */
  size: number;
  /** One short line for the table. */
  preview: string;
}

export interface TraceLikeEvent {
  type: string;
  t: number;
  dir?: 'send' | 'recv';
  msg?: unknown;
  text?: string;
  event?: string;
  detail?: unknown;
  status?: number;
}

const PREVIEW_MAX = 160;

function clip(s: string): string {
  return s.length > PREVIEW_MAX ? `${s.slice(0, PREVIEW_MAX - 1)}…` : s;
}

/** Turns trace events into rows, pairing responses with their requests (per direction, by JSON-RPC id). */
export class TrafficRowBuilder {
  private next = 0;
  /** Open requests: key `${dir}:${id}` -> { seq, t, method }. */
  private readonly open = new Map<string, { seq: number; t: number; method: string }>();

  get count(): number {
    return this.next;
  }

  reset(): void {
    this.next = 0;
    this.open.clear();
  }

  add(e: TraceLikeEvent): TrafficRow {
    const seq = this.next++;
    if (e.type === 'message') return this.message(seq, e);
    if (e.type === 'stderr') return { seq, t: e.t, dir: 'none', kind: 'stderr', size: (e.text ?? '').length, preview: clip(e.text ?? '') };
    if (e.type === 'transport') {
      const detail = e.detail === undefined ? '' : ` ${typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail)}`;
      return { seq, t: e.t, dir: 'none', kind: 'transport', method: e.event, size: 0, preview: clip(`${e.event ?? ''}${detail}`) };
    }
    if (e.type === 'http') return { seq, t: e.t, dir: 'recv', kind: 'other', method: `HTTP ${e.status ?? ''}`, size: 0, preview: `HTTP ${e.status ?? ''}` };
    return { seq, t: e.t, dir: 'none', kind: 'other', size: 0, preview: clip(e.text ?? e.type) };
  }

  private message(seq: number, e: TraceLikeEvent): TrafficRow {
    const m = (e.msg ?? {}) as Record<string, unknown>;
    const dir: TrafficRow['dir'] = e.dir ?? 'none';
    const text = JSON.stringify(m) ?? '';
    const id = m.id === undefined || m.id === null ? undefined : String(m.id);
    const base = { seq, t: e.t, dir, rpcId: id, size: text.length };
    if (typeof m.method === 'string') {
      const params = m.params === undefined ? '' : JSON.stringify(m.params);
      if (id !== undefined) {
        this.open.set(`${dir}:${id}`, { seq, t: e.t, method: m.method });
        return { ...base, kind: 'request', method: m.method, preview: clip(params) };
      }
      return { ...base, kind: 'notification', method: m.method, preview: clip(params) };
    }
    // A response travels the other way from its request.
    const reqDir = dir === 'recv' ? 'send' : 'recv';
    const req = id !== undefined ? this.open.get(`${reqDir}:${id}`) : undefined;
    if (req) this.open.delete(`${reqDir}:${id}`);
    const pairing = req ? { pairSeq: req.seq, latencyMs: Math.max(0, e.t - req.t), method: req.method } : {};
    if (m.error !== undefined) {
      const err = m.error as { code?: number; message?: string };
      return { ...base, ...pairing, kind: 'error', preview: clip(`${err.code ?? ''} ${err.message ?? ''}`.trim()) };
    }
    return { ...base, ...pairing, kind: 'response', preview: clip(m.result === undefined ? '' : JSON.stringify(m.result)) };
  }
}
