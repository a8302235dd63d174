// The answers to client requests that the gateway writes itself, straight onto the HTTP response (no Web Request /
// ReadableStream conversion). A request whose answer comes alone gets it as one application/json body, forwarded
// as the exact bytes the server wrote. When the server sends a message on the request's behalf first (progress,
// sampling, elicitation, roots, logging), the response turns into an SSE stream: primed with an event id when the
// client can resume, each event stored, and resumable with GET + Last-Event-ID. Both are answers Streamable HTTP
// (2025-11-25) allows for a POST whose Accept lists application/json and text/event-stream.
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
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
  /** The client can resume this stream (an event store is kept and it speaks 2025-11-25 or later). */
  resumable: boolean;
  keepAlive?: NodeJS.Timeout;
  dropped?: boolean;
  done?: boolean;
}

export interface DirectAnswerOptions {
  sessionId: string;
  /** Kept only when the gateway offers resumption. */
  events: MemoryEventStore | undefined;
  /** Fault injection: close a stream once after its first server message, to make the client resume. */
  dropStream: boolean;
}

export class DirectAnswers {
  private readonly open = new Map<RequestId, Answer>();
  private readonly byStream = new Map<string, Answer>();
  private nextStream = 0;

  constructor(private readonly opts: DirectAnswerOptions) {}

  /** Takes over the answer to request `id`; the response stays open until `answer` (or `closeAll`). */
  accept(id: RequestId, res: ServerResponse, protocolVersion: string): void {
    const a: Answer = {
      id,
      streamId: `${STREAM_PREFIX}${++this.nextStream}`,
      res,
      mode: 'json',
      resumable: !!this.opts.events && protocolVersion >= '2025-11-25',
    };
    this.open.set(id, a);
    res.once('close', () => this.detach(a, res));
  }

  owns(id: RequestId): boolean {
    return this.open.has(id);
  }

  /** Whether this request's stream can carry a server message now (or store it for a resume). */
  canCarry(id: RequestId): boolean {
    const a = this.open.get(id);
    return !!a && (a.res !== undefined || (a.mode === 'sse' && a.resumable));
  }

  /** The response to request `id`: as the JSON body when nothing preceded it, else as the stream's last event. */
  answer(id: RequestId, msg: JSONRPCMessage, line: string): void {
    const a = this.open.get(id);
    if (!a) return;
    this.open.delete(id);
    a.done = true;
    if (a.mode === 'json') {
      const res = a.res;
      this.forget(a);
      if (!res || res.writableEnded) return;
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': this.opts.sessionId, 'content-length': Buffer.byteLength(line) });
      res.end(line);
      return;
    }
    this.event(a, msg, line);
    this.finishStream(a);
  }

  /** A server request or notification sent on behalf of request `id` (which must be open: see canCarry). */
  related(id: RequestId, msg: JSONRPCMessage, line: string): void {
    const a = this.open.get(id);
    if (!a) return;
    if (a.mode === 'json') this.startStream(a);
    this.event(a, msg, line);
    if (this.opts.dropStream && a.resumable && !a.dropped && a.res) {
      a.dropped = true;
      a.res.end();
    }
  }

  /** Whether a Last-Event-ID names an event of one of these streams. */
  ownsEvent(lastEventId: string): boolean {
    return this.streamOfEvent(lastEventId) !== undefined;
  }

  /** GET with Last-Event-ID for one of these streams: replays what the client missed and carries on. */
  resume(lastEventId: string, res: ServerResponse): void {
    const a = this.streamOfEvent(lastEventId)!;
    if (a.res) {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Conflict: Stream already has an active connection' }, id: null }));
      return;
    }
    res.writeHead(200, { ...SSE_HEADERS, 'mcp-session-id': this.opts.sessionId });
    for (const [eventId, message] of this.opts.events!.eventsAfter(lastEventId)) {
      res.write(`event: message\nid: ${eventId}\ndata: ${JSON.stringify(message)}\n\n`);
    }
    if (a.done) {
      // Everything, the response included, has been replayed: nothing more will come on this stream.
      res.end();
      this.forget(a);
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
          res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': this.opts.sessionId, 'content-length': Buffer.byteLength(error) });
          res.end(error);
        } else res.end();
      }
      this.forget(a);
    }
    for (const a of this.byStream.values()) this.forget(a);
    this.open.clear();
  }

  private startStream(a: Answer): void {
    a.mode = 'sse';
    this.byStream.set(a.streamId, a);
    const res = a.res;
    if (!res) return;
    res.writeHead(200, { ...SSE_HEADERS, 'mcp-session-id': this.opts.sessionId });
    if (a.resumable) {
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
    // A finished stream, or one nobody can resume, has nothing more to offer; a JSON answer still in `open` is
    // simply dropped when it comes (there is no stream to resume).
    if (a.done || (a.mode === 'sse' && !a.resumable)) this.forget(a);
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

  private streamOfEvent(lastEventId: string): Answer | undefined {
    const streamId = this.opts.events?.streamOf(lastEventId);
    return streamId?.startsWith(STREAM_PREFIX) ? this.byStream.get(streamId) : undefined;
  }
}
