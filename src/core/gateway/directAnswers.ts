// The answers to client requests that the gateway writes itself, straight onto the HTTP response (no Web Request /
// ReadableStream conversion). A request whose answer comes alone gets it as one application/json body, forwarded
// as the exact bytes the server wrote. When the server sends a message on the request's behalf first (progress,
// sampling, elicitation, roots, logging), the response turns into an SSE stream: primed with an event id when the
// client can resume, each event stored, and resumable with GET + Last-Event-ID. Both are answers Streamable HTTP
// (2025-11-25) allows for a POST whose Accept lists application/json and text/event-stream.
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/server';
import type { MemoryEventStore } from './memoryEventStore';

/** Stream ids of direct answers start with this; the SDK's own streams use UUIDs and `_GET_stream`. */
const STREAM_PREFIX = 'direct-';
/** The SDK transport's keep-alive period for SSE streams; proxies drop silent streams. */
const KEEP_ALIVE_MS = 15_000;
const MAX_FINISHED_STREAMS = 1000;
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' };

interface Answer {
  id: RequestId;
  streamId: string;
  /** The open HTTP response, if the client is still connected. */
  res: ServerResponse | undefined;
  /** 'json' until the first server message on the request's behalf, then 'sse'. */
  mode: 'json' | 'sse';
  /** Events are stored and carry ids, so the client can resume the stream with Last-Event-ID. */
  resumable: boolean;
  /** The client speaks 2025-11-25 or later: it understands the empty priming event. */
  primed: boolean;
  keepAlive?: NodeJS.Timeout;
  dropped?: boolean;
  done?: boolean;
}

export interface DirectAnswerOptions {
  /** The 2025 session the answers belong to; none in the stateless 2026-07-28 era. */
  sessionId?: string;
  /** Kept only when the gateway offers resumption. */
  events: MemoryEventStore | undefined;
  /** Fault injection: close a stream once after its first server message, to make the client resume. */
  dropStream: boolean;
  /** A client went away before its answer and cannot come back for it (the server may stop working on it). */
  onDeparted?(id: RequestId): void;
}

export class DirectAnswers {
  private readonly open = new Map<RequestId, Answer>();
  private readonly byStream = new Map<string, Answer>();
  private readonly gone = new Set<RequestId>();
  private nextStream = 0;

  private readonly sessionHeader: Record<string, string>;

  constructor(private readonly opts: DirectAnswerOptions) {
    this.sessionHeader = opts.sessionId ? { 'mcp-session-id': opts.sessionId } : {};
  }

  /** Takes over the answer to request `id`; the response stays open until `answer` (or `closeAll`). */
  accept(id: RequestId, res: ServerResponse, protocolVersion: string): void {
    const a: Answer = {
      id,
      streamId: `${STREAM_PREFIX}${++this.nextStream}`,
      res,
      mode: 'json',
      resumable: !!this.opts.events,
      primed: !!this.opts.events && protocolVersion >= '2025-11-25',
    };
    this.open.set(id, a);
    // A response closes once: a plain listener saves once()'s wrapper on every request.
    res.on('close', () => this.detach(a, res));
  }

  owns(id: RequestId): boolean {
    return this.open.has(id);
  }

  /**
   * Whether request `id` was answered here until its client went away before the answer: a late answer is then
   * dropped (nobody can receive it) and messages on its behalf go to the standalone stream.
   */
  abandoned(id: RequestId): boolean {
    return this.gone.has(id);
  }

  /** The late answer to an abandoned request arrived: nothing more will come for it. */
  settleAbandoned(id: RequestId): void {
    this.gone.delete(id);
  }

  /**
   * The response to request `id`: as the JSON body when nothing preceded it, else as the stream's last event.
   * `status` applies to a JSON body only (a stream has already started with 200).
   */
  answer(id: RequestId, msg: JSONRPCMessage, line: string, status = 200): void {
    const a = this.open.get(id);
    if (!a) return;
    this.open.delete(id);
    a.done = true;
    if (a.mode === 'json') {
      const res = a.res;
      this.forget(a);
      if (!res || res.writableEnded) return;
      res.writeHead(status, { 'content-type': 'application/json', ...this.sessionHeader, 'content-length': Buffer.byteLength(line) });
      res.end(line);
      return;
    }
    this.event(a, msg, line);
    this.finishStream(a);
  }

  /** A server request or notification sent on behalf of open request `id`: the answer becomes an SSE stream. */
  related(id: RequestId, msg: JSONRPCMessage, line: string): void {
    const a = this.open.get(id);
    if (!a) return;
    if (a.mode === 'json') this.startStream(a);
    this.event(a, msg, line);
    if (this.opts.dropStream && a.primed && !a.dropped && a.res) {
      a.dropped = true;
      // Detached now, not on 'close': the client may be back before that event fires.
      const res = a.res;
      this.detach(a, res);
      res.end();
    }
  }

