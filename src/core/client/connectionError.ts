// A failed connect, as a structured error: which step failed, one sentence saying what happened, and a hint
// saying what to do. Faces show `message` and `hint`; `details` carries the evidence (exit code, stderr tail,
// the offending stdout line, HTTP status and WWW-Authenticate).

export type ConnectStep =
  | 'resolve' // turning a config entry into a target (variables, envFile)
  | 'spawn' // starting the stdio process
  | 'http' // the HTTP exchange (status codes, network)
  | 'auth' // OAuth
  | 'initialize' // the MCP handshake
  | 'timeout';

export type ConnectionErrorCode =
  | 'command-not-found'
  | 'permission-denied'
  | 'spawn-failed'
  | 'exited-early'
  | 'non-json-stdout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'http-error'
  | 'network'
  | 'protocol-version'
  | 'auth-failed'
  | 'timeout'
  | 'closed'
  | 'aborted'
  | 'variable-unresolved'
  | 'initialize-failed'
  | 'message-too-large';

export interface ConnectionErrorDetails {
  exitCode?: number | null;
  signal?: string | null;
  stderrTail?: string[];
  /** The first non-JSON line the server wrote on stdout. */
  line?: string;
  status?: number;
  wwwAuthenticate?: string;
  url?: string;
  command?: string;
  /** Where the command was found on PATH, or undefined if nowhere. */
  resolvedCommand?: string;
  protocolVersion?: string;
  /** The versions a server said it supports when it rejected ours. */
  supported?: string[];
  /** A JSON-RPC error the server answered the connect with. */
  errorCode?: number;
  errorData?: unknown;
  /** A message over the size limit: its size and the limit, in bytes. */
  bytes?: number;
  limit?: number;
}

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly step: ConnectStep,
    readonly code: ConnectionErrorCode,
    message: string,
    readonly hint: string | undefined,
    readonly details: ConnectionErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** A plain object for posting across process or webview boundaries. */
  toJSON(): { step: ConnectStep; code: ConnectionErrorCode; message: string; hint?: string; details: ConnectionErrorDetails } {
    return { step: this.step, code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

export function isConnectionError(e: unknown): e is ConnectionError {
  return e instanceof ConnectionError;
}
