// Opens a Session for a client command: resolves the target (asking for ${input:...} on a terminal), records a
// trace if asked, prints server logs and stderr if asked, maps failures to exit codes, and always closes.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { ConnectionError } from '../core/client/connectionError';
import type { InputPrompter } from '../core/client/resolveTarget';
import { Session } from '../core/client/session';
import type { ConnectTarget } from '../core/client/types';
import { Redactor } from '../core/traffic/redact';
import { TraceWriter } from '../core/traffic/traceWriter';
import { CliError, EXIT } from './cliError';
import { CommonArgs, resolveTargetSpec } from './target';
import { CliInputResponders, type UnansweredQuestion } from './inputResponders';
import { validationIssues } from '../core/client/validationIssues';
import { InvalidCatalogueError } from '../core/client/session';

/** Asks on the terminal; password inputs are not echoed. Without a terminal there is nobody to ask. */
export function terminalPrompter(): InputPrompter | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (input) =>
    new Promise((resolve) => {
      let muted = false;
      const output = new Writable({
        write(chunk, _enc, cb) {
          if (!muted) process.stderr.write(chunk);
          cb();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      const label = `${input.description ?? input.id}${input.default ? ` [${input.default}]` : ''}: `;
      rl.question(label, (answer) => {
        rl.close();
        if (input.password) process.stderr.write('\n');
        resolve(answer === '' ? input.default : answer);
      });
      muted = !!input.password;
    });
}

function connectionFailure(e: ConnectionError): CliError {
  const tail = e.details.stderrTail?.filter((l) => l.trim()).slice(-10) ?? [];
  const hint = [e.hint, ...tail.map((l) => `  stderr | ${l}`)].filter(Boolean).join('\n');
  return new CliError(e.message, EXIT.connection, hint || undefined, { cause: e });
}

/** A call that needed answers nobody gave: each question, and how to supply it. */
export function unansweredFailure(questions: UnansweredQuestion[]): CliError {
  const list = questions.map((q) => `${q.key} (${q.summary})`).join('; ');
  const hint = questions.map((q) => `--input-response ${q.key}='${q.example}'`).join(' ');
  return new CliError(`The server asks for input and there is no terminal to ask: ${list}.`, EXIT.inputNeeded, `Supply the answers: ${hint}`);
}

/** Maps an operation's failure to the CLI's exit codes; `verbose` adds the full detail where there is one. */
export function operationFailure(e: unknown, verbose = false): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof ConnectionError) return connectionFailure(e);
  if (e instanceof SdkError) {
    if (e.code === SdkErrorCode.RequestTimeout) return new CliError('The server did not answer in time.', EXIT.protocol, 'Raise the limit with --timeout <ms>.', { cause: e });
    if (e.code === SdkErrorCode.ConnectionClosed) return new CliError('The connection closed before the server answered.', EXIT.connection, 'Run with --verbose to see the server\'s stderr.', { cause: e });
    if (e.code === SdkErrorCode.InvalidResult) {
      const method = (e.data as { method?: string } | undefined)?.method ?? 'a request';
      const issues = validationIssues(e.message);
      if (!issues) return new CliError(`The server's answer to ${method} is not valid MCP.`, EXIT.protocol, undefined, { cause: e });
      return new CliError(`The server's answer to ${method} is not valid MCP: ${issues.problems[0]}.`, EXIT.protocol, verbose ? issues.problems.join('\n') : moreProblems(issues.problems.length), { cause: e });
    }
    if (e.code === SdkErrorCode.InputRequiredRoundsExceeded) return new CliError(`${firstSentence(e.message)}.`, EXIT.protocol, 'The server kept asking for input; raise the cap with --max-input-rounds if it needs more rounds.', { cause: e });
  }
  if (e instanceof InvalidCatalogueError) {
    const all = e.invalid.flatMap((t) => t.problems.map((p) => `tool "${t.name}": ${p}`));
    return new CliError(`${e.message}.`, EXIT.protocol, verbose ? all.join('\n') : moreProblems(all.length), { cause: e });
  }
  if (e instanceof ProtocolError) {
    const msg = firstSentence(e.message.replace(/^(MCP error -?\d+: )+/, ''));
    return new CliError(`The server answered with JSON-RPC error ${e.code}: ${msg}.`, EXIT.protocol, e.data !== undefined && verbose ? `data: ${JSON.stringify(e.data)}` : undefined, { cause: e });
  }
  return new CliError(`${firstSentence((e as Error)?.message ?? String(e))}.`, EXIT.protocol, undefined, { cause: e });
}