  /** Whether a Last-Event-ID names an event of one of these streams (live, finished or abandoned). */
  ownsEvent(lastEventId: string): boolean {
    return this.opts.events?.streamOf(lastEventId)?.startsWith(STREAM_PREFIX) ?? false;
  }

  /** GET with Last-Event-ID for one of these streams: replays what the client missed and carries on if unfinished. */
  resume(lastEventId: string, res: ServerResponse): void {
    const a = this.byStream.get(this.opts.events!.streamOf(lastEventId)!);
    if (a?.res) {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Conflict: Stream already has an active connection' }, id: null }));
      return;
    }
    res.writeHead(200, { ...SSE_HEADERS, ...this.sessionHeader });
    for (const [eventId, message] of this.opts.events!.eventsAfter(lastEventId)) {
      res.write(`event: message\nid: ${eventId}\ndata: ${JSON.stringify(message)}\n\n`);
    }
    if (!a || a.done) {
      // Everything, the response included, has been replayed: nothing more will come on this stream.
      res.end();
      if (a) this.forget(a);
      return;
    }
    a.res = res;
    res.once('close', () => this.detach(a, res));
    this.armKeepAlive(a);
  }

  /** The session ended: requests still waiting get a JSON-RPC error saying so; open streams end. */
  closeAll(why: string): void {
    for (const a of this.open.values()) {
      const res = a.res;
      if (res && !res.writableEnded) {
        const error = JSON.stringify({ jsonrpc: '2.0', id: a.id, error: { code: -32000, message: `The session ended (${why}) before the server answered.` } });
        if (a.mode === 'json') {
          res.writeHead(200, { 'content-type': 'application/json', ...this.sessionHeader, 'content-length': Buffer.byteLength(error) });
          res.end(error);
        } else res.end();
      }
      this.forget(a);
    }
    for (const a of this.byStream.values()) this.forget(a);
    this.open.clear();
    this.gone.clear();
  }

  private startStream(a: Answer): void {
    a.mode = 'sse';
    this.byStream.set(a.streamId, a);
    const res = a.res;
    if (!res) return;
    res.writeHead(200, { ...SSE_HEADERS, ...this.sessionHeader });
    if (a.primed) {
      // The priming event gives the client an id to resume from before any real event arrives.
      const id = this.opts.events!.storeNow(a.streamId, {} as JSONRPCMessage, 0);
      res.write(`id: ${id}\n${this.opts.dropStream ? 'retry: 100\n' : ''}data: \n\n`);
    }
    this.armKeepAlive(a);
  }

  private event(a: Answer, msg: JSONRPCMessage, line: string): void {
    const id = a.resumable ? this.opts.events!.storeNow(a.streamId, msg, line.length) : undefined;
    a.res?.write(id ? `event: message\nid: ${id}\ndata: ${line}\n\n` : `event: message\ndata: ${line}\n\n`);
  }

  private finishStream(a: Answer): void {
    if (a.res) {
      a.res.end();
      this.forget(a);
    } else if (!a.resumable) this.forget(a);
    // Otherwise the stream is kept until the client resumes it and receives the stored response; the event store
    // keeps at most its own bound of events, so finished streams beyond that many cannot be resumed anyway.
    while (this.byStream.size > MAX_FINISHED_STREAMS) this.forget(this.byStream.values().next().value!);
  }

  private detach(a: Answer, res: ServerResponse): void {
    if (a.res !== res) return;
    a.res = undefined;
    if (a.keepAlive) clearInterval(a.keepAlive);
    a.keepAlive = undefined;
    if (a.done) return this.forget(a);
    if (a.mode === 'json' || !a.resumable) {
      // Nobody can come back for this answer (a JSON body cannot be resumed): stop holding it.
      this.open.delete(a.id);
      this.forget(a);
      this.gone.add(a.id);
      if (this.gone.size > MAX_FINISHED_STREAMS) this.gone.delete(this.gone.values().next().value!);
      this.opts.onDeparted?.(a.id);
    }
  }

  private armKeepAlive(a: Answer): void {
    if (a.keepAlive) clearInterval(a.keepAlive);
    a.keepAlive = setInterval(() => a.res?.write(': keepalive\n\n'), KEEP_ALIVE_MS);
    a.keepAlive.unref();
  }

  private forget(a: Answer): void {
    if (a.keepAlive) clearInterval(a.keepAlive);
    a.keepAlive = undefined;
    this.byStream.delete(a.streamId);
  }
}
