// verify(trace, target) -> report: replays the logical calls of a recording against a live server, in the era the
// caller picks, and compares what a user of the server sees: the catalogue, each call's answer, and each question
// the server asks during a call (an elicitation request in 2025 and an `input_required` elicitation in 2026 are the
// same question). Envelope differences (handshake, `_meta`, `resultType`, cache hints, `requestState`, error codes
// renumbered between the eras) are not findings.
import { ConnectionError } from '../client/connectionError';
import type { ProtocolChoice } from '../client/protocolChoice';
import type { ConnectTarget } from '../client/types';
import type { TraceEra, TraceSink } from '../traffic/traceEvents';
import { summarizeProblems } from '../traffic/traceReader';
import { CompareRules, CompareRuleSpec } from './compareRules';
import { answerBody, describeRequest, mergedAnswer, readRecordedSession, RecordedConnection, RecordedSession, RpcMessage } from './recordedSession';
import { replaySession, ReplayedCall } from './replayer';
import { describeTarget, targetFromHeader } from './replayTarget';
import { compareJson, Difference } from './structuralCompare';
import { answerFinding, comparableAnswer, countFindings, Finding, FindingKind, notificationFindings, questionFindings } from './userView';

export type { Finding, FindingKind };

export type CheckStatus = 'pass' | 'fail' | 'missing';

export interface VerifyCheck {
  /** 1-based position among the checks of this trace. */
  index: number;
  connection: number;
  /** Line of the recorded request in the trace file. */
  line: number;
  method: string;
  /** `tools/call echo` and the like. */
  label: string;
  status: CheckStatus;
  findings: Finding[];
  /** The answer's differences (also in the answer-changed finding), for diff editors. */
  differences: Difference[];
  /** The compared bodies ({result} or {error}), for diff editors. */
  expected?: unknown;
  actual?: unknown;
  /** Why there is no answer. */
  failure?: string;
  durationMs: number;
  recordedMs?: number;
}

export interface VerifyReport {
  trace: string;
  target: string;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  /** The era the trace was recorded in, and the era and version the replay ran in. */
  recordedEra: TraceEra;
  recordedProtocolVersion?: string;
  era?: TraceEra;
  protocolVersion?: string;
  counts: { checks: number; passed: number; failed: number; missing: number };
  /** Findings by kind, over every check. */
  findings: Partial<Record<FindingKind, number>>;
  checks: VerifyCheck[];
  /** Unusable lines of the trace (torn, corrupt), and anything else worth knowing (redacted env, ...). */
  warnings: string[];
  /** Nothing could be verified: the server could not be reached, or the trace names none or holds no requests. */
  error?: string;
  /** 'trace': the trace itself is unusable (no server named, no requests); 'connect': the server failed. */
  errorKind?: 'trace' | 'connect';
  /** When a stdio server failed: the last lines it wrote on stderr (why it exited, more often than not). */
  stderrTail?: string[];
}

export interface VerifyOptions {
  /** Where to replay; default the server in the trace header. */
  target?: ConnectTarget;
  /** The era to replay in (default auto), whatever era the trace was recorded in. */
  protocol?: ProtocolChoice;
  rules?: CompareRuleSpec;
  /** Per-request answer timeout, ms. */
  timeoutMs?: number;
  /** Records the replay itself (a fresh trace of the new answers). */
  trace?: TraceSink;
  onStderrLine?(line: string): void;
  onCheck?(check: VerifyCheck): void;
  /** The name the report uses for the trace (default the path). */
  traceName?: string;
  /** Also compare the server's notifications during each call (progress, logging, list changes). */
  notifications?: boolean;
}

/** Replays a trace file; never throws for a server that fails, reports it instead. Bad rules throw. */
export async function verifyTrace(file: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const recorded = await readRecordedSession(file);
  return verifyRecorded(recorded, { traceName: file, ...options });
}

