// A client session: the SDK Client over a stdio, Streamable HTTP or SSE transport, with the traffic tapped, the
// client capabilities served by pluggable responders, cached lists kept fresh, and failures diagnosed.
//
//   const session = new Session();
//   session.on('stderr', (line) => ...);
//   await session.connect({ kind: 'stdio', command: 'node', args: ['server.js'] }, { sampling: mySampler });
//   const tools = await session.listTools();
//   const result = await session.callTool('echo', { message: 'hi' }, { onProgress: (p) => ... });
//   await session.close();
import {
  Client,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type CallToolResult as SdkCallToolResult,
  type ClientCapabilities,
  type CompleteRequest,
  type CompleteResult,
  type GetPromptResult,
  type InitializeResult,
  type McpSubscription,
  type ReadResourceResult,
  type RequestOptions,
  type ServerNotification,
  type Transport,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SdkError,
  SdkErrorCode,
  specTypeSchemas,
} from '@modelcontextprotocol/client';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import { z } from 'zod';
import { startClock, TraceClock, TraceEvent, TraceTarget, UnstampedTraceEvent } from '../traffic/traceEvents';
import { TraceRecorder, tapTransport, teeSinks } from '../traffic/tap';
import type { TraceConnectionSink } from '../traffic/traceEvents';
import { readEnvFile } from '../util/envFile';
import { ConnectionError } from './connectionError';
import { diagnoseHttp, diagnoseSpawn, diagnoseStdio } from './diagnose';
import { TypedEmitter } from './emitter';
import { HttpObserver } from './httpObserver';
import { headlessAuthorize, LoopbackCatcher, OAuthFlowError, withOAuth, WorkbenchOAuthProvider } from './oauth';
import { StdioProcessTransport } from '../process/stdioProcessTransport';
import { InputRoundTracker } from './inputRounds';
import { SessionTasks, type TaskInfo, type TaskStreamEvent } from './sessionTasks';

export type { TaskInfo, TaskStreamEvent } from './sessionTasks';
import { RequestMeta } from './requestMeta';
import { RawRequests } from './rawRequests';
import { eraOf, negotiationMode, type ProtocolChoice } from './protocolChoice';
import type {
  CallToolResult,
  ConnectionState,
  ConnectOptions,
  ConnectTarget,
  HttpTarget,
  ListKind,
  LoggingLevel,
  Prompt,
  RequestCallOptions,
  Resource,
  ResourceTemplate,
  Root,
  ServerInfo,
  SessionEvents,
  StdioTarget,
  Tool,
} from './types';

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Pagination stops here: a server that hands out cursors forever must not hang the client. */
export const MAX_PAGES = 1000;
/** Multi-round-trip calls stop after this many rounds unless the options say otherwise. */
export const DEFAULT_MAX_INPUT_ROUNDS = 10;
/** How long close() waits for the server to acknowledge the end of an HTTP session. */
const SESSION_END_TIMEOUT_MS = 2000;
/** The tasks extension's identifier (2026-07-28). */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** The key of the list-changes stream among the session's subscriptions (resource URIs are the other keys). */
const LIST_CHANGES = ' list changes';
/** How long `auto` waits for a stdio server to answer server/discover before it speaks the 2025 handshake. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

const CLIENT_INFO = { name: 'mcp-workbench', version: process.env.MCP_WORKBENCH_VERSION ?? '0.1.0' };
/** Results of requests the SDK has no schema for (tasks): any JSON object, passed through untouched. */
const AnyResult = z.looseObject({});
/** The SDK's own output-schema validator (AJV in Node), for results callToolChecked keeps. */
const outputValidator = new AjvJsonSchemaValidator();

interface Attempt {
  client: Client;
  transport: Transport;
}

export class Session extends TypedEmitter<SessionEvents> {
  private client: Client | undefined;
  private transport: Transport | undefined;
  private stdio: StdioProcessTransport | undefined;
  /** The Streamable HTTP transport of a 2025 session, ended with DELETE on close so the server can free it. */
  private streamableHttp: StreamableHTTPClientTransport | undefined;
  /** Tasks in both eras, over this session's Client (2025) or raw requests with its envelope (2026). */
  private readonly tasks = new SessionTasks({
    era: () => this.info.era,
    clientRequest: async (method, params, options) => (await this.requireClient().request({ method, params }, AnyResult, this.requestOptions(options))) as Record<string, unknown>,
    rawRequest: (method, params, options) => {
      this.requireClient();
      return this.raw!.request(method, this.params(params), this.rawOptions(options));
    },
    answerInputRequests: (requests, signal) => this.answerInputRequests(requests, signal),
    maxInputRounds: () => this.options.maxInputRounds ?? DEFAULT_MAX_INPUT_ROUNDS,
  });
  private options: ConnectOptions = {};
  private currentState: ConnectionState = 'idle';
  private recorder: TraceRecorder | undefined;
  private sink: TraceConnectionSink | undefined;
  private clock: TraceClock = startClock();
  private roots: Root[] = [];
  private usedTransport: TraceTarget['transport'] = 'stdio';
  private oauthProvider: WorkbenchOAuthProvider | undefined;
  private catcher: LoopbackCatcher | undefined;
  private prepareSignIn: (() => Promise<void>) | undefined;
  private closing = false;
  private probeRespawned = false;
  private readonly caches = new Map<ListKind, unknown[]>();
  private readonly hints = new Map<ListKind, CacheHints>();
  private readonly subscriptions = new Map<string, McpSubscription>();
  private rounds = new InputRoundTracker();
  private meta = new RequestMeta();
  private raw: RawRequests | undefined;

