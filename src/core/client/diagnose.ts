// Turns the raw failure of a connect attempt into a ConnectionError: one sentence on what happened, one on what to do.
import { existsSync } from 'node:fs';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { findOnPath, NODE_COMMANDS } from '../util/findOnPath';
import { ConnectionError } from './connectionError';
import type { DiagnosingStdioTransport } from './stdioTransport';
import { describeNetworkError, HttpObserver } from './httpObserver';

const VERSION_MANAGER_HINT =
  'If Node is installed with a version manager (nvm, fnm, volta, asdf), its bin directory is on your interactive shell\'s PATH only: use the absolute path (run "which {cmd}" in a terminal) as the command.';

/** spawn failed: ENOENT (command or cwd missing), EACCES (not executable). */
export function diagnoseSpawn(error: NodeJS.ErrnoException, command: string, cwd: string | undefined, pathVar: string | undefined): ConnectionError {
  if (cwd && !existsSync(cwd)) {
    return new ConnectionError('spawn', 'spawn-failed', `The working directory ${cwd} does not exist.`, 'Fix "cwd" in the server entry, or remove it to use the current directory.', { command }, { cause: error });
  }
  const lookup = findOnPath(command, pathVar, cwd);
  if (error.code === 'EACCES' || lookup.notExecutable) {
    const file = lookup.notExecutable ?? lookup.found ?? command;
    return new ConnectionError('spawn', 'permission-denied', `${file} is not executable (permission denied).`, `Make it executable with "chmod +x ${file}", or run it through its interpreter (e.g. "node ${file}").`, { command, resolvedCommand: file }, { cause: error });
  }
  if (error.code === 'ENOENT') {
    const isPath = command.includes('/');
    const where = isPath ? 'does not exist' : `was not found on PATH (searched ${lookup.searched.length} directories)`;
    const base = command.split('/').pop() ?? command;
    let hint = isPath ? 'Check the path, or give the absolute path of the program.' : `Install ${command}, or give its absolute path as the command.`;
    if (NODE_COMMANDS.has(base)) hint = VERSION_MANAGER_HINT.replace('{cmd}', base);
    return new ConnectionError('spawn', 'command-not-found', `The command "${command}" ${where}.`, hint, { command, resolvedCommand: lookup.found }, { cause: error });
  }
  return new ConnectionError('spawn', 'spawn-failed', `Could not start "${command}": ${error.message}.`, undefined, { command }, { cause: error });
}

/** A stdio connect that failed after the process started. */
export function diagnoseStdio(error: unknown, transport: DiagnosingStdioTransport, command: string, timedOut: boolean, timeoutMs: number): ConnectionError {
  const stderrTail = transport.stderrTail.slice(-15);
  const line = transport.nonJsonLines[0];
  const details = { command, stderrTail, line, exitCode: transport.exit?.code, signal: transport.exit?.signal };
  // A version mismatch makes the SDK close the connection, so the process exits too: name the cause, not the exit.
  if (/protocol version is not supported/i.test(messageOf(error))) return diagnoseCommon(error, false, timeoutMs, details)!;
  if (transport.exit && !timedOut) {
    const how = transport.exit.signal ? `was killed by ${transport.exit.signal}` : `exited with code ${transport.exit.code}`;
    const last = stderrTail.filter((l) => l.trim()).pop();
    const hint = line
      ? `It wrote "${clip(line)}" on stdout, which is reserved for JSON-RPC; its stderr is shown below.`
      : last
        ? 'Its last stderr lines are shown below.'
        : 'It wrote nothing on stderr: run the command in a terminal to see what it does.';
    return new ConnectionError('initialize', 'exited-early', `The server process ${how} before answering initialize.`, hint, details, { cause: error });
  }
  if (line) {
    return new ConnectionError(
      'initialize',
      'non-json-stdout',
      `The server wrote non-JSON output on stdout: "${clip(line)}".`,
      'stdout is reserved for JSON-RPC messages: send logs to stderr (console.error in Node, print(..., file=sys.stderr) in Python).',
      details,
      { cause: error },
    );
  }
  return diagnoseCommon(error, timedOut, timeoutMs, details) ?? new ConnectionError('initialize', 'initialize-failed', `The server did not complete initialize: ${messageOf(error)}.`, undefined, details, { cause: error });
}

