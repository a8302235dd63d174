// The reverse era bridge: a server that speaks only 2026-07-28 behind a 2025 session. It stands where the session's
// server process stands (same send/stop/pid) and translates: `initialize` is answered from `server/discover`;
// every request gets the per-request envelope built from the client's `initialize`; `ping` and `logging/setLevel`
// are answered here (the revision removed them); an `input_required` result becomes server-to-client requests on
// the session (elicitation, sampling, roots), and once the client has answered them all the request is retried with
// `inputResponses` and `requestState`, round after round.
import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, LOG_LEVEL_META_KEY, PROTOCOL_VERSION_META_KEY, SERVER_INFO_META_KEY } from '@modelcontextprotocol/server';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/server';
import { ServerProcess, type ServerCommand, type ServerProcessEvents } from './serverProcess';
import { MODERN_REVISION } from './probeServer';

/** More rounds than any real tool needs; a server that keeps asking is stopped with an error. */
const MAX_ROUNDS = 10;
const DISCOVER_ID = 'mcpwb-reverse-discover';
const INPUT_PREFIX = 'mcpwb-input-';

interface Call {
  request: { jsonrpc: '2.0'; id: RequestId; method: string; params?: Record<string, any> };
  rounds: number;
  /** Input requests of the current round still waiting for the client, by the id the client was given. */
  waiting: Map<string, string>;
  responses: Record<string, unknown>;
  requestState?: string;
}

type Msg = { id?: RequestId; method?: string; params?: Record<string, any>; result?: Record<string, any>; error?: unknown };

export class ReverseBridge {
  private readonly proc: ServerProcess;
  private envelope: Record<string, unknown> = { [PROTOCOL_VERSION_META_KEY]: MODERN_REVISION };
  private initialize: Msg | undefined;
  private readonly calls = new Map<RequestId, Call>();
  private readonly inputOwners = new Map<string, RequestId>();
  private nextInput = 0;

  constructor(
    spec: ServerCommand,
    private readonly events: ServerProcessEvents,
  ) {
    this.proc = new ServerProcess(spec, {
      message: (msg) => this.fromServer(msg as Msg),
      diagnostic: (kind, text) => events.diagnostic(kind, text),
      exit: (reason, tail) => events.exit(reason, tail),
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return this.proc.alive;
  }

  stop(): Promise<void> {
    return this.proc.stop();
  }

  /** A message from the 2025 client. */
  send(msg: JSONRPCMessage): void {
    const m = msg as Msg;
    if (m.method === undefined) return this.inputAnswered(m);
    if (m.id === undefined) {
      // Notifications: the handshake's has no 2026 counterpart; the rest (cancellation...) go through.
      if (m.method !== 'notifications/initialized') this.proc.send(msg);
      return;
    }
    switch (m.method) {
      case 'initialize':
        this.initialize = m;
        this.envelope = {
          [PROTOCOL_VERSION_META_KEY]: MODERN_REVISION,
          [CLIENT_INFO_META_KEY]: m.params?.clientInfo,
          [CLIENT_CAPABILITIES_META_KEY]: m.params?.capabilities ?? {},
        };
        return this.proc.send(this.withEnvelope({ jsonrpc: '2.0', id: DISCOVER_ID, method: 'server/discover' }));
      case 'ping':
        return this.reply({ jsonrpc: '2.0', id: m.id, result: {} });
      case 'logging/setLevel':
        this.envelope = { ...this.envelope, [LOG_LEVEL_META_KEY]: m.params?.level };
        return this.reply({ jsonrpc: '2.0', id: m.id, result: {} });
      case 'resources/subscribe':
      case 'resources/unsubscribe':
        return this.reply({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: `${m.method} cannot be bridged: the server speaks only 2026-07-28, which has subscriptions/listen instead.` } });
    }
    const request = { jsonrpc: '2.0' as const, id: m.id, method: m.method, params: m.params };
    this.calls.set(m.id, { request, rounds: 0, waiting: new Map(), responses: {} });
    this.proc.send(this.withEnvelope(request));
  }

  private fromServer(m: Msg): void {
    if (m.id === DISCOVER_ID) return this.discovered(m);
    const call = m.method === undefined && m.id !== undefined ? this.calls.get(m.id) : undefined;
    if (call && m.result?.resultType === 'input_required') return this.askClient(call, m.result);
    if (call) this.calls.delete(m.id!);
    this.reply(m as JSONRPCMessage);
  }

  private discovered(m: Msg): void {
    const init = this.initialize!;
    if (!m.result) return this.reply({ ...(m as JSONRPCMessage), id: init.id } as JSONRPCMessage);
    const d = m.result;
    const result = {
      protocolVersion: init.params?.protocolVersion,
      capabilities: d.capabilities ?? {},
      serverInfo: d._meta?.[SERVER_INFO_META_KEY] ?? { name: 'unknown', version: '0' },
      ...(d.instructions !== undefined ? { instructions: d.instructions } : {}),
    };
    this.reply({ jsonrpc: '2.0', id: init.id!, result });
  }

  /** An input_required result: each input request goes to the client as the 2025 server request it was. */
  private askClient(call: Call, result: Record<string, any>): void {
    if (++call.rounds > MAX_ROUNDS) {
      this.calls.delete(call.request.id);
      return this.reply({ jsonrpc: '2.0', id: call.request.id, error: { code: -32603, message: `The server asked for input more than ${MAX_ROUNDS} times; the call was stopped.` } });
    }
    call.requestState = result.requestState;
    call.responses = {};
    const inputs = Object.entries((result.inputRequests ?? {}) as Record<string, { method: string; params?: unknown }>);
    if (!inputs.length) return this.retry(call);
    for (const [key, input] of inputs) {
      const id = `${INPUT_PREFIX}${++this.nextInput}`;
      call.waiting.set(id, key);
      this.inputOwners.set(id, call.request.id);
      this.reply({ jsonrpc: '2.0', id, method: input.method, ...(input.params !== undefined ? { params: input.params } : {}) } as JSONRPCMessage);
    }
  }

  /** The client's answer to one input request; the last one of a round sends the retry. */
  private inputAnswered(m: Msg): void {
    const id = String(m.id);
    const owner = this.inputOwners.get(id);
    const call = owner === undefined ? undefined : this.calls.get(owner);
    if (!call) return;
    this.inputOwners.delete(id);
    const key = call.waiting.get(id)!;
    call.waiting.delete(id);
    if (m.error !== undefined) {
      this.calls.delete(call.request.id);
      return this.reply({ jsonrpc: '2.0', id: call.request.id, error: { code: -32603, message: `The client refused the server's ${key} request.`, data: m.error } });
    }
    call.responses[key] = m.result;
    if (call.waiting.size === 0) this.retry(call);
  }

  private retry(call: Call): void {
    const params = { ...call.request.params, inputResponses: call.responses, ...(call.requestState !== undefined ? { requestState: call.requestState } : {}) };
    this.proc.send(this.withEnvelope({ ...call.request, params }));
  }

  private withEnvelope(request: { jsonrpc: '2.0'; id: RequestId; method: string; params?: Record<string, any> }): JSONRPCMessage {
    return { ...request, params: { ...request.params, _meta: { ...request.params?._meta, ...this.envelope } } } as JSONRPCMessage;
  }

  private reply(msg: JSONRPCMessage): void {
    this.events.message(msg, JSON.stringify(msg));
  }
}