  constructor(private readonly defaults: ConnectOptions = {}) {
    super();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** True from close() until the next connect(): the state may still say 'connected' while the transport shuts. */
  get isClosing(): boolean {
    return this.closing;
  }

  /** Server identity, capabilities, instructions, the era and the negotiated protocol version (after connect). */
  get info(): ServerInfo {
    const c = this.client;
    const protocolVersion = c?.getNegotiatedProtocolVersion();
    const discover = c?.getDiscoverResult();
    return {
      serverInfo: c?.getServerVersion(),
      capabilities: c?.getServerCapabilities(),
      instructions: c?.getInstructions(),
      protocolVersion,
      era: protocolVersion ? eraOf(protocolVersion) : undefined,
      discover,
      initialize: protocolVersion && !discover ? this.initializeResult() : undefined,
      probeRespawned: this.probeRespawned || undefined,
      transport: this.usedTransport,
    };
  }

  /** The process id of a stdio server. */
  get pid(): number | undefined {
    return this.stdio?.pid ?? undefined;
  }

  /** Milliseconds since connect started, on the clock used for trace events. */
  now(): number {
    return this.clock();
  }

  /** The trace header's target for what this session connects to (secrets redacted by the writer). */
  static traceTarget(target: ConnectTarget): TraceTarget {
    if (target.kind === 'stdio') return { transport: 'stdio', command: target.command, args: target.args, cwd: target.cwd, env: target.env, name: target.name };
    return { transport: target.transport === 'sse' ? 'sse' : 'streamable-http', url: target.url, headers: target.headers, name: target.name };
  }

  /** Connects in the chosen era; rejects with a ConnectionError that says which step failed and what to do. */
  async connect(target: ConnectTarget, options: ConnectOptions = {}): Promise<void> {
    if (this.currentState === 'connecting' || this.currentState === 'authorizing' || this.currentState === 'connected') throw new Error('This session is already connected; create a new Session for another connection');
    this.options = { ...this.defaults, ...options };
    this.roots = [...(this.options.roots ?? [])];
    // A Session may connect again after close or failure: forget what the last connection learnt.
    this.caches.clear();
    this.hints.clear();
    this.subscriptions.clear();
    this.rounds = new InputRoundTracker();
    this.meta = new RequestMeta();
    this.stdio = undefined;
    this.streamableHttp = undefined;
    this.oauthProvider = undefined;
    this.prepareSignIn = undefined;
    this.probeRespawned = false;
    this.clock = startClock();
    this.closing = false;
    this.sink = teeSinks([this.options.trace, { write: (e: TraceEvent) => this.observe(e) }], (e: unknown) =>
      this.emit('diagnostic', { message: `Writing the trace failed: ${(e as Error).message}` }),
    );
    this.sink.connecting();
    this.recorder = new TraceRecorder(this.sink, this.clock);
    this.setState('connecting');
    try {
      const attempt = target.kind === 'stdio' ? await this.connectStdio(target) : await this.connectHttp(target);
      this.client = attempt.client;
      this.transport = attempt.transport;
      this.raw = new RawRequests(attempt.transport, () => (this.info.era === '2026' ? this.envelope() : {}));
      this.tellTraceConnected(attempt.client);
      this.setState('connected');
      if (this.options.listenForListChanges !== false) await this.listenForListChanges(attempt.client);
    } catch (e) {
      this.sink.connectFailed();
      this.setState('failed', e as Error);
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const client = this.client;
    this.client = undefined;
    try {
      for (const sub of this.subscriptions.values()) await sub.close().catch(() => undefined);
      this.subscriptions.clear();
      this.raw?.closeAll('The session was closed');
      await this.endHttpSession();
      await client?.close();
      // The client closes the transport; a stdio server is stopped with its whole process group.
      await this.stdio?.close();
    } finally {
      this.catcher?.close();
      this.catcher = undefined;
      this.setState('closed');
    }
  }

  /**
   * A 2025 Streamable HTTP session is ended with DELETE, as the transport asks of a client that is done: otherwise
   * the server (a gateway holding one process per session) keeps it until its idle timeout. Bounded, best effort.
   */
  private async endHttpSession(): Promise<void> {
    const transport = this.streamableHttp;
    this.streamableHttp = undefined;
    if (!transport?.sessionId) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((r) => (timer = setTimeout(r, SESSION_END_TIMEOUT_MS)));
    await Promise.race([transport.terminateSession().catch(() => undefined), gaveUp]);
    clearTimeout(timer);
  }

  // ---- operations ------------------------------------------------------------------------------------------

  /** ping in the 2025 era; the 2026 era has no ping, so server/discover answers the same question. */
  async ping(options?: RequestCallOptions): Promise<void> {
    const client = this.requireClient();
    if (this.info.era === '2026') await client.discover(this.requestOptions(options));
    else await client.ping(this.requestOptions(options));
  }

  /** tools/list. A list the SDK refuses as invalid fails with an InvalidCatalogueError naming the tool. */
  async listTools(options?: RequestCallOptions): Promise<Tool[]> {
    try {
      return await this.listAll('tools', (cursor) => this.requireClient().listTools(this.params(cursor ? { cursor } : {}), this.requestOptions(options)).then((r) => ({ ...r, items: r.tools })));
    } catch (e) {
      if (!(e instanceof SdkError) || e.code !== SdkErrorCode.InvalidResult) throw e;
      const { invalid } = await this.listToolsAsSent(options);
      const first = invalid[0];
      if (!first) throw e;
      throw new InvalidCatalogueError(`The server's tools/list is invalid: tool "${first.name}": ${first.problems[0]}`, invalid);
    }
  }

  /**
   * tools/list as the server sent it, without the SDK's validation, and which tools the SDK would refuse and why:
   * for lint, which exists to report on exactly those.
   */
  async listToolsAsSent(options?: RequestCallOptions): Promise<{ tools: Array<Record<string, unknown>>; invalid: InvalidTool[] }> {
    this.requireClient();
    const tools: Array<Record<string, unknown>> = [];
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < MAX_PAGES; i++) {
      // Around the Client: it would refuse the whole list, which is what is being examined here.
      const r = (await this.raw!.request('tools/list', this.params(cursor ? { cursor } : {}), this.rawOptions(options))) as { tools?: unknown; nextCursor?: string };
      if (Array.isArray(r.tools)) tools.push(...(r.tools as Array<Record<string, unknown>>));
      if (!r.nextCursor || seen.has(r.nextCursor)) break;
      seen.add(r.nextCursor);
      cursor = r.nextCursor;
    }
    const invalid: InvalidTool[] = [];
    tools.forEach((tool, index) => {
      const check = specTypeSchemas.Tool['~standard'].validate(tool);
      if (check instanceof Promise || !check.issues) return;
      const problems = check.issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || '(the tool)'}: ${i.message}`);
      invalid.push({ name: typeof tool.name === 'string' ? tool.name : `#${index + 1}`, index, problems });
    });
    return { tools, invalid };
  }

