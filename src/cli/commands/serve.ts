// `mcp-workbench serve`: runs a stdio MCP server behind the authenticated Streamable HTTP gateway.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../commandTable';
import { CliError, EXIT } from '../cliError';
import { parseCommandArgs, splitCommandLine } from '../parseCommandArgs';
import { startGateway, Gateway } from '../../core/gateway/gateway';
import type { GatewayOptions } from '../../core/gateway/gatewayOptions';
import { parseFaults } from '../../core/gateway/faults';
import { formatMetrics } from '../../core/gateway/metrics';
import { readServerEntries } from '../../core/manifest/serverEntries';
import { resolveServerEntry } from '../../core/client/resolveTarget';
import { readEnvFile } from '../../core/util/envFile';
import { pairs } from '../target';
import type { ServerCommand } from '../../core/gateway/serverProcess';
import { probeServer } from '../../core/gateway/probeServer';

/** How long the served command may take to answer once before ready (npx and uvx may download first). */
const PROBE_TIMEOUT_MS = 60_000;

const HELP = `Usage: mcp-workbench serve [options] -- <command> [args...]
       mcp-workbench serve [options] --config <file> --server <name>

Serves a stdio MCP server as Streamable HTTP at http://127.0.0.1:<port>/mcp to clients of both protocol eras: a
2025 client gets a session with a server process of its own; 2026-07-28 clients share a pool of server processes.

Options:
  --config <file> --server <name>  take the server from a client config or manifest
  --env KEY=VALUE                  add a variable to the server's environment (repeatable; it inherits serve's own)
  --cwd <dir>                      working directory of the server
  --host <addr>                    bind address (default 127.0.0.1)
  --allow-remote                   required to bind a non-loopback address
  --port <n>                       port (default: a free one)
  --auth token|oauth|none          bearer token (default), local OAuth 2.1, or nothing (tests only)
  --token-env <VAR>                read the bearer token from this environment variable instead of a random one
  --token-ttl <seconds>            OAuth access token lifetime (default 300)
  --scope <scope>                  OAuth scope required on every request (repeatable; default "mcp")
  --auto-approve                   OAuth: approve authorization requests without the approval page (tests only)
  --max-sessions <n>               concurrent 2025 sessions (default 32); more get 503
  --pool <n>                       server processes shared by 2026-07-28 clients (default 1)
  --idle-timeout <seconds>         end sessions idle this long (default 1800)
  --max-body <bytes>               request body limit (default 4194304); larger bodies get 413
  --request-timeout <ms>           time to receive a whole request (default 30000); slower ones get 408
  --allow-origin <origin>          accept this Origin too (repeatable)
  --allow-host <host:port>         accept this Host header too (repeatable; e.g. behind a reverse proxy)
  --audit-log <file>               append one JSON line per request (token id, never the token)
  --trace-dir <dir>                tee each session's traffic into a .mcptrace file there
  --no-resume                      keep no event store: streams cannot be resumed with Last-Event-ID
  --answers direct|sdk             2025 sessions: answer single requests directly (default) or all through the
                                   SDK transport (slower; to compare the two)
  --fault <name[=value]>           expired-token, wrong-audience, insufficient-scope, latency=<ms>, drop-stream
  --lazy                           do not start the server once before printing ready (it starts with the first client)
  --json                           print one JSON line {url, token, pid, authMode, ...}, then stats lines
  --exit-with-parent               exit when the parent process goes away (used by the editor)`;

