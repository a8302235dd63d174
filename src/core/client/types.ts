// Public types of the client session (src/core/client/session.ts). The inspector panel, the CLI, the gateway's
// tests and replay code against these; keep them stable.
import type {
  CallToolResult,
  CreateMessageRequest,
  CreateMessageResult,
  DiscoverResult,
  ElicitRequest,
  ElicitResult,
  Implementation,
  InitializeResult,
  LoggingLevel,
  LoggingMessageNotification,
  OAuthClientProvider,
  Prompt,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Root,
  ServerCapabilities,
  ServerNotification,
  Tool,
} from '@modelcontextprotocol/client';
import type { TraceEvent, TraceSink, TraceTarget } from '../traffic/traceEvents';
import type { InputRound } from './inputRounds';
import type { ProtocolChoice, ProtocolEra } from './protocolChoice';

export type { ProtocolChoice, ProtocolEra, InputRound };

export type { CallToolResult, Tool, Resource, ResourceTemplate, Prompt, Root, LoggingLevel, Implementation, ServerCapabilities };

/** How to reach a server. `auto` tries Streamable HTTP first and falls back to legacy SSE (spec "backwards compatibility"). */
export type HttpTransportChoice = 'streamable-http' | 'sse' | 'auto';

export interface StdioTarget {
  kind: 'stdio';
  command: string;
  args?: string[];
  /** Added to the inherited environment (the environment of the process that starts the server). */
  env?: Record<string, string>;
  /** A dotenv file whose variables are added before `env`. */
  envFile?: string;
  cwd?: string;
  /** A display name (the config entry's name), recorded in the trace header. */
  name?: string;
}

export interface HttpTarget {
  kind: 'http';
  url: string;
  transport?: HttpTransportChoice;
  headers?: Record<string, string>;
  name?: string;
}

export type ConnectTarget = StdioTarget | HttpTarget;

/** Answers a server's sampling/createMessage request (e.g. asks the user, or calls a model). */
export type SamplingResponder = (params: CreateMessageRequest['params'], ctx: ResponderContext) => Promise<CreateMessageResult>;
/** Answers elicitation/create in form mode (params.mode undefined or 'form') and URL mode (params.mode 'url'). */
export type ElicitationResponder = (params: ElicitRequest['params'], ctx: ResponderContext) => Promise<ElicitResult>;
export interface ResponderContext {
  signal: AbortSignal;
  /** The request id the server used, for UIs that show pending requests. */
  requestId: string | number;
}

/** The browser step of OAuth: open the URL and resolve with the authorization code caught on the redirect URI. */
export type AuthorizationStep = (authorizationUrl: URL, redirectUrl: URL) => Promise<AuthorizationResponse>;
/** What the authorization server's redirect carried; `iss` is checked against the discovered issuer (RFC 9207). */
export interface AuthorizationResponse {
  code: string;
  state?: string;
  iss?: string;
}

/**
 * Sign-ins other than the authorization-code flow, and sender-constrained tokens.
 */
export interface OAuthGrantOptions {
  /** Ask for DPoP-bound tokens (RFC 9449): a proof on each token request and on each request to the server. */
  dpop?: boolean;
  /**
   * One of the SDK's providers for a grant without a browser (ClientCredentialsProvider, PrivateKeyJwtProvider,
   * CrossAppAccessProvider): it replaces the authorization-code flow and keeps its own tokens.
   */
  grantProvider?: OAuthClientProvider;
}

export interface OAuthOptions extends OAuthGrantOptions {
  /** Where the authorization server redirects to; with the loopback catcher a free port on 127.0.0.1 is used. */
  redirectUrl?: string;
  /** 'headless' follows the authorization redirect with fetch (tests, conformance); 'loopback' opens a browser. */
  mode?: 'headless' | 'loopback' | 'custom';
  /** Required when mode is 'custom'; for 'loopback' it opens the URL (default: print it). */
  authorize?: AuthorizationStep;
  openBrowser?: (url: URL) => void | Promise<void>;
  clientName?: string;
  /** A client ID metadata document URL (SEP-991) used instead of dynamic registration when the server supports it. */
  clientMetadataUrl?: string;
  /** Pre-registered client credentials (skips dynamic registration). */
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  /** Persisted state between sessions (tokens, client registration); in memory by default. */
  store?: OAuthStore;
}

