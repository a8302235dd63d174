// Follows multi-round-trip calls (2026-07-28) through the traffic: an `input_required` result starts or continues a
// logical call, and a retry carrying that result's `requestState` (or, without one, the same method and target)
// is its next round. Faces use it to say "the server needs input (round k)".
import type { JSONRPCMessage } from '@modelcontextprotocol/client';

export interface InputRound {
  /** The JSON-RPC id of the call's first request: stable across rounds. */
  callId: string | number;
  round: number;
  method: string;
  /** The embedded requests, keyed by the server's identifiers. */
  requests: Record<string, unknown>;
}

interface Outgoing {
  method: string;
  target: string;
  logical?: { callId: string | number; round: number };
}

export class InputRoundTracker {
  private readonly sent = new Map<string | number, Outgoing>();
  /** requestState (or method+target) of an input_required result -> the logical call it continues. */
  private readonly waiting = new Map<string, { callId: string | number; round: number }>();

  /** Call for every message the client sends; returns nothing. */
  sending(msg: JSONRPCMessage): void {
    const m = msg as { id?: string | number; method?: string; params?: Record<string, unknown> };
    if (m.id === undefined || !m.method) return;
    const target = targetOf(m.params);
    const out: Outgoing = { method: m.method, target };
    if (m.params && 'inputResponses' in m.params) {
      const key = typeof m.params.requestState === 'string' ? `s:${m.params.requestState}` : `m:${m.method}:${target}`;
      const logical = this.waiting.get(key);
      if (logical) {
        this.waiting.delete(key);
        out.logical = logical;
      }
    }
    this.sent.set(m.id, out);
    if (this.sent.size > 10_000) this.sent.delete(this.sent.keys().next().value!);
  }

  /** Call for every message received; returns the round when it is an input_required result. */
  received(msg: JSONRPCMessage): InputRound | undefined {
    const m = msg as { id?: string | number; result?: { resultType?: string; inputRequests?: Record<string, unknown>; requestState?: string } };
    if (m.id === undefined || !m.result) return undefined;
    const out = this.sent.get(m.id);
    this.sent.delete(m.id);
    if (!out || m.result.resultType !== 'input_required') return undefined;
    const callId = out.logical?.callId ?? m.id;
    const round = (out.logical?.round ?? 0) + 1;
    const key = typeof m.result.requestState === 'string' ? `s:${m.result.requestState}` : `m:${out.method}:${out.target}`;
    this.waiting.set(key, { callId, round });
    return { callId, round, method: out.method, requests: m.result.inputRequests ?? {} };
  }
}

function targetOf(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  return String(params.name ?? params.uri ?? '');
}