export async function verifyRecorded(recorded: RecordedSession, options: VerifyOptions = {}): Promise<VerifyReport> {
  const rules = new CompareRules(options.rules);
  const base = { trace: options.traceName ?? '', startedAt: new Date().toISOString(), started: performance.now(), recorded, warnings: summarizeProblems(recorded.problems) };
  const checks: VerifyCheck[] = [];
  let target: ConnectTarget;
  try {
    if (options.target) target = options.target;
    else {
      const fromHeader = targetFromHeader(recorded.header?.target);
      target = fromHeader.target;
      base.warnings.push(...fromHeader.warnings);
    }
  } catch (e) {
    return finish({ ...base, target: '', checks, error: (e as Error).message, errorKind: 'trace' });
  }
  if (!recorded.connections.some((c) => c.calls.some((call) => call.response))) {
    // Passing a trace that checks nothing would let an empty or broken recording gate a pull request.
    return finish({ ...base, target: describeTarget(target), checks, error: 'The trace holds no answered client request, so there is nothing to verify.', errorKind: 'trace' });
  }
  let live: { era?: TraceEra; protocolVersion?: string } = {};
  let error: string | undefined;
  let stderrTail: string[] | undefined;
  const skipped = new Set<string>();
  try {
    await replaySession(recorded, {
      target,
      protocol: options.protocol,
      timeoutMs: options.timeoutMs,
      trace: options.trace,
      onStderrLine: options.onStderrLine,
      notifications: options.notifications,
      onConnected: (_c, info) => (live = { era: info.era, protocolVersion: info.protocolVersion }),
      onCall: (r) => {
        if (r.setup) return;
        if (r.skipped) {
          skipped.add(r.call.method);
          return;
        }
        const check = toCheck(r, checks.length + 1, rules, recorded.era !== live.era, recorded.connections[r.connection - 1]);
        checks.push(check);
        options.onCheck?.(check);
      },
    });
  } catch (e) {
    error = e instanceof ConnectionError ? e.message : `Could not replay against ${describeTarget(target)}: ${(e as Error).message}`;
    if (e instanceof ConnectionError) stderrTail = e.details.stderrTail?.filter((l) => l.trim()).slice(-STDERR_LINES);
  }
  for (const m of skipped) base.warnings.push(`${m} calls are not replayed (only the standard client operations are)`);
  if (!error && checks.length === 0) {
    return finish({ ...base, target: describeTarget(target), checks, error: `The trace holds no call that verify replays (it has only ${[...skipped].join(', ') || 'set-up calls'}).`, errorKind: 'trace', live });
  }
  return finish({ ...base, target: describeTarget(target), checks, error, errorKind: error ? 'connect' : undefined, live, stderrTail: stderrTail?.length ? stderrTail : undefined });
}

/** Lines of a failed server's stderr a report keeps (the CLI's call shows as many). */
const STDERR_LINES = 10;

function toCheck(r: ReplayedCall, index: number, rules: CompareRules, crossEra: boolean, conn: RecordedConnection): VerifyCheck {
  const call = r.call;
  const label = describeRequest(call.msg);
  const expected = comparableAnswer(call.method, answerBody(mergedAnswer(call)), crossEra);
  const actual = comparableAnswer(call.method, r.actual ? answerBody(r.actual) : undefined, crossEra);
  const base = {
    index,
    connection: r.connection,
    line: call.line,
    method: call.method,
    label,
    expected,
    actual,
    durationMs: Math.round(r.durationMs * 1000) / 1000,
    recordedMs: call.response ? Math.round((call.response.t - call.t) * 1000) / 1000 : undefined,
  };
  if (!r.actual) {
    const failure = r.failure ?? 'no answer';
    return { ...base, status: 'missing', findings: [{ kind: 'no-answer', message: `${label} got no answer: ${failure}` }], differences: [], failure };
  }
  const differences = compareJson(expected, actual, rules);
  const findings = [...answerFinding(call.method, label, differences), ...questionFindings(label, call.questions, r.asked, rules, { was: call.rounds, now: r.rounds })];
  if (r.notifications) {
    const during = conn.notifications.filter((n) => n.pos > call.pos && n.pos < call.response!.pos).map((n) => n.msg);
    findings.push(...notificationFindings(label, during, r.notifications, rules));
  }
  return { ...base, status: findings.length ? 'fail' : 'pass', findings, differences };
}

function finish(r: {
  trace: string;
  target: string;
  startedAt: string;
  started: number;
  recorded: RecordedSession;
  checks: VerifyCheck[];
  warnings: string[];
  error?: string;
  errorKind?: VerifyReport['errorKind'];
  live?: { era?: TraceEra; protocolVersion?: string };
  stderrTail?: string[];
}): VerifyReport {
  const passed = r.checks.filter((c) => c.status === 'pass').length;
  const failed = r.checks.filter((c) => c.status === 'fail').length;
  const missing = r.checks.filter((c) => c.status === 'missing').length;
  const findings = countFindings(r.checks.flatMap((c) => c.findings));
  return {
    trace: r.trace,
    target: r.target,
    startedAt: r.startedAt,
    durationMs: Math.round(performance.now() - r.started),
    ok: !r.error && failed === 0 && missing === 0,
    recordedEra: r.recorded.era,
    recordedProtocolVersion: r.recorded.protocolVersion,
    era: r.live?.era,
    protocolVersion: r.live?.protocolVersion,
    counts: { checks: r.checks.length, passed, failed, missing },
    findings,
    checks: r.checks,
    warnings: r.warnings,
    error: r.error,
    errorKind: r.errorKind,
    ...(r.stderrTail ? { stderrTail: r.stderrTail } : {}),
  };
}

export type { RpcMessage };
