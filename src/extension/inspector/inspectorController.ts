// One inspected server: the coordinator of a panel. It owns the Session (through src/core/client) and its
// generation, and joins the parts that each do one job: the reconnect policy, the watched files, the logs,
// the catalogue and Lint, tool calls, tasks, resource subscriptions and the answers to server requests.
// It knows neither the webview nor `vscode`: it posts HostEvents through `post` and asks its InspectorHost for
// what only the editor can do (file watching, dialogs, language models). See inspectorHost.ts for VS Code's.
import { MemoryOAuthStore, Session, type ConnectTarget, type Root } from '../../core/client';
import type { TraceEvent } from '../../core/traffic';
import type { Catalogue, ClientRequestView, ConnectionView, HostEvent, HostMethod, ParamsOf, PanelTarget, ProtocolSetting, ResultOf, RootView, TaskView } from '../../shared/inspectorProtocol';
import type { LintReport } from '../../core/lint';
import { CatalogueView } from './catalogueView';
import { clientAnswerHandlers } from './clientAnswers';
import { ClientRequestBroker } from './clientRequests';
import { diagnosisOf } from './diagnosisView';
import type { HandlerGroup, Handlers, PanelContext } from './handlerTable';
import type { Disposable, InspectorHost, KeyValueStore } from './hostApi';
import { McpAppHost } from './mcpAppHost';
import { NetworkEntries } from './networkEntries';
import { PanelLogs } from './panelLogs';
import { QuietWatch } from './quietWatch';
import { ReconnectPolicy } from './reconnectPolicy';
import { ResourceSubscriptions } from './resourceSubscriptions';
import { TaskTracker } from './taskTracker';
import { ToolCalls } from './toolCalls';
import { TrafficLog } from './trafficLog';
import { inspectorSessions } from '../recording/sessionHooks';

export type { Disposable, InspectorHost, KeyValueStore } from './hostApi';
export { checkedLink } from './clientAnswers';

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

export class InspectorController implements Disposable {
  private session: Session | undefined;
  private connectTarget: ConnectTarget | undefined;
  /** Bumped by every connect, disconnect and dispose: events of an older session are ignored. */
  private generation = 0;
  private userClosed = false;
  private readonly reconnect = new ReconnectPolicy();
  private readonly watch: QuietWatch;
  private readonly apps = new McpAppHost(
    () => this.requireSession(),
    () => this.catalogue.tools,
  );
  private readonly oauthStore = new MemoryOAuthStore();
  private networkEntries = new NetworkEntries();
  private readonly panelLogs: PanelLogs;
  private readonly catalogueView: CatalogueView;
  private readonly resources: ResourceSubscriptions;
  private readonly taskTracker: TaskTracker;
  private readonly toolCalls: ToolCalls;

  connection: ConnectionView;
  roots: RootView[];
  readonly pendingRequests = new Map<string, ClientRequestView>();
  readonly traffic: TrafficLog;
  readonly broker: ClientRequestBroker;

  constructor(private readonly deps: ControllerDeps) {
    const devLoop = deps.state.get<{ globs: string[]; autoReconnect: boolean }>(this.devLoopKey) ?? { globs: [], autoReconnect: true };
    const protocol = deps.state.get<ProtocolSetting>(this.protocolKey) ?? 'auto';
    this.connection = { status: 'idle', target: deps.target.label, watchGlobs: devLoop.globs, autoReconnect: devLoop.autoReconnect, protocol };
    this.roots = deps.host.defaultRoots();
    this.traffic = new TrafficLog((rows, reset) => deps.post({ type: 'traffic', rows, reset }));
    this.panelLogs = new PanelLogs(deps.post);
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
    const ctx: PanelContext = {
      post: deps.post,
      requireSession: () => this.requireSession(),
      note: (line) => this.stderr.push(`[mcp-workbench] ${line}`),
    };
    this.catalogueView = new CatalogueView({ ...ctx, state: deps.state, hashesKey: this.hashesKey, declaresLogging: () => Boolean(this.connection.capabilities?.logging) });
    const noteMethod = (m: string | undefined) => this.catalogueView.noteMethod(m);
    this.resources = new ResourceSubscriptions(ctx);
    this.taskTracker = new TaskTracker({ ...ctx, noteMethod });
    this.toolCalls = new ToolCalls({
      ...ctx,
      tasks: this.taskTracker,
      noteMethod,
      toolNamed: (name) => this.catalogueView.toolNamed(name),
      appFor: (tool) => this.apps.forTool(tool),
      abandonClientRequests: (reason) => {
        if (this.pendingRequests.size > 0) this.broker.cancelAll(reason);
      },
    });
    this.watch = new QuietWatch((globs, changed) => deps.host.watch(globs, changed), deps.watchQuietMs ?? 400, () => {
      if (this.connection.status === 'connected' || this.connection.status === 'closed' || this.connection.status === 'failed') void this.connect();
    });
    this.watch.set(devLoop.globs);
    this.handlers = {
      ...this.connectionHandlers,
      ...this.catalogueView.handlers,
      ...this.resources.handlers,
      ...this.toolCalls.handlers,
      ...this.taskTracker.handlers,
      ...clientAnswerHandlers(this.broker, deps.host),
      appRequest: (p) => this.apps.request(p),
    };
  }