  async listResources(options?: RequestCallOptions): Promise<Resource[]> {
    return this.listAll('resources', (cursor) => this.requireClient().listResources(this.params(cursor ? { cursor } : {}), this.requestOptions(options)).then((r) => ({ ...r, items: r.resources })));
  }

  async listResourceTemplates(options?: RequestCallOptions): Promise<ResourceTemplate[]> {
    return this.listAll('templates', (cursor) => this.requireClient().listResourceTemplates(this.params(cursor ? { cursor } : {}), this.requestOptions(options)).then((r) => ({ ...r, items: r.resourceTemplates })));
  }

  async listPrompts(options?: RequestCallOptions): Promise<Prompt[]> {
    return this.listAll('prompts', (cursor) => this.requireClient().listPrompts(this.params(cursor ? { cursor } : {}), this.requestOptions(options)).then((r) => ({ ...r, items: r.prompts })));
  }

  /** The last list fetched (refreshed on list_changed), without a request. */
  cached(kind: 'tools'): Tool[] | undefined;
  cached(kind: 'resources'): Resource[] | undefined;
  cached(kind: 'templates'): ResourceTemplate[] | undefined;
  cached(kind: 'prompts'): Prompt[] | undefined;
  cached(kind: ListKind): unknown[] | undefined {
    return this.caches.get(kind);
  }

  /** The caching hints (`ttlMs`, `cacheScope`) the server put on the last list of this kind, if any. */
  cacheHints(kind: ListKind): CacheHints | undefined {
    return this.hints.get(kind);
  }

  /**
   * tools/call. A JSON-RPC error rejects; a tool failure resolves with isError: true. In the 2026 era an
   * `input_required` result is answered by the same responders as 2025 server requests, round after round.
   */
  async callTool(name: string, args: Record<string, unknown> = {}, options?: RequestCallOptions): Promise<CallToolResult> {
    return (await this.requireClient().callTool(this.params({ name, arguments: args }), this.requestOptions(options))) as SdkCallToolResult as CallToolResult;
  }

  /**
   * tools/call that keeps a result whose structuredContent breaks the tool's outputSchema (the SDK would reject the
   * call) and says what is wrong with it: a developer wants to see the answer and the problem together.
   */
  async callToolChecked(name: string, args: Record<string, unknown> = {}, options?: RequestCallOptions): Promise<{ result: CallToolResult; outputProblem?: string }> {
    const tool = this.caches.get('tools')?.find((t) => (t as Tool).name === name) as Tool | undefined;
    if (!tool?.outputSchema) return { result: await this.callTool(name, args, options) };
    const { outputSchema, ...unchecked } = tool;
    const result = (await this.requireClient().callTool(this.params({ name, arguments: args }), { ...this.requestOptions(options), toolDefinition: unchecked as Tool })) as SdkCallToolResult as CallToolResult;
    if (result.isError) return { result };
    if (result.structuredContent === undefined) return { result, outputProblem: 'the tool declares an outputSchema but answered without structuredContent' };
    const check = outputValidator.getValidator(outputSchema as Parameters<typeof outputValidator.getValidator>[0])(result.structuredContent);
    return check.valid ? { result } : { result, outputProblem: check.errorMessage };
  }

