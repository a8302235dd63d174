// `mcp-workbench mock <trace> [--http]`: a server that answers as the recorded one did, over stdio, or over
// Streamable HTTP through the gateway (which runs this same command over stdio for each session).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { startGateway } from '../../core/gateway/gateway';
import { TraceMock, serveMock } from '../../core/replay/mockServer';
import { readRecordedSession } from '../../core/replay/recordedSession';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs } from '../parseCommandArgs';

const HELP = `Usage: mcp-workbench mock <trace.mcptrace> [options]

Answers MCP requests as the recorded server did: the same method and params get the recorded answer (repeated
requests get the recorded answers in order); anything else gets a JSON-RPC error naming the closest recorded
request. Speaks stdio by default.

Options:
  --http              serve Streamable HTTP at http://127.0.0.1:<port>/mcp (through the gateway)
  --port <n>          port for --http (default: a free one)
  --auth token|none   --http: a random bearer token (default) or none (tests only)
  --json              --http: print one JSON line {url, token} when ready
  --verbose           log every request and what answered it on stderr`;

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    {
      args: argv,
      allowPositionals: true,
      options: { http: { type: 'boolean' }, port: { type: 'string' }, auth: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  const file = resolve(trace);
  if (!existsSync(file)) throw new CliError(`Cannot read ${trace}: no such file.`, EXIT.usage);
  const session = await readRecordedSession(file);
  const mock = new TraceMock(session);
  if (mock.methods.length === 0) throw new CliError(`${trace} holds no answered requests: there is nothing to mock.`, EXIT.usage);
  for (const p of session.problems) process.stderr.write(`warning: ${p.message}\n`);
  return v.http ? serveHttp(file, v) : serveStdio(mock, !!v.verbose);
}

async function serveStdio(mock: TraceMock, verbose: boolean): Promise<number> {
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((r) => {
    transport.onclose = () => r();
    process.stdin.once('end', () => r());
  });
  await serveMock(mock, transport, (msg, reply) => {
    if (!verbose) return;
    const what = reply.response.error ? `error ${reply.response.error.code}: ${reply.response.error.message}` : `recorded answer from line ${reply.matchedLine}`;
    process.stderr.write(`[mock] ${msg.method} -> ${what}\n`);
  });
  await closed;
  return EXIT.ok;
}

async function serveHttp(file: string, v: { port?: string; auth?: string; json?: boolean; verbose?: boolean }): Promise<number> {
  const auth = v.auth ?? 'token';
  if (auth !== 'token' && auth !== 'none') throw new CliError(`--auth must be token or none, not "${auth}".`, EXIT.usage);
  const port = v.port === undefined ? 0 : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${v.port}".`, EXIT.usage);
  // Each HTTP session gets its own stdio mock: this very command, run again without --http.
  const self = [...process.execArgv, process.argv[1], 'mock', file, ...(v.verbose ? ['--verbose'] : [])];
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

export const mockCommand: CliCommand = { summary: 'serve a trace as a mock server (stdio or --http)', run };
