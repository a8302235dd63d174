// Re-sends one recorded connection's client side over a live transport, keeping the recorded causality: a
// message is sent only once every answer that, in the recording, arrived before it has arrived again. Requests
// the server makes (sampling, elicitation, roots) are answered with what the client answered in the recording.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ClientStep, RecordedConnection, RpcMessage, ServerRequest } from './recordedSession';
import { isRequest, isResponse } from './recordedSession';

export interface ReplayedAnswer {
  step: ClientStep;
  /** The live answer; undefined when none came in time. */
  actual?: RpcMessage;
  durationMs: number;
  /** Why there is no answer (timeout, connection closed). */
  failure?: string;
}

export interface ReplayedServerRequest {
  recorded?: ServerRequest;
  actual: RpcMessage;
}

export interface ReplayOutcome {
  answers: ReplayedAnswer[];
  serverRequests: ReplayedServerRequest[];
  /** The transport closed or failed before the replay ended. */
  transportError?: string;
}

export interface ReplayerOptions {
  /** Per-request time to answer, ms (default 30000). */
  timeoutMs?: number;
  onAnswer?(answer: ReplayedAnswer): void;
}

interface Waiter {
  step: ClientStep;
  sentAt: number;
  resolve(): void;
  timer?: NodeJS.Timeout;
  done: boolean;
}

const keyOf = (id: unknown) => `${typeof id}:${String(id)}`;

export async function replayConnection(conn: RecordedConnection, transport: Transport, options: ReplayerOptions = {}): Promise<ReplayOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const answers: ReplayedAnswer[] = [];
  const serverRequests: ReplayedServerRequest[] = [];
  const waiters = new Map<string, Waiter>();
  const recordedByMethod = new Map<string, ServerRequest[]>();
  for (const r of conn.serverRequests) {
    const list = recordedByMethod.get(r.msg.method!) ?? [];
    list.push(r);
    recordedByMethod.set(r.msg.method!, list);
  }
  let transportError: string | undefined;
  let closed = false;

  const finish = (w: Waiter, actual: RpcMessage | undefined, failure?: string) => {
    if (w.done) return;
    w.done = true;
    if (w.timer) clearTimeout(w.timer);
    waiters.delete(keyOf(w.step.msg.id));
    const answer: ReplayedAnswer = { step: w.step, actual, durationMs: performance.now() - w.sentAt, failure };
    answers.push(answer);
    options.onAnswer?.(answer);
    w.resolve();
  };

  const failAll = (why: string) => {
    for (const w of [...waiters.values()]) finish(w, undefined, why);
  };

  transport.onmessage = (m: JSONRPCMessage) => {
    const msg = m as RpcMessage;
    if (isResponse(msg)) {
      const w = waiters.get(keyOf(msg.id));
      if (w) {
        if (w.step.msg.method === 'initialize') {
          const v = (msg.result as { protocolVersion?: string } | undefined)?.protocolVersion;
          if (v) transport.setProtocolVersion?.(v);
        }
        finish(w, msg);
      }
      return;
    }
    if (isRequest(msg)) {
      const recorded = recordedByMethod.get(msg.method!)?.shift();
      serverRequests.push({ recorded, actual: msg });
      const reply: JSONRPCMessage = recorded?.answer
        ? ({ ...recorded.answer, jsonrpc: '2.0', id: msg.id } as JSONRPCMessage)
        : ({ jsonrpc: '2.0', id: msg.id!, error: { code: -32601, message: `The recording has no answer to a ${msg.method} request from the server` } } as JSONRPCMessage);
      transport.send(reply).catch(() => undefined);
    }
  };
  transport.onclose = () => {
    closed = true;
    transportError ??= 'the connection closed before every answer arrived';
    failAll(transportError);
  };
  transport.onerror = (e) => {
    // HTTP transports report failed POSTs here; a request whose POST failed will also time out.
    transportError ??= e?.message ?? String(e);
  };

  await transport.start();
  // Answers to wait for before each step: those recorded before the step's own position.
  const pendingOrder = conn.steps.filter((s) => s.response).sort((a, b) => a.response!.pos - b.response!.pos);
  let nextPending = 0;
  const inFlight = new Map<ClientStep, Promise<void>>();

  for (const step of conn.steps) {
    while (nextPending < pendingOrder.length && pendingOrder[nextPending].response!.pos < step.pos) {
      const p = inFlight.get(pendingOrder[nextPending]);
      if (p) await p;
      nextPending++;
    }
    if (closed) break;
    const expectAnswer = isRequest(step.msg) && step.response !== undefined;
    if (expectAnswer) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const w: Waiter = { step, sentAt: performance.now(), resolve, done: false };
      w.timer = setTimeout(() => finish(w, undefined, `no answer within ${timeoutMs} ms`), timeoutMs);
      waiters.set(keyOf(step.msg.id), w);
      inFlight.set(step, done);
    }
    try {
      await transport.send(step.msg as JSONRPCMessage);
    } catch (e) {
      transportError ??= (e as Error).message;
      const w = waiters.get(keyOf(step.msg.id));
      if (w) finish(w, undefined, `sending failed: ${(e as Error).message}`);
    }
  }
  await Promise.all(inFlight.values());
  // Steps never sent because the connection closed count as unanswered.
  for (const step of conn.steps) {
    if (isRequest(step.msg) && step.response && !inFlight.has(step)) {
      answers.push({ step, durationMs: 0, failure: transportError ?? 'not sent' });
    }
  }
  answers.sort((a, b) => a.step.pos - b.step.pos);
  return { answers, serverRequests, transportError: closed ? transportError : undefined };
}
