// Replays the logical calls of a recording through the core Session, in the era the caller picks (whatever era the
// trace was recorded in): each call is made again with the same arguments, one after the other, and the
// questions the server asks during a call (2025 server requests, or 2026 `input_required` rounds: the Session hands
// both to the same responders) are answered from the recording, matched by their content.
import { ProtocolError } from '@modelcontextprotocol/client';
import { Session } from '../client/session';
import type { ConnectOptions, ConnectTarget } from '../client/types';
import type { ProtocolChoice } from '../client/protocolChoice';
import { teeSinks } from '../traffic/tap';
import { pickQuestion, SETUP_METHODS } from './userView';
import type { TraceEvent, TraceSink } from '../traffic/traceEvents';
import { callParams, isNotification, type QuestionKind, type RecordedCall, type RecordedConnection, type RecordedQuestion, type RecordedSession, type RpcMessage } from './recordedSession';

/** A question the live server asked, and the recorded question it was answered from (if any). */
export interface AskedQuestion {
  kind: QuestionKind;
  params: Record<string, unknown>;
  recorded?: RecordedQuestion;
}

export interface ReplayedCall {
  call: RecordedCall;
  connection: number;
  /** The live answer as `{result}` or `{error}`; undefined when none came. */
  actual?: RpcMessage;
  /** Why there is no answer (timeout, connection closed). */
  failure?: string;
  /** The method is not one replay makes (tasks, custom methods): reported, not compared. */
  skipped?: boolean;
  /** A setup call (logging/setLevel): replayed, never compared. */
  setup?: boolean;
  durationMs: number;
  asked: AskedQuestion[];
  /** Rounds the live call took (1 for a direct answer). */
  rounds: number;
  /** Server notifications received while the call was open (when asked for). */
  notifications?: RpcMessage[];
}

export interface ReplayConnectInfo {
  era?: '2025' | '2026';
  protocolVersion?: string;
  serverInfo?: { name?: string; version?: string; title?: string };
  instructions?: string;
}

export interface ReplayOptions {
  target: ConnectTarget;
  protocol?: ProtocolChoice;
  /** Per-call answer timeout, ms (default 30000). */
  timeoutMs?: number;
  /** Records the replay itself. */
  trace?: TraceSink;
  onStderrLine?(line: string): void;
  onCall?(call: ReplayedCall): void;
  onConnected?(connection: number, info: ReplayConnectInfo): void;
  /** Collect the server's notifications during each call (ReplayedCall.notifications). */
  notifications?: boolean;
}

const ELICITATION_DECLINED = { action: 'decline' } as const;

/** Calls a recorded method through the Session; undefined for methods replay does not make (tasks, custom). */
function invoke(session: Session, call: RecordedCall, timeoutMs: number): Promise<unknown> | undefined {
  const p = call.params as Record<string, never>;
  // Ask for progress when the recorded request did, so the server takes the same path.
  const askedProgress = (call.msg.params?._meta as { progressToken?: unknown } | undefined)?.progressToken !== undefined;
  const o = { timeoutMs, onProgress: askedProgress ? () => undefined : undefined };
  switch (call.method) {
    case 'ping':
      return session.ping(o).then(() => ({}));
    case 'tools/list':
      return session.listTools(o).then((tools) => ({ tools }));
    case 'prompts/list':
      return session.listPrompts(o).then((prompts) => ({ prompts }));
    case 'resources/list':
      return session.listResources(o).then((resources) => ({ resources }));
    case 'resources/templates/list':
      return session.listResourceTemplates(o).then((resourceTemplates) => ({ resourceTemplates }));
    case 'tools/call':
      return session.callTool(p.name, p.arguments ?? {}, o);
    case 'resources/read':
      return session.readResource(p.uri, o);
    case 'prompts/get':
      return session.getPrompt(p.name, p.arguments ?? {}, o);
    case 'completion/complete':
      return session.complete(call.params as never, o);
    case 'logging/setLevel':
      return session.setLogLevel(p.level, o).then(() => ({}));
    case 'resources/subscribe':
      return session.subscribeResource(p.uri, o).then(() => ({}));
    case 'resources/unsubscribe':
      return session.unsubscribeResource(p.uri, o).then(() => ({}));
    default:
      return undefined;
  }
}

/** Answers a call's questions from the recording (see pickQuestion) and keeps what was asked. */
class QuestionBook {
  private used = new Set<RecordedQuestion>();
  asked: AskedQuestion[] = [];
  constructor(private readonly questions: RecordedQuestion[]) {}

