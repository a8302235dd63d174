// Summary rows for the traffic table: small, immutable, one per trace event. The full message stays in the
// extension host and is fetched on demand (trafficDetail), so 100,000 rows stay cheap to hold and to post.
// Classification and pairing come from the core's one pairing model, so these rows agree with the trace viewer's.
import { PairingModel, type EventKind, type PairableEvent } from '../core/traffic/pairing';
import { eventPreview, type PreviewableEvent } from '../core/traffic/preview';

export type TrafficKind = EventKind;

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
  /** A JSON-RPC error, a tool result with isError, a transport error. */
  isError: boolean;
  /**
   * The seq of the first request of the logical call this row belongs to: the rounds of a multi-round-trip call
   * and the server's questions during a call. The table groups such rows under the first one.
   */
  callSeq?: number;
  /** The round of a multi-round call, from 1. */
  round?: number;
  /** On the response that ends a multi-round call: its rounds and their summed latency. */
  callRounds?: number;
  callLatencyMs?: number;
  /** Serialized size in bytes (approximate: UTF-16 length). */
  size: number;
  /** One short line for the table. */
  preview: string;
}

export type TraceLikeEvent = PairableEvent & PreviewableEvent;

/** Turns trace events into rows, in order. */
export class TrafficRowBuilder {
  private next = 0;
  private readonly pairing = new PairingModel();

  get count(): number {
    return this.next;
  }

  reset(): void {
    this.next = 0;
    this.pairing.reset();
  }

  add(e: TraceLikeEvent): TrafficRow {
    const seq = this.next++;
    const p = this.pairing.add(seq, e);
    const row: TrafficRow = { seq, t: e.t, dir: p.dir, kind: p.kind, isError: p.isError, size: eventSize(e), preview: eventPreview(e) };
    if (p.kind === 'http') row.method = `HTTP ${e.status ?? ''}`;
    else if (p.method !== undefined) row.method = p.method;
    if (p.id !== undefined) row.rpcId = String(p.id);
    if (p.pair !== undefined) row.pairSeq = p.pair;
    if (p.latencyMs !== undefined) row.latencyMs = p.latencyMs;
    if (p.call !== undefined) row.callSeq = p.call;
    if (p.round !== undefined) row.round = p.round;
    if (p.callRounds !== undefined) row.callRounds = p.callRounds;
    if (p.callLatencyMs !== undefined) row.callLatencyMs = p.callLatencyMs;
    return row;
  }
}

function eventSize(e: TraceLikeEvent): number {
  if (e.type === 'message') return (JSON.stringify(e.msg ?? {}) ?? '').length;
  if (e.type === 'stderr') return (e.text ?? '').length;
  return 0;
}
