// One MCP session behind the gateway: the SDK's Streamable HTTP server transport on one side, one stdio child on
// the other. The SDK transport opens the session and serves GET streams, DELETE, batches and every request it
// must refuse; a single valid JSON-RPC message POSTed to the open session (the hot path) is answered directly
// (directAnswers.ts), with the bytes of the request and of the answer forwarded as they are. Server-initiated
// messages from the child are routed to the stream of the client request they belong to.
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import {
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  isJsonContentType,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResponse,
} from '@modelcontextprotocol/server';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DirectAnswers } from './directAnswers';
import { readBody } from './requestBody';
import { replyRpcError } from './httpReplies';
import { ServerProcess, type ServerCommand } from './serverProcess';
import { ReverseBridge } from './reverseBridge';
import { MemoryEventStore } from './memoryEventStore';
import { AuditSink, targetName } from './auditLog';
import type { GatewayMetrics } from './metrics';
import type { FaultOptions } from './faults';
import type { SessionTraceTee } from './sessionTrace';

/** JSON-RPC error code used when the child cannot answer (crashed, failed to start, stopped). */
export const CHILD_GONE_CODE = -32000;

interface InFlight {
  method: string;
  name?: string;
  started: number;
  progressToken?: string | number;
  streamDropped?: boolean;
}

export interface SessionContext {
  child: ServerCommand;
  tokenId: string;
  audit?: AuditSink;
  metrics: GatewayMetrics;
  faults: FaultOptions;
  maxRequestBodyBytes: number;
  resumable: boolean;
  log(level: 'info' | 'warn' | 'error', text: string): void;
  /** Called once the session has an id (after a valid initialize). */
  onOpen(session: GatewaySession): void;
  /** Called once when the session ends for any reason. */
  onClose(session: GatewaySession): void;
  trace?: (sessionId: string) => SessionTraceTee | undefined;
  /** The server speaks only 2026-07-28: the session talks to it through the reverse era bridge. */
  reverseBridge: boolean;
  /** 'sdk' sends every request through the SDK transport (to compare with, and measure, the direct answers). */
  answerPath: 'direct' | 'sdk';
}

export class GatewaySession {
  readonly transport: NodeStreamableHTTPServerTransport;
  id: string | undefined;
  child: ServerProcess | ReverseBridge | undefined;
  lastActivity = Date.now();
  requestCount = 0;
  private readonly inFlight = new Map<RequestId, InFlight>();
  private readonly progressOwners = new Map<string | number, RequestId>();
  private lastRequestId: RequestId | undefined;
  private initializeId: RequestId | undefined;
  private closed = false;
  private trace: SessionTraceTee | undefined;
  private readonly events = new MemoryEventStore();
  private direct: DirectAnswers | undefined;

