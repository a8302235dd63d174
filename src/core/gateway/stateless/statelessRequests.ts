// The stateless (2026-07-28) era: every POST is a self-contained request with its own `_meta`, and no session.
// Requests from every client are multiplexed onto the pool's long-lived server processes. Each gets a gateway id
// (and a gateway progress token) so that answers, progress and `subscriptions/listen` notifications find their way
// back; the client sees its own id and token again. Answers are written like the 2025 session's direct answers:
// one JSON body, or an SSE stream once the server sends something on the request's behalf first.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  MissingRequiredClientCapabilityError,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUBSCRIPTION_ID_META_KEY,
} from '@modelcontextprotocol/server';
import type { JSONRPCMessage, JSONRPCNotification, JSONRPCRequest, RequestId } from '@modelcontextprotocol/server';
import { DirectAnswers } from '../directAnswers';
import { targetName, type AuditSink } from '../auditLog';
import type { GatewayMetrics } from '../metrics';
import type { ServerCommand } from '../serverProcess';
import type { SessionTraceTee } from '../sessionTrace';
import { ServerPool, type PoolMember } from './serverPool';
import {
  BRIDGEABLE_SERVER_REQUESTS,
  BRIDGE_INITIALIZE_ID,
  bridgeInitialize,
  discoverFromInitialize,
  heldCallOf,
  capabilityFor,
  REMOVED_METHODS,
  honoredFilter,
  listenAccepts,
  type ListenFilter,
  inputRequiredResult,
  newRequestState,
  toLegacyRequest,
  toModernResult,
} from './eraBridge';
import { httpStatusOfServerError, type GateRejection } from './modernGate';
import { MODERN_REVISION } from '../probeServer';
import { checkParamHeaders } from './paramHeaders';
import { ToolHeaderCatalog, type Declarations } from './toolHeaderCatalog';

/** Era bridge: how long the first server request of a round waits for others sent with it. */
const ROUND_GATHER_MS = 15;
/** How long a call waiting for the client's input (through the era bridge) is held before it is cancelled. */
const HELD_CALL_TTL_MS = 10 * 60_000;

/** JSON-RPC error code for a request whose server process ended before answering. */
export const SERVER_GONE_CODE = -32000;

interface Pending {
  clientId: RequestId;
  member: PoolMember;
  tokenId: string;
  method: string;
  name?: string;
  started: number;
  clientToken?: string | number;
  gatewayToken?: string;
  /** Era bridge: the server's requests this call waits on, answered through input_required rounds. */
  held?: HeldCall;
  /** What the client declared in the request's envelope (the bridge asks it only for what it can answer). */
  clientCapabilities?: Record<string, unknown>;
  /** tools/list: whether this was the first page (its answer can replace what the catalog knows). */
  firstPage?: boolean;
}

interface HeldCall {
  nonce?: string;
  /** Input requests not answered yet, by key; the server's own request id for each. */
  requests: Map<string, { method: string; params?: unknown; serverId: RequestId }>;
  timer?: NodeJS.Timeout;
}

export interface StatelessContext {
  child: ServerCommand;
  pool: number;
  metrics: GatewayMetrics;
  audit?: AuditSink;
  log(level: 'info' | 'warn' | 'error', text: string): void;
  /** Set when the server speaks only the 2025 era: requests go through the era bridge. */
  bridge?: { legacyVersion?: string };
  /** Tees each pool process's traffic into a trace (`--trace-dir`). */
  trace?: (name: string) => SessionTraceTee | undefined;
  /** A request refused before it reached a server process (audit and metrics). */
  refused?(res: ServerResponse, reason: string): void;
}

export class StatelessRequests {
  private readonly pool: ServerPool;
  private readonly pending = new Map<number, Pending>();
  private readonly byToken = new Map<string, number>();
  /** Era bridge: open `subscriptions/listen` streams, by gateway id. */
  private readonly listens = new Map<number, { clientId: RequestId; member: PoolMember; filter: ListenFilter; tokenId: string }>();
  private readonly answers: DirectAnswers;
  private nextId = 0;
  /** Era bridge: each process's answer to the 2025 handshake, once it has one. */
  private readonly handshakes = new WeakMap<PoolMember, Promise<Record<string, any> | undefined>>();
  private readonly handshakeDone = new WeakMap<PoolMember, (init: Record<string, any> | undefined) => void>();
  /** Each process's x-mcp-header declarations, for the Mcp-Param-* check on tools/call. */
  private readonly catalog: ToolHeaderCatalog;

