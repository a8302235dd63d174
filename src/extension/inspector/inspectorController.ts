// One inspected server: its Session (through src/core/client), the dev loop (reconnect, auto-reconnect,
// watch globs), client-side requests, traffic and lint, and the answers to every webview request.
// It knows neither the webview nor `vscode`: it posts HostEvents through `post` and asks its InspectorHost for
// what only the editor can do (file watching, dialogs, language models). See inspectorHost.ts for VS Code's.
import type { CallToolResult, CreateMessageRequest, Tool } from '@modelcontextprotocol/client';
import { MemoryOAuthStore, Session, type ConnectTarget, type Root } from '../../core/client';
import { deprecatedFeatureOf, deprecationFindings, lintCatalogue, validateValue, type DeprecatedFeature, type LintReport } from '../../core/lint';
import type { InputRound } from '../../core/client';
import type { TraceEvent } from '../../core/traffic';
import type {
  Catalogue,
  ConnectionView,
  HostEvent,
  HostMethod,
  InputRoundView,
  LogEntry,
  NetworkEntry,
  ProtocolSetting,
  NotificationEntry,
  ParamsOf,
  PanelTarget,
  ResultOf,
  RootView,
  TaskView,
  ToolCallOutcome,
  ClientRequestView,
} from '../../shared/inspectorProtocol';
import { BoundedLog } from './boundedLog';
import { ClientRequestBroker } from './clientRequests';
import { diagnosisOf } from './diagnosisView';
import { TrafficLog } from './trafficLog';
import { McpAppHost } from './mcpAppHost';
import { NetworkEntries } from './networkEntries';
import { inspectorSessions } from '../recording/sessionHooks';

const STDERR_KEEP = 2000;
const LOG_KEEP = 20_000;
const MAX_AUTO_RETRIES = 3;
const NETWORK_KEEP = 5000;

/** Persisted per-server settings (VS Code's workspaceState in the extension). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface Disposable {
  dispose(): void;
}

/** What the controller asks of the editor around it. */
export interface InspectorHost {
  /** The roots offered by default (the workspace folders). */
  defaultRoots(): RootView[];
  requestTimeoutMs(): number | undefined;
  /** Calls `changed` when a file matching one of the globs changes. */
  watch(globs: string[], changed: () => void): Disposable;
  /** The OAuth browser step. */
  openBrowser(url: URL): void;
  /** Asks the developer, then opens an http(s)/mailto URL; resolves with whether it was opened. */
  confirmAndOpen(url: URL): Promise<boolean>;
  /** Where to save a trace, or undefined when the developer cancels. */
  chooseTraceFile(suggestedName: string): Promise<string | undefined>;
  /** A path as the developer should read it (relative to the workspace). */
  displayPath(file: string): string;
  /** Language models that can draft a sampling reply, and the draft itself. */
  listModels(): Promise<string[]>;
  draftWithModel(params: CreateMessageRequest['params'], model: string): Promise<unknown>;
}

export interface ControllerDeps {
  target: PanelTarget;
  /** Turns the panel's target into a ConnectTarget (reads the config again, asks for inputs). */
  resolve(): Promise<ConnectTarget>;
  post(e: HostEvent): void;
  state: KeyValueStore;
  host: InspectorHost;
  /** Milliseconds of quiet after a watched file changes before the server restarts. */
  watchQuietMs?: number;
}