function moreProblems(count: number): string | undefined {
  return count > 1 ? `${count - 1} more problem${count > 2 ? 's' : ''}: run with --verbose to see them all.` : undefined;
}

function firstSentence(s: string): string {
  return s.split('\n')[0].replace(/\.$/, '');
}

export async function withSession<T>(args: CommonArgs, run: (session: Session, target: ConnectTarget) => Promise<T>): Promise<T> {
  const target = await resolveTargetSpec(args.target, terminalPrompter()).catch((e) => {
    throw e instanceof ConnectionError ? new CliError(e.message, EXIT.usage, e.hint, { cause: e }) : e;
  });
  let writer: TraceWriter | undefined;
  if (args.record) {
    const secrets = [...Object.values(target.kind === 'stdio' ? (target.env ?? {}) : {}), ...Object.values(target.kind === 'http' ? (target.headers ?? {}) : {})];
    try {
      // The header names the folder the server ran in, so verify can start it again from any other.
      const where = target.kind === 'stdio' ? { ...target, cwd: resolve(target.cwd ?? process.cwd()) } : target;
      writer = new TraceWriter(args.record, { target: Session.traceTarget(where), redactor: new Redactor({ secrets }) });
    } catch (e) {
      throw new CliError(`Cannot write the trace ${args.record}: ${(e as Error).message}.`, EXIT.usage);
    }
  }
  const session = new Session();
  const responders = new CliInputResponders(args.inputResponses, !!terminalPrompter());
  session.on('inputRequired', (round) => responders.onRound(round));
  if (args.verbose) session.on('stderr', (line) => process.stderr.write(`[server] ${line}\n`));
  if (args.logLevel) session.on('log', (m) => process.stderr.write(`[${m.level}]${m.logger ? ` ${m.logger}:` : ''} ${typeof m.data === 'string' ? m.data : JSON.stringify(m.data)}\n`));
  session.on('diagnostic', (d) => {
    if (args.verbose || d.line) process.stderr.write(`warning: ${d.message}${d.line ? ` (${JSON.stringify(d.line.slice(0, 120))})` : ''}\n`);
  });
  try {
    await session.connect(target, {
      connectTimeoutMs: args.timeoutMs,
      requestTimeoutMs: args.timeoutMs,
      protocol: args.protocol,
      maxMessageBytes: args.maxMessageBytes,
      maxInputRounds: args.maxInputRounds,
      // One command, then close: nobody would see a list change.
      listenForListChanges: false,
      trace: writer,
      oauth: args.oauth ? { mode: args.oauth } : undefined,
      ...responders.options(),
    });
    if (args.logLevel && session.info.capabilities?.logging) await session.setLogLevel(args.logLevel);
    const result = await run(session, target);
    // A 2025 server may turn an unanswered question into an isError result: the missing answers are the cause.
    if (responders.unanswered.length && result !== (EXIT.ok as unknown)) throw unansweredFailure(responders.unanswered);
    return result;
  } catch (e) {
    if (responders.unanswered.length) throw unansweredFailure(responders.unanswered);
    throw operationFailure(e, args.verbose);
  } finally {
    await session.close().catch(() => undefined);
    writer?.close();
  }
}