export async function parseServeArgs(argv: string[]): Promise<{ options: GatewayOptions; json: boolean; lazy: boolean; exitWithParent: boolean }> {
  const { own, command } = splitCommandLine(argv);
  const parsed = parseCommandArgs(
    {
      args: own,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        server: { type: 'string' },
        env: { type: 'string', multiple: true },
        cwd: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean' },
        port: { type: 'string' },
        auth: { type: 'string' },
        'token-env': { type: 'string' },
        'token-ttl': { type: 'string' },
        scope: { type: 'string', multiple: true },
        'auto-approve': { type: 'boolean' },
        'max-sessions': { type: 'string' },
        pool: { type: 'string' },
        'idle-timeout': { type: 'string' },
        'max-body': { type: 'string' },
        'request-timeout': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        'audit-log': { type: 'string' },
        'trace-dir': { type: 'string' },
        'no-resume': { type: 'boolean' },
        answers: { type: 'string' },
        fault: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        lazy: { type: 'boolean' },
        'exit-with-parent': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    'run "mcp-workbench serve --help" for the options.',
  ).values;
  if (parsed.help) throw new HelpRequested();
  const num = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new CliError(`--${name} needs a number of at least ${min}, not "${v}".`);
    return n;
  };
  const auth = parsed.auth ?? 'token';
  if (auth !== 'token' && auth !== 'oauth' && auth !== 'none') throw new CliError(`--auth must be token, oauth or none, not "${auth}".`);
  const extraEnv = pairs(parsed.env, '=', 'an assignment', '--env');
  let child: ServerCommand;
  if (parsed.config || parsed.server) {
    if (!parsed.config || !parsed.server) throw new CliError('--config and --server go together.');
    if (command.length) throw new CliError('Give either --config/--server or a command after --, not both.');
    const file = resolve(parsed.config);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliError(`Cannot read ${parsed.config}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    const entries = readServerEntries(file, text);
    if (entries.error) throw new CliError(`${parsed.config}: ${entries.error}`);
    const entry = entries.servers.find((s) => s.name === parsed.server);
    if (!entry) throw new CliError(`No server named "${parsed.server}" in ${parsed.config}.`, EXIT.usage, `servers there: ${entries.servers.map((s) => s.name).join(', ') || 'none'}.`);
    if (entry.transport !== 'stdio') throw new CliError(`Server "${entry.name}" uses ${entry.transport}, not stdio: it is already reachable over HTTP.`);
    try {
      const target = await resolveServerEntry(entry, { file, inputs: entries.inputs });
      if (target.kind !== 'stdio') throw new Error(`Server "${entry.name}" is not a stdio server.`);
      const env = { ...(target.envFile ? readEnvFile(target.envFile) : {}), ...(target.env ?? {}), ...extraEnv };
      child = { command: target.command, args: target.args ?? [], env, cwd: parsed.cwd ?? target.cwd };
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  } else {
    if (!command.length) throw new CliError('Nothing to serve: give a command after --, or --config <file> --server <name>.', EXIT.usage, 'example: mcp-workbench serve -- npx -y @modelcontextprotocol/server-everything');
    child = { command: command[0], args: command.slice(1), env: extraEnv, cwd: parsed.cwd };
  }
  let token: string | undefined;
  if (parsed['token-env']) {
    token = process.env[parsed['token-env']];
    if (!token || token.length < 32) throw new CliError(`The environment variable ${parsed['token-env']} must hold a token of at least 32 characters.`);
    // The served process inherits this environment: it must never see the gateway's own token.
    delete process.env[parsed['token-env']];
  }
  let faults;
  try {
    faults = parseFaults(parsed.fault ?? []);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const idle = num('idle-timeout', parsed['idle-timeout'], 1);
  const answers = parsed.answers ?? 'direct';
  if (answers !== 'direct' && answers !== 'sdk') throw new CliError(`--answers must be direct or sdk, not "${answers}".`);
  const options: GatewayOptions = {
    child,
    name: parsed.server,
    host: parsed.host,
    allowNonLoopback: !!parsed['allow-remote'],
    port: num('port', parsed.port, 0),
    auth,
    token,
    oauth: { accessTokenTtlSec: num('token-ttl', parsed['token-ttl'], 1), requiredScopes: parsed.scope, autoApprove: !!parsed['auto-approve'] },
    maxSessions: num('max-sessions', parsed['max-sessions'], 1),
    pool: num('pool', parsed.pool, 1),
    idleTimeoutMs: idle === undefined ? undefined : idle * 1000,
    maxRequestBodyBytes: num('max-body', parsed['max-body'], 1024),
    requestTimeoutMs: num('request-timeout', parsed['request-timeout'], 100),
    allowedOrigins: parsed['allow-origin'],
    allowedHosts: parsed['allow-host'],
    auditLogPath: parsed['audit-log'] ? resolve(parsed['audit-log']) : undefined,
    traceDir: parsed['trace-dir'] ? resolve(parsed['trace-dir']) : undefined,
    resumable: !parsed['no-resume'],
    answerPath: answers,
    faults,
  };
  return { options, json: !!parsed.json, lazy: !!parsed.lazy, exitWithParent: !!parsed['exit-with-parent'] };
}

class HelpRequested extends Error {}

function writeLine(obj: unknown): void {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = await parseServeArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(HELP + '\n');
      return EXIT.ok;
    }
    throw e;
  }
  const { options, json, lazy, exitWithParent } = parsed;
  options.log = (level, text) => process.stderr.write(`[${new Date().toISOString()}] ${level}: ${text}\n`);
  if (options.auth === 'none') process.stderr.write('WARNING: --auth none: the gateway accepts every request without authentication. Use it only in tests.\n');
  if (options.auth === 'oauth' && options.oauth?.autoApprove) process.stderr.write('WARNING: --auto-approve: any local process can get an OAuth token without you. Use it only in tests.\n');
  if (options.auth === 'oauth') {
    // The approval code goes only where the developer is: this terminal, and the editor reading --json output.
    options.oauth = {
      ...options.oauth,
      showApprovalCode: (r) => {
        process.stderr.write(`\nOAuth: "${r.clientName}" asks for access (scopes: ${r.scopes.join(' ')}; redirects to ${r.redirectUri}).\n  Approval code: ${r.code}  (type it into the approval page)\n\n`);
        if (json) writeLine({ type: 'approval', client: r.clientName, redirectUri: r.redirectUri, scopes: r.scopes, code: r.code });
      },
    };
  }
  if (options.host && options.allowNonLoopback) process.stderr.write(`WARNING: binding ${options.host}: the gateway is reachable from other machines.\n`);
  if (!lazy) {
    const probe = await probeServer(options.child, PROBE_TIMEOUT_MS);
    if (!probe.ok) throw new CliError(probe.reason, EXIT.connection);
    options.serverEras = probe.eras;
  }
  let gateway: Gateway;
  try {
    gateway = await startGateway(options);
  } catch (e) {
    throw new CliError(`Could not start the gateway: ${(e as Error).message}`, EXIT.connection);
  }
  const info = {
    type: 'ready',
    url: gateway.url,
    token: gateway.token ?? null,
    tokenId: gateway.tokenId ?? null,
    pid: process.pid,
    authMode: gateway.authMode,
    healthUrl: `${gateway.origin}/healthz`,
    resourceMetadataUrl: gateway.authMode === 'oauth' ? `${gateway.origin}/.well-known/oauth-protected-resource/mcp` : null,
    command: [options.child.command, ...options.child.args],
    /** What the server answered when it was started once before ready (null with --lazy). */
    serverEras: gateway.eras.server ?? null,
    /** Protocol versions clients may use. */
    acceptedVersions: gateway.eras.accepted,
    /** True when 2026-07-28 clients reach a 2025-only server through the era bridge. */
    bridged: gateway.eras.bridged,
  };
  if (json) writeLine(info);
  else {
    process.stdout.write(`Serving ${[options.child.command, ...options.child.args].join(' ')}\n  URL:   ${gateway.url}\n  Eras:  ${describeEras(gateway.eras)}\n`);
    if (gateway.token) process.stdout.write(`  Token: ${gateway.token}\n  (send it as "Authorization: Bearer <token>")\n`);
    if (gateway.authMode === 'oauth') process.stdout.write(`  OAuth: authorization server at ${gateway.origin}, metadata at ${info.resourceMetadataUrl}\n`);
    process.stdout.write('Press Ctrl+C to stop.\n');
  }

  let lastStats = '';
  const statsTimer = json
    ? setInterval(() => {
        const s = gateway.stats();
        const line = JSON.stringify({ type: 'stats', sessions: s.sessions, requests: s.requests, rejected: s.rejected, uptimeMs: s.uptimeMs });
        const key = `${s.sessions}/${s.requests}/${s.rejected}`;
        if (key !== lastStats) {
          lastStats = key;
          process.stdout.write(line + '\n');
        }
      }, 1000)
    : undefined;
  statsTimer?.unref();

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = async (why: string) => {
      if (stopping) return;
      stopping = true;
      if (statsTimer) clearInterval(statsTimer);
      const summary = gateway.metrics.summary();
      await gateway.close();
      if (json) writeLine({ type: 'stopped', reason: why, methods: summary });
      else process.stderr.write(`\nStopped (${why}).\n${formatMetrics(summary)}\n`);
      // Nothing may keep the process alive after this: the parent watch and stdin go too.
      if (watch) clearInterval(watch);
      if (exitWithParent) process.stdin.destroy();
      resolveExit(EXIT.ok);
    };
    let watch: ReturnType<typeof setInterval> | undefined;
    process.once('SIGINT', () => void stop('interrupted'));
    process.once('SIGTERM', () => void stop('terminated'));
    if (exitWithParent) {
      const parent = process.ppid;
      watch = setInterval(() => {
        let alive = process.ppid === parent;
        try {
          process.kill(parent, 0);
        } catch {
          alive = false;
        }
        if (!alive) void stop('parent process exited');
      }, 1000);
      watch.unref();
      process.stdin.on('end', () => void stop('parent closed stdin'));
      process.stdin.on('error', () => void stop('parent closed stdin'));
      process.stdin.resume();
    }
  });
}

function describeEras(eras: Gateway['eras']): string {
  const server = eras.server;
  if (!server) return 'clients of 2025-11-25 and 2026-07-28 (the server was not asked: --lazy)';
  const speaks = [server.legacy, ...(server.modern ?? [])].filter(Boolean).join(' and ');
  return `clients of 2025-11-25 and 2026-07-28; the server speaks ${speaks || 'neither'}${eras.bridged ? ' (the other era goes through the era bridge)' : ''}`;
}

export const serveCommand: CliCommand = { summary: 'Serve a stdio MCP server over authenticated Streamable HTTP', run };