type Handlers = { [M in HostMethod]: (p: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M> };

export class InspectorController implements Disposable {
  private session: Session | undefined;
  private connectTarget: ConnectTarget | undefined;
  private generation = 0;
  private userClosed = false;
  private autoRetries = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watcher: Disposable | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private readonly calls = new Map<string, AbortController>();
  private readonly apps = new McpAppHost(() => this.requireSession());
  private readonly oauthStore = new MemoryOAuthStore();
  private baselineHashes: Record<string, string> | undefined;
  /** Deprecated features (2026-07-28) the server was seen using: they become Lint notes. */
  private readonly deprecatedUsed = new Set<DeprecatedFeature>();
  /** JSON-RPC id of a tools/call -> the panel's callId, so an input round names the call it belongs to. */
  private readonly rpcCalls = new Map<string | number, string>();
  private readonly callNames = new Map<string, string>();
  /** Tasks whose input requests are being answered (tasks/update), so polling does not ask twice. */
  private readonly answeringTasks = new Set<string>();
  private networkEntries = new NetworkEntries();

  connection: ConnectionView;
  catalogue: Catalogue = { tools: [], resources: [], templates: [], prompts: [] };
  readonly stderr: BoundedLog<string>;
  readonly logs: BoundedLog<LogEntry>;
  readonly notifications: BoundedLog<NotificationEntry>;
  readonly network: BoundedLog<NetworkEntry>;
  tasks: TaskView[] = [];
  /** Resource subscriptions of this panel, renewed after every reconnect. */
  readonly subscriptions = new Set<string>();
  lint: LintReport | undefined;
  roots: RootView[];
  readonly pendingRequests = new Map<string, ClientRequestView>();
  readonly traffic: TrafficLog;
  readonly broker: ClientRequestBroker;
  private seq = 0;

  constructor(private readonly deps: ControllerDeps) {
    const devLoop = deps.state.get<{ globs: string[]; autoReconnect: boolean }>(this.devLoopKey) ?? { globs: [], autoReconnect: true };
    const protocol = deps.state.get<ProtocolSetting>(this.protocolKey) ?? 'auto';
    this.connection = { status: 'idle', target: deps.target.label, watchGlobs: devLoop.globs, autoReconnect: devLoop.autoReconnect, protocol };
    this.roots = deps.host.defaultRoots();
    this.traffic = new TrafficLog((rows, reset) => deps.post({ type: 'traffic', rows, reset }));
    this.stderr = new BoundedLog(STDERR_KEEP, (lines) => deps.post({ type: 'stderr', lines }));
    this.logs = new BoundedLog(LOG_KEEP, (entries) => deps.post({ type: 'logs', entries }));
    this.notifications = new BoundedLog(LOG_KEEP, (entries) => deps.post({ type: 'notifications', entries }));
    this.network = new BoundedLog(NETWORK_KEEP, (entries) => deps.post({ type: 'network', entries }));
    this.broker = new ClientRequestBroker(
      (r) => {
        this.pendingRequests.set(r.requestId, r);
        deps.post({ type: 'clientRequest', request: r });
      },
      (id) => {
        this.pendingRequests.delete(id);
        deps.post({ type: 'clientRequestDone', requestId: id });
      },
      () => deps.host.listModels(),
    );
    this.applyWatch(devLoop.globs);
  }

  /** The process id of a stdio server while connected. */
  get pid(): number | undefined {
    return this.session?.pid;
  }

  private get devLoopKey(): string {
    return `mcpWorkbench.inspector.devLoop:${this.deps.target.key}`;
  }

  private get protocolKey(): string {
    return `mcpWorkbench.inspector.protocol:${this.deps.target.key}`;
  }

  private get hashesKey(): string {
    return `mcpWorkbench.inspector.toolHashes:${this.deps.target.key}`;
  }

  /** Everything the webview needs after a (re)load, in order. */
  snapshotEvents(): HostEvent[] {
    const events: HostEvent[] = [
      { type: 'connection', connection: this.connection },
      { type: 'catalogue', catalogue: this.catalogue },
      { type: 'stderr', lines: this.stderr.all(), reset: true },
      { type: 'logs', entries: this.logs.all(), reset: true },
      { type: 'notifications', entries: this.notifications.all(), reset: true },
      { type: 'traffic', rows: this.traffic.allRows(), reset: true },
      { type: 'tasks', tasks: this.tasks },
      { type: 'subscriptions', uris: [...this.subscriptions] },
      { type: 'roots', roots: this.roots },
      { type: 'network', entries: this.network.all(), reset: true },
    ];
    if (this.lint) events.push({ type: 'lint', report: this.lint });
    for (const r of this.pendingRequests.values()) events.push({ type: 'clientRequest', request: r });
    return events;
  }

  private setConnection(patch: Partial<ConnectionView>): void {
    this.connection = { ...this.connection, ...patch };
    this.deps.post({ type: 'connection', connection: this.connection });
  }

  // ---- connecting -----------------------------------------------------------------------------------------

  /** (Re)starts the server and connects. Resolves when connected; failures are shown, never thrown. */
  async connect(): Promise<void> {
    const gen = ++this.generation;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.closeSession();
    this.userClosed = false;
    this.setConnection({ status: 'connecting', error: undefined, reconnectingInMs: undefined });
    let target: ConnectTarget;
    try {
      target = await this.deps.resolve();
    } catch (e) {
      if (gen === this.generation) this.setConnection({ status: 'failed', error: { ...diagnosisOf(e), step: 'resolve' } });
      return;
    }
    this.connectTarget = target;
    this.networkEntries = new NetworkEntries(target.kind === 'http' ? Object.values(target.headers ?? {}) : []);
    this.setConnection({ target: target.kind === 'stdio' ? [target.command, ...(target.args ?? [])].join(' ') : target.url });
    const session = new Session();
    this.session = session;
    inspectorSessions.announce({ session, key: this.deps.target.key, label: this.deps.target.label, target });
    this.traffic.beginConnection();
    this.wire(session, gen);
    try {
      await session.connect(target, {
        sampling: this.broker.sampling,
        elicitation: this.broker.elicitation,
        roots: this.roots.map((r) => ({ uri: r.uri, name: r.name })),
        requestTimeoutMs: this.deps.host.requestTimeoutMs(),
        clientInfo: { name: 'mcp-workbench-inspector', version: '0.1.0' },
        protocol: this.connection.protocol,
        oauth: target.kind === 'http' ? { mode: 'loopback', store: this.oauthStore, openBrowser: (u) => this.deps.host.openBrowser(u) } : undefined,
      });
    } catch (e) {
      if (gen !== this.generation) return;
      this.session = undefined;
      this.setConnection({ status: 'failed', error: diagnosisOf(e) });
      return;
    }
    if (gen !== this.generation) return;
    const info = session.info;
    this.autoRetries = 0;
    this.apps.clear();
    this.setConnection({
      status: 'connected',
      error: undefined,
      serverInfo: info.serverInfo,
      capabilities: info.capabilities as ConnectionView['capabilities'],
      instructions: info.instructions,
      protocolVersion: info.protocolVersion,
      era: info.era,
      handshake: info.discover ? { method: 'server/discover', result: info.discover } : info.initialize ? { method: 'initialize', result: info.initialize } : undefined,
      probeRespawned: info.probeRespawned,
      transport: info.transport,
      connectedAt: Date.now(),
    });
    await this.loadCatalogue(session);
    await this.renewSubscriptions(session);
  }

  private async renewSubscriptions(session: Session): Promise<void> {
    for (const uri of [...this.subscriptions]) {
      try {
        await session.subscribeResource(uri);
      } catch (e) {
        this.subscriptions.delete(uri);
        this.stderr.push(`[mcp-workbench] subscribing again to ${uri} failed: ${(e as Error).message}`);
      }
    }
    this.deps.post({ type: 'subscriptions', uris: [...this.subscriptions] });
  }

  private wire(session: Session, gen: number): void {
    const live = () => gen === this.generation;
    session.on('traffic', (e) => {
      if (!live()) return;
      this.traffic.add(e);
      this.observe(e);
    });
    session.on('inputRequired', (r) => live() && this.onInputRound(r));
    session.on('stderr', (line) => live() && this.stderr.push(line));
    session.on('log', (p) => {
      if (!live()) return;
      const entry: LogEntry = { seq: this.seq++, time: Date.now(), level: p.level, logger: p.logger, data: p.data };
      this.logs.push(entry);
    });
    session.on('notification', (n) => {
      if (!live()) return;
      const entry: NotificationEntry = { seq: this.seq++, time: Date.now(), method: n.method, params: (n as { params?: unknown }).params };
      this.notifications.push(entry);
    });
    session.on('resourceUpdated', ({ uri }) => live() && this.deps.post({ type: 'resourceUpdated', uri, time: Date.now() }));
    session.on('listChanged', ({ kind, items }) => {
      if (!live()) return;
      const key = kind === 'templates' ? 'templates' : kind;
      this.catalogue = { ...this.catalogue, [key]: items };
      this.deps.post({ type: 'catalogue', catalogue: this.catalogue });
      if (kind === 'tools') this.runLint();
    });
    session.on('diagnostic', (d) => {
      if (!live()) return;
      this.stderr.push(`[mcp-workbench] ${d.message}${d.line ? ` ${d.line}` : ''}`);
    });
    session.on('state', ({ state, error }) => {
      if (!live()) return;
      if (state === 'authorizing') this.setConnection({ status: 'connecting' });
      if (state === 'closed' && this.connection.status === 'connected') this.onUnexpectedClose(error);
    });
  }

  private onUnexpectedClose(error?: Error): void {
    this.broker.cancelAll('The connection closed.');
    for (const c of this.calls.values()) c.abort(new Error('The connection closed.'));
    const tail = this.stderr.tail(8).join('\n');
    const diag = { step: 'connection', message: error ? `The connection closed: ${error.message}` : 'The server closed the connection (its process may have exited).', detail: tail || undefined };
    if (this.userClosed || !this.connection.autoReconnect || this.autoRetries >= MAX_AUTO_RETRIES) {
      this.setConnection({ status: 'closed', error: { ...diag, hint: this.autoRetries >= MAX_AUTO_RETRIES ? `Gave up reconnecting after ${MAX_AUTO_RETRIES} attempts; fix the server and press Retry.` : 'Press Reconnect to start it again.' } });
      return;
    }
    const delay = 500 * 2 ** this.autoRetries;
    this.autoRetries++;
    this.setConnection({ status: 'closed', error: diag, reconnectingInMs: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      const retries = this.autoRetries;
      void this.connect().then(() => {
        // connect() resets the counter on success; keep counting while attempts fail.
        if (this.connection.status !== 'connected') this.autoRetries = retries;
      });
    }, delay);
  }

  private async loadCatalogue(session: Session): Promise<void> {
    const caps = session.info.capabilities ?? {};
    const quiet = async <T>(p: Promise<T>, fallback: T, what: string): Promise<T> => {
      try {
        return await p;
      } catch (e) {
        this.stderr.push(`[mcp-workbench] listing ${what} failed: ${(e as Error).message}`);
        return fallback;
      }
    };
    const [tools, resources, templates, prompts] = await Promise.all([
      caps.tools ? quiet(session.listTools(), [], 'tools') : [],
      caps.resources ? quiet(session.listResources(), [], 'resources') : [],
      caps.resources ? quiet(session.listResourceTemplates(), [], 'resource templates') : [],
      caps.prompts ? quiet(session.listPrompts(), [], 'prompts') : [],
    ]);
    // The core's Session still returns SDK v1 shapes; they are the same JSON as the v2 types.
    const cacheHints: NonNullable<Catalogue['cacheHints']> = {};
    for (const kind of ['tools', 'resources', 'templates', 'prompts'] as const) {
      const h = session.cacheHints(kind);
      if (h) cacheHints[kind] = h;
    }
    this.catalogue = { tools, resources, templates, prompts, cacheHints } as unknown as Catalogue;
    this.deps.post({ type: 'catalogue', catalogue: this.catalogue });
    this.baselineHashes = this.deps.state.get<Record<string, string>>(this.hashesKey);
    this.runLint();
  }

  private runLint(): void {
    const report = lintCatalogue(this.catalogue.tools as Tool[], { previousHashes: this.baselineHashes });
    if (this.connection.capabilities?.logging) this.deprecatedUsed.add('logging');
    this.lint = { ...report, findings: [...report.findings, ...deprecationFindings(this.deprecatedUsed)] };
    void this.deps.state.update(this.hashesKey, this.lint.hashes);
    this.deps.post({ type: 'lint', report: this.lint });
  }

  /** Watches the traffic for what the Network view, the input rounds and the deprecation notes need. */
  private observe(e: TraceEvent): void {
    if (e.type === 'http') {
      this.network.push(this.networkEntries.entry(e, e.t));
      return;
    }
    if (e.type !== 'message') return;
    const m = e.msg as { id?: string | number; method?: string; params?: { name?: string } };
    if (e.dir === 'send' && m.method === 'tools/call' && m.id !== undefined && !('inputResponses' in (m.params ?? {}))) {
      for (const [callId, name] of this.callNames) {
        if (name === m.params?.name && ![...this.rpcCalls.values()].includes(callId)) {
          this.rpcCalls.set(m.id, callId);
          break;
        }
      }
    }
    if (e.dir === 'recv') this.noteDeprecated(m.method);
  }

  private noteDeprecated(method: string | undefined): void {
    const f = deprecatedFeatureOf(method);
    if (!f || this.deprecatedUsed.has(f)) return;
    this.deprecatedUsed.add(f);
    if (this.lint) this.runLint();
  }

  private onInputRound(r: InputRound): void {
    const requests = Object.entries(r.requests).map(([key, req]) => ({ key, method: String((req as { method?: unknown })?.method ?? '') }));
    for (const q of requests) this.noteDeprecated(q.method);
    const round: InputRoundView = { callId: this.rpcCalls.get(r.callId), round: r.round, method: r.method, requests };
    this.deps.post({ type: 'inputRound', round });
  }

  private async closeSession(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    for (const c of this.calls.values()) c.abort(new Error('Disconnected.'));
    this.calls.clear();
    this.broker.cancelAll('The inspector disconnected.');
    if (s) await s.close().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    this.userClosed = true;
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.closeSession();
    this.setConnection({ status: 'closed', reconnectingInMs: undefined, error: undefined });
  }

  private requireSession(): Session {
    if (!this.session || this.connection.status !== 'connected') throw new Error('Not connected: press Reconnect first.');
    return this.session;
  }

  // ---- dev loop -------------------------------------------------------------------------------------------

  private applyWatch(globs: string[]): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (this.watchTimer) clearTimeout(this.watchTimer);
    if (globs.length === 0) return;
    this.watcher = this.deps.host.watch(globs, () => {
      if (this.watchTimer) clearTimeout(this.watchTimer);
      // Builds write many files at once: wait for a quiet moment before restarting.
      this.watchTimer = setTimeout(() => {
        this.watchTimer = undefined;
        if (this.connection.status === 'connected' || this.connection.status === 'closed' || this.connection.status === 'failed') void this.connect();
      }, this.deps.watchQuietMs ?? 400);
    });
  }

  // ---- requests from the webview ----------------------------------------------------------------------------

  readonly handlers: Handlers = {
    connect: () => this.connect(),
    disconnect: () => this.disconnect(),
    refreshLists: async () => this.loadCatalogue(this.requireSession()),
    callTool: (p) => this.callTool(p),
    cancelCall: ({ callId }) => {
      this.calls.get(callId)?.abort(new Error('Cancelled by the user.'));
      // A call waiting for input (2026): its embedded requests are abandoned with it.
      if ([...this.rpcCalls.values()].includes(callId) && this.pendingRequests.size > 0) this.broker.cancelAll('The call was cancelled.');
    },
    readResource: ({ uri, fresh }) => this.requireSession().readResource(uri, { fresh }),
    setProtocol: async ({ protocol }) => {
      await this.deps.state.update(this.protocolKey, protocol);
      this.setConnection({ protocol });
      await this.connect();
    },
    subscribe: async ({ uri, on }) => {
      const s = this.requireSession();
      if (on) {
        await s.subscribeResource(uri);
        this.subscriptions.add(uri);
      } else {
        await s.unsubscribeResource(uri);
        this.subscriptions.delete(uri);
      }
      this.deps.post({ type: 'subscriptions', uris: [...this.subscriptions] });
    },
    getPrompt: ({ name, args }) => this.requireSession().getPrompt(name, args),
    complete: async ({ ref, argument, value, context }) => {
      const r = await this.requireSession().complete({ ref, argument: { name: argument, value }, ...(context ? { context: { arguments: context } } : {}) });
      return r.completion.values;
    },
    setLogLevel: ({ level }) => this.requireSession().setLogLevel(level),
    ping: async () => {
      const started = performance.now();
      await this.requireSession().ping();
      return performance.now() - started;
    },
    listTasks: async () => {
      const session = this.requireSession();
      if (session.info.era === '2026') {
        // The tasks extension has no tasks/list: refresh the tasks this panel knows.
        for (const t of this.tasks.filter((x) => !TERMINAL_TASK.has(x.status))) this.upsertTask(taskView(await session.getTask(t.taskId)));
        return this.tasks;
      }
      const r = await session.listTasks();
      for (const t of r.tasks) this.upsertTask(taskView(t));
      return this.tasks;
    },
    getTask: async ({ taskId }) => {
      const t = taskView(await this.requireSession().getTask(taskId));
      this.upsertTask(t);
      return t;
    },
    taskResult: async ({ taskId }) => {
      const session = this.requireSession();
      // The extension inlines the result in tasks/get; 2025-11-25 has tasks/result.
      return session.info.era === '2026' ? (await session.getTask(taskId)).result : session.getTaskResult(taskId);
    },
    cancelTask: async ({ taskId }) => {
      await this.requireSession().cancelTask(taskId);
      this.upsertTask({ taskId, status: 'cancelled' });
    },
    trafficDetail: ({ seq }) => {
      const e = this.traffic.event(seq);
      if (!e) throw new Error(`No message #${seq}.`);
      return e.type === 'message' ? e.msg : e;
    },
    answerSampling: (p) => {
      if ('reject' in p) this.broker.reject(p.requestId, p.reject);
      else this.broker.answer(p.requestId, p.result);
    },
    sampleWithModel: async ({ requestId, model }) => this.deps.host.draftWithModel(this.broker.paramsOf(requestId) as CreateMessageRequest['params'], model),
    answerElicitation: ({ requestId, action, content }) => this.broker.answer(requestId, action === 'accept' ? { action, content: content ?? {} } : { action }),
    openUrl: ({ url }) => this.deps.host.confirmAndOpen(checkedLink(url)),
    setRoots: async ({ roots }) => {
      for (const r of roots) {
        try {
          new URL(r.uri);
        } catch {
          throw new Error(`"${r.uri}" is not a URI; roots are URIs such as file:///home/me/project.`);
        }
      }
      this.roots = roots;
      await this.session?.setRoots(roots.map((r): Root => ({ uri: r.uri, ...(r.name ? { name: r.name } : {}) })));
      this.deps.post({ type: 'roots', roots });
    },
    setWatch: async ({ globs, autoReconnect }) => {
      await this.deps.state.update(this.devLoopKey, { globs, autoReconnect });
      this.applyWatch(globs);
      this.setConnection({ watchGlobs: globs, autoReconnect });
    },
    saveTrace: () => this.saveTrace(),
    appRequest: (p) => this.apps.request(p),
    clearTraffic: () => {
      this.traffic.clear();
      this.deps.post({ type: 'traffic', rows: [], reset: true });
    },
  };

  async handle<M extends HostMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const h = this.handlers[method] as ((p: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>) | undefined;
    if (!h) throw new Error(`Unknown request "${String(method)}".`);
    return h(params);
  }

  private upsertTask(t: TaskView): void {
    const i = this.tasks.findIndex((x) => x.taskId === t.taskId);
    this.tasks = i >= 0 ? this.tasks.map((x, j) => (j === i ? { ...x, ...t } : x)) : [...this.tasks, t];
    this.deps.post({ type: 'tasks', tasks: this.tasks });
  }

  private async callTool(p: ParamsOf<'callTool'>): Promise<ResultOf<'callTool'>> {
    const session = this.requireSession();
    const ac = new AbortController();
    this.calls.set(p.callId, ac);
    this.callNames.set(p.callId, p.name);
    const started = performance.now();
    const onProgress = (pr: { progress: number; total?: number; message?: string }) => this.deps.post({ type: 'progress', progress: { callId: p.callId, ...pr } });
    try {
      // With the tasks extension (2026) the server may answer any call with a task: follow it either way.
      const extensionTasks = session.info.era === '2026' && Boolean((session.info.capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[TASKS_EXTENSION]);
      if (p.asTask || extensionTasks) return await this.callAsTask(session, p, ac, onProgress, started);
      const result = await session.callTool(p.name, p.args, { signal: ac.signal, onProgress });
      return await this.outcome(p.name, p.args, result, performance.now() - started);
    } finally {
      this.calls.delete(p.callId);
      this.callNames.delete(p.callId);
      for (const [rpc, id] of this.rpcCalls) if (id === p.callId) this.rpcCalls.delete(rpc);
      this.deps.post({ type: 'inputRound', callId: p.callId });
    }
  }

  private async callAsTask(session: Session, p: ParamsOf<'callTool'>, ac: AbortController, onProgress: (pr: { progress: number }) => void, started: number): Promise<ResultOf<'callTool'>> {
    const stream = session.callToolAsTask(p.name, p.args, { signal: ac.signal, onProgress });
    const first = await stream.next();
    if (first.done) throw new Error('The server ended the task stream without a result.');
    const m = first.value;
    if (m.type === 'result') return this.outcome(p.name, p.args, m.result as CallToolResult, performance.now() - started);
    if (m.type === 'error') throw m.error;
    const task = taskView(m.task);
    this.upsertTask(task);
    // Keep following the task in the background; the Tasks tab shows its progress and result.
    void (async () => {
      try {
        for await (const next of stream) {
          if (next.type === 'taskStatus' || next.type === 'taskCreated') {
            this.upsertTask(taskView(next.task));
            if (next.task.status === 'input_required') void this.answerTaskInput(session, next.task);
          }
          else if (next.type === 'result') this.upsertTask({ taskId: task.taskId, status: 'completed' });
          else if (next.type === 'error') this.upsertTask({ taskId: task.taskId, status: 'failed', statusMessage: next.error.message });
        }
      } catch (e) {
        this.upsertTask({ taskId: task.taskId, status: 'failed', statusMessage: (e as Error).message });
      }
    })();
    return { task };
  }

  /**
   * A task of the tasks extension waits for input: each embedded request goes to the same review UI as a
   * server request (elicitation, sampling, roots), then tasks/update answers them all.
   */
  private async answerTaskInput(session: Session, task: { taskId: string; inputRequests?: unknown }): Promise<void> {
    const requests = (task.inputRequests ?? {}) as Record<string, { method?: string; params?: unknown }>;
    if (this.answeringTasks.has(task.taskId) || Object.keys(requests).length === 0) return;
    this.answeringTasks.add(task.taskId);
    const ac = new AbortController();
    try {
      for (const req of Object.values(requests)) this.noteDeprecated(req.method);
      await session.updateTask(task.taskId, await session.answerInputRequests(requests, ac.signal));
    } catch (e) {
      this.stderr.push(`[mcp-workbench] answering the input of task ${task.taskId} failed: ${(e as Error).message}`);
    } finally {
      this.answeringTasks.delete(task.taskId);
    }
  }

  private async outcome(name: string, args: Record<string, unknown>, result: CallToolResult, elapsedMs: number): Promise<ToolCallOutcome> {
    const tool = this.catalogue.tools.find((t) => t.name === name);
    const hasOutputSchema = Boolean(tool?.outputSchema);
    let outputErrors: string[] = [];
    if (hasOutputSchema && !result.isError) {
      outputErrors = result.structuredContent === undefined ? ['The tool declares an outputSchema but returned no structuredContent.'] : validateValue(tool!.outputSchema, result.structuredContent);
    }
    const app = tool ? await this.apps.forTool(tool) : undefined;
    void args;
    return { result, elapsedMs, outputErrors, hasOutputSchema, app };
  }

  /** Saves the traffic as a .mcptrace file (asking where when `file` is not given); says what it wrote. */
  async saveTrace(file?: string): Promise<string | undefined> {
    if (!this.connectTarget) throw new Error('Nothing to save yet: connect first.');
    const name = `${this.deps.target.label.replace(/[^\w.-]+/g, '_').slice(0, 40)}-${new Date().toISOString().replace(/[:.]/g, '-')}.mcptrace`;
    const target = file ?? (await this.deps.host.chooseTraceFile(name));
    if (!target) return undefined;
    this.traffic.flushNow();
    const count = this.traffic.save(target, Session.traceTarget(this.connectTarget));
    return `${this.deps.host.displayPath(target)} (${count} events)`;
  }

  dispose(): void {
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watcher?.dispose();
    this.traffic.dispose();
    for (const log of [this.stderr, this.logs, this.notifications, this.network]) log.dispose();
    void this.closeSession();
  }
}

const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
const TERMINAL_TASK = new Set(['completed', 'failed', 'cancelled']);

function taskView(t: { taskId: string; status: string; statusMessage?: unknown; createdAt?: unknown; lastUpdatedAt?: unknown; ttl?: unknown; ttlMs?: unknown; pollInterval?: unknown; pollIntervalMs?: unknown; inputRequests?: unknown }): TaskView {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (...vs: unknown[]) => vs.find((v): v is number => typeof v === 'number');
  return {
    taskId: t.taskId,
    status: t.status,
    statusMessage: str(t.statusMessage),
    createdAt: str(t.createdAt),
    lastUpdatedAt: str(t.lastUpdatedAt),
    ttl: num(t.ttl, t.ttlMs) ?? (t.ttl === null ? null : undefined),
    pollInterval: num(t.pollInterval, t.pollIntervalMs),
    waitingFor: t.status === 'input_required' && t.inputRequests && typeof t.inputRequests === 'object' ? Object.keys(t.inputRequests) : undefined,
  };
}

/** Links from a server open only after the developer confirms (the host asks), and only web and mail addresses. */
export function checkedLink(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a valid URL.`);
  }
  if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) throw new Error(`Only http, https and mailto links can be opened (got ${parsed.protocol}).`);
  return parsed;
}
