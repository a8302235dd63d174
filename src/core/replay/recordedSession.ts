// A recorded trace seen as what replay needs: per connection (a 2025 trace may hold several, one per
// `initialize`), the logical calls the client made in order. A call is one request, or every round of a
// multi-round-trip call (2026); it carries its final answer and the questions the server asked during it, whichever
// era asked them: a server request (2025) or an input request of an `input_required` result (2026), each with the
// answer the client gave. Pairing comes from the one pairing model in core/traffic.
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { PairingModel } from '../traffic/pairing';
import { catalogueKindOf } from './catalogue';
import { traceEra, type TraceEra, type TraceEvent, type TraceHeader } from '../traffic/traceEvents';
import type { TraceProblem } from '../traffic/traceReader';
import { TraceReader } from '../traffic/traceReader';

export type RpcId = string | number;

export interface RpcMessage {
  jsonrpc?: string;
  id?: RpcId | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export type QuestionKind = 'elicitation' | 'sampling' | 'roots';

/** What a server asked the client during a call. */
export interface RecordedQuestion {
  kind: QuestionKind;
  method: string;
  /** The question's params without `_meta`. */
  params: Record<string, unknown>;
  /** The client's bare result; undefined when it never answered. */
  answer?: unknown;
  /** A server-to-client request (2025), or an input request inside an `input_required` result (2026). */
  via: 'request' | 'input_required';
  /** The line of the server request or of the `input_required` response. */
  line: number;
  /** The key of a 2026 input request. */
  key?: string;
}

export interface RecordedResponse {
  pos: number;
  line: number;
  msg: RpcMessage;
  t: number;
}

/** One logical call of the client: a request, or every round of a multi-round-trip call. */
export interface RecordedCall {
  /** Event index and line of the first round's request. */
  pos: number;
  line: number;
  t: number;
  method: string;
  /** The first round's request, as recorded. */
  msg: RpcMessage;
  /** Its params without `_meta` and the retry fields: what the call asks, in either era. */
  params: Record<string, unknown>;
  /** The final answer; undefined when none came (cancelled, cut off). */
  response?: RecordedResponse;
  /** Later pages of a list call (requests with the cursor of the page before), folded into this call. */
  pages: RecordedResponse[];
  /** Rounds of a multi-round-trip call (1 for a direct answer). */
  rounds: number;
  questions: RecordedQuestion[];
}

export interface RecordedConnection {
  calls: RecordedCall[];
  /** Server notifications with their positions (the mock replays them during calls). */
  notifications: Array<{ pos: number; t: number; msg: RpcMessage }>;
  /** Server requests not asked during a call (e.g. roots/list after a change), with the client's answers. */
  looseQuestions: RecordedQuestion[];
  /** The server's `initialize` or `server/discover` result, as recorded in this connection. */
  initialize?: Record<string, unknown>;
  discover?: Record<string, unknown>;
}

export interface RecordedSession {
  header?: TraceHeader;
  /** The era of the recording: from the header; traces without one are 2025-era. */
  era: TraceEra;
  protocolVersion?: string;
  connections: RecordedConnection[];
  problems: TraceProblem[];
  eventCount: number;
}

/** Messages of the handshake: not calls, in either era. */
export const HANDSHAKE_METHODS: ReadonlySet<string> = new Set(['initialize', 'server/discover']);
const QUESTION_KINDS: Record<string, QuestionKind> = { 'elicitation/create': 'elicitation', 'sampling/createMessage': 'sampling', 'roots/list': 'roots' };

export function isRequest(m: RpcMessage): boolean {
  return typeof m.method === 'string' && m.id !== undefined && m.id !== null;
}

export function isNotification(m: RpcMessage): boolean {
  return typeof m.method === 'string' && (m.id === undefined || m.id === null);
}

export function isResponse(m: RpcMessage): boolean {
  return m.method === undefined && (m.result !== undefined || m.error !== undefined);
}

/** Params without `_meta` and the multi-round-trip retry fields. */
export function callParams(params: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!params) return {};
  const { _meta: _m, inputResponses: _i, requestState: _s, ...rest } = params;
  return rest;
}