  constructor(private readonly ctx: SessionContext) {
    this.transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: ctx.resumable ? this.events : undefined,
      maxRequestBodySize: ctx.maxRequestBodyBytes,
      retryInterval: ctx.faults.dropStream ? 100 : undefined,
      onsessioninitialized: (id) => this.open(id),
      onsessionclosed: () => void this.close('deleted'),
    });
    this.transport.onmessage = (msg) => this.fromClient(msg);
    this.transport.onclose = () => void this.close('transport closed');
    this.transport.onerror = () => {
      // Malformed requests are answered by the transport itself; nothing to add here.
    };
  }

  get pendingCount(): number {
    return this.inFlight.size;
  }

  /** Who opened the session: only the same caller may use it. */
  get ownerTokenId(): string {
    return this.ctx.tokenId;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /**
   * A POST to this (open) session. A single valid JSON-RPC message with the headers the transport requires is
   * handled here; anything else (batches, a second initialize, bad headers) goes to the SDK transport, which
   * answers it exactly as it always does.
   */
  async handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const h = req.headers;
    const version = h['mcp-protocol-version'];
    if (
      !this.direct ||
      this.ctx.answerPath === 'sdk' ||
      !h.accept?.includes('application/json') ||
      !h.accept.includes('text/event-stream') ||
      !isJsonContentType(h['content-type']) ||
      (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version as string))
    ) {
      return this.viaSdk(req, res);
    }
    const body = await readBody(req, this.ctx.maxRequestBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too-large') {
      return replyRpcError(res, 413, -32000, `Payload Too Large: Request body must not exceed ${this.ctx.maxRequestBodyBytes} bytes`, { connection: 'close' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8', 0, body.length - 1));
    } catch {
      return replyRpcError(res, 400, -32700, 'Parse error: Invalid JSON');
    }
    if (this.closed) return replyRpcError(res, 404, -32001, 'Session not found');
    const msg = parsed as JSONRPCMessage & { method?: string; id?: RequestId };
    if (Array.isArray(parsed) || msg?.method === 'initialize' || !isJsonRpcMessage(parsed)) {
      return this.viaSdk(req, res, parsed);
    }
    // JSON-RPC text holds no raw newline except as whitespace: a body without one is a valid stdio line as is.
    const line = body.indexOf(10) === body.length - 1 ? body : undefined;
    if (msg.method !== undefined && msg.id !== undefined) {
      this.direct.accept(msg.id, res, typeof version === 'string' ? version : DEFAULT_NEGOTIATED_PROTOCOL_VERSION);
      this.fromClient(msg, line);
      return;
    }
    // A notification, or the client's answer to a server request: accepted, nothing to wait for.
    this.fromClient(msg, line);
    res.writeHead(202).end();
  }

  /** A GET: resumption of one of the gateway's own streams, or anything the SDK transport serves. */
  async handleGet(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const last = req.headers['last-event-id'];
    const version = req.headers['mcp-protocol-version'];
    if (
      this.direct &&
      this.ctx.answerPath === 'direct' &&
      typeof last === 'string' &&
      req.headers.accept?.includes('text/event-stream') &&
      (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(version as string)) &&
      this.direct.ownsEvent(last)
    ) {
      return this.direct.resume(last, res);
    }
    return this.viaSdk(req, res);
  }

  private viaSdk(req: IncomingMessage, res: ServerResponse, parsedBody?: unknown): Promise<void> {
    return this.transport.handleRequest(req, res, parsedBody);
  }

  private open(id: string): void {
    this.id = id;
    this.direct = new DirectAnswers({ sessionId: id, events: this.ctx.resumable ? this.events : undefined, dropStream: !!this.ctx.faults.dropStream });
    this.trace = this.ctx.trace?.(id);
    this.child = new (this.ctx.reverseBridge ? ReverseBridge : ServerProcess)(this.ctx.child, {
      message: (msg, line) => this.fromChild(msg, line),
      diagnostic: (kind, text) => {
        if (kind === 'stdout') this.ctx.log('warn', `[${short(id)}] non-JSON line on the server's stdout (not forwarded): ${text.slice(0, 500)}`);
        this.trace?.stderr(kind, text);
      },
      exit: (reason, tail) => this.childExited(reason, tail),
    });
    this.ctx.onOpen(this);
  }

  /** `line` is the message's own bytes ending in a newline, when they can go to the child as they are. */
  private fromClient(msg: JSONRPCMessage, line?: Buffer): void {
    this.lastActivity = Date.now();
    this.trace?.message('send', msg);
    if ('method' in msg && 'id' in msg) {
      const params = (msg as { params?: Record<string, any> }).params;
      const entry: InFlight = { method: msg.method, name: targetName(msg.method, params), started: performance.now() };
      const token = params?._meta?.progressToken;
      if (token !== undefined) {
        entry.progressToken = token;
        this.progressOwners.set(token, msg.id);
      }
      this.inFlight.set(msg.id, entry);
      this.lastRequestId = msg.id;
      if (msg.method === 'initialize') this.initializeId = msg.id;
      this.requestCount++;
    } else if ('method' in msg && msg.method === 'notifications/cancelled') {
      // The server owes no answer to a cancelled request: stop waiting for one (it must not keep the session busy).
      const id = (msg as { params?: { requestId?: RequestId } }).params?.requestId;
      const entry = id === undefined ? undefined : this.inFlight.get(id);
      if (entry) this.finish(id!, entry, 'cancelled');
    }
    const latency = this.ctx.faults.latencyMs;
    if (latency) setTimeout(() => this.child?.send(msg, line), latency);
    else this.child?.send(msg, line);
  }

  /** `line` is the message as the child wrote it (forwarded as is on the gateway's own answers). */
  private fromChild(msg: JSONRPCMessage, line: string): void {
    this.lastActivity = Date.now();
    this.trace?.message('recv', msg);
    if (!('method' in msg)) {
      // A response to a client request: routed by id to the stream that carried the request.
      const id = (msg as { id: RequestId }).id;
      const entry = this.inFlight.get(id);
      if (entry) this.finish(id, entry, 'error' in msg ? 'error' : 'ok');
      if (this.direct?.owns(id)) return this.direct.answer(id, msg, line);
      if (this.direct?.abandoned(id)) return this.direct.settleAbandoned(id);
      this.events.sizeOfNext(line.length);
      this.deliver(msg);
      // The server refused the handshake: the session can never be used, so it must not hold a slot until idle.
      if (id === this.initializeId && 'error' in msg) setTimeout(() => void this.close('the server refused initialize'), 50);
      return;
    }
    let related = this.relatedRequest(msg);
    if (related !== undefined && this.direct?.owns(related)) return this.direct.related(related, msg, line);
    // Its request's client went away before an answer it could resume: the standalone stream may still reach it.
    if (related !== undefined && this.direct?.abandoned(related)) related = undefined;
    this.events.sizeOfNext(line.length);
    this.deliver(msg, related);
  }

  /** Which open client request a server-initiated message belongs to; undefined means the standalone stream. */
  private relatedRequest(msg: JSONRPCMessage & { method: string }): RequestId | undefined {
    const params = (msg as { params?: Record<string, any> }).params;
    if (msg.method === 'notifications/progress' && params?.progressToken !== undefined) {
      const owner = this.progressOwners.get(params.progressToken);
      if (owner !== undefined && this.inFlight.has(owner)) return owner;
    }
    // Requests (sampling, elicitation, roots) and notifications sent while the client waits for an answer go
    // on that request's stream, where every client listens; otherwise on the GET stream.
    if (this.lastRequestId !== undefined && this.inFlight.has(this.lastRequestId)) return this.lastRequestId;
    for (const id of this.inFlight.keys()) return id;
    return undefined;
  }

  private deliver(msg: JSONRPCMessage, relatedRequestId?: RequestId): void {
    this.transport.send(msg, relatedRequestId !== undefined ? { relatedRequestId } : undefined).then(
      () => {
        if (relatedRequestId !== undefined && this.ctx.faults.dropStream) this.maybeDropStream(relatedRequestId);
      },
      (err: Error) => this.ctx.log('warn', `[${short(this.id)}] could not deliver a message from the server: ${err.message}`),
    );
  }

  /** Fault injection: closes a request's SSE stream once, after its first server message, to force a resume. */
  private maybeDropStream(requestId: RequestId): void {
    const entry = this.inFlight.get(requestId);
    if (!entry || entry.streamDropped) return;
    entry.streamDropped = true;
    this.transport.closeSSEStream(requestId);
  }

  private finish(id: RequestId, entry: InFlight, status: string): void {
    this.inFlight.delete(id);
    if (entry.progressToken !== undefined) this.progressOwners.delete(entry.progressToken);
    const latencyMs = performance.now() - entry.started;
    this.ctx.metrics.record(entry.method, latencyMs, status !== 'ok');
    this.ctx.audit?.write({
      time: new Date().toISOString(),
      tokenId: this.ctx.tokenId,
      session: this.id,
      method: entry.method,
      name: entry.name,
      status,
      latencyMs: Math.round(latencyMs * 100) / 100,
    });
  }

  private childExited(reason: string, stderrTail: string): void {
    if (this.closed) return;
    this.ctx.log('error', `[${short(this.id)}] ${reason}${stderrTail ? `\n${stderrTail}` : ''}`);
    const message = stderrTail ? `${reason} Last stderr output: ${stderrTail.slice(-500)}` : reason;
    for (const [id, entry] of [...this.inFlight]) {
      this.finish(id, entry, 'child-exit');
      const error: JSONRPCMessage = { jsonrpc: '2.0', id, error: { code: CHILD_GONE_CODE, message, data: { stderr: stderrTail } } };
      this.trace?.message('recv', error);
      if (this.direct?.owns(id)) this.direct.answer(id, error, JSON.stringify(error));
      else if (!this.direct?.abandoned(id)) this.deliver(error);
    }
    // Let the error responses flush before the transport closes the streams.
    setTimeout(() => void this.close('server process ended'), 50);
  }

  /** Ends the session: closes the HTTP streams and stops the child's process tree. Idempotent. */
  async close(why: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, entry] of [...this.inFlight]) this.finish(id, entry, 'cancelled');
    this.ctx.onClose(this);
    // A request that never became a session (not an initialize, a bad body) is not worth a log line.
    if (this.id) this.ctx.log('info', `[${short(this.id)}] session ended (${why})`);
    this.direct?.closeAll(why);
    await Promise.allSettled([this.transport.close(), this.child?.stop()]);
    this.trace?.close();
  }
}

function isJsonRpcMessage(v: unknown): boolean {
  return isPlainRequest(v) || isJSONRPCRequest(v) || isJSONRPCNotification(v) || isJSONRPCResponse(v);
}

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);

/**
 * The common request (no `_meta`) checked by hand: the SDK's schema check costs more than the rest of the hot path's
 * own work. Accepts only what JSONRPCRequestSchema accepts; anything else (a `_meta`, a notification, a response)
 * is left to the schemas.
 */
export function isPlainRequest(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  for (const key in m) if (!REQUEST_KEYS.has(key)) return false;
  if (m.jsonrpc !== '2.0' || typeof m.method !== 'string') return false;
  if (typeof m.id !== 'string' && !Number.isSafeInteger(m.id)) return false;
  const params = m.params;
  if (params === undefined) return true;
  return typeof params === 'object' && params !== null && !Array.isArray(params) && !('_meta' in params);
}

function short(id: string | undefined): string {
  return id ? id.slice(0, 8) : 'new';
}