export interface OAuthStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface ConnectOptions {
  clientInfo?: Implementation;
  /** The protocol era: `auto` (default) probes with server/discover and falls back to the 2025 handshake. */
  protocol?: ProtocolChoice;
  /** `auto` on stdio: how long a server may stay silent after server/discover before it is taken for a 2025 server. Default 5000. */
  probeTimeoutMs?: number;
  /** Open a subscriptions/listen stream for list changes in the 2026 era (default true; one-shot tools skip it). */
  listenForListChanges?: boolean;
  /** Multi-round-trip calls (2026) fail after this many input rounds. Default 10. */
  maxInputRounds?: number;
  /** A stdio message longer than this is dropped with a clear error. Default: the SDK's stdio limit (10 MB). */
  maxMessageBytes?: number;
  /** Timeout of the whole connect (spawn/HTTP + initialize), ms. Default 30000. */
  connectTimeoutMs?: number;
  /** Default per-request timeout, ms; resets on progress. Default 60000. */
  requestTimeoutMs?: number;
  /** Default cap on a request's total time even with progress, ms. Default none. */
  maxTotalTimeoutMs?: number;
  /** Client capabilities are declared for the responders that are given (sampling, elicitation) and always for roots. */
  sampling?: SamplingResponder;
  elicitation?: ElicitationResponder;
  /** Which elicitation modes to declare; default both. */
  elicitationModes?: Array<'form' | 'url'>;
  roots?: Root[];
  oauth?: OAuthOptions;
  /** Where to record traffic (e.g. a TraceWriter). The 'traffic' event fires either way. */
  trace?: TraceSink;
  /** Extra strings that must never reach a trace in clear (besides env values and secret headers). */
  secrets?: string[];
  signal?: AbortSignal;
}

export interface RequestCallOptions {
  /** Per-request timeout, ms; resets whenever the server reports progress. */
  timeoutMs?: number;
  /** Maximum total time even when progress keeps arriving, ms. */
  maxTotalTimeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: ProgressUpdate) => void;
}

export interface ProgressUpdate {
  progress: number;
  total?: number;
  message?: string;
}

export type ConnectionState = 'idle' | 'connecting' | 'authorizing' | 'connected' | 'closed' | 'failed';

export interface ConnectionStateChange {
  state: ConnectionState;
  /** For 'failed': the ConnectionError or the error that closed the session. */
  error?: Error;
}

export type ListKind = 'tools' | 'resources' | 'prompts' | 'templates';

/** Events a Session emits; subscribe with `session.on(name, listener)` (returns a disposer). */
export interface SessionEvents {
  state: ConnectionStateChange;
  /** Every notification from the server, raw. */
  notification: ServerNotification;
  progress: ProgressUpdate & { progressToken: string | number };
  log: LoggingMessageNotification['params'];
  /** A cached list was refreshed after a list_changed notification. */
  listChanged: { kind: ListKind; items: Tool[] | Resource[] | Prompt[] | ResourceTemplate[] };
  resourceUpdated: { uri: string };
  /** One line of a stdio server's stderr. */
  stderr: string;
  /** Something worth showing that is not an error of an operation (e.g. a non-JSON line on stdout). */
  diagnostic: { message: string; line?: string };
  /** Every trace event (messages, stderr, http, transport), already stamped, before redaction. */
  traffic: TraceEvent;
  /** A call came back `input_required` (2026): its embedded requests go to the responders, then it is retried. */
  inputRequired: InputRound;
}

export interface Disposable {
  dispose(): void;
}

/** What the session knows after `initialize`. */
export interface ServerInfo {
  serverInfo?: Implementation;
  capabilities?: ServerCapabilities;
  instructions?: string;
  protocolVersion?: string;
  /** The era of the negotiated version. */
  era?: ProtocolEra;
  /** The server/discover result (2026 era). */
  discover?: DiscoverResult;
  /** The initialize result (2025 era). */
  initialize?: InitializeResult;
  /** True when the `auto` probe made a 2025 server exit and it was started a second time. */
  probeRespawned?: boolean;
  /** The transport actually used (after auto-detection). */
  transport: TraceTarget['transport'];
}
