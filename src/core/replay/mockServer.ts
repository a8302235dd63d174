// A mock MCP server that answers as the recorded server did, to clients of either era. It is an SDK v2 `Server`,
// so the SDK speaks the era: `initialize` and `server/discover` are answered from the recorded identity (whichever
// of the two the recording has), and a call that asked questions in the recording returns `input_required`, which
// the SDK sends to a 2026 client as such and to a 2025 client as server requests (its legacy shim).
// Each request is matched to a recorded call with the same method and params (`_meta` aside, and the paths the
// compare rules ignore); repeated identical requests get the recorded answers in order. Server notifications
// recorded during the call (progress, logging, list changes) are sent before the answer, at their recorded pace or
// at once. A request that matches nothing gets a JSON-RPC error naming the closest recorded call.
import { ProtocolError, Server, type LoggingLevel, type ServerContext } from '@modelcontextprotocol/server';
import { CompareRules, type CompareRuleSpec } from './compareRules';
import { callParams, describeRequest, type RecordedCall, type RecordedConnection, type RecordedSession, type RpcMessage } from './recordedSession';
import { compareJson, describeDifference, Difference } from './structuralCompare';
import { clip } from '../traffic/preview';
import { serverIdentity } from '../traffic/traceEvents';
import { editDistance } from '../util/editDistance';

/** The error code of an unmatched request whose method the recording has (params differ). */
export const MOCK_NO_MATCH = -32602;
/** The error code of a method the recording never saw. */
export const MOCK_UNKNOWN_METHOD = -32601;

interface Candidate {
  call: RecordedCall;
  conn: RecordedConnection;
  uses: number;
}

export type MockAnswer = { call: RecordedCall; conn: RecordedConnection; response: RpcMessage } | { error: { code: number; message: string; data?: unknown } };

export interface MockOptions {
  /** Which params may differ from the recorded ones (paths start with `params.`); default: exact. */
  rules?: CompareRuleSpec;
  /** 'recorded': notifications keep their recorded spacing; 'fast' (default): sent at once. */
  timing?: 'recorded' | 'fast';
  /** Told about every request and what answered it. */
  onRequest?(method: string, answer: MockAnswer): void;
}

/**
 * Pause between a call's last notification and its answer. The SDK client drops a progress notification that it
 * reads in the same chunk as the answer; 20 ms was not always enough on a loaded machine (a full test run).
 */
const NOTIFICATION_GAP_MS = 60;
/** Methods the SDK server answers itself, from the identity given to it. */
const SDK_METHODS = new Set(['initialize', 'server/discover', 'ping', 'logging/setLevel']);
/** Result fields of the 2026 envelope: the SDK writes its own for the era it serves. */
const RESULT_ENVELOPE = ['resultType', 'ttlMs', 'cacheScope'];

export class TraceMock {
  private readonly byMethod = new Map<string, Candidate[]>();
  private readonly rules: CompareRules;

  constructor(
    readonly session: RecordedSession,
    rules?: CompareRuleSpec,
  ) {
    this.rules = new CompareRules({ volatile: false, ...rules });
    for (const conn of session.connections) {
      for (const call of conn.calls) {
        if (!call.response) continue;
        const list = this.byMethod.get(call.method) ?? [];
        list.push({ call, conn, uses: 0 });
        this.byMethod.set(call.method, list);
      }
    }
  }

  get methods(): string[] {
    return [...this.byMethod.keys()];
  }

  /** The recorded answer to a request; `commit` counts it as used (the final round of a call). */
  answer(method: string, params: Record<string, unknown> | undefined, commit = true): MockAnswer {
    const candidates = this.byMethod.get(method) ?? [];
    const asked = callParams(params);
    let match: Candidate | undefined;
    for (const c of candidates) {
      if (compareJson(c.call.params, asked, this.rules, ['params']).length) continue;
      if (!match || c.uses < match.uses) match = c;
    }
    if (!match) return { error: this.noMatch(method, candidates, asked) };
    if (commit) match.uses++;
    return { call: match.call, conn: match.conn, response: match.call.response!.msg };
  }

  /** The identity the recording has: the initialize result, or the server/discover result. */
  identity(): { serverInfo: { name: string; version: string; title?: string }; capabilities: Record<string, unknown>; instructions?: string } {
    const h = this.session.header;
    const conn = this.session.connections[0];
    const id = serverIdentity(h?.initialize ?? conn?.initialize ?? h?.discover ?? conn?.discover);
    const capabilities = { ...(id.capabilities ?? {}) };
    // Capabilities for what the recording answers, even when it has no handshake (a trace cut at the start).
    for (const m of this.methods) {
      const family = m.split('/')[0];
      if (['tools', 'prompts', 'resources'].includes(family)) capabilities[family] ??= {};
      if (m === 'completion/complete') capabilities.completions ??= {};
    }
    return { serverInfo: id.serverInfo ?? { name: 'mcp-workbench-mock', version: '0.0.0' }, capabilities, instructions: id.instructions };
  }

