// The one pairing model for recorded traffic: what each event is, which request a response answers (by the exact
// JSON-RPC id, type and value, per direction), which rounds of a multi-round-trip call belong together (a 2026
// retry repeats the method and params with `inputResponses`/`requestState`), and which client call a
// server-initiated request (2025 elicitation, sampling, roots) belongs to. The inspector's Traffic rows, the trace
// viewer's index, the trace reader and replay all read traffic through it. Pure: no Node or vscode imports.
import { stableJson } from '../util/stableJson';

export type RpcId = string | number;

/** What a trace event is, for tables and filters. */
export type EventKind = 'request' | 'response' | 'error' | 'notification' | 'stderr' | 'transport' | 'http' | 'note';

/** The fields of a trace event the model reads (a TraceEvent, or the inspector's live event). */
export interface PairableEvent {
  type: string;
  t: number;
  dir?: 'send' | 'recv';
  msg?: unknown;
  event?: string;
  status?: number;
}

export interface Pairing {
  kind: EventKind;
  dir: 'send' | 'recv' | 'none';
  /** A request's or notification's method; a response carries its request's method. */
  method?: string;
  id?: RpcId;
  /** A JSON-RPC error, a tool result with isError, a transport error, an HTTP status of 400 or more. */
  isError: boolean;
  /** On a response: the index of the request it answers. */
  pair?: number;
  /** On a response: its time minus its request's time, ms. */
  latencyMs?: number;
  /**
   * The index of the first request of the logical call this event belongs to: set on every round of a
   * multi-round-trip call and its responses, and on a server-initiated request and its answer (the call that was
   * open when the server asked). Undefined for a call of one round with no questions.
   */
  call?: number;
  /** The round of a multi-round-trip call, from 1 (on requests and their responses). */
  round?: number;
  /** A response whose result is `input_required` (the call goes on in another round). */
  inputRequired?: boolean;
  /** On the response that ends a multi-round call: its rounds and the sum of their latencies. */
  callRounds?: number;
  callLatencyMs?: number;
}

/** Methods whose result may be `input_required` (multi-round-trip requests, 2026-07-28). */
export const MULTI_ROUND_METHODS: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read']);
/** Params a retry adds to the original request. */
const RETRY_KEYS = ['inputResponses', 'requestState'];

interface OpenRequest {
  index: number;
  t: number;
  method: string;
  params: unknown;
  call: number;
  round: number;
  /** Latencies of the earlier rounds of this call. */
  earlierMs: number;
  answered?: boolean;
}

interface WaitingRetry {
  call: number;
  round: number;
  earlierMs: number;
}

export class PairingModel {
  /** Open requests by the direction they travelled in, then by exact id (a Map keeps 1 and "1" apart). */
  private open = { send: new Map<RpcId, OpenRequest>(), recv: new Map<RpcId, OpenRequest>() };
  /** Client calls still open, oldest first, for linking a server request to the call it belongs to. */
  private openCalls: OpenRequest[] = [];
  /** Calls that answered input_required and wait for their retry, by method and params. */
  private retries = new Map<string, WaitingRetry>();
  /** Server requests linked to a call: their call index, by id. */
  private asked = new Map<RpcId, number>();

  reset(): void {
    this.open = { send: new Map(), recv: new Map() };
    this.openCalls = [];
    this.retries.clear();
    this.asked.clear();
  }

  /** Classifies and pairs the event at `index` (indices grow with every event, whatever its type). */
  add(index: number, e: PairableEvent): Pairing {
    switch (e.type) {
      case 'message':
        return this.message(index, e);
      case 'stderr':
        return { kind: 'stderr', dir: 'none', isError: false };
      case 'transport':
        return { kind: 'transport', dir: 'none', method: e.event, isError: e.event === 'error' };
      case 'http':
        return { kind: 'http', dir: 'recv', isError: (e.status ?? 0) >= 400 };
      default:
        return { kind: 'note', dir: 'none', isError: false };
    }
  }