/** An HTTP connect that failed; `transport` is the one that was tried. */
export function diagnoseHttp(error: unknown, url: string, transport: 'streamable-http' | 'sse', observer: HttpObserver, timedOut: boolean, timeoutMs: number, auto: boolean): ConnectionError {
  const failure = observer.lastFailure(url);
  const status = statusOf(error) ?? failure?.status;
  const wwwAuthenticate = failure?.headers['www-authenticate'];
  const details = { url, status, wwwAuthenticate };
  const other = transport === 'sse' ? 'streamable-http' : 'sse';
  if (error instanceof UnauthorizedError || status === 401) {
    const oauth = wwwAuthenticate && /resource_metadata|Bearer/i.test(wwwAuthenticate);
    return new ConnectionError(
      'http',
      'unauthorized',
      `The server answered 401 Unauthorized${wwwAuthenticate ? ` (WWW-Authenticate: ${clip(wwwAuthenticate, 160)})` : ''}.`,
      oauth ? 'Sign in with OAuth (--oauth), or pass a token with --header "Authorization: Bearer <token>".' : 'Pass credentials with --header, e.g. --header "Authorization: Bearer <token>".',
      details,
      { cause: error },
    );
  }
  if (status === 403) {
    return new ConnectionError('http', 'forbidden', `The server answered 403 Forbidden.`, 'The credentials were accepted but do not allow this; check the token\'s scopes, or the Origin/Host the server accepts.', details, { cause: error });
  }
  if (status === 404 || status === 405) {
    const what = status === 404 ? '404 Not Found' : '405 Method Not Allowed';
    const hint = auto
      ? `Neither Streamable HTTP nor SSE worked at this URL: check the path (often /mcp for Streamable HTTP, /sse for SSE).`
      : `The endpoint may use the other transport: try --transport ${other}, or check the path (often /mcp for Streamable HTTP, /sse for SSE).`;
    return new ConnectionError('http', status === 404 ? 'not-found' : 'method-not-allowed', `The server answered ${what} to the ${transport === 'sse' ? 'SSE GET' : 'Streamable HTTP POST'} at ${url}.`, hint, details, { cause: error });
  }
  if (observer.networkError && !status) {
    return new ConnectionError('http', 'network', `Could not reach ${url}: ${describeNetworkError(observer.networkError)}.`, 'Is the server running, and is the host and port right?', details, { cause: error });
  }
  if (status && status >= 400) {
    return new ConnectionError('http', 'http-error', `The server answered HTTP ${status} at ${url}.`, undefined, details, { cause: error });
  }
  return diagnoseCommon(error, timedOut, timeoutMs, details) ?? new ConnectionError('initialize', 'initialize-failed', `The server did not complete initialize: ${messageOf(error)}.`, undefined, details, { cause: error });
}

function diagnoseCommon(error: unknown, timedOut: boolean, timeoutMs: number, details: Record<string, unknown>): ConnectionError | undefined {
  const msg = messageOf(error);
  if (timedOut || (error instanceof McpError && error.code === ErrorCode.RequestTimeout)) {
    return new ConnectionError('timeout', 'timeout', `The server did not answer initialize within ${Math.round(timeoutMs / 100) / 10} s.`, 'Is it waiting for input, or slow to start? Raise the limit with --timeout.', details, { cause: error });
  }
  const version = /protocol version is not supported: (\S+)/i.exec(msg);
  if (version) {
    return new ConnectionError('initialize', 'protocol-version', `The server chose protocol version ${version[1]}, which this client does not support.`, 'Update the server\'s MCP SDK, or make it accept one of the versions the client offers (2025-11-25 and older).', { ...details, protocolVersion: version[1] }, { cause: error });
  }
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
    return new ConnectionError('initialize', 'closed', 'The connection closed before initialize completed.', undefined, details, { cause: error });
  }
  if (error instanceof McpError) {
    return new ConnectionError('initialize', 'initialize-failed', `The server rejected initialize: ${error.message}.`, 'A JSON-RPC error here often means an unsupported protocol version or client capability.', details, { cause: error });
  }
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof StreamableHTTPError || error instanceof SseError) return typeof error.code === 'number' && error.code >= 100 ? error.code : undefined;
  return undefined;
}

function messageOf(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).replace(/\.$/, '');
}

function clip(s: string, n = 120): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