/** Builds the replay view from events in file order (with their line numbers). */
export function analyzeEvents(events: Array<{ event: TraceEvent; line: number }>, header?: TraceHeader, problems: TraceProblem[] = []): RecordedSession {
  const analyzer = new RecordingAnalyzer();
  for (const { event, line } of events) analyzer.add(event, line);
  return analyzer.finish(header, problems);
}

/** The same, one event at a time, so a large trace is never held in memory as events. */
export class RecordingAnalyzer {
  private readonly connections: RecordedConnection[] = [];
  private readonly pairing = new PairingModel();
  private conn: RecordedConnection | undefined;
  /** Calls by the position of their first round; questions by the position of the server request. */
  private calls = new Map<number, RecordedCall>();
  private asked = new Map<number, RecordedQuestion>();
  /** The input requests of a call's latest input_required round, by key, waiting for the retry's answers. */
  private waitingInputs = new Map<number, Map<string, RecordedQuestion>>();
  /** The latest call of each list method, for folding a cursor page into it. */
  private lastList = new Map<string, RecordedCall>();
  private pos = 0;

  private start(): RecordedConnection {
    this.conn = { calls: [], notifications: [], looseQuestions: [] };
    this.connections.push(this.conn);
    this.calls = new Map();
    this.asked = new Map();
    this.waitingInputs = new Map();
    this.lastList = new Map();
    return this.conn;
  }

  add(event: TraceEvent, line: number): void {
    const pos = this.pos++;
    if (event.type !== 'message') return;
    const msg = event.msg as RpcMessage;
    if (event.dir === 'send' && msg.method === 'initialize') this.start();
    const c = this.conn ?? this.start();
    const { calls, asked, waitingInputs } = this;
    const p = this.pairing.add(pos, event);
    if (p.kind === 'notification') {
      if (event.dir === 'recv') c.notifications.push({ pos, t: event.t, msg });
      return;
    }
    if (p.kind === 'request' && event.dir === 'send') {
      if (HANDSHAKE_METHODS.has(msg.method!)) return;
      const round = p.call !== undefined ? calls.get(p.call) : undefined;
      if (round) {
        round.rounds = p.round ?? round.rounds + 1;
        answerInputs(waitingInputs.get(round.pos), msg.params?.inputResponses);
        waitingInputs.delete(round.pos);
        return;
      }
      const params = callParams(msg.params);
      if (catalogueKindOf(msg.method!) && typeof params.cursor === 'string') {
        const first = this.lastList.get(msg.method!);
        const last = first && (first.pages[first.pages.length - 1] ?? first.response);
        if (first && (last?.msg.result as { nextCursor?: unknown } | undefined)?.nextCursor === params.cursor) {
          calls.set(pos, first);
          return;
        }
      }
      const call: RecordedCall = { pos, line, t: event.t, method: msg.method!, msg, params, pages: [], rounds: 1, questions: [] };
      c.calls.push(call);
      calls.set(pos, call);
      if (catalogueKindOf(msg.method!)) this.lastList.set(msg.method!, call);
      return;
    }
    if (p.kind === 'request') {
      const kind = QUESTION_KINDS[msg.method!];
      if (!kind) return;
      const q: RecordedQuestion = { kind, method: msg.method!, params: callParams(msg.params), via: 'request', line };
      asked.set(pos, q);
      const call = p.call !== undefined ? calls.get(p.call) : undefined;
      (call ? call.questions : c.looseQuestions).push(q);
      return;
    }
    // A response or an error.
    if (p.pair === undefined) return;
    if (event.dir === 'send') {
      const q = asked.get(p.pair);
      if (q) q.answer = msg.error ? undefined : msg.result;
      asked.delete(p.pair);
      return;
    }
    const response: RecordedResponse = { pos, line, msg, t: event.t };
    if (p.method === 'initialize' || p.method === 'server/discover') {
      if (msg.result) c[p.method === 'initialize' ? 'initialize' : 'discover'] = msg.result as Record<string, unknown>;
      return;
    }
    const call = calls.get(p.call ?? p.pair);
    if (!call) return;
    if (p.inputRequired) {
      const inputs = new Map<string, RecordedQuestion>();
      const requests = ((msg.result as { inputRequests?: Record<string, RpcMessage> }).inputRequests ?? {}) as Record<string, RpcMessage>;
      for (const [key, r] of Object.entries(requests)) {
        const kind = QUESTION_KINDS[r.method ?? ''];
        if (!kind) continue;
        const q: RecordedQuestion = { kind, method: r.method!, params: callParams(r.params), via: 'input_required', line, key };
        call.questions.push(q);
        inputs.set(key, q);
      }
      waitingInputs.set(call.pos, inputs);
      return;
    }
    if (call.pos !== p.pair && call.pos !== p.call) call.pages.push(response);
    else call.response = response;
    // Answered: only a later cursor page can still name it (through lastList).
    calls.delete(p.pair);
  }

