// The stateless (2026-07-28) era: every POST is a self-contained request with its own `_meta`, and no session.
// Requests from every client are multiplexed onto the pool's long-lived server processes. Each gets a gateway id
// (and a gateway progress token) so that answers, progress and `subscriptions/listen` notifications find their way
// back; the client sees its own id and token again. Answers are written like the 2025 session's direct answers:
// one JSON body, or an SSE stream once the server sends something on the request's behalf first.
import type { ServerResponse } from 'node:http';
import { SUBSCRIPTION_ID_META_KEY } from '@modelcontextprotocol/server';
import type { JSONRPCMessage, JSONRPCNotification, JSONRPCRequest, RequestId } from '@modelcontextprotocol/server';
import { DirectAnswers } from '../directAnswers';
import { targetName, type AuditSink } from '../auditLog';
import type { GatewayMetrics } from '../metrics';
import type { ServerCommand } from '../serverProcess';
import { ServerPool, type PoolMember } from './serverPool';

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
}

export interface StatelessContext {
  child: ServerCommand;
  pool: number;
  metrics: GatewayMetrics;
  audit?: AuditSink;
  log(level: 'info' | 'warn' | 'error', text: string): void;
}

export class StatelessRequests {
  private readonly pool: ServerPool;
  private readonly pending = new Map<number, Pending>();
  private readonly byToken = new Map<string, number>();
  private readonly answers: DirectAnswers;
  private nextId = 0;

  constructor(private readonly ctx: StatelessContext) {
    this.answers = new DirectAnswers({ events: undefined, dropStream: false, onDeparted: (id) => this.departed(id as number) });
    this.pool = new ServerPool(ctx.child, ctx.pool, {
      message: (member, msg) => this.fromServer(member, msg),
      diagnostic: (member, kind, text) => {
        if (kind === 'stdout') ctx.log('warn', `[pool ${member.slot}] non-JSON line on the server's stdout (not forwarded): ${text.slice(0, 500)}`);
      },
      exited: (member, reason, tail) => this.exited(member, reason, tail),
    });
  }

  get pids(): number[] {
    return this.pool.pids;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** A classified modern request: forwarded with gateway ids, answered on `res`. */
  request(msg: JSONRPCRequest, res: ServerResponse, tokenId: string, protocolVersion: string): void {
    let member: PoolMember;
    try {
      member = this.pool.pick();
    } catch (e) {
      return this.answerNow(res, msg.id, (e as Error).message);
    }
    const id = ++this.nextId;
    const params = msg.params as Record<string, any> | undefined;
    const entry: Pending = { clientId: msg.id, member, tokenId, method: msg.method, name: targetName(msg.method, params), started: performance.now() };
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
    member.proc.send(forwarded);
  }

  /** A modern notification. A cancellation names the client's own id; anything else goes to every process. */
  notification(msg: JSONRPCNotification, tokenId: string): void {
    if (msg.method === 'notifications/cancelled') {
      const clientId = (msg.params as { requestId?: RequestId } | undefined)?.requestId;
      for (const [id, p] of this.pending) if (p.tokenId === tokenId && p.clientId === clientId) this.cancel(id, 'cancelled by the client');
      return;
    }
    for (const m of this.pool.live) m.proc.send(msg);
  }

  close(): Promise<void> {
    this.answers.closeAll('gateway stopped');
    for (const [id, p] of [...this.pending]) this.finish(id, p, 'cancelled');
    return this.pool.close();
  }

  private fromServer(member: PoolMember, msg: JSONRPCMessage): void {
    const m = msg as { id?: RequestId; method?: string; params?: Record<string, any> };
    if (m.method === undefined) {
      const id = m.id as number;
      const p = this.pending.get(id);
      if (!p) return;
      this.finish(id, p, 'error' in msg ? 'error' : 'ok');
      const out = { ...msg, id: p.clientId } as JSONRPCMessage;
      if (this.answers.owns(id)) this.answers.answer(id, out, JSON.stringify(out));
      else if (this.answers.abandoned(id)) this.answers.settleAbandoned(id);
      return;
    }
    if (m.id !== undefined) {
      // 2026-07-28 has no server-to-client requests on a stateless exchange (input_required replaces them).
      member.proc.send({
        jsonrpc: '2.0',
        id: m.id,
        error: { code: -32601, message: `The gateway cannot deliver "${m.method}" to a 2026-07-28 client: a stateless exchange has no channel for server requests; return an input_required result instead.` },
      });
      return;
    }
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
    this.ctx.log('error', `[pool ${member.slot}] ${reason}${tail ? `\n${tail}` : ''}; the next request starts a new process`);
    const message = tail ? `${reason} Last stderr output: ${tail.slice(-500)}` : reason;
    for (const [id, p] of [...this.pending]) {
      if (p.member !== member) continue;
      this.finish(id, p, 'child-exit');
      const error = { jsonrpc: '2.0' as const, id: p.clientId, error: { code: SERVER_GONE_CODE, message, data: { stderr: tail } } };
      if (this.answers.owns(id)) this.answers.answer(id, error, JSON.stringify(error));
    }
  }

  /** The client went away before its answer: the server need not finish the work. */
  private departed(id: number): void {
    this.cancel(id, 'the client disconnected');
  }

  private cancel(id: number, reason: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    p.member.proc.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } });
    this.finish(id, p, 'cancelled');
  }

  private finish(id: number, p: Pending, status: string): void {
    if (!this.pending.delete(id)) return;
    p.member.inFlight--;
    if (p.gatewayToken) this.byToken.delete(p.gatewayToken);
    const latencyMs = performance.now() - p.started;
    this.ctx.metrics.record(p.method, latencyMs, status !== 'ok');
    this.ctx.audit?.write({ time: new Date().toISOString(), tokenId: p.tokenId, method: p.method, name: p.name, status, latencyMs: Math.round(latencyMs * 100) / 100 });
  }

  private answerNow(res: ServerResponse, id: RequestId, message: string): void {
    const body = JSON.stringify({ jsonrpc: '2.0', id, error: { code: SERVER_GONE_CODE, message } });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}
