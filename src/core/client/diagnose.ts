// Turns the raw failure of a connect attempt into a ConnectionError: one sentence on what happened, one on what to do.
import { existsSync } from 'node:fs';
import { ProtocolError, ProtocolErrorCode, SdkError, SdkErrorCode, SdkHttpError, SseError, UnauthorizedError } from '@modelcontextprotocol/client';
import { findOnPath, NODE_COMMANDS } from '../util/findOnPath';
import { ConnectionError } from './connectionError';
import { formatBytes, type StdioProcessTransport } from '../process/stdioProcessTransport';
import type { ProtocolChoice } from './protocolChoice';
import { validationIssues } from './validationIssues';
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
export function diagnoseStdio(error: unknown, transport: StdioProcessTransport, command: string, timedOut: boolean, timeoutMs: number, protocol: ProtocolChoice = 'auto'): ConnectionError {
  const stderrTail = transport.stderrTail.slice(-15);
  const line = transport.nonJsonLines[0];
  const details = { command, stderrTail, line, exitCode: transport.exit?.code, signal: transport.exit?.signal };
  // The server answered (a JSON-RPC error, a version it cannot speak): that is the cause, whatever happened after.
  const answered = diagnoseAnswer(error, protocol, details);
  if (answered) return answered;
  // A version mismatch makes the SDK close the connection, so the process exits too: name the cause, not the exit.
  if (/protocol version is not supported/i.test(messageOf(error))) return diagnoseCommon(error, false, timeoutMs, details)!;
  if (transport.oversize) {
    const { bytes, limit } = transport.oversize;
    return new ConnectionError('initialize', 'message-too-large', `The server sent a message of ${formatBytes(bytes)}, over the limit of ${formatBytes(limit)}.`, 'Raise the limit with --max-message-size (bytes), or make the answer smaller.', { ...details, bytes, limit }, { cause: error });
  }
  if (transport.exit && !transport.exit.stopped && !timedOut) {
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
  return diagnoseCommon(error, timedOut, timeoutMs, details) ?? incomplete(error, details);
}

/** An HTTP connect that failed; `transport` is the one that was tried. */
export function diagnoseHttp(error: unknown, url: string, transport: 'streamable-http' | 'sse', observer: HttpObserver, timedOut: boolean, timeoutMs: number, auto: boolean, protocol: ProtocolChoice = 'auto'): ConnectionError {
  const answered = diagnoseAnswer(error, protocol, { url });
  if (answered) return answered;
  error = probeCause(error);
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
  return diagnoseCommon(error, timedOut, timeoutMs, details) ?? incomplete(error, details);
}

/**
 * The server answered the connect with a JSON-RPC error, or the eras did not meet: one sentence a user can act on,
 * with the server's own message and data.
 */
function diagnoseAnswer(error: unknown, protocol: ProtocolChoice, details: Record<string, unknown>): ConnectionError | undefined {
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed) {
    // A probe that failed for a reason of its own (the network, HTTP, OAuth) is diagnosed by that reason.
    if (error.cause !== undefined && !(error.cause instanceof ProtocolError)) return undefined;
    return new ConnectionError('initialize', 'protocol-version', `The server does not speak ${protocol === 'auto' ? 'a 2026 revision' : protocol}: ${messageOf(error)}.`, 'Use --protocol auto, or --protocol 2025-11-25 for a 2025-era server.', details, { cause: error });
  }
  if (!(error instanceof ProtocolError)) return undefined;
  const data = error.data as { supported?: unknown; requested?: unknown } | undefined;
  if (error.code === ProtocolErrorCode.UnsupportedProtocolVersion) {
    const supported = Array.isArray(data?.supported) ? (data!.supported as string[]) : [];
    const modernOnly = supported.length > 0 && supported.every((v) => v >= '2026');
    const message = modernOnly
      ? `The server only speaks ${supported.join(', ')}; it rejected the 2025 handshake (protocol version ${String(data?.requested ?? 'offered')}).`
      : `The server rejected protocol version ${String(data?.requested ?? 'offered')}${supported.length ? ` and offered ${supported.join(', ')}` : ''}.`;
    const hint = modernOnly ? 'Use --protocol auto (the default) or --protocol 2026-07-28.' : 'Use --protocol auto, or pin a version the server offers.';
    return new ConnectionError('initialize', 'protocol-version', message, hint, { ...details, protocolVersion: typeof data?.requested === 'string' ? data.requested : undefined, supported }, { cause: error });
  }
  const dataText = error.data === undefined ? '' : ` (data: ${clip(typeof error.data === 'string' ? error.data : JSON.stringify(error.data), 300)})`;
  return new ConnectionError('initialize', 'initialize-failed', `The server answered the connect with an error: ${messageOf(error)}${dataText}.`, 'This is the server\'s own error: check its configuration and its log below.', { ...details, errorCode: error.code, errorData: error.data }, { cause: error });
}

/** The error under a failed era probe, when the probe failed for a reason of its own. */
function probeCause(error: unknown): unknown {
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed && error.cause !== undefined) return probeCause(error.cause);
  return error;
}

function diagnoseCommon(error: unknown, timedOut: boolean, timeoutMs: number, details: Record<string, unknown>): ConnectionError | undefined {
  if (timedOut || (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout)) {
    return new ConnectionError('timeout', 'timeout', `The server did not answer the connect within ${Math.round(timeoutMs / 100) / 10} s.`, 'Is it waiting for input, or slow to start? Raise the limit with --timeout.', details, { cause: error });
  }
  const version = /protocol version is not supported: (\S+)/i.exec(messageOf(error));
  if (version) {
    return new ConnectionError('initialize', 'protocol-version', `The server chose protocol version ${version[1]}, which this client does not support.`, 'Update the server\'s MCP SDK, or make it accept one of the versions the client offers.', { ...details, protocolVersion: version[1] }, { cause: error });
  }
  if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) {
    return new ConnectionError('initialize', 'closed', 'The connection closed before the connect completed.', undefined, details, { cause: error });
  }
  return undefined;
}

/** The connect ended without a usable answer; a schema dump in the message becomes its first problem. */
function incomplete(error: unknown, details: Record<string, unknown>): ConnectionError {
  const issues = validationIssues(messageOf(error));
  if (issues) {
    const more = issues.problems.length > 1 ? ` (and ${issues.problems.length - 1} more problem${issues.problems.length > 2 ? 's' : ''})` : '';
    return new ConnectionError('initialize', 'initialize-failed', `The server answered the connect with something that is not an MCP message: ${issues.problems[0]}${more}.`, 'Is this URL or command an MCP server? Check the path (often /mcp).', details, { cause: error });
  }
  return new ConnectionError('initialize', 'initialize-failed', `The server did not complete the connect: ${messageOf(error)}.`, undefined, details, { cause: error });
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof SdkHttpError) return error.status >= 100 ? error.status : undefined;
  if (error instanceof SseError) return typeof error.code === 'number' && error.code >= 100 ? error.code : undefined;
  return undefined;
}

function messageOf(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).replace(/\.$/, '');
}

function clip(s: string, n = 120): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