  private message(index: number, e: PairableEvent): Pairing {
    const m = (e.msg ?? {}) as { id?: RpcId | null; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    const dir = e.dir ?? 'send';
    const id = m.id === undefined || m.id === null ? undefined : m.id;
    if (typeof m.method === 'string') {
      if (id === undefined) return { kind: 'notification', dir, method: m.method, isError: false };
      return this.request(index, e.t, dir, id, m.method, m.params);
    }
    const isError = m.error !== undefined || (m.result as { isError?: unknown } | undefined)?.isError === true;
    const out: Pairing = { kind: m.error !== undefined ? 'error' : 'response', dir, id, isError };
    if (id === undefined) return out;
    // A response travels the other way from its request.
    const waiting = this.open[dir === 'send' ? 'recv' : 'send'];
    const req = waiting.get(id);
    if (!req) return out;
    waiting.delete(id);
    const ms = Math.max(0, e.t - req.t);
    out.method = req.method;
    out.pair = req.index;
    out.latencyMs = ms;
    if (dir === 'recv') this.answered(req, m.result, ms, out);
    else {
      const call = this.asked.get(id);
      if (call !== undefined) {
        this.asked.delete(id);
        out.call = call;
      }
    }
    return out;
  }

  private request(index: number, t: number, dir: 'send' | 'recv', id: RpcId, method: string, params: unknown): Pairing {
    const out: Pairing = { kind: 'request', dir, method, id, isError: false };
    const req: OpenRequest = { index, t, method, params, call: index, round: 1, earlierMs: 0 };
    if (dir === 'send') {
      const key = isRetry(params) ? this.waitingKey(method, params) : undefined;
      const retry = key === undefined ? undefined : this.retries.get(key);
      if (retry) {
        this.retries.delete(key!);
        req.call = retry.call;
        req.round = retry.round + 1;
        req.earlierMs = retry.earlierMs;
        out.call = retry.call;
        out.round = req.round;
      }
      if (MULTI_ROUND_METHODS.has(method)) this.openCalls.push(req);
    } else {
      const parent = this.latestOpenCall();
      if (parent) {
        out.call = parent.call;
        this.asked.set(id, parent.call);
      }
    }
    this.open[dir].set(id, req);
    return out;
  }

  /** A client request got its answer: either the call goes on in another round, or it ends here. */
  private answered(req: OpenRequest, result: unknown, ms: number, out: Pairing): void {
    req.answered = true;
    // Closed calls leave the stack from its top, so sequential traffic keeps it empty.
    while (this.openCalls.length && this.openCalls[this.openCalls.length - 1].answered) this.openCalls.pop();
    const multi = req.round > 1;
    if ((result as { resultType?: unknown } | undefined)?.resultType === 'input_required') {
      out.inputRequired = true;
      out.call = req.call;
      out.round = req.round;
      // The retry echoes requestState byte for byte; without one it repeats the method and params.
      const state = (result as { requestState?: unknown }).requestState;
      this.retries.set(typeof state === 'string' ? `state ${state}` : retryKey(req.method, req.params), { call: req.call, round: req.round, earlierMs: req.earlierMs + ms });
      return;
    }
    if (multi) {
      out.call = req.call;
      out.round = req.round;
      out.callRounds = req.round;
      out.callLatencyMs = req.earlierMs + ms;
    }
  }

  private waitingKey(method: string, params: unknown): string {
    const state = (params as { requestState?: unknown }).requestState;
    return typeof state === 'string' ? `state ${state}` : retryKey(method, params);
  }

  private latestOpenCall(): OpenRequest | undefined {
    for (let i = this.openCalls.length - 1; i >= 0; i--) if (!this.openCalls[i].answered) return this.openCalls[i];
    return undefined;
  }
}

function isRetry(params: unknown): boolean {
  if (!params || typeof params !== 'object') return false;
  const p = params as Record<string, unknown>;
  return p.inputResponses !== undefined || p.requestState !== undefined;
}

/** A call's identity across its rounds: the method and the params without `_meta` and the retry fields. */
function retryKey(method: string, params: unknown): string {
  const p = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(p).sort()) if (k !== '_meta' && !RETRY_KEYS.includes(k)) rest[k] = p[k];
  return `${method} ${stableJson(rest)}`;
}

export { stableJson };
