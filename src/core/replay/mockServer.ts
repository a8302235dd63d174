// A mock MCP server that answers as the recorded server did. Each request is matched to a recorded one with the
// same method and the same params (`_meta` aside); repeated identical requests get the recorded answers in
// order. What the server sent while a request was open (progress, logs, and its own requests such as sampling,
// which the client answers) is replayed before the answer.
// A request that matches nothing gets a JSON-RPC error naming the closest recorded request.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CompareRules } from './compareRules';
import type { ClientStep, RecordedConnection, RecordedSession, RpcMessage } from './recordedSession';
import { describeRequest, isRequest } from './recordedSession';
import { compareJson, describeDifference, Difference } from './structuralCompare';
import { stripMeta } from './traceDiff';
import { editDistance } from '../util/editDistance';

/** The error code of an unmatched request whose method the recording has (params differ). */
export const MOCK_NO_MATCH = -32602;
/** The error code of a method the recording never saw. */
export const MOCK_UNKNOWN_METHOD = -32601;

interface Candidate {
  step: ClientStep;
  conn: RecordedConnection;
  params: Record<string, unknown>;
  uses: number;
}

export interface MockReply {
  /**
   * What the server sent while the request was open, in recorded order: notifications (progress tokens
   * rewritten to the caller's) and requests to the client (sampling, elicitation, roots), which are sent and
   * answered before the response goes out.
   */
  notifications: RpcMessage[];
  response: RpcMessage;
  matchedLine?: number;
}

const exactRules = new CompareRules({ volatile: false });
const NOTIFICATION_GAP_MS = 5;
/** How long the mock waits for the client to answer a recorded sampling/elicitation/roots request. */
const SERVER_REQUEST_TIMEOUT_MS = 60_000;

export class TraceMock {
  private readonly byMethod = new Map<string, Candidate[]>();

  constructor(readonly session: RecordedSession) {
    for (const conn of session.connections) {
      for (const step of conn.steps) {
        if (!isRequest(step.msg) || !step.response) continue;
        const list = this.byMethod.get(step.msg.method!) ?? [];
        list.push({ step, conn, params: stripMeta(step.msg.params), uses: 0 });
        this.byMethod.set(step.msg.method!, list);
      }
    }
  }

  get methods(): string[] {
    return [...this.byMethod.keys()];
  }

  /** The reply to one client request; undefined for notifications and responses (nothing to answer). */
  answer(msg: RpcMessage): MockReply | undefined {
    if (!isRequest(msg)) return undefined;
    const method = msg.method!;
    const candidates = this.byMethod.get(method) ?? [];
    const params = stripMeta(msg.params);
    // initialize carries the client's own identity: any recorded initialize answers any client.
    let match = method === 'initialize' ? candidates[0] : undefined;
    if (!match) {
      const exact = candidates.filter((c) => compareJson(c.params, params, exactRules).length === 0);
      match = exact.reduce<Candidate | undefined>((best, c) => (!best || c.uses < best.uses ? c : best), undefined);
    }
    if (!match) {
      if (method === 'ping') return { notifications: [], response: { jsonrpc: '2.0', id: msg.id, result: {} } };
      return { notifications: [], response: this.noMatch(msg, candidates, params) };
    }
    match.uses++;
    const recorded = match.step.response!;
    const response: RpcMessage = { ...recorded.msg, jsonrpc: '2.0', id: msg.id };
    return { notifications: this.notificationsDuring(match, msg), response, matchedLine: match.step.line };
  }