  private noMatch(method: string, candidates: Candidate[], params: Record<string, unknown>): { code: number; message: string; data?: unknown } {
    const asked = `${method} ${clip(JSON.stringify(params), 200)}`;
    const recorded = this.methods;
    if (candidates.length === 0) {
      const near = closestMethod(method, recorded);
      const message = `mock: the recording has no ${method} request${near ? `; the closest recorded request is ${near}` : ''} (recorded methods: ${recorded.join(', ') || 'none'})`;
      return { code: MOCK_UNKNOWN_METHOD, message, data: { asked, recordedMethods: recorded } };
    }
    let best: { c: Candidate; diffs: Difference[] } | undefined;
    for (const c of candidates) {
      const diffs = compareJson(c.call.params, params, this.rules, ['params']);
      if (!best || diffs.length < best.diffs.length) best = { c, diffs };
    }
    const b = best!;
    const closest = `${describeRequest(b.c.call.msg)} ${clip(JSON.stringify(b.c.call.params), 200)} (line ${b.c.call.line})`;
    const why = b.diffs.slice(0, 3).map(describeDifference).join('; ');
    const message = `mock: no recorded ${method} request matches ${asked}; the closest recorded request is ${closest}, which differs at ${why}`;
    return { code: MOCK_NO_MATCH, message, data: { closest: { line: b.c.call.line, method: b.c.call.method, params: b.c.call.params }, differences: b.diffs.slice(0, 20) } };
  }
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

/** Notifications the server sent while the call was open, in order; progress rewritten to the caller's token. */
function notificationsDuring(answer: { call: RecordedCall; conn: RecordedConnection }, token: unknown): Array<{ t: number; msg: RpcMessage }> {
  const { call, conn } = answer;
  const from = call.pos;
  const to = call.response!.pos;
  const recordedToken = (call.msg.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
  const out: Array<{ t: number; msg: RpcMessage }> = [];
  for (const n of conn.notifications) {
    if (n.pos <= from || n.pos >= to) continue;
    if (n.msg.method === 'notifications/progress') {
      const p = n.msg.params ?? {};
      if (recordedToken === undefined || p.progressToken !== recordedToken || token === undefined) continue;
      out.push({ t: n.t, msg: { method: n.msg.method, params: { ...p, progressToken: token } } });
    } else out.push({ t: n.t, msg: { method: n.msg.method, params: n.msg.params } });
  }
  return out;
}

function recordedResult(msg: RpcMessage): Record<string, unknown> {
  if (msg.error) throw new ProtocolError(msg.error.code, msg.error.message, msg.error.data);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((msg.result ?? {}) as Record<string, unknown>)) if (!RESULT_ENVELOPE.includes(k)) out[k] = v;
  // The protocol's own _meta keys (a 2026 result's serverInfo) are envelope: the SDK adds them again for a 2026
  // client, and a 2025 client of the real server never saw them. The server's own keys stay.
  const meta = out._meta as Record<string, unknown> | undefined;
  if (meta && typeof meta === 'object') {
    const kept = Object.fromEntries(Object.entries(meta).filter(([k]) => !k.startsWith(PROTOCOL_META_PREFIX)));
    if (Object.keys(kept).length) out._meta = kept;
    else delete out._meta;
  }
  return out;
}

const PROTOCOL_META_PREFIX = 'io.modelcontextprotocol/';

/** An SDK v2 server answering from the recording; serve it with serveStdio (both eras) or connect it to a transport. */
export function createMockServer(mock: TraceMock, options: MockOptions = {}): Server {
  const id = mock.identity();
  const server = new Server(id.serverInfo, { capabilities: id.capabilities as never, instructions: id.instructions });
  const handle = async (request: { method: string; params?: Record<string, unknown> }, ctx: ServerContext): Promise<Record<string, unknown>> => {
    const retry = ctx.mcpReq.inputResponses !== undefined;
    const peek = mock.answer(request.method, request.params, false);
    const questions = 'error' in peek ? [] : peek.call.questions;
    if (questions.length && !retry) {
      // Ask what the recording asked; the SDK turns this into server requests for a 2025 client.
      const inputRequests: Record<string, { method: string; params: Record<string, unknown> }> = {};
      questions.forEach((q, i) => (inputRequests[q.key ?? `q${i + 1}`] = { method: q.method, params: q.params }));
      return { resultType: 'input_required', inputRequests };
    }
    const answer = mock.answer(request.method, request.params, true);
    options.onRequest?.(request.method, answer);
    if ('error' in answer) throw new ProtocolError(answer.error.code, answer.error.message, answer.error.data);
    const token = (request.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
    const during = notificationsDuring(answer, token);
    let last = answer.call.t;
    for (const n of during) {
      if (options.timing === 'recorded') await new Promise((r) => setTimeout(r, Math.max(0, Math.min(n.t - last, 10_000))));
      last = n.t;
      // A log message goes through the SDK's log, which keeps to the level the client asked for (logging/setLevel
      // in 2025, the request's _meta in 2026); the rest as recorded.
      const log = n.msg.method === 'notifications/message' ? (n.msg.params as { level?: LoggingLevel; data?: unknown; logger?: string } | undefined) : undefined;
      if (log?.level) await ctx.mcpReq.log(log.level, log.data, log.logger).catch(() => undefined);
      else await ctx.mcpReq.notify(n.msg as never).catch(() => undefined);
    }
    // SDK clients handle notifications a tick later than responses: a response in the same read would overtake
    // the progress it follows, so leave the notifications a moment to be delivered first.
    if (during.length) await new Promise((r) => setTimeout(r, NOTIFICATION_GAP_MS));
    return recordedResult(answer.response);
  };
  for (const method of mock.methods) {
    if (SDK_METHODS.has(method)) continue;
    server.setRequestHandler(method as never, handle as never);
  }
  server.fallbackRequestHandler = async (request, ctx) => handle(request as never, ctx) as never;
  return server;
}