  /**
   * A tools/call that the server may run as a task: yields `taskCreated`, `taskStatus` updates, then `result` or
   * `error` (the task-augmented call of 2025-11-25, or the tasks extension in 2026; see sessionTasks.ts).
   */
  callToolAsTask(name: string, args: Record<string, unknown> = {}, options: RequestCallOptions & { ttl?: number; pollMs?: number } = {}): AsyncGenerator<TaskStreamEvent> {
    return this.tasks.callToolAsTask(name, args, options);
  }

  /** Answers the requests embedded in an input_required result (or a task's) with this session's responders. */
  async answerInputRequests(requests: Record<string, { method?: string; params?: unknown }>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const responses: Record<string, unknown> = {};
    for (const [key, req] of Object.entries(requests)) {
      const ctx = { signal: signal ?? new AbortController().signal, requestId: key };
      if (req.method === 'elicitation/create' && this.options.elicitation) responses[key] = await this.options.elicitation(req.params as never, ctx);
      else if (req.method === 'sampling/createMessage' && this.options.sampling) responses[key] = await this.options.sampling(req.params as never, ctx);
      else if (req.method === 'roots/list') responses[key] = { roots: this.roots };
      else throw new Error(`The server asks for ${req.method ?? 'an unknown request'} ("${key}"), which this client was given no way to answer.`);
    }
    return responses;
  }

  getTask(taskId: string, options?: RequestCallOptions): Promise<TaskInfo> {
    return this.tasks.getTask(taskId, options);
  }

  getTaskResult(taskId: string, options?: RequestCallOptions): Promise<CallToolResult> {
    return this.tasks.getTaskResult(taskId, options);
  }

  listTasks(cursor?: string, options?: RequestCallOptions): Promise<{ tasks: TaskInfo[]; nextCursor?: string }> {
    return this.tasks.listTasks(cursor, options);
  }

  cancelTask(taskId: string, options?: RequestCallOptions): Promise<Partial<TaskInfo>> {
    return this.tasks.cancelTask(taskId, options);
  }

  updateTask(taskId: string, inputResponses: Record<string, unknown>, options?: RequestCallOptions): Promise<unknown> {
    return this.tasks.updateTask(taskId, inputResponses, options);
  }

  private rawOptions(options?: RequestCallOptions): { timeoutMs: number; signal?: AbortSignal } {
    return { timeoutMs: options?.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, signal: options?.signal };
  }

  /** The per-request envelope the SDK puts on its own 2026-era requests, for the ones sent around it. */
  private envelope(): Record<string, unknown> {
    return {
      [PROTOCOL_VERSION_META_KEY]: this.client?.getNegotiatedProtocolVersion(),
      [CLIENT_INFO_META_KEY]: this.options.clientInfo ?? CLIENT_INFO,
      [CLIENT_CAPABILITIES_META_KEY]: this.capabilities(),
    };
  }

  /** resources/read; `fresh` ignores the server's caching hints and does not store the result. */
  readResource(uri: string, options?: RequestCallOptions & { fresh?: boolean }): Promise<ReadResourceResult> {
    return this.requireClient().readResource(this.params({ uri }), { ...this.requestOptions(options), cacheMode: options?.fresh ? 'bypass' : 'use' });
  }

  /** Subscribes to a resource: resources/subscribe in the 2025 era, a subscriptions/listen stream in the 2026 era. */
  async subscribeResource(uri: string, options?: RequestCallOptions): Promise<void> {
    const client = this.requireClient();
    if (this.info.era !== '2026') {
      await client.subscribeResource({ uri }, this.requestOptions(options));
      return;
    }
    if (this.subscriptions.has(uri)) return;
    const sub = await client.listen({ resourceSubscriptions: [uri] }, this.requestOptions(options));
    this.subscriptions.set(uri, sub);
    void sub.closed.then((how) => {
      if (this.subscriptions.get(uri) !== sub) return;
      this.subscriptions.delete(uri);
      if (how !== 'local') this.emit('diagnostic', { message: `The subscription to ${uri} ended (${how === 'graceful' ? 'the server closed it' : 'the stream dropped'}).` });
    });
  }

  async unsubscribeResource(uri: string, options?: RequestCallOptions): Promise<void> {
    const client = this.requireClient();
    const sub = this.subscriptions.get(uri);
    if (sub) {
      this.subscriptions.delete(uri);
      await sub.close();
      return;
    }
    if (this.info.era !== '2026') await client.unsubscribeResource({ uri }, this.requestOptions(options));
  }