  // ---- what the panel and the tests read ------------------------------------------------------------------

  /** The process id of a stdio server while connected. */
  get pid(): number | undefined {
    return this.session?.pid;
  }
  get catalogue(): Catalogue {
    return this.catalogueView.catalogue;
  }
  get lint(): LintReport | undefined {
    return this.catalogueView.lint;
  }
  get tasks(): TaskView[] {
    return this.taskTracker.tasks;
  }
  /** Resource subscriptions of this panel, renewed after every reconnect. */
  get subscriptions(): Set<string> {
    return this.resources.uris;
  }
  get stderr(): PanelLogs['stderr'] {
    return this.panelLogs.stderr;
  }
  get logs(): PanelLogs['logs'] {
    return this.panelLogs.logs;
  }
  get notifications(): PanelLogs['notifications'] {
    return this.panelLogs.notifications;
  }
  get network(): PanelLogs['network'] {
    return this.panelLogs.network;
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

  /** Everything the webview needs after a (re)load, in order. It replaces what the logs had batched but not yet posted. */
  snapshotEvents(): HostEvent[] {
    const events: HostEvent[] = [
      { type: 'connection', connection: this.connection },
      { type: 'catalogue', catalogue: this.catalogue },
      { type: 'stderr', lines: this.stderr.snapshot(), reset: true },
      { type: 'logs', entries: this.logs.snapshot(), reset: true },
      { type: 'notifications', entries: this.notifications.snapshot(), reset: true },
      { type: 'traffic', rows: this.traffic.snapshot(), reset: true },
      { type: 'tasks', tasks: this.tasks },
      { type: 'subscriptions', uris: [...this.subscriptions] },
      { type: 'roots', roots: this.roots },
      { type: 'network', entries: this.network.snapshot(), reset: true },
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
    this.reconnect.cancel();
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
    // A newer connect, a disconnect or dispose came while resolving: this attempt starts nothing.
    if (gen !== this.generation) return;
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
    if (gen !== this.generation) {
      // Superseded while connecting: this session's server must not outlive it.
      if (this.session === session) this.session = undefined;
      await session.close().catch(() => undefined);
      return;
    }
    const info = session.info;
    this.reconnect.succeeded();
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
    await this.catalogueView.load(session);
    await this.resources.renew(session);
  }

  private wire(session: Session, gen: number): void {
    const live = () => gen === this.generation;
    session.on('traffic', (e) => {
      if (!live()) return;
      this.traffic.add(e);
      this.observe(e);
    });
    session.on('inputRequired', (r) => live() && this.toolCalls.inputRound(r));
    session.on('stderr', (line) => live() && this.stderr.push(line));
    session.on('log', (p) => live() && this.panelLogs.log(p));
    session.on('notification', (n) => live() && this.panelLogs.notification(n as { method: string; params?: unknown }));
    session.on('resourceUpdated', ({ uri }) => live() && this.deps.post({ type: 'resourceUpdated', uri, time: Date.now() }));
    session.on('listChanged', ({ kind, items }) => live() && this.catalogueView.replace(kind, items));
    session.on('diagnostic', (d) => live() && this.stderr.push(`[mcp-workbench] ${d.message}${d.line ? ` ${d.line}` : ''}`));
    session.on('state', ({ state, error }) => {
      if (!live()) return;
      if (state === 'authorizing') this.setConnection({ status: 'connecting' });
      if (state === 'closed' && this.connection.status === 'connected') this.onUnexpectedClose(error);
    });
  }

  /** Watches the traffic for what the Network view, the input rounds and the deprecation notes need. */
  private observe(e: TraceEvent): void {
    if (e.type === 'http') {
      this.network.push(this.networkEntries.entry(e, e.t));
      return;
    }
    if (e.type !== 'message') return;
    const m = e.msg as { id?: string | number; method?: string; params?: { name?: string } };
    if (e.dir === 'send') this.toolCalls.observeSent(m);
    if (e.dir === 'recv') this.catalogueView.noteMethod(m.method);
  }

  private onUnexpectedClose(error?: Error): void {
    this.broker.cancelAll('The connection closed.');
    this.toolCalls.abortAll('The connection closed.');
    const tail = this.stderr.tail(8).join('\n');
    const diag = { step: 'connection', message: error ? `The connection closed: ${error.message}` : 'The server closed the connection (its process may have exited).', detail: tail || undefined };
    const delay = this.userClosed || !this.connection.autoReconnect ? undefined : this.reconnect.schedule(() => void this.reconnectAttempt());
    if (delay === undefined) {
      const hint = this.reconnect.exhausted ? `Gave up reconnecting after ${this.reconnect.maxAttempts} attempts; fix the server and press Retry.` : 'Press Reconnect to start it again.';
      this.setConnection({ status: 'closed', error: { ...diag, hint } });
      return;
    }
    this.setConnection({ status: 'closed', error: diag, reconnectingInMs: delay });
  }

  /**
   * An automatic attempt: a server that fails to start again (a build half done) gets the next back-off delay
   * instead of ending the dev loop, until the policy gives up.
   */
  private async reconnectAttempt(): Promise<void> {
    await this.connect();
    if (this.connection.status !== 'failed' || this.userClosed || !this.connection.autoReconnect) return;
    const delay = this.reconnect.schedule(() => void this.reconnectAttempt());
    if (delay !== undefined) this.setConnection({ reconnectingInMs: delay });
    else if (this.connection.error) this.setConnection({ error: { ...this.connection.error, hint: `Gave up reconnecting after ${this.reconnect.maxAttempts} attempts; fix the server and press Retry.` } });
  }

  private async closeSession(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    this.toolCalls.abortAll('Disconnected.');
    this.broker.cancelAll('The inspector disconnected.');
    if (s) await s.close().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    this.userClosed = true;
    this.generation++;
    this.reconnect.cancel();
    await this.closeSession();
    this.setConnection({ status: 'closed', reconnectingInMs: undefined, error: undefined });
  }

  private requireSession(): Session {
    if (!this.session || this.connection.status !== 'connected') throw new Error('Not connected: press Reconnect first.');
    return this.session;
  }

  // ---- requests from the webview ----------------------------------------------------------------------------

  /** The answer to every webview request, joined from the areas that own them. */
  readonly handlers: Handlers;

  private readonly connectionHandlers: HandlerGroup<'connect' | 'disconnect' | 'setProtocol' | 'setLogLevel' | 'ping' | 'setRoots' | 'setWatch' | 'saveTrace' | 'trafficDetail' | 'clearTraffic'> = {
    connect: () => this.connect(),
    disconnect: () => this.disconnect(),
    setProtocol: async ({ protocol }) => {
      await this.deps.state.update(this.protocolKey, protocol);
      this.setConnection({ protocol });
      await this.connect();
    },
    setLogLevel: ({ level }) => this.requireSession().setLogLevel(level),
    ping: async () => {
      const started = performance.now();
      await this.requireSession().ping();
      return performance.now() - started;
    },
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
      this.watch.set(globs);
      this.setConnection({ watchGlobs: globs, autoReconnect });
    },
    saveTrace: () => this.saveTrace(),
    trafficDetail: ({ seq }) => {
      const e = this.traffic.event(seq);
      if (!e) throw new Error(`No message #${seq}.`);
      return e.type === 'message' ? e.msg : e;
    },
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
    this.reconnect.cancel();
    this.watch.dispose();
    this.traffic.dispose();
    this.panelLogs.dispose();
    void this.closeSession();
  }
}