  private notificationsDuring(c: Candidate, msg: RpcMessage): RpcMessage[] {
    const from = c.step.pos;
    const to = c.step.response!.pos;
    const recordedToken = (c.step.msg.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
    const token = (msg.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
    const during: Array<{ pos: number; msg: RpcMessage }> = [];
    for (const n of c.conn.notifications) {
      if (n.pos <= from || n.pos >= to) continue;
      if (n.msg.method === 'notifications/progress') {
        const p = n.msg.params ?? {};
        if (recordedToken === undefined || p.progressToken !== recordedToken) continue;
        if (token === undefined) continue; // the caller did not ask for progress
        during.push({ pos: n.pos, msg: { ...n.msg, params: { ...p, progressToken: token } } });
      } else during.push(n);
    }
    // Requests the server made while this one was open (the recording cannot tell which request caused them
    // when several were open; the one whose window holds them gets them).
    for (const r of c.conn.serverRequests) if (r.pos > from && r.pos < to) during.push({ pos: r.pos, msg: r.msg });
    return during.sort((a, b) => a.pos - b.pos).map((d) => d.msg);
  }

  private noMatch(msg: RpcMessage, candidates: Candidate[], params: Record<string, unknown>): RpcMessage {
    const asked = `${msg.method} ${clip(JSON.stringify(params))}`;
    if (candidates.length === 0) {
      const near = closestMethod(msg.method!, this.methods);
      const message = `mock: the recording has no ${msg.method} request${near ? `; the closest recorded request is ${near}` : ''} (recorded methods: ${this.methods.join(', ') || 'none'})`;
      return { jsonrpc: '2.0', id: msg.id, error: { code: MOCK_UNKNOWN_METHOD, message, data: { asked, recordedMethods: this.methods } } };
    }
    let best: { c: Candidate; diffs: Difference[] } | undefined;
    for (const c of candidates) {
      const diffs = compareJson(c.params, params, exactRules, ['params']);
      if (!best || diffs.length < best.diffs.length) best = { c, diffs };
    }
    const b = best!;
    const closest = `${describeRequest(b.c.step.msg)} ${clip(JSON.stringify(b.c.params))} (line ${b.c.step.line})`;
    const why = b.diffs.slice(0, 3).map(describeDifference).join('; ');
    const message = `mock: no recorded ${msg.method} request matches ${asked}; the closest recorded request is ${closest}, which differs at ${why}`;
    return {
      jsonrpc: '2.0',
      id: msg.id,
      error: { code: MOCK_NO_MATCH, message, data: { closest: { line: b.c.step.line, method: b.c.step.msg.method, params: b.c.params }, differences: b.diffs.slice(0, 20) } },
    };
  }
}

function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/** The recorded method with the smallest edit distance (only when reasonably close). */
function closestMethod(method: string, methods: string[]): string | undefined {
  let best: { m: string; d: number } | undefined;
  for (const m of methods) {
    const d = editDistance(method, m);
    if (!best || d < best.d) best = { m, d };
  }
  return best && best.d <= Math.max(3, Math.floor(method.length / 2)) ? best.m : undefined;
}

/** Serves the mock over a server-side transport (stdio, or the gateway's HTTP through a stdio child). */
export async function serveMock(mock: TraceMock, transport: Transport, onRequest?: (msg: RpcMessage, reply: MockReply) => void): Promise<void> {
  const waiting = new Map<string, (answer: RpcMessage) => void>();
  let nextId = 0;
  /** Sends a recorded server request to the client and waits (bounded) for its answer. */
  const ask = (req: RpcMessage): Promise<void> =>
    new Promise<void>((resolve) => {
      const id = `mock-${++nextId}`;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve();
      }, SERVER_REQUEST_TIMEOUT_MS);
      waiting.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
      transport.send({ ...req, jsonrpc: '2.0', id } as JSONRPCMessage).catch(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  transport.onmessage = (m: JSONRPCMessage) => {
    const msg = m as RpcMessage;
    if (msg.method === undefined && typeof msg.id === 'string' && waiting.has(msg.id)) {
      const done = waiting.get(msg.id)!;
      waiting.delete(msg.id);
      done(msg);
      return;
    }
    const reply = mock.answer(msg);
    if (!reply) return;
    onRequest?.(msg, reply);
    void (async () => {
      for (const n of reply.notifications) {
        if (n.id !== undefined && n.id !== null) await ask(n);
        else await transport.send(n as JSONRPCMessage).catch(() => undefined);
      }
      // SDK clients handle notifications a tick later than responses: a response in the same read would overtake
      // the progress it follows, so leave the notifications a moment to be delivered first.
      if (reply.notifications.length) await new Promise((r) => setTimeout(r, NOTIFICATION_GAP_MS));
      await transport.send(reply.response as JSONRPCMessage).catch(() => undefined);
    })();
  };
  await transport.start();
}