  getPrompt(name: string, args: Record<string, string> = {}, options?: RequestCallOptions): Promise<GetPromptResult> {
    return this.requireClient().getPrompt(this.params({ name, arguments: args }), this.requestOptions(options));
  }

  complete(params: CompleteRequest['params'], options?: RequestCallOptions): Promise<CompleteResult> {
    return this.requireClient().complete(this.params(params), this.requestOptions(options));
  }

  /** logging/setLevel in the 2025 era; in the 2026 era the level travels in each request's `_meta`. */
  async setLogLevel(level: LoggingLevel, options?: RequestCallOptions): Promise<void> {
    const client = this.requireClient();
    if (this.info.era === '2026') this.meta.logLevel = level;
    else await client.setLoggingLevel(level, this.requestOptions(options));
  }

  /** Replaces the roots offered to the server and tells it (notifications/roots/list_changed). */
  async setRoots(roots: Root[]): Promise<void> {
    this.roots = [...roots];
    if (this.client && this.info.era !== '2026') await this.client.sendRootsListChanged();
  }

  get currentRoots(): Root[] {
    return [...this.roots];
  }

  /** A note in the trace (e.g. a user's annotation). */
  note(text: string, data?: unknown): void {
    this.recorder?.record({ type: 'note', text, data });
  }

  // ---- connecting --------------------------------------------------------------------------------------------

  private async connectStdio(target: StdioTarget): Promise<Attempt> {
    let env: Record<string, string> | undefined = target.env;
    if (target.envFile) {
      try {
        env = { ...readEnvFile(target.envFile), ...(target.env ?? {}) };
      } catch (e) {
        throw new ConnectionError('resolve', 'variable-unresolved', `${(e as Error).message}.`, 'Fix "envFile" in the server entry.', { command: target.command }, { cause: e });
      }
    }
    this.usedTransport = 'stdio';
    const choice = this.options.protocol ?? 'auto';
    try {
      return await this.connectStdioOnce(target, env, choice === 'auto' ? undefined : 'as-chosen');
    } catch (e) {
      // `auto` probes with server/discover on the server's own pipe. A 2025 server that exits on an unknown first
      // request is started again for the plain 2025 handshake: say that the probe cost a second spawn.
      if (choice !== 'auto' || !(e instanceof ProbeExit)) throw e;
      const text = `The server exited when probed with server/discover (exit code ${e.exit.code ?? e.exit.signal}); it was started again for the 2025 initialize handshake. The probe cost a second spawn: use --protocol 2025-11-25 to skip it.`;
      this.record({ type: 'note', level: 'warning', text });
      this.emit('diagnostic', { message: text });
      this.probeRespawned = true;
      try {
        return await this.connectStdioOnce(target, env, 'legacy-after-probe');
      } catch (again) {
        // It failed without the probe too: the probe was not the cause, and the second run's diagnosis stands.
        if (again instanceof ConnectionError && again.code === 'exited-early') {
          throw new ConnectionError(again.step, again.code, again.message, `${again.hint ?? ''} It exited on both starts (the first during the server/discover probe), so the probe is not the cause.`.trim(), again.details, { cause: again });
        }
        throw again;
      }
    }
  }

  private async connectStdioOnce(target: StdioTarget, env: Record<string, string> | undefined, mode: 'as-chosen' | 'legacy-after-probe' | undefined): Promise<Attempt> {
    const transport = new StdioProcessTransport(
      { command: target.command, args: target.args ?? [], env, cwd: target.cwd, maxMessageBytes: this.options.maxMessageBytes },
      {
        onStderrLine: (line) => {
          this.record({ type: 'stderr', text: line });
          this.emit('stderr', line);
        },
        onNonJsonLine: (line, reason) => {
          this.record({ type: 'note', level: 'warning', text: `non-JSON line on stdout: ${line.slice(0, 500)}`, data: { error: reason } });
          this.emit('diagnostic', { message: 'The server wrote a line on stdout that is not a JSON-RPC message; it was ignored.', line });
        },
        onOversize: (bytes) => {
          const text = `The server sent a message of ${bytes} bytes, over the limit of ${transport.oversize?.limit} bytes; it was dropped. Raise the limit with --max-message-size.`;
          this.record({ type: 'note', level: 'warning', text });
        },
      },
    );
    this.stdio = transport;
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    // The probe gets at most half the connect time, so that the 2025 handshake after it still fits.
    const probeMs = Math.min(this.options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, timeoutMs / 2);
    const client = this.createClient(mode === 'legacy-after-probe' ? '2025-11-25' : undefined, probeMs);
    let started = false;
    const tapped = tapTransport(transport, this.recorder!);
    // The SDK recognises a stdio transport by its `stderr` and `pid`: then a silent probe means a 2025 server.
    Object.defineProperties(tapped, { stderr: { get: () => transport.stderr }, pid: { get: () => transport.pid } });
    const origStart = tapped.start.bind(tapped);
    tapped.start = async () => {
      await origStart();
      started = true;
    };
    try {
      await this.withTimeout(client.connect(tapped, { timeout: timeoutMs }), timeoutMs);
      if (transport instanceof StreamableHTTPClientTransport) this.streamableHttp = transport;
      return { client, transport: tapped };
    } catch (e) {
      if (!started) {
        await transport.close().catch(() => undefined);
        if ((e as NodeJS.ErrnoException).code && typeof (e as NodeJS.ErrnoException).code === 'string') throw diagnoseSpawn(e as NodeJS.ErrnoException, target.command, target.cwd, env?.PATH ?? process.env.PATH);
        throw new ConnectionError('spawn', 'spawn-failed', `Could not start "${target.command}": ${(e as Error).message}.`, undefined, { command: target.command }, { cause: e });
      }
      const timedOut = e instanceof TimeoutError;
      await transport.settle(timedOut ? 0 : 1000);
      const error = diagnoseStdio(e, transport, target.command, timedOut, timeoutMs, this.options.protocol ?? 'auto');
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
      if (mode === undefined && transport.exit && !transport.exit.stopped && !isAnswered(e)) throw new ProbeExit(transport.exit, error);
      throw error;
    }
  }

