// `mcp-workbench mock <trace> [--http]`: a server that answers as the recorded one did, to clients of either era,
// over stdio, or over Streamable HTTP through the gateway (which runs this same command over stdio per session).
import { dirname, resolve } from 'node:path';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { startGateway } from '../../core/gateway/gateway';
import { createMockServer, TraceMock, type MockAnswer, type MockOptions } from '../../core/replay/mockServer';
import { readRecordedSession } from '../../core/replay/recordedSession';
import { mergeRules } from '../../core/replay/compareRules';
import { findConfigFile, loadConfigFile } from '../../core/replay/workbenchConfig';
import { summarizeProblems } from '../../core/traffic/traceReader';
import { checkTraceFile, NotATraceError } from '../../core/traffic/traceFileCheck';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs } from '../parseCommandArgs';

const HELP = `Usage: mcp-workbench mock <trace.mcptrace> [options]

Answers MCP requests as the recorded server did, to clients of either era (2025-11-25 and 2026-07-28, whatever
era the trace was recorded in): the same method and params get the recorded answer (repeated requests get the
recorded answers in order); a call that asked questions in the recording asks them again (server requests to a
2025 client, input_required rounds to a 2026 client); anything else gets a JSON-RPC error naming the closest
recorded request. Speaks stdio by default.

Options:
  --ignore <path>     params that may differ from the recorded ones, e.g. 'params.arguments.id' (repeatable)
  --rules <file>      also take the ignore rules of this .mcpworkbench.json (default: the nearest one above the trace)
  --timing recorded|fast  notifications recorded during a call keep their recorded spacing, or go at once (default)
  --http              serve Streamable HTTP at http://127.0.0.1:<port>/mcp (through the gateway)
  --port <n>          port for --http (default: a free one)
  --auth token|none   --http: a random bearer token (default) or none (tests only)
  --json              --http: print one JSON line {url, token} when ready
  --verbose           log every request and what answered it on stderr

Exit codes: 0 stopped, 2 usage error or a file that is not a trace, 3 the HTTP server could not start.`;

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    {
      args: argv,
      allowPositionals: true,
      options: { ignore: { type: 'string', multiple: true }, rules: { type: 'string' }, timing: { type: 'string' }, http: { type: 'boolean' }, port: { type: 'string' }, auth: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    },
    'Run "mcp-workbench mock --help" for the options.',
  );
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  const [trace, ...extra] = parsed.positionals;
  if (!trace || extra.length) throw new CliError('mock serves exactly one trace.', EXIT.usage, 'mcp-workbench mock session.mcptrace');
  const timing = v.timing ?? 'fast';
  if (timing !== 'fast' && timing !== 'recorded') throw new CliError(`--timing must be recorded or fast, not "${v.timing}".`, EXIT.usage);
  const file = resolve(trace);
  await checkTraceFile(file, trace, 'mock').catch((e) => {
    throw e instanceof NotATraceError ? new CliError(e.message, EXIT.usage) : e;
  });
  const session = await readRecordedSession(file);
  let mock: TraceMock;
  try {
    const rulesFile = v.rules ? resolve(v.rules) : findConfigFile(dirname(file));
    const config = rulesFile ? loadConfigFile(rulesFile).verify : undefined;
    mock = new TraceMock(session, mergeRules({ ignore: config?.ignore, volatileKeys: config?.volatileKeys }, { ignore: v.ignore }));
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.usage);
  }
  if (mock.methods.length === 0) throw new CliError(`${trace} holds no answered requests: there is nothing to mock.`, EXIT.usage);
  for (const w of summarizeProblems(session.problems)) process.stderr.write(`warning: ${w}\n`);
  const options: MockOptions = { timing, onRequest: v.verbose ? logRequest : undefined };
  return v.http ? serveHttp(file, v) : serveMockStdio(mock, options);
}

function logRequest(method: string, answer: MockAnswer): void {
  const what = 'error' in answer ? `error ${answer.error.code}: ${answer.error.message}` : `recorded answer from line ${answer.call.line}`;
  process.stderr.write(`[mock] ${method} -> ${what}\n`);
}

async function serveMockStdio(mock: TraceMock, options: MockOptions): Promise<number> {
  // serveStdio speaks both eras: a fresh server per 2025 connection, one for 2026 requests.
  const handle = serveStdio(() => createMockServer(mock, options), { onerror: (e) => process.stderr.write(`[mock] ${e.message}\n`) });
  await new Promise<void>((r) => {
    process.stdin.once('end', () => r());
    process.stdin.once('close', () => r());
  });
  await handle.close().catch(() => undefined);
  return EXIT.ok;
}

async function serveHttp(file: string, v: { port?: string; auth?: string; json?: boolean; verbose?: boolean; ignore?: string[]; rules?: string; timing?: string }): Promise<number> {
  const auth = v.auth ?? 'token';
  if (auth !== 'token' && auth !== 'none') throw new CliError(`--auth must be token or none, not "${auth}".`, EXIT.usage);
  const port = v.port === undefined ? 0 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${v.port}".`, EXIT.usage);
  // Each HTTP session gets its own stdio mock: this very command, run again without --http.
  const passOn = [...(v.ignore ?? []).flatMap((p) => ['--ignore', p]), ...(v.rules ? ['--rules', resolve(v.rules)] : []), ...(v.timing ? ['--timing', v.timing] : []), ...(v.verbose ? ['--verbose'] : [])];
  const self = [...process.execArgv, process.argv[1], 'mock', file, ...passOn];
  const gateway = await startGateway({
    child: { command: process.execPath, args: self },
    auth,
    port,
    log: (level, text) => process.stderr.write(`[gateway] ${level}: ${text}\n`),
  }).catch((e) => {
    throw new CliError(`Could not start the HTTP server: ${(e as Error).message}`, EXIT.connection);
  });
  if (v.json) process.stdout.write(JSON.stringify({ type: 'ready', url: gateway.url, token: gateway.token ?? null }) + '\n');
  else {
    process.stdout.write(`Mocking ${file}\n  URL:   ${gateway.url}\n`);
    if (gateway.token) process.stdout.write(`  Token: ${gateway.token}\n  (send it as "Authorization: Bearer <token>")\n`);
    process.stdout.write('Press Ctrl+C to stop.\n');
  }
  await new Promise<void>((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });
  await gateway.close();
  return EXIT.ok;
}

export const mockCommand: CliCommand = { summary: 'serve a trace as a mock server to clients of either era (stdio or --http)', run };
