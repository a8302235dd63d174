// The typed message protocol between the inspector panel (extension host) and its webview.
// Webview -> host: `ready` once, then `request`s with ids; host -> webview: `response`s with the same id,
// plus pushed `event`s. Nothing crosses except through these unions.
import type {
  CallToolResult,
  GetPromptResult,
  Implementation,
  LoggingLevel,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  ServerCapabilities,
  Tool,
} from '@modelcontextprotocol/client';
import type { McpUiResourceCsp, McpUiResourcePermissions } from '@modelcontextprotocol/ext-apps/app-bridge' with { 'resolution-mode': 'import' };
import type { TrafficRow } from './trafficRows';
import type { LintReport } from './lintReport';

export const INSPECTOR_VIEW_TYPE = 'mcpWorkbench.inspector';

/** Path of the MCP Apps sandbox page under the sandbox server's base URL (AppSandboxServer). */
export const APP_SANDBOX_PATH = 'mcp-app-sandbox';

export type InspectorTab = 'overview' | 'tools' | 'resources' | 'prompts' | 'tasks' | 'logs' | 'traffic' | 'network' | 'lint';

/** What the webview keeps with vscode.setState and what the serializer hands back after a reload. */
export interface InspectorViewState {
  tab: InspectorTab;
  selectedTool?: string;
  selectedResource?: string;
  selectedPrompt?: string;
  /** Form values per tool/prompt, so they survive a reconnect and a window reload. */
  toolInputs: Record<string, unknown>;
  promptInputs: Record<string, Record<string, string>>;
  /** Parameter values per resource template (by its URI template); absent in state saved by older versions. */
  templateInputs?: Record<string, Record<string, string>>;
  /** Recent successful inputs per tool, newest first. */
  toolHistory: Record<string, unknown[]>;
}

/** Persisted next to the view state so the serializer knows which server to reconnect to. */
export interface PanelTarget {
  /** Stable key: one panel per server. */
  key: string;
  label: string;
  /** A configured server (file + name) or an ad-hoc command/URL typed by the user. */
  ref?: { file: string; name: string };
  adhoc?: { transport: 'stdio' | 'http' | 'sse'; command?: string; args?: string[]; url?: string; cwd?: string; env?: Record<string, string>; headers?: Record<string, string> };
}

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'failed' | 'closed';

/** One step of the core's connection diagnosis. */
export interface DiagnosisView {
  step: string;
  message: string;
  hint?: string;
  detail?: string;
}

/** The era choice of one server, remembered per server: auto probes server/discover, the others pin an era. */
export type ProtocolSetting = 'auto' | '2025-11-25' | '2026-07-28';
export const PROTOCOL_SETTINGS: readonly ProtocolSetting[] = ['auto', '2025-11-25', '2026-07-28'];

/** The handshake result the Overview shows: server/discover (2026) or initialize (2025). */
export interface HandshakeView {
  method: 'server/discover' | 'initialize';
  result: unknown;
}

export interface ConnectionView {
  status: ConnectionStatus;
  target: string;
  transport?: string;
  serverInfo?: Implementation;
  protocolVersion?: string;
  /** What the developer chose for this server, and the era the connection speaks. */
  protocol: ProtocolSetting;
  era?: '2025' | '2026';
  handshake?: HandshakeView;
  /** The auto probe made a 2025 server exit, so it was started a second time. */
  probeRespawned?: boolean;
  capabilities?: ServerCapabilities;
  instructions?: string;
  error?: DiagnosisView;
  /** Set while waiting to reconnect after the server process exited. */
  reconnectingInMs?: number;
  connectedAt?: number;
  watchGlobs: string[];
  autoReconnect: boolean;
}

/** A server's caching hints on a list or a read (2026-07-28). */
export interface CacheHintsView {
  ttlMs?: number;
  cacheScope?: 'public' | 'private';
}

export interface Catalogue {
  tools: Tool[];
  resources: Resource[];
  templates: ResourceTemplate[];
  prompts: Prompt[];
  /** The hints the server put on each list, when it gave any. */
  cacheHints?: Partial<Record<'tools' | 'resources' | 'templates' | 'prompts', CacheHintsView>>;
}