  private async connectHttp(target: HttpTarget): Promise<Attempt> {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      throw new ConnectionError('resolve', 'http-error', `"${target.url}" is not a valid URL.`, 'Give a full URL such as http://127.0.0.1:3000/mcp.', { url: target.url });
    }
    const choice = target.transport ?? 'auto';
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const observer = new HttpObserver((e) => this.record(e));
    try {
      if (this.options.oauth) {
        const o = this.options.oauth;
        const redirect = o.redirectUrl ? new URL(o.redirectUrl) : new URL('http://127.0.0.1:8976/callback');
        let step = o.authorize ?? ((o.mode ?? 'headless') === 'headless' ? headlessAuthorize : undefined);
        if (!step) {
          // The loopback catcher starts only when a sign-in is needed, and then lives as long as the session: a
          // step-up (403 insufficient_scope) later on signs in again.
          const open = o.openBrowser ?? ((u: URL) => void process.stderr.write(`Open this URL to sign in: ${u}\n`));
          step = async (authorizationUrl, redirectUrl) => this.catcher!.step(open)(authorizationUrl, redirectUrl);
          this.prepareSignIn = async () => {
            if (this.catcher) return;
            const catcher = (this.catcher = new LoopbackCatcher());
            this.oauthProvider!.setRedirectUrl(await catcher.start(o.redirectUrl ? Number(redirect.port) || 0 : 0));
          };
        }
        this.oauthProvider = new WorkbenchOAuthProvider(url.toString(), redirect, step, o);
      }
      const first = choice === 'sse' ? 'sse' : 'streamable-http';
      try {
        return await this.connectHttpWith(first, url, target, observer, timeoutMs);
      } catch (e) {
        const status = (e as ConnectionError).details?.status;
        const fallback = choice === 'auto' && e instanceof ConnectionError && status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403;
        if (!fallback) throw e;
        this.record({ type: 'note', text: `Streamable HTTP answered ${status}; falling back to the legacy SSE transport` });
        return await this.connectHttpWith('sse', url, target, observer, timeoutMs, true);
      }
    } catch (e) {
      this.catcher?.close();
      this.catcher = undefined;
      throw e;
    }
  }

  private async connectHttpWith(kind: 'streamable-http' | 'sse', url: URL, target: HttpTarget, observer: HttpObserver, timeoutMs: number, auto = false): Promise<Attempt> {
    this.usedTransport = kind;
    const requestInit = target.headers ? { headers: target.headers } : undefined;
    const fetchFn = this.oauthProvider
      ? withOAuth(this.oauthProvider, url, observer.fetch, async () => {
          if (this.currentState === 'connecting') this.setState('authorizing');
          this.record({ type: 'note', text: 'OAuth authorization started (401 or insufficient_scope)' });
          await this.prepareSignIn?.();
        })
      : observer.fetch;
    const transport = kind === 'sse' ? new SSEClientTransport(url, { requestInit, fetch: fetchFn }) : new StreamableHTTPClientTransport(url, { requestInit, fetch: fetchFn });
    // SSE is a 2025-era transport: never probe with server/discover over it.
    const client = this.createClient(kind === 'sse' ? '2025-11-25' : undefined);
    const tapped = tapTransport(transport, this.recorder!);
    try {
      await this.withTimeout(client.connect(tapped, { timeout: timeoutMs }), timeoutMs);
      if (transport instanceof StreamableHTTPClientTransport) this.streamableHttp = transport;
      return { client, transport: tapped };
    } catch (e) {
      await client.close().catch(() => undefined);
      if (e instanceof ConnectionError) throw e;
      const flow = e instanceof OAuthFlowError ? e : (e as { cause?: unknown })?.cause instanceof OAuthFlowError ? (e as { cause: OAuthFlowError }).cause : undefined;
      if (flow) {
        throw new ConnectionError('auth', 'auth-failed', `OAuth sign-in failed: ${flow.message.replace(/\.$/, '')}.`, 'Check that the authorization server is reachable and accepts this client (registration, redirect URI, scopes).', { url: url.toString() }, { cause: e });
      }
      throw diagnoseHttp(e, url.toString(), kind, observer, e instanceof TimeoutError, timeoutMs, auto, this.options.protocol ?? 'auto');
    }
  }

  /** The capabilities this client declares: roots always, sampling and elicitation when a responder is given. */
  private capabilities(): ClientCapabilities {
    const o = this.options;
    const capabilities: ClientCapabilities = { roots: { listChanged: true } };
    if (o.sampling) capabilities.sampling = {};
    if (o.elicitation) {
      const modes = o.elicitationModes ?? ['form', 'url'];
      capabilities.elicitation = { ...(modes.includes('form') ? { form: { applyDefaults: true } } : {}), ...(modes.includes('url') ? { url: {} } : {}) };
    }
    // The tasks extension (2026-07-28): declared so that servers may answer a call with a task handle.
    (capabilities as Record<string, unknown>).extensions = { [TASKS_EXTENSION]: {} };
    return capabilities;
  }

  /**
   * @param probeTimeoutMs for stdio: a server silent this long after server/discover is a 2025 server (HTTP keeps
   *   the request timeout: silence there is an outage).
   */
  private createClient(forced?: ProtocolChoice, probeTimeoutMs?: number): Client {
    const o = this.options;
    const client = new Client(o.clientInfo ?? CLIENT_INFO, {
      capabilities: this.capabilities(),
      versionNegotiation: { mode: negotiationMode(forced ?? o.protocol ?? 'auto'), ...(probeTimeoutMs ? { probe: { timeoutMs: probeTimeoutMs } } : {}) },
      inputRequired: { maxRounds: o.maxInputRounds ?? DEFAULT_MAX_INPUT_ROUNDS },
      listMaxPages: MAX_PAGES,
    });
    if (o.sampling) {
      const sampling = o.sampling;
      client.setRequestHandler('sampling/createMessage', (req, ctx) => sampling(req.params, { signal: ctx.mcpReq.signal, requestId: ctx.mcpReq.id }));
    }
    if (o.elicitation) {
      const elicitation = o.elicitation;
      client.setRequestHandler('elicitation/create', (req, ctx) => elicitation(req.params, { signal: ctx.mcpReq.signal, requestId: ctx.mcpReq.id }));
    }
    client.setRequestHandler('roots/list', () => ({ roots: this.roots }));
    client.setNotificationHandler('notifications/message', (n) => this.emit('log', n.params));
    client.setNotificationHandler('notifications/resources/updated', (n) => this.emit('resourceUpdated', { uri: n.params.uri }));
    client.setNotificationHandler('notifications/tools/list_changed', () => this.refresh('tools'));
    client.setNotificationHandler('notifications/resources/list_changed', () => this.refresh('resources'));
    client.setNotificationHandler('notifications/prompts/list_changed', () => this.refresh('prompts'));
    client.fallbackNotificationHandler = async () => undefined;
    client.onclose = () => {
      if (this.client !== client || this.closing) return;
      // The server went away on its own: say how, so that a face can show it next to the stderr tail.
      const exit = this.stdio?.exit;
      const how = exit ? (exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`) : undefined;
      this.setState('closed', new Error(how ? `The server process ${how}.` : 'The server closed the connection.'));
    };
    client.onerror = (error) => this.emit('diagnostic', { message: error.message });
    return client;
  }

  /**
   * In the 2026 era list changes arrive only on a subscriptions/listen stream: open one for what the server says
   * can change, so cached lists stay fresh in both eras. A refusal is a diagnostic, not a failed connect.
   */
  private async listenForListChanges(client: Client): Promise<void> {
    if (this.info.era !== '2026') return;
    const caps = client.getServerCapabilities() ?? {};
    const filter = {
      ...(caps.tools?.listChanged ? { toolsListChanged: true } : {}),
      ...(caps.prompts?.listChanged ? { promptsListChanged: true } : {}),
      ...(caps.resources?.listChanged ? { resourcesListChanged: true } : {}),
    };
    if (!Object.keys(filter).length) return;
    try {
      this.subscriptions.set(LIST_CHANGES, await client.listen(filter, this.requestOptions({ timeoutMs: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS })));
    } catch (e) {
      this.emit('diagnostic', { message: `The server did not accept a subscriptions/listen stream for list changes: ${(e as Error).message}` });
    }
  }

  private tellTraceConnected(client: Client): void {
    const protocolVersion = client.getNegotiatedProtocolVersion() ?? 'unknown';
    const discover = client.getDiscoverResult();
    const capabilities = this.capabilities() as Record<string, unknown>;
    this.sink?.connected({
      era: eraOf(protocolVersion),
      protocolVersion,
      discover: discover as Record<string, unknown> | undefined,
      initialize: discover ? undefined : (this.initializeResult() as Record<string, unknown> | undefined),
      client: { info: this.options.clientInfo ?? CLIENT_INFO, capabilities, extensions: capabilities.extensions as Record<string, unknown> | undefined },
    });
  }

  /** The 2025-era initialize result as the session knows it. */
  private initializeResult(): InitializeResult | undefined {
    const c = this.client;
    const protocolVersion = c?.getNegotiatedProtocolVersion();
    const serverInfo = c?.getServerVersion();
    if (!c || !protocolVersion || !serverInfo) return undefined;
    const instructions = c.getInstructions();
    return { protocolVersion, capabilities: c.getServerCapabilities() ?? {}, serverInfo, ...(instructions ? { instructions } : {}) };
  }

  private async refresh(kind: 'tools' | 'resources' | 'prompts'): Promise<void> {
    try {
      const items = kind === 'tools' ? await this.listTools() : kind === 'resources' ? await this.listResources() : await this.listPrompts();
      this.emit('listChanged', { kind, items } as SessionEvents['listChanged']);
    } catch (e) {
      this.emit('diagnostic', { message: `Refreshing ${kind} after list_changed failed: ${(e as Error).message}` });
    }
  }

  /** Pages through a list by cursor (a server that repeats a cursor stops the walk), keeping the first page's hints. */
  private async listAll<T>(kind: ListKind, page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string; ttlMs?: unknown; cacheScope?: unknown }>): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < MAX_PAGES; i++) {
      const r = await page(cursor);
      if (i === 0) {
        const hints: CacheHints = {};
        if (typeof r.ttlMs === 'number') hints.ttlMs = r.ttlMs;
        if (r.cacheScope === 'public' || r.cacheScope === 'private') hints.cacheScope = r.cacheScope;
        if (hints.ttlMs !== undefined || hints.cacheScope) this.hints.set(kind, hints);
        else this.hints.delete(kind);
      }
      all.push(...r.items);
      if (!r.nextCursor || seen.has(r.nextCursor)) break;
      seen.add(r.nextCursor);
      cursor = r.nextCursor;
    }
    this.caches.set(kind, all);
    return all;
  }

  private requestOptions(options: RequestCallOptions = {}): RequestOptions {
    const onProgress = options.onProgress;
    return {
      timeout: options.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      maxTotalTimeout: options.maxTotalTimeoutMs ?? this.options.maxTotalTimeoutMs,
      resetTimeoutOnProgress: true,
      signal: options.signal,
      // Always ask for progress (a progressToken): a server reports progress only when asked, and the timeout
      // resets only on progress; live views also see it through the 'progress' event.
      onprogress: (p) => onProgress?.(p),
    };
  }

  /** Request params with this client's per-request `_meta` (2026 era only; 2025 requests stay as they were). */
  private params<T extends object>(params: T): T {
    return this.info.era === '2026' ? this.meta.apply(params) : params;
  }

  private requireClient(): Client {
    if (!this.client || this.currentState !== 'connected') throw new Error(this.currentState === 'closed' ? 'The session is closed' : 'The session is not connected');
    return this.client;
  }

  private record(event: UnstampedTraceEvent): void {
    this.recorder?.record(event);
  }

  /** Every stamped event passes here on its way to 'traffic' listeners. */
  private observe(event: TraceEvent): void {
    if (event.type === 'message') {
      if (event.dir === 'send') this.rounds.sending(event.msg);
      else {
        const round = this.rounds.received(event.msg);
        if (round) this.emit('inputRequired', round);
        const msg = event.msg as { id?: unknown; method?: string; params?: Record<string, unknown> };
        if (msg.method?.startsWith('notifications/') && msg.id === undefined) {
          this.emit('notification', msg as ServerNotification);
          if (msg.method === 'notifications/progress' && msg.params) {
            const p = msg.params as { progressToken: string | number; progress: number; total?: number; message?: string };
            this.emit('progress', { progressToken: p.progressToken, progress: p.progress, total: p.total, message: p.message });
          }
        }
      }
    }
    this.emit('traffic', event);
  }

  private setState(state: ConnectionState, error?: Error): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state', { state, error });
  }

  private withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
    const signal = this.options.signal;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TimeoutError()), ms);
      const onAbort = () => reject(new ConnectionError('initialize', 'aborted', 'The connect was cancelled.', undefined));
      signal?.addEventListener('abort', onAbort, { once: true });
      p.then(
        (v) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }
}

/** A tool definition the SDK refuses, and why ("path: problem"). */
export interface InvalidTool {
  name: string;
  index: number;
  problems: string[];
}

/** tools/list answered with definitions the SDK refuses: the message names the first tool and its first problem. */
export class InvalidCatalogueError extends Error {
  override readonly name = 'InvalidCatalogueError';
  constructor(
    message: string,
    readonly invalid: InvalidTool[],
  ) {
    super(message);
  }
}

export interface CacheHints {
  ttlMs?: number;
  cacheScope?: 'public' | 'private';
}

/** True when the server answered the connect (with a result or a JSON-RPC error) rather than going away. */
function isAnswered(e: unknown): boolean {
  return typeof (e as { code?: unknown })?.code === 'number';
}

class TimeoutError extends Error {
  constructor() {
    super('connect timed out');
  }
}

/** The server exited during the `auto` probe: connectStdio starts it again for the 2025 handshake. */
class ProbeExit extends Error {
  constructor(
    readonly exit: { code: number | null; signal: NodeJS.Signals | null },
    readonly original: ConnectionError,
  ) {
    super(original.message);
  }
}