  constructor(private readonly ctx: StatelessContext) {
    this.catalog = new ToolHeaderCatalog({
      ask: (member, id, cursor) => member.send(this.catalogRequest(id, cursor)),
      warn: (text) => ctx.log('warn', text),
    });
    this.answers = new DirectAnswers({ events: undefined, dropStream: false, onDeparted: (id) => this.departed(id as number) });
    this.pool = new ServerPool(ctx.child, ctx.pool, {
      message: (member, msg) => this.fromServer(member, msg),
      diagnostic: (member, kind, text) => {
        if (kind === 'stdout') ctx.log('warn', `[pool ${member.slot}] non-JSON line on the server's stdout (not forwarded): ${text.slice(0, 500)}`);
      },
      exited: (member, reason, tail) => this.exited(member, reason, tail),
    }, ctx.trace);
  }

  get pids(): number[] {
    return this.pool.pids;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** A classified modern request: forwarded with gateway ids, answered on `res`. */
  request(msg: JSONRPCRequest, res: ServerResponse, tokenId: string, protocolVersion: string, headers: IncomingHttpHeaders = {}): void {
    if (this.ctx.bridge) return void this.bridged(msg, res, tokenId, protocolVersion, headers);
    let member: PoolMember;
    try {
      member = this.pool.pick();
    } catch (e) {
      return this.answerNow(res, msg.id, (e as Error).message);
    }
    this.afterParamCheck(member, msg, res, headers, () => this.forwardTo(member, msg, res, tokenId, protocolVersion));
  }

  /**
   * A tools/call goes on only if its Mcp-Param-* headers agree with its arguments, by the declarations of the tool on
   * the process that will run it. Other methods, and calls to tools whose declarations are known, go on at once.
   */
  private afterParamCheck(member: PoolMember, msg: JSONRPCRequest, res: ServerResponse, headers: IncomingHttpHeaders, go: () => void): void {
    if (msg.method !== 'tools/call') return go();
    const params = msg.params as { name?: unknown; arguments?: unknown } | undefined;
    if (typeof params?.name !== 'string') return go();
    const args = params.arguments;
    const judge = (declarations: Declarations): void => {
      const refused = declarations.length ? checkParamHeaders(declarations, args, headers) : undefined;
      if (refused) this.refuse(res, msg.id, refused);
      else go();
    };
    const declarations = this.catalog.declarations(member, params.name);
    if (!(declarations instanceof Promise)) return judge(declarations);
    void declarations.then((d) => {
      if (res.destroyed || res.writableEnded) return; // the client left while the tools were being listed
      if (d === false) return this.answerNow(res, msg.id, 'The server process ended before the gateway could read its tool list.');
      judge(d);
    });
  }

  private refuse(res: ServerResponse, id: RequestId, r: GateRejection): void {
    this.ctx.refused?.(res, `http-${r.httpStatus}:param-header`);
    this.answerNow(res, id, r.message, r.code, r.httpStatus, r.data);
  }

  /** The catalog's own tools/list: with an envelope of ours, or as a 2025 request through the era bridge. */
  private catalogRequest(id: string, cursor: string | undefined): JSONRPCRequest {
    const page = cursor === undefined ? {} : { cursor };
    if (this.ctx.bridge) return { jsonrpc: '2.0', id, method: 'tools/list', params: page };
    const _meta = { [PROTOCOL_VERSION_META_KEY]: MODERN_REVISION, [CLIENT_INFO_META_KEY]: { name: 'mcp-workbench gateway', version: '1' }, [CLIENT_CAPABILITIES_META_KEY]: {} };
    return { jsonrpc: '2.0', id, method: 'tools/list', params: { ...page, _meta } };
  }

  private forwardTo(member: PoolMember, msg: JSONRPCRequest, res: ServerResponse, tokenId: string, protocolVersion: string): void {
    const id = ++this.nextId;
    const params = msg.params as Record<string, any> | undefined;
    const entry: Pending = {
      clientId: msg.id,
      member,
      tokenId,
      method: msg.method,
      name: targetName(msg.method, params),
      started: performance.now(),
      clientCapabilities: params?._meta?.[CLIENT_CAPABILITIES_META_KEY],
      ...(msg.method === 'tools/list' ? { firstPage: params?.cursor === undefined } : {}),
    };
    let forwarded: JSONRPCRequest = { ...msg, id };
    const token = params?._meta?.progressToken;
    if (token !== undefined) {
      // Two clients may both use token 1: the server sees a gateway token, each client its own again.
      entry.clientToken = token;
      entry.gatewayToken = `gw-${id}`;
      this.byToken.set(entry.gatewayToken, id);
      forwarded = { ...forwarded, params: { ...params, _meta: { ...params!._meta, progressToken: entry.gatewayToken } } };
    }
    this.pending.set(id, entry);
    member.inFlight++;
    this.answers.accept(id, res, protocolVersion);
    member.send(this.ctx.bridge ? toLegacyRequest(forwarded) : forwarded);
  }

  /** A request through the era bridge: a retry continues its held call; discover is answered here. */
  private async bridged(msg: JSONRPCRequest, res: ServerResponse, tokenId: string, protocolVersion: string, headers: IncomingHttpHeaders): Promise<void> {
    const params = msg.params as Record<string, any> | undefined;
    const held = heldCallOf(params?.requestState);
    if (held) {
      const member = this.pending.get(held.gatewayId)?.member;
      const go = () => this.continueHeld(held, msg, res, tokenId, protocolVersion);
      return member ? this.afterParamCheck(member, msg, res, headers, go) : go();
    }
    if (msg.method === 'subscriptions/listen') return this.listen(msg, res, tokenId, protocolVersion);
    if (REMOVED_METHODS.has(msg.method)) return this.answerNow(res, msg.id, `Method not found: ${msg.method} is not part of 2026-07-28`, -32601, 404);
    const ready = await this.handshakenMember(msg.id, res);
    if (!ready) return;
    const { member, init } = ready;
    if (msg.method === 'server/discover') {
      const body = JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: discoverFromInitialize(init) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    this.afterParamCheck(member, msg, res, headers, () => this.forwardTo(member, msg, res, tokenId, protocolVersion));
  }

  /**
   * `subscriptions/listen` through the bridge: the stream is acknowledged with what the server can honour, the
   * resources asked for are subscribed to on a pool process, and that process's list_changed and updated
   * notifications go to every listen stream whose filter takes them, stamped with its subscription id.
   */
  private async listen(msg: JSONRPCRequest, res: ServerResponse, tokenId: string, protocolVersion: string): Promise<void> {
    const requested = (msg.params as { notifications?: ListenFilter } | undefined)?.notifications;
    if (!requested || typeof requested !== 'object') {
      return this.answerNow(res, msg.id, "Invalid params: 'notifications' is required and must be a valid SubscriptionFilter", -32602);
    }
    const ready = await this.handshakenMember(msg.id, res);
    if (!ready) return;
    const { member, init } = ready;
    const filter = honoredFilter(requested, init.capabilities);
    const id = ++this.nextId;
    this.answers.accept(id, res, protocolVersion);
    const stamp = { [SUBSCRIPTION_ID_META_KEY]: msg.id };
    const ack = { jsonrpc: '2.0' as const, method: 'notifications/subscriptions/acknowledged', params: { notifications: filter, _meta: stamp } };
    this.answers.related(id, ack, JSON.stringify(ack));
    if (!Object.keys(filter).length) {
      const done = { jsonrpc: '2.0' as const, id: msg.id, result: { resultType: 'complete', _meta: { ...stamp, [SERVER_INFO_META_KEY]: init.serverInfo } } };
      return this.answers.answer(id, done, JSON.stringify(done));
    }
    this.listens.set(id, { clientId: msg.id, member, filter, tokenId });
    for (const uri of filter.resourceSubscriptions ?? []) member.send({ jsonrpc: '2.0', id: `mcpwb-subscribe-${id}`, method: 'resources/subscribe', params: { uri } });
  }

  /** A 2025 server's change notification: to each open listen stream on that process that asked for it. */
  private toListeners(member: PoolMember, m: { method?: string; params?: Record<string, any> }): boolean {
    let delivered = false;
    for (const [id, l] of this.listens) {
      if (l.member !== member || !listenAccepts(l.filter, m.method!, m.params)) continue;
      const out = { ...m, params: { ...m.params, _meta: { ...m.params?._meta, [SUBSCRIPTION_ID_META_KEY]: l.clientId } } } as JSONRPCMessage;
      this.answers.related(id, out, JSON.stringify(out));
      delivered = true;
    }
    return delivered;
  }

  /** A pool process that has had the 2025 handshake, with its initialize result; undefined once `res` is answered. */
  private async handshakenMember(id: RequestId, res: ServerResponse): Promise<{ member: PoolMember; init: Record<string, any> } | undefined> {
    let member: PoolMember;
    try {
      member = this.pool.pick();
    } catch (e) {
      this.answerNow(res, id, (e as Error).message);
      return undefined;
    }
    const init = await this.handshake(member);
    if (init) return { member, init };
    this.answerNow(res, id, 'The server did not complete the 2025 handshake the era bridge needs.');
    return undefined;
  }

  /** The 2025 handshake, once per process, before the bridge sends it anything else. */
  private handshake(member: PoolMember): Promise<Record<string, any> | undefined> {
    let done = this.handshakes.get(member);
    if (!done) {
      done = new Promise((resolve) => this.handshakeDone.set(member, resolve));
      this.handshakes.set(member, done);
      member.send(bridgeInitialize(this.ctx.bridge?.legacyVersion));
    }
    return done;
  }

  private handshakeAnswered(member: PoolMember, msg: { result?: Record<string, any> }): void {
    if (msg.result) member.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    this.handshakeDone.get(member)?.(msg.result);
  }

  /** A server request during a call: the call is held and the client gets it as input_required. */
  private holdFor(member: PoolMember, request: { id: RequestId; method: string; params?: unknown }): boolean {
    let target: number | undefined;
    for (const [id, p] of this.pending) if (p.member === member) target = id;
    if (target === undefined) return false;
    const p = this.pending.get(target)!;
    const needed = capabilityFor(request.method);
    if (!p.clientCapabilities?.[needed]) {
      // The client said it cannot answer this: the call fails with -32021, and the server's request is refused.
      const e = new MissingRequiredClientCapabilityError({ requiredCapabilities: { [needed]: {} } });
      member.send({ jsonrpc: '2.0', id: request.id, error: { code: e.code, message: e.message } });
      this.cancel(target, `the client lacks the ${needed} capability`);
      const out = { jsonrpc: '2.0' as const, id: p.clientId, error: { code: e.code, message: e.message, data: e.data } };
      if (this.answers.owns(target)) this.answers.answer(target, out, JSON.stringify(out), 400);
      return true;
    }
    p.held ??= { requests: new Map() };
    p.held.requests.set(`r${String(request.id)}`, { method: request.method, params: request.params, serverId: request.id });
    // Requests sent together (Promise.all in the server) go out in one round: the first one waits a moment for more.
    if (p.held.requests.size === 1) setTimeout(() => this.sendRound(target!), ROUND_GATHER_MS);
    return true;
  }

  private sendRound(id: number): void {
    const p = this.pending.get(id);
    if (!p?.held?.requests.size || !this.answers.owns(id)) return;
    const { state, nonce } = newRequestState(id);
    p.held.nonce = nonce;
    const requests = new Map([...p.held.requests].map(([key, r]) => [key, { method: r.method, ...(r.params !== undefined ? { params: r.params } : {}) }]));
    const out = { jsonrpc: '2.0' as const, id: p.clientId, result: inputRequiredResult(requests, state) };
    this.answers.answer(id, out, JSON.stringify(out));
    clearTimeout(p.held.timer);
    p.held.timer = setTimeout(() => this.cancel(id, 'the client did not answer the input request in time'), HELD_CALL_TTL_MS);
    p.held.timer.unref();
  }

  /** The client's retry: its inputResponses answer the server's pending requests, and the held call goes on. */
  private continueHeld(held: { gatewayId: number; nonce: string }, msg: JSONRPCRequest, res: ServerResponse, tokenId: string, protocolVersion: string): void {
    const p = this.pending.get(held.gatewayId);
    if (!p?.held || p.tokenId !== tokenId || p.held.nonce !== held.nonce || this.answers.owns(held.gatewayId)) {
      return this.answerNow(res, msg.id, 'requestState names no call waiting for input: it finished, expired, or belongs to another client.', -32602);
    }
    p.held.nonce = undefined;
    clearTimeout(p.held.timer);
    const responses = ((msg.params as Record<string, any>).inputResponses ?? {}) as Record<string, unknown>;
    for (const [key, r] of [...p.held.requests]) {
      if (!(key in responses)) continue;
      p.member.send({ jsonrpc: '2.0', id: r.serverId, result: responses[key] as Record<string, unknown> });
      p.held.requests.delete(key);
    }
    p.clientId = msg.id;
    this.answers.accept(held.gatewayId, res, protocolVersion);
    // Requests the retry did not answer (or that came meanwhile) go out again at once.
    if (p.held.requests.size) setImmediate(() => this.sendRound(held.gatewayId));
  }

  /** A modern notification. A cancellation names the client's own id; anything else goes to every process. */
  notification(msg: JSONRPCNotification, tokenId: string): void {
    if (msg.method === 'notifications/cancelled') {
      const clientId = (msg.params as { requestId?: RequestId } | undefined)?.requestId;
      for (const [id, p] of this.pending) if (p.tokenId === tokenId && p.clientId === clientId) this.cancel(id, 'cancelled by the client');
      return;
    }
    for (const m of this.pool.live) m.send(this.ctx.bridge ? toLegacyRequest(msg) : msg);
  }

  close(): Promise<void> {
    this.answers.closeAll('gateway stopped');
    for (const [id, p] of [...this.pending]) this.finish(id, p, 'cancelled');
    return this.pool.close();
  }

  private fromServer(member: PoolMember, msg: JSONRPCMessage): void {
    const m = msg as { id?: RequestId; method?: string; params?: Record<string, any> };
    if (m.method === undefined) {
      if (m.id === BRIDGE_INITIALIZE_ID) return this.handshakeAnswered(member, msg as { result?: Record<string, any> });
      if (typeof m.id === 'string' && this.catalog.answered(member, msg)) return;
      const id = m.id as number;
      const p = this.pending.get(id);
      if (!p) return;
      this.finish(id, p, 'error' in msg ? 'error' : 'ok');
      const r = msg as { result?: Record<string, unknown> };
      if (p.firstPage !== undefined) this.catalog.learned(member, p.firstPage, r.result);
      const out = (this.ctx.bridge && r.result ? { ...msg, id: p.clientId, result: toModernResult(p.method, r.result) } : { ...msg, id: p.clientId }) as JSONRPCMessage;
      const error = (msg as { error?: { code?: unknown } }).error;
      const status = typeof error?.code === 'number' ? httpStatusOfServerError(error.code) : 200;
      if (this.answers.owns(id)) this.answers.answer(id, out, JSON.stringify(out), status);
      else if (this.answers.abandoned(id)) this.answers.settleAbandoned(id);
      return;
    }
    if (m.id !== undefined) {
      if (this.ctx.bridge && m.method === 'ping') return member.send({ jsonrpc: '2.0', id: m.id, result: {} });
      if (this.ctx.bridge && BRIDGEABLE_SERVER_REQUESTS.has(m.method) && this.holdFor(member, { id: m.id, method: m.method, params: m.params })) return;
      // 2026-07-28 has no server-to-client requests on a stateless exchange (input_required replaces them).
      member.send({
        jsonrpc: '2.0',
        id: m.id,
        error: { code: -32601, message: `The gateway cannot deliver "${m.method}" to a 2026-07-28 client: a stateless exchange has no channel for server requests; return an input_required result instead.` },
      });
      return;
    }
    if (m.method === 'notifications/tools/list_changed') this.catalog.forget(member);
    if (this.ctx.bridge && this.toListeners(member, m)) return;
    const related = this.relatedRequest(m);
    if (related === undefined) {
      this.ctx.log('warn', `[pool ${member.slot}] dropped ${m.method}: it belongs to no open request`);
      return;
    }
    const out = this.withClientIds(m, related);
    this.answers.related(related.id, out, JSON.stringify(out));
  }

  /** The open request a notification belongs to: by progress token, or by the subscription id of a listen stream. */
  private relatedRequest(m: { method?: string; params?: Record<string, any> }): { id: number; p: Pending } | undefined {
    const token = m.params?.progressToken;
    const sub = m.params?._meta?.[SUBSCRIPTION_ID_META_KEY];
    const id = typeof token === 'string' && this.byToken.has(token) ? this.byToken.get(token)! : typeof sub === 'number' ? sub : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    return p ? { id: id!, p } : undefined;
  }

  private withClientIds(m: { params?: Record<string, any> }, r: { id: number; p: Pending }): JSONRPCMessage {
    const params = { ...m.params };
    if (r.p.gatewayToken !== undefined && params.progressToken === r.p.gatewayToken) params.progressToken = r.p.clientToken;
    if (params._meta?.[SUBSCRIPTION_ID_META_KEY] === r.id) params._meta = { ...params._meta, [SUBSCRIPTION_ID_META_KEY]: r.p.clientId };
    return { ...m, params } as JSONRPCMessage;
  }

  private exited(member: PoolMember, reason: string, tail: string): void {
    this.handshakeDone.get(member)?.(undefined);
    this.catalog.gone(member);
    this.ctx.log('error', `[pool ${member.slot}] ${reason}${tail ? `\n${tail}` : ''}; the next request starts a new process`);
    const message = tail ? `${reason} Last stderr output: ${tail.slice(-500)}` : reason;
    for (const [id, l] of [...this.listens]) {
      if (l.member !== member) continue;
      this.listens.delete(id);
      const error = { jsonrpc: '2.0' as const, id: l.clientId, error: { code: SERVER_GONE_CODE, message, data: { stderr: tail } } };
      if (this.answers.owns(id)) this.answers.answer(id, error, JSON.stringify(error));
    }
    for (const [id, p] of [...this.pending]) {
      if (p.member !== member) continue;
      this.finish(id, p, 'child-exit');
      const error = { jsonrpc: '2.0' as const, id: p.clientId, error: { code: SERVER_GONE_CODE, message, data: { stderr: tail } } };
      if (this.answers.owns(id)) this.answers.answer(id, error, JSON.stringify(error));
    }
  }

  /** The client went away before its answer: the server need not finish the work. */
  private departed(id: number): void {
    if (this.listens.delete(id)) return;
    this.cancel(id, 'the client disconnected');
  }

  private cancel(id: number, reason: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    p.member.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } });
    this.finish(id, p, 'cancelled');
  }

  private finish(id: number, p: Pending, status: string): void {
    if (!this.pending.delete(id)) return;
    p.member.inFlight--;
    if (p.held) clearTimeout(p.held.timer);
    if (p.gatewayToken) this.byToken.delete(p.gatewayToken);
    const latencyMs = performance.now() - p.started;
    this.ctx.metrics.record(p.method, latencyMs, status !== 'ok');
    this.ctx.audit?.write({ time: new Date().toISOString(), tokenId: p.tokenId, method: p.method, name: p.name, status, latencyMs: Math.round(latencyMs * 100) / 100 });
  }

  private answerNow(res: ServerResponse, id: RequestId, message: string, code = SERVER_GONE_CODE, status = 200, data?: unknown): void {
    const body = JSON.stringify({ jsonrpc: '2.0', id, error: { code, message, ...(data !== undefined ? { data } : {}) } });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}