  answer(kind: QuestionKind, params: Record<string, unknown>): unknown {
    const recorded = pickQuestion(this.questions, this.used, { kind, params });
    this.asked.push({ kind, params, recorded });
    if (!recorded) return undefined;
    this.used.add(recorded);
    return recorded.answer;
  }
}

/** The roots the client declared in the recording: its first answer to roots/list. */
function recordedRoots(session: RecordedSession): ConnectOptions['roots'] {
  for (const c of session.connections) {
    for (const q of [...c.calls.flatMap((x) => x.questions), ...c.looseQuestions]) {
      const roots = (q.kind === 'roots' ? (q.answer as { roots?: unknown } | undefined)?.roots : undefined) as ConnectOptions['roots'];
      if (roots) return roots;
    }
  }
  return [];
}

/** Replays every connection of the recording; throws only when a connection cannot be made (a ConnectionError). */
export async function replaySession(recorded: RecordedSession, options: ReplayOptions): Promise<ReplayedCall[]> {
  const out: ReplayedCall[] = [];
  const roots = recordedRoots(recorded);
  for (let c = 0; c < recorded.connections.length; c++) out.push(...(await replayConnection(recorded.connections[c], c + 1, roots, options)));
  return out;
}

async function replayConnection(conn: RecordedConnection, index: number, roots: ConnectOptions['roots'], options: ReplayOptions): Promise<ReplayedCall[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let book = new QuestionBook([]);
  // Calls are made one at a time, so what the server sends now belongs to the call under way: its input_required
  // rounds and (when asked for) its notifications.
  let liveRounds = 0;
  let heard: RpcMessage[] | undefined;
  const observer: TraceSink = {
    write: (e: TraceEvent) => {
      if (e.type !== 'message' || e.dir !== 'recv') return;
      const m = e.msg as RpcMessage;
      if ((m.result as { resultType?: unknown } | undefined)?.resultType === 'input_required') liveRounds++;
      else if (heard && isNotification(m)) heard.push(m);
    },
  };
  const session = new Session();
  if (options.onStderrLine) session.on('stderr', options.onStderrLine);
  await session.connect(options.target, {
    protocol: options.protocol ?? 'auto',
    // The caller's trace (a TraceWriter) still hears how the connect went, for its header.
    trace: teeSinks([observer, options.trace]),
    roots,
    requestTimeoutMs: timeoutMs,
    elicitation: async (params) => (book.answer('elicitation', callParams(params as Record<string, unknown>)) ?? ELICITATION_DECLINED) as never,
    sampling: async (params) => {
      const answer = book.answer('sampling', callParams(params as Record<string, unknown>));
      if (answer === undefined) throw new ProtocolError(-32603, 'The recording has no answer to this sampling request');
      return answer as never;
    },
  });
  const info = session.info;
  options.onConnected?.(index, { era: info.era, protocolVersion: info.protocolVersion, serverInfo: info.serverInfo, instructions: info.instructions });
  const replayed: ReplayedCall[] = [];
  try {
    for (const call of conn.calls) {
      if (!call.response) continue; // never answered in the recording (cancelled, cut off): nothing to compare
      book = new QuestionBook(call.questions);
      liveRounds = 0;
      heard = options.notifications ? [] : undefined;
      const started = performance.now();
      const r: ReplayedCall = { call, connection: index, durationMs: 0, asked: book.asked, rounds: 1 };
      if (SETUP_METHODS.has(call.method)) {
        r.setup = true;
        await invoke(session, call, timeoutMs)?.catch(() => undefined);
        options.onCall?.(r);
        continue;
      }
      try {
        const pending = invoke(session, call, timeoutMs);
        if (!pending) r.skipped = true;
        else r.actual = { result: await pending };
      } catch (e) {
        if (e instanceof ProtocolError) r.actual = { error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) } };
        else r.failure = (e as Error).message;
      }
      r.durationMs = performance.now() - started;
      r.rounds = 1 + liveRounds;
      r.notifications = heard;
      heard = undefined;
      replayed.push(r);
      options.onCall?.(r);
      if (session.state !== 'connected') break;
    }
    // Calls never made because the connection closed are unanswered, not passed over.
    const last = replayed[replayed.length - 1];
    if (last && session.state !== 'connected') {
      for (const call of conn.calls.slice(conn.calls.indexOf(last.call) + 1)) {
        if (!call.response || SETUP_METHODS.has(call.method)) continue;
        const r: ReplayedCall = { call, connection: index, durationMs: 0, asked: [], rounds: 1, failure: 'the connection closed before this call was made' };
        replayed.push(r);
        options.onCall?.(r);
      }
    }
  } finally {
    await session.close().catch(() => undefined);
  }
  return replayed;
}