/** A call that came back input_required (2026): its embedded requests are shown as client requests. */
export interface InputRoundView {
  /** The panel's id of the tool call, when the round belongs to one the panel started. */
  callId?: string;
  round: number;
  method: string;
  /** The keys and methods of the embedded requests. */
  requests: Array<{ key: string; method: string }>;
}

/** One HTTP exchange of an HTTP transport, redacted as in traces. */
export interface NetworkEntry {
  seq: number;
  /** Milliseconds since the panel opened. */
  t: number;
  method: string;
  url: string;
  status: number;
  durationMs?: number;
  contentType?: string;
  /** Mcp-* headers of the request and of the response (Mcp-Session-Id redacted), e.g. Mcp-Method, Mcp-Name. */
  mcpHeaders: Record<string, string>;
  /** The OAuth step this exchange belongs to, when it is one. */
  oauthStep?: string;
  headers: Record<string, string>;
  /** The request's headers, secrets redacted. */
  requestHeaders: Record<string, string>;
}

export interface LogEntry {
  seq: number;
  time: number;
  level: LoggingLevel;
  logger?: string;
  data: unknown;
}

export interface NotificationEntry {
  seq: number;
  time: number;
  method: string;
  params?: unknown;
}

export interface ProgressView {
  callId: string;
  progress: number;
  total?: number;
  message?: string;
}

export interface TaskView {
  taskId: string;
  status: string;
  statusMessage?: string;
  createdAt?: string;
  lastUpdatedAt?: string;
  ttl?: number | null;
  pollInterval?: number;
  /** Keys of the input requests a task waits for (tasks extension), shown while input_required. */
  waitingFor?: string[];
}

export interface SamplingRequestView {
  kind: 'sampling';
  requestId: string;
  params: unknown;
  /** Names of VS Code language models that could answer, if any. */
  models: string[];
}

export interface ElicitationRequestView {
  kind: 'elicitation';
  requestId: string;
  mode: 'form' | 'url';
  message: string;
  requestedSchema?: Record<string, unknown>;
  url?: string;
}

export type ClientRequestView = SamplingRequestView | ElicitationRequestView;

export interface RootView {
  uri: string;
  name?: string;
}

export interface ToolCallOutcome {
  result: CallToolResult;
  elapsedMs: number;
  /** Errors of structuredContent against outputSchema (empty when valid or when there is no outputSchema). */
  outputErrors: string[];
  hasOutputSchema: boolean;
  /** An MCP Apps UI declared by the tool (`_meta.ui.resourceUri`), read and ready to frame. */
  app?: AppUiView;
}

/** An MCP App's UI resource: its HTML exactly as served, and what it declares in `_meta.ui`. */
export interface AppUiView {
  uri: string;
  html: string;
  csp?: McpUiResourceCsp;
  permissions?: McpUiResourcePermissions;
  prefersBorder?: boolean;
  /** Set when the UI could not be read: the frame shows this instead. */
  error?: string;
}

/** What an MCP App may ask of the host that the extension host performs on its behalf. */
export type AppRequestMethod = 'tools/call' | 'resources/read' | 'resources/list' | 'resources/templates/list' | 'prompts/list' | 'ui/message' | 'ui/update-model-context';