  finish(header?: TraceHeader, problems: TraceProblem[] = []): RecordedSession {
    const era = traceEra(header);
    const protocolVersion = header?.protocolVersion ?? (this.connections.find((x) => x.initialize)?.initialize?.protocolVersion as string | undefined);
    const connections = this.connections.filter((x) => x.calls.length > 0 || x.looseQuestions.length > 0);
    return { header, era, protocolVersion, connections, problems, eventCount: this.pos };
  }
}

function answerInputs(waiting: Map<string, RecordedQuestion> | undefined, responses: unknown): void {
  if (!waiting || !responses || typeof responses !== 'object') return;
  for (const [key, answer] of Object.entries(responses as Record<string, unknown>)) {
    const q = waiting.get(key);
    if (q) q.answer = answer;
  }
}

/** Reads a trace file into the replay view. */
export async function readRecordedSession(file: string): Promise<RecordedSession> {
  const reader = new TraceReader(file, { pair: false });
  const analyzer = new RecordingAnalyzer();
  for await (const batch of reader.batches()) {
    for (const item of batch) if (item.kind === 'event') analyzer.add(item.event, item.line);
  }
  return analyzer.finish(reader.header, reader.problems);
}

/** `tools/call echo`, `resources/read demo://readme`, `prompts/get review_code`, or the method. */
export function describeRequest(msg: { method?: string; params?: Record<string, unknown>; error?: unknown }): string {
  const p = msg.params ?? {};
  if (msg.method === 'tools/call' && typeof p.name === 'string') return `tools/call ${p.name}`;
  if (msg.method === 'prompts/get' && typeof p.name === 'string') return `prompts/get ${p.name}`;
  if ((msg.method === 'resources/read' || msg.method === 'resources/subscribe') && typeof p.uri === 'string') return `${msg.method} ${p.uri}`;
  return msg.method ?? (msg.error ? 'error' : 'response');
}

/** Envelope fields of a 2026 result: they say how the answer travelled, not what it says. */
const RESULT_ENVELOPE = ['resultType', 'ttlMs', 'cacheScope', '_meta', 'nextCursor'];

/** The part of an answer that is compared: `{result}` (without envelope fields) or `{error}` (never jsonrpc or id). */
export function answerBody(msg: RpcMessage | undefined): Record<string, unknown> | undefined {
  if (!msg) return undefined;
  if (msg.error !== undefined) return { error: msg.error };
  return { result: withoutEnvelope(msg.result) };
}

export function withoutEnvelope(result: unknown): unknown {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return result;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) if (!RESULT_ENVELOPE.includes(k)) out[k] = v;
  return out;
}

/** A list call's pages merged into one answer (items concatenated). */
export function mergedAnswer(call: RecordedCall): RpcMessage | undefined {
  const first = call.response?.msg;
  if (!first || first.error || call.pages.length === 0) return first;
  const field = Object.keys((first.result ?? {}) as object).find((k) => Array.isArray((first.result as Record<string, unknown>)[k]));
  if (!field) return first;
  const items: unknown[] = [];
  for (const r of [call.response!, ...call.pages]) items.push(...(((r.msg.result as Record<string, unknown> | undefined)?.[field] as unknown[] | undefined) ?? []));
  return { ...first, result: { ...(first.result as object), [field]: items } };
}

export type { JSONRPCMessage };
