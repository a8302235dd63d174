// A client session: the SDK Client over a stdio, Streamable HTTP or SSE transport, with the traffic tapped, the
// client capabilities served by pluggable responders, cached lists kept fresh, and failures diagnosed.
//
//   const session = new Session();
//   session.on('stderr', (line) => ...);
//   await session.connect({ kind: 'stdio', command: 'node', args: ['server.js'] }, { sampling: mySampler });
//   const tools = await session.listTools();
//   const result = await session.callTool('echo', { message: 'hi' }, { onProgress: (p) => ... });
//   await session.close();
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolResultSchema,
  CompleteRequest,
  CompleteResult,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  GetPromptResult,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  PromptListChangedNotificationSchema,
  ReadResourceResult,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ServerNotification,
  ToolListChangedNotificationSchema,
  type ClientCapabilities,
} from '@modelcontextprotocol/sdk/types.js';
import { startClock, TraceClock, TraceEvent, TraceTarget, UnstampedTraceEvent } from '../traffic/traceEvents';
import { TraceRecorder, tapTransport, teeSinks } from '../traffic/tap';
import { readEnvFile } from '../util/envFile';
import { ConnectionError } from './connectionError';
import { diagnoseHttp, diagnoseSpawn, diagnoseStdio } from './diagnose';
import { TypedEmitter } from './emitter';
import { HttpObserver } from './httpObserver';
import { headlessAuthorize, LoopbackCatcher, OAuthFlowError, withOAuth, WorkbenchOAuthProvider } from './oauth';
import { DiagnosingStdioTransport } from './stdioTransport';
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

const CLIENT_INFO = { name: 'mcp-workbench', version: process.env.MCP_WORKBENCH_VERSION ?? '0.1.0' };

interface Attempt {
  client: Client;
  transport: Transport;
}

export class Session extends TypedEmitter<SessionEvents> {
  private client: Client | undefined;
  private transport: Transport | undefined;
  private stdio: DiagnosingStdioTransport | undefined;
  private options: ConnectOptions = {};
  private currentState: ConnectionState = 'idle';
  private recorder: TraceRecorder | undefined;
  private clock: TraceClock = startClock();
  private roots: Root[] = [];
  private negotiatedVersion: string | undefined;
  private usedTransport: TraceTarget['transport'] = 'stdio';
  private oauthProvider: WorkbenchOAuthProvider | undefined;
  private catcher: LoopbackCatcher | undefined;
  private prepareSignIn: (() => Promise<void>) | undefined;
  private closing = false;
  private readonly caches = new Map<ListKind, unknown[]>();

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