/** Requests the webview makes; each key maps to its params and its result. */
export interface HostRequests {
  connect: { params: Record<string, never>; result: void };
  disconnect: { params: Record<string, never>; result: void };
  refreshLists: { params: Record<string, never>; result: void };
  callTool: { params: { callId: string; name: string; args: Record<string, unknown>; asTask?: boolean }; result: ToolCallOutcome | { task: TaskView } };
  cancelCall: { params: { callId: string }; result: void };
  /** `fresh` ignores the server's caching hints (and the client's cache). */
  readResource: { params: { uri: string; fresh?: boolean }; result: ReadResourceResult & CacheHintsView };
  /** Remembers the era choice for this server and reconnects with it. */
  setProtocol: { params: { protocol: ProtocolSetting }; result: void };
  subscribe: { params: { uri: string; on: boolean }; result: void };
  getPrompt: { params: { name: string; args: Record<string, string> }; result: GetPromptResult };
  complete: {
    params: { ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string }; argument: string; value: string; context?: Record<string, string> };
    result: string[];
  };
  setLogLevel: { params: { level: LoggingLevel }; result: void };
  ping: { params: Record<string, never>; result: number };
  listTasks: { params: Record<string, never>; result: TaskView[] };
  getTask: { params: { taskId: string }; result: TaskView };
  taskResult: { params: { taskId: string }; result: unknown };
  cancelTask: { params: { taskId: string }; result: void };
  trafficDetail: { params: { seq: number }; result: unknown };
  answerSampling: { params: { requestId: string; result: unknown } | { requestId: string; reject: string }; result: void };
  sampleWithModel: { params: { requestId: string; model: string }; result: unknown };
  answerElicitation: { params: { requestId: string; action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> }; result: void };
  openUrl: { params: { url: string }; result: boolean };
  setRoots: { params: { roots: RootView[] }; result: void };
  setWatch: { params: { globs: string[]; autoReconnect: boolean }; result: void };
  saveTrace: { params: Record<string, never>; result: string | undefined };
  clearTraffic: { params: Record<string, never>; result: void };
  /** A request of the MCP App `appUri`, performed for it (and shown in Traffic as the app's). */
  appRequest: { params: { appUri: string; method: AppRequestMethod; params: unknown }; result: unknown };
}

export type HostMethod = keyof HostRequests;
export type ParamsOf<M extends HostMethod> = HostRequests[M]['params'];
export type ResultOf<M extends HostMethod> = HostRequests[M]['result'];

export type RequestMessage = { [M in HostMethod]: { type: 'request'; id: number; method: M; params: ParamsOf<M> } }[HostMethod];

/** What the webview stores with setState: the serializer reads `target` to reopen the right server. */
export interface PersistedWebviewState {
  view: InspectorViewState;
  target?: PanelTarget;
}

export type WebviewToHost = { type: 'ready' } | RequestMessage | { type: 'viewState'; state: InspectorViewState };

export type HostEvent =
  | {
      type: 'init';
      target: PanelTarget;
      state?: InspectorViewState;
      roots: RootView[];
      /** VS Code's display language, for MCP Apps' host context. */
      locale?: string;
      /** Base URL of the MCP Apps sandbox page (see AppSandboxServer); absent when it could not start. */
      sandboxBase?: string;
    }
  | { type: 'connection'; connection: ConnectionView }
  | { type: 'catalogue'; catalogue: Catalogue }
  | { type: 'stderr'; lines: string[]; reset?: boolean }
  | { type: 'progress'; progress: ProgressView }
  | { type: 'logs'; entries: LogEntry[]; reset?: boolean }
  | { type: 'notifications'; entries: NotificationEntry[]; reset?: boolean }
  | { type: 'traffic'; rows: TrafficRow[]; reset?: boolean }
  | { type: 'clientRequest'; request: ClientRequestView }
  | { type: 'clientRequestDone'; requestId: string }
  | { type: 'resourceUpdated'; uri: string; time: number }
  /** Resources this panel is subscribed to; kept across reconnects (the panel subscribes again). */
  | { type: 'subscriptions'; uris: string[] }
  | { type: 'tasks'; tasks: TaskView[] }
  | { type: 'lint'; report: LintReport }
  /** The current input round of a call; `round: undefined` when the call with `callId` ended. */
  | { type: 'inputRound'; round?: InputRoundView; callId?: string }
  | { type: 'network'; entries: NetworkEntry[]; reset?: boolean }
  | { type: 'roots'; roots: RootView[] };

export type HostToWebview =
  | HostEvent
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

export function defaultViewState(): InspectorViewState {
  return { tab: 'overview', toolInputs: {}, promptInputs: {}, toolHistory: {} };
}

/** Runtime check for messages arriving from the webview: anything else is ignored with a log line. */
export function isWebviewMessage(m: unknown): m is WebviewToHost {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'ready') return true;
  if (t === 'viewState') return typeof (m as { state?: unknown }).state === 'object';
  if (t === 'request') return typeof (m as { id?: unknown }).id === 'number' && typeof (m as { method?: unknown }).method === 'string';
  return false;
}
