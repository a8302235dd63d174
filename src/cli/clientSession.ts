// Opens a Session for a client command: resolves the target (asking for ${input:...} on a terminal), records a
// trace if asked, prints server logs and stderr if asked, maps failures to exit codes, and always closes.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ConnectionError } from '../core/client/connectionError';
import type { InputPrompter } from '../core/client/resolveTarget';
import { Session } from '../core/client/session';
import type { ConnectTarget } from '../core/client/types';
import { Redactor } from '../core/traffic/redact';
import { TraceWriter } from '../core/traffic/traceWriter';
import { CliError, EXIT } from './cliError';
import { CommonArgs, resolveTargetSpec } from './target';

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

/** Maps an operation's failure to the CLI's exit codes. */
export function operationFailure(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof ConnectionError) return connectionFailure(e);
  if (e instanceof McpError) {
    if (e.code === ErrorCode.RequestTimeout) return new CliError('The server did not answer in time.', EXIT.protocol, 'Raise the limit with --timeout <ms>.', { cause: e });
    if (e.code === ErrorCode.ConnectionClosed) return new CliError('The connection closed before the server answered.', EXIT.connection, 'Run with --verbose to see the server\'s stderr.', { cause: e });
    const msg = e.message.replace(/^(MCP error -?\d+: )+/, '').replace(/\.$/, '');
    return new CliError(`The server answered with JSON-RPC error ${e.code}: ${msg}.`, EXIT.protocol, undefined, { cause: e });
  }
  return new CliError(`${((e as Error)?.message ?? String(e)).replace(/\.$/, '')}.`, EXIT.protocol, undefined, { cause: e });
}

export async function withSession<T>(args: CommonArgs, run: (session: Session, target: ConnectTarget) => Promise<T>): Promise<T> {
  const target = await resolveTargetSpec(args.target, terminalPrompter()).catch((e) => {
    throw e instanceof ConnectionError ? new CliError(e.message, EXIT.usage, e.hint, { cause: e }) : e;
  });
  let writer: TraceWriter | undefined;
  if (args.record) {
    const secrets = [...Object.values(target.kind === 'stdio' ? (target.env ?? {}) : {}), ...Object.values(target.kind === 'http' ? (target.headers ?? {}) : {})];
    try {
      writer = new TraceWriter(args.record, { target: Session.traceTarget(target), redactor: new Redactor({ secrets }) });
    } catch (e) {
      throw new CliError(`Cannot write the trace ${args.record}: ${(e as Error).message}.`, EXIT.usage);
    }
  }
  const session = new Session();
  if (args.verbose) session.on('stderr', (line) => process.stderr.write(`[server] ${line}\n`));
  if (args.logLevel) session.on('log', (m) => process.stderr.write(`[${m.level}]${m.logger ? ` ${m.logger}:` : ''} ${typeof m.data === 'string' ? m.data : JSON.stringify(m.data)}\n`));
  session.on('diagnostic', (d) => {
    if (args.verbose || d.line) process.stderr.write(`warning: ${d.message}${d.line ? ` (${JSON.stringify(d.line.slice(0, 120))})` : ''}\n`);
  });
  try {
    await session.connect(target, {
      connectTimeoutMs: args.timeoutMs,
      requestTimeoutMs: args.timeoutMs,
      trace: writer,
      oauth: args.oauth ? { mode: args.oauth } : undefined,
    });
    if (args.logLevel && session.info.capabilities?.logging) await session.setLogLevel(args.logLevel);
    return await run(session, target);
  } catch (e) {
    throw operationFailure(e);
  } finally {
    await session.close().catch(() => undefined);
    writer?.close();
  }
}