  /** Server identity, capabilities, instructions and the negotiated protocol version (after connect). */
  get info(): ServerInfo {
    return {
      serverInfo: this.client?.getServerVersion(),
      capabilities: this.client?.getServerCapabilities(),
      instructions: this.client?.getInstructions(),
      protocolVersion: this.negotiatedVersion,
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

  /** Connects and initializes; rejects with a ConnectionError that says which step failed and what to do. */
  async connect(target: ConnectTarget, options: ConnectOptions = {}): Promise<void> {
    if (this.currentState === 'connecting' || this.currentState === 'authorizing' || this.currentState === 'connected') throw new Error('This session is already connected; create a new Session for another connection');
    this.options = { ...this.defaults, ...options };
    this.roots = [...(this.options.roots ?? [])];
    // A Session may connect again after close or failure: forget what the last connection learnt.
    this.caches.clear();
    this.stdio = undefined;
    this.oauthProvider = undefined;
    this.prepareSignIn = undefined;
    this.negotiatedVersion = undefined;
    this.clock = startClock();
    this.closing = false;
    this.recorder = new TraceRecorder(
      teeSinks([this.options.trace, { write: (e: TraceEvent) => this.observe(e) }], (e: unknown) =>
        this.emit('diagnostic', { message: `Writing the trace failed: ${(e as Error).message}` }),
      ),
      this.clock,
    );
    this.setState('connecting');
    try {
      const attempt = target.kind === 'stdio' ? await this.connectStdio(target) : await this.connectHttp(target);
      this.client = attempt.client;
      this.transport = attempt.transport;
      this.setState('connected');
    } catch (e) {
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
      await client?.close();
    } finally {
      this.catcher?.close();
      this.catcher = undefined;
      this.setState('closed');
    }
  }

  // ---- operations ------------------------------------------------------------------------------------------

  async ping(options?: RequestCallOptions): Promise<void> {
    await this.requireClient().ping(this.requestOptions(options));
  }

  async listTools(options?: RequestCallOptions): Promise<Tool[]> {
    return this.listAll('tools', (cursor) => this.requireClient().listTools(cursor ? { cursor } : undefined, this.requestOptions(options)).then((r) => ({ items: r.tools, nextCursor: r.nextCursor })));
  }

  async listResources(options?: RequestCallOptions): Promise<Resource[]> {
    return this.listAll('resources', (cursor) => this.requireClient().listResources(cursor ? { cursor } : undefined, this.requestOptions(options)).then((r) => ({ items: r.resources, nextCursor: r.nextCursor })));
  }

  async listResourceTemplates(options?: RequestCallOptions): Promise<ResourceTemplate[]> {
    return this.listAll('templates', (cursor) =>
      this.requireClient().listResourceTemplates(cursor ? { cursor } : undefined, this.requestOptions(options)).then((r) => ({ items: r.resourceTemplates, nextCursor: r.nextCursor })),
    );
  }

  async listPrompts(options?: RequestCallOptions): Promise<Prompt[]> {
    return this.listAll('prompts', (cursor) => this.requireClient().listPrompts(cursor ? { cursor } : undefined, this.requestOptions(options)).then((r) => ({ items: r.prompts, nextCursor: r.nextCursor })));
  }

  /** The last list fetched (refreshed on list_changed), without a request. */
  cached(kind: 'tools'): Tool[] | undefined;
  cached(kind: 'resources'): Resource[] | undefined;
  cached(kind: 'templates'): ResourceTemplate[] | undefined;
  cached(kind: 'prompts'): Prompt[] | undefined;
  cached(kind: ListKind): unknown[] | undefined {
    return this.caches.get(kind);
  }

  /** tools/call. A JSON-RPC error rejects (McpError); a tool failure resolves with isError: true. */
  async callTool(name: string, args: Record<string, unknown> = {}, options?: RequestCallOptions): Promise<CallToolResult> {
    return (await this.requireClient().callTool({ name, arguments: args }, CallToolResultSchema, this.requestOptions(options))) as CallToolResult;
  }

  /**
   * Task-augmented tools/call: yields `taskCreated`, `taskStatus` updates, then `result` or `error`.
   * `ttl` asks the server to keep the task's result that long (ms).
   */
  callToolAsTask(name: string, args: Record<string, unknown> = {}, options: RequestCallOptions & { ttl?: number } = {}) {
    return this.requireClient().experimental.tasks.callToolStream({ name, arguments: args }, CallToolResultSchema, { ...this.requestOptions(options), task: { ttl: options.ttl ?? 60_000 } });
  }

  getTask(taskId: string, options?: RequestCallOptions) {
    return this.requireClient().experimental.tasks.getTask(taskId, this.requestOptions(options));
  }

  getTaskResult(taskId: string, options?: RequestCallOptions): Promise<CallToolResult> {
    return this.requireClient().experimental.tasks.getTaskResult(taskId, CallToolResultSchema, this.requestOptions(options)) as Promise<CallToolResult>;
  }

  listTasks(cursor?: string, options?: RequestCallOptions) {
    return this.requireClient().experimental.tasks.listTasks(cursor, this.requestOptions(options));
  }

  cancelTask(taskId: string, options?: RequestCallOptions) {
    return this.requireClient().experimental.tasks.cancelTask(taskId, this.requestOptions(options));
  }

  readResource(uri: string, options?: RequestCallOptions): Promise<ReadResourceResult> {
    return this.requireClient().readResource({ uri }, this.requestOptions(options));
  }

  async subscribeResource(uri: string, options?: RequestCallOptions): Promise<void> {
    await this.requireClient().subscribeResource({ uri }, this.requestOptions(options));
  }

  async unsubscribeResource(uri: string, options?: RequestCallOptions): Promise<void> {
    await this.requireClient().unsubscribeResource({ uri }, this.requestOptions(options));
  }

  getPrompt(name: string, args: Record<string, string> = {}, options?: RequestCallOptions): Promise<GetPromptResult> {
    return this.requireClient().getPrompt({ name, arguments: args }, this.requestOptions(options));
  }

  complete(params: CompleteRequest['params'], options?: RequestCallOptions): Promise<CompleteResult> {
    return this.requireClient().complete(params, this.requestOptions(options));
  }

  async setLogLevel(level: LoggingLevel, options?: RequestCallOptions): Promise<void> {
    await this.requireClient().setLoggingLevel(level, this.requestOptions(options));
  }

  /** Replaces the roots offered to the server and tells it (notifications/roots/list_changed). */
  async setRoots(roots: Root[]): Promise<void> {
    this.roots = [...roots];
    if (this.client) await this.client.sendRootsListChanged();
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
    const transport = new DiagnosingStdioTransport(
      { command: target.command, args: target.args ?? [], env, cwd: target.cwd },
      {
        onStderrLine: (line) => {
          this.record({ type: 'stderr', text: line });
          this.emit('stderr', line);
        },
        onNonJsonLine: (line, error) => {
          this.record({ type: 'note', level: 'warning', text: `non-JSON line on stdout: ${line.slice(0, 500)}`, data: { error: error.message } });
          this.emit('diagnostic', { message: 'The server wrote a line on stdout that is not a JSON-RPC message; it was ignored.', line });
        },
      },
    );
    this.stdio = transport;
    this.usedTransport = 'stdio';
    const client = this.createClient();
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let started = false;
    const tapped = tapTransport(transport, this.recorder!);
    const origStart = tapped.start.bind(tapped);
    tapped.start = async () => {
      await origStart();
      started = true;
    };
    try {
      await this.withTimeout(client.connect(tapped, { timeout: timeoutMs }), timeoutMs);
      return { client, transport: tapped };
    } catch (e) {
      if (!started) {
        await transport.close().catch(() => undefined);
        if ((e as NodeJS.ErrnoException).code) throw diagnoseSpawn(e as NodeJS.ErrnoException, target.command, target.cwd, env?.PATH ?? process.env.PATH);
        throw new ConnectionError('spawn', 'spawn-failed', `Could not start "${target.command}": ${(e as Error).message}.`, undefined, { command: target.command }, { cause: e });
      }
      const timedOut = e instanceof TimeoutError;
      await transport.settle(timedOut ? 0 : 1000);
      const error = diagnoseStdio(e, transport, target.command, timedOut, timeoutMs);
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
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
    const fetchFn = this.oauthProvider ? withOAuth(this.oauthProvider, url, observer.fetch, async () => {
          if (this.currentState === 'connecting') this.setState('authorizing');
          this.record({ type: 'note', text: 'OAuth authorization started (401 or insufficient_scope)' });
          await this.prepareSignIn?.();
        }) : observer.fetch;
    const transport = kind === 'sse' ? new SSEClientTransport(url, { requestInit, fetch: fetchFn }) : new StreamableHTTPClientTransport(url, { requestInit, fetch: fetchFn });
    const client = this.createClient();
    const tapped = tapTransport(transport, this.recorder!);
    try {
      await this.withTimeout(client.connect(tapped, { timeout: timeoutMs }), timeoutMs);
      return { client, transport: tapped };
    } catch (e) {
      await client.close().catch(() => undefined);
      if (e instanceof ConnectionError) throw e;
      const flow = e instanceof OAuthFlowError ? e : (e as { cause?: unknown })?.cause instanceof OAuthFlowError ? ((e as { cause: OAuthFlowError }).cause) : undefined;
      if (flow) {
        throw new ConnectionError('auth', 'auth-failed', `OAuth sign-in failed: ${flow.message.replace(/\.$/, '')}.`, 'Check that the authorization server is reachable and accepts this client (registration, redirect URI, scopes).', { url: url.toString() }, { cause: e });
      }
      throw diagnoseHttp(e, url.toString(), kind, observer, e instanceof TimeoutError, timeoutMs, auto);
    }
  }

  private createClient(): Client {
    const o = this.options;
    const capabilities: ClientCapabilities = { roots: { listChanged: true } };
    if (o.sampling) capabilities.sampling = {};
    if (o.elicitation) {
      const modes = o.elicitationModes ?? ['form', 'url'];
      capabilities.elicitation = { ...(modes.includes('form') ? { form: { applyDefaults: true } } : {}), ...(modes.includes('url') ? { url: {} } : {}) };
    }
    const client = new Client(o.clientInfo ?? CLIENT_INFO, { capabilities });
    if (o.sampling) {
      const sampling = o.sampling;
      client.setRequestHandler(CreateMessageRequestSchema, (req, extra) => sampling(req.params, { signal: extra.signal, requestId: extra.requestId }));
    }
    if (o.elicitation) {
      const elicitation = o.elicitation;
      client.setRequestHandler(ElicitRequestSchema, (req, extra) => elicitation(req.params, { signal: extra.signal, requestId: extra.requestId }));
    }
    client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: this.roots }));
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => this.emit('log', n.params));
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => this.emit('resourceUpdated', { uri: n.params.uri }));
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => this.refresh('tools'));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => this.refresh('resources'));
    client.setNotificationHandler(PromptListChangedNotificationSchema, () => this.refresh('prompts'));
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

  private async refresh(kind: 'tools' | 'resources' | 'prompts'): Promise<void> {
    try {
      const items = kind === 'tools' ? await this.listTools() : kind === 'resources' ? await this.listResources() : await this.listPrompts();
      this.emit('listChanged', { kind, items } as SessionEvents['listChanged']);
    } catch (e) {
      this.emit('diagnostic', { message: `Refreshing ${kind} after list_changed failed: ${(e as Error).message}` });
    }
  }

  private async listAll<T>(kind: ListKind, page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let i = 0; i < MAX_PAGES; i++) {
      const r = await page(cursor);
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

  private requireClient(): Client {
    if (!this.client || this.currentState !== 'connected') throw new Error(this.currentState === 'closed' ? 'The session is closed' : 'The session is not connected');
    return this.client;
  }

  private record(event: UnstampedTraceEvent): void {
    this.recorder?.record(event);
  }

  /** Every stamped event passes here on its way to 'traffic' listeners. */
  private observe(event: TraceEvent): void {
    if (event.type === 'message' && event.dir === 'recv') {
      const msg = event.msg as { id?: unknown; result?: { protocolVersion?: string }; method?: string; params?: Record<string, unknown> };
      if (msg.result?.protocolVersion && !this.negotiatedVersion) this.negotiatedVersion = msg.result.protocolVersion;
      if (msg.method?.startsWith('notifications/') && msg.id === undefined) {
        this.emit('notification', msg as ServerNotification);
        if (msg.method === 'notifications/progress' && msg.params) {
          const p = msg.params as { progressToken: string | number; progress: number; total?: number; message?: string };
          this.emit('progress', { progressToken: p.progressToken, progress: p.progress, total: p.total, message: p.message });
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

class TimeoutError extends Error {
  constructor() {
    super('connect timed out');
  }
}

