// verify(trace, target) -> report: replays every recorded connection against a live server and compares each
// answer with the recorded one (paired by position and method) under the comparison rules.
import type { ConnectTarget } from '../client/types';
import { tapTransport } from '../traffic/tap';
import type { TraceSink } from '../traffic/traceEvents';
import { CompareRules, CompareRuleSpec } from './compareRules';
import { answerBody, describeRequest, readRecordedSession, RecordedSession } from './recordedSession';
import { replayConnection, ReplayedAnswer } from './replayer';
import { describeTarget, openReplayTransport, targetFromHeader } from './replayTransport';
import { compareJson, Difference } from './structuralCompare';

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
  counts: { checks: number; passed: number; failed: number; missing: number };
  checks: VerifyCheck[];
  /** Unusable lines of the trace (torn, corrupt), and anything else worth knowing (redacted env, ...). */
  warnings: string[];
  /** Nothing could be verified: the server could not be reached, or the trace names none or holds no requests. */
  error?: string;
  /** 'trace': the trace itself is unusable (no server named, no requests); 'connect': the server failed. */
  errorKind?: 'trace' | 'connect';
}

export interface VerifyOptions {
  /** Where to replay; default the server in the trace header. */
  target?: ConnectTarget;
  rules?: CompareRuleSpec;
  /** Per-request answer timeout, ms. */
  timeoutMs?: number;
  /** Records the replay itself (a fresh trace of the new answers). */
  trace?: TraceSink;
  onStderrLine?(line: string): void;
  onCheck?(check: VerifyCheck): void;
  /** The name the report uses for the trace (default the path). */
  traceName?: string;
}

/** Replays a trace file; never throws for a server that fails, reports it instead. Bad rules throw. */
export async function verifyTrace(file: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const recorded = await readRecordedSession(file);
  return verifyRecorded(recorded, { traceName: file, ...options });
}

export async function verifyRecorded(recorded: RecordedSession, options: VerifyOptions = {}): Promise<VerifyReport> {
  const rules = new CompareRules(options.rules);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const warnings = recorded.problems.map((p) => p.message);
  const checks: VerifyCheck[] = [];
  let target: ConnectTarget;
  let error: string | undefined;
  try {
    if (options.target) target = options.target;
    else {
      const fromHeader = targetFromHeader(recorded.header?.target);
      target = fromHeader.target;
      warnings.push(...fromHeader.warnings);
    }
  } catch (e) {
    return finish({ trace: options.traceName ?? '', target: '', startedAt, started, checks, warnings, error: (e as Error).message, errorKind: 'trace' });
  }
  if (!recorded.connections.some((c) => c.steps.some((st) => st.response))) {
    // Passing a trace that checks nothing would let an empty or broken recording gate a pull request.
    return finish({ trace: options.traceName ?? '', target: describeTarget(target), startedAt, started, checks, warnings, error: 'The trace holds no answered client request, so there is nothing to verify.', errorKind: 'trace' });
  }

  for (let c = 0; c < recorded.connections.length; c++) {
    const conn = recorded.connections[c];
    let transport;
    try {
      const raw = openReplayTransport(target, { onStderrLine: options.onStderrLine });
      transport = options.trace ? tapTransport(raw, options.trace) : raw;
    } catch (e) {
      error = (e as Error).message;
      break;
    }
    try {
      const outcome = await replayConnection(conn, transport, {
        timeoutMs: options.timeoutMs,
        onAnswer: (a) => {
          const check = toCheck(a, checks.length + 1, c + 1, rules);
          checks.push(check);
          options.onCheck?.(check);
        },
      });
      if (outcome.transportError && outcome.answers.some((a) => a.failure)) warnings.push(`connection ${c + 1}: ${outcome.transportError}`);
      for (const sr of outcome.serverRequests) {
        if (!sr.recorded) warnings.push(`connection ${c + 1}: the server sent a ${sr.actual.method} request that the recording does not have`);
      }
    } catch (e) {
      error = `Could not start ${describeTarget(target)}: ${(e as Error).message}`;
      break;
    } finally {
      await transport.close().catch(() => undefined);
    }
  }
  // Checks arrive in answer order; report them in recorded order.
  checks.sort((a, b) => a.connection - b.connection || a.line - b.line);
  checks.forEach((ch, i) => (ch.index = i + 1));
  return finish({ trace: options.traceName ?? '', target: describeTarget(target), startedAt, started, checks, warnings, error, errorKind: error ? 'connect' : undefined });
}

function toCheck(a: ReplayedAnswer, index: number, connection: number, rules: CompareRules): VerifyCheck {
  const expected = answerBody(a.step.response?.msg);
  const actual = answerBody(a.actual);
  const base = {
    index,
    connection,
    line: a.step.line,
    method: a.step.msg.method ?? '',
    label: describeRequest(a.step.msg),
    expected,
    actual,
    durationMs: Math.round(a.durationMs * 1000) / 1000,
    recordedMs: a.step.response ? Math.round((a.step.response.t - a.step.t) * 1000) / 1000 : undefined,
  };
  if (!a.actual) return { ...base, status: 'missing', differences: [], failure: a.failure ?? 'no answer' };
  const differences = compareJson(expected, actual, rules);
  return { ...base, status: differences.length ? 'fail' : 'pass', differences };
}

function finish(r: { trace: string; target: string; startedAt: string; started: number; checks: VerifyCheck[]; warnings: string[]; error?: string; errorKind?: VerifyReport['errorKind'] }): VerifyReport {
  const passed = r.checks.filter((c) => c.status === 'pass').length;
  const failed = r.checks.filter((c) => c.status === 'fail').length;
  const missing = r.checks.filter((c) => c.status === 'missing').length;
  return {
    trace: r.trace,
    target: r.target,
    startedAt: r.startedAt,
    durationMs: Math.round(performance.now() - r.started),
    ok: !r.error && failed === 0 && missing === 0,
    counts: { checks: r.checks.length, passed, failed, missing },
    checks: r.checks,
    warnings: r.warnings,
    error: r.error,
    errorKind: r.errorKind,
  };
}
