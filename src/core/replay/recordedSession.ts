// A recorded trace seen as what replay needs: per connection (a trace may hold several, one per `initialize`),
// the client's own messages in order, the answer recorded for each client request, and the server's requests
// with the client's recorded answers. Positions are event indices, so replay can keep the recorded causality.
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { TraceEvent, TraceHeader } from '../traffic/traceEvents';
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

/** A message the client sent on its own: a request or a notification (not an answer to the server). */
export interface ClientStep {
  pos: number;
  line: number;
  msg: RpcMessage;
  /** For a request: where its recorded answer is (undefined when it never came, e.g. cancelled). */
  response?: { pos: number; line: number; msg: RpcMessage; t: number };
  t: number;
}

/** A request the server sent (sampling, elicitation, roots/list) and the answer the client gave. */
export interface ServerRequest {
  pos: number;
  line: number;
  msg: RpcMessage;
  answer?: RpcMessage;
}

export interface RecordedConnection {
  steps: ClientStep[];
  serverRequests: ServerRequest[];
  /** Server notifications with their positions (the mock server replays them around answers). */
  notifications: Array<{ pos: number; msg: RpcMessage }>;
}

export interface RecordedSession {
  header?: TraceHeader;
  connections: RecordedConnection[];
  problems: TraceProblem[];
  eventCount: number;
}

export function isRequest(m: RpcMessage): boolean {
  return typeof m.method === 'string' && m.id !== undefined && m.id !== null;
}

export function isNotification(m: RpcMessage): boolean {
  return typeof m.method === 'string' && (m.id === undefined || m.id === null);
}

export function isResponse(m: RpcMessage): boolean {
  return m.method === undefined && (m.result !== undefined || m.error !== undefined);
}

/** Builds the replay view from events in file order (with their line numbers). */
export function analyzeEvents(events: Array<{ event: TraceEvent; line: number }>, header?: TraceHeader, problems: TraceProblem[] = []): RecordedSession {
  const connections: RecordedConnection[] = [];
  let current: RecordedConnection | undefined;
  let openClient = new Map<string, ClientStep>();
  let openServer = new Map<string, ServerRequest>();
  const start = () => {
    current = { steps: [], serverRequests: [], notifications: [] };
    connections.push(current);
    openClient = new Map();
    openServer = new Map();
    return current;
  };
  events.forEach(({ event, line }, pos) => {
    if (event.type !== 'message') return;
    const msg = event.msg as RpcMessage;
    const key = msg.id === undefined || msg.id === null ? '' : `${typeof msg.id}:${msg.id}`;
    if (event.dir === 'send') {
      if (msg.method === 'initialize' || !current) start();
      const conn = current!;
      if (typeof msg.method === 'string') {
        const step: ClientStep = { pos, line, msg, t: event.t };
        conn.steps.push(step);
        if (key) openClient.set(key, step);
      } else if (key) {
        const req = openServer.get(key);
        if (req) {
          req.answer = msg;
          openServer.delete(key);
        }
      }
      return;
    }
    const conn = current ?? start();
    if (isRequest(msg)) {
      const req: ServerRequest = { pos, line, msg };
      conn.serverRequests.push(req);
      openServer.set(key, req);
    } else if (isNotification(msg)) {
      conn.notifications.push({ pos, msg });
    } else if (key) {
      const step = openClient.get(key);
      if (step) {
        step.response = { pos, line, msg, t: event.t };
        openClient.delete(key);
      }
    }
  });
  return { header, connections, problems, eventCount: events.length };
}

/** Reads a trace file into the replay view. */
export async function readRecordedSession(file: string): Promise<RecordedSession> {
  const reader = new TraceReader(file, { pair: false });
  const events: Array<{ event: TraceEvent; line: number }> = [];
  for await (const batch of reader.batches()) {
    for (const item of batch) if (item.kind === 'event') events.push({ event: item.event, line: item.line });
  }
  return analyzeEvents(events, reader.header, reader.problems);
}

/** `tools/call echo`, `resources/read demo://readme`, `prompts/get review_code`, or the method. */
export function describeRequest(msg: RpcMessage): string {
  const p = msg.params ?? {};
  if (msg.method === 'tools/call' && typeof p.name === 'string') return `tools/call ${p.name}`;
  if (msg.method === 'prompts/get' && typeof p.name === 'string') return `prompts/get ${p.name}`;
  if ((msg.method === 'resources/read' || msg.method === 'resources/subscribe') && typeof p.uri === 'string') return `${msg.method} ${p.uri}`;
  return msg.method ?? (msg.error ? 'error' : 'response');
}

/** The part of an answer that is compared: `{result}` or `{error}` (never jsonrpc or id). */
export function answerBody(msg: RpcMessage | undefined): Record<string, unknown> | undefined {
  if (!msg) return undefined;
  return msg.error !== undefined ? { error: msg.error } : { result: msg.result };
}

export type { JSONRPCMessage };
