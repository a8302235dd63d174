// One inspected server: its Session (through src/core/client), the dev loop (reconnect, auto-reconnect,
// watch globs), client-side requests, traffic and lint, and the answers to every webview request.
// It knows nothing of the webview itself: it posts HostEvents through `post`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallToolResult, CreateMessageRequest, Tool } from '@modelcontextprotocol/client';
import { MemoryOAuthStore, Session, type ConnectTarget, type Root } from '../../core/client';
import { lintCatalogue, validateValue, type LintReport } from '../../core/lint';
import type {
  Catalogue,
  ConnectionView,
  HostEvent,
  HostMethod,
  LogEntry,
  NotificationEntry,
  ParamsOf,
  PanelTarget,
  ResultOf,
  RootView,
  TaskView,
  ToolCallOutcome,
  ClientRequestView,
} from '../../shared/inspectorProtocol';
import { readSettings } from '../settings';
import { Batcher } from './batcher';
import { ClientRequestBroker, draftWithModel } from './clientRequests';
import { diagnosisOf } from './diagnosisView';
import { TrafficLog } from './trafficLog';
import { McpAppHost } from './mcpAppHost';
import { inspectorSessions } from '../recording/sessionHooks';

const STDERR_KEEP = 2000;
const LOG_KEEP = 20_000;
const MAX_AUTO_RETRIES = 3;

export interface ControllerDeps {
  target: PanelTarget;
  /** Turns the panel's target into a ConnectTarget (reads the config again, asks for inputs). */
  resolve(): Promise<ConnectTarget>;
  post(e: HostEvent): void;
  state: vscode.Memento;
}

type Handlers = { [M in HostMethod]: (p: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M> };

export class InspectorController implements vscode.Disposable {
  private session: Session | undefined;
  private connectTarget: ConnectTarget | undefined;
  private generation = 0;
  private userClosed = false;
  private autoRetries = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchers: vscode.Disposable[] = [];
  private watchTimer: NodeJS.Timeout | undefined;
  private readonly calls = new Map<string, AbortController>();
  private readonly apps = new McpAppHost(() => this.requireSession());
  private readonly oauthStore = new MemoryOAuthStore();
  private baselineHashes: Record<string, string> | undefined;

  connection: ConnectionView;
  catalogue: Catalogue = { tools: [], resources: [], templates: [], prompts: [] };
  stderr: string[] = [];
  logs: LogEntry[] = [];
  notifications: NotificationEntry[] = [];
  tasks: TaskView[] = [];
  /** Resource subscriptions of this panel, renewed after every reconnect. */
  readonly subscriptions = new Set<string>();
  lint: LintReport | undefined;
  roots: RootView[];
  readonly pendingRequests = new Map<string, ClientRequestView>();
  readonly traffic: TrafficLog;
  readonly broker: ClientRequestBroker;
  private seq = 0;
  private readonly stderrBatch: Batcher<string>;
  private readonly logBatch: Batcher<LogEntry>;
  private readonly noteBatch: Batcher<NotificationEntry>;

  constructor(private readonly deps: ControllerDeps) {
    const devLoop = deps.state.get<{ globs: string[]; autoReconnect: boolean }>(this.devLoopKey) ?? { globs: [], autoReconnect: true };
    this.connection = { status: 'idle', target: deps.target.label, watchGlobs: devLoop.globs, autoReconnect: devLoop.autoReconnect };
    this.roots = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name }));
    this.traffic = new TrafficLog((rows, reset) => deps.post({ type: 'traffic', rows, reset }));
    this.stderrBatch = new Batcher((lines) => deps.post({ type: 'stderr', lines }));
    this.logBatch = new Batcher((entries) => deps.post({ type: 'logs', entries }));
    this.noteBatch = new Batcher((entries) => deps.post({ type: 'notifications', entries }));
    this.broker = new ClientRequestBroker(
      (r) => {
        this.pendingRequests.set(r.requestId, r);
        deps.post({ type: 'clientRequest', request: r });
      },
      (id) => {
        this.pendingRequests.delete(id);
        deps.post({ type: 'clientRequestDone', requestId: id });
      },
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

  private get hashesKey(): string {
    return `mcpWorkbench.inspector.toolHashes:${this.deps.target.key}`;
  }

  /** Everything the webview needs after a (re)load, in order. */
  snapshotEvents(): HostEvent[] {
    const events: HostEvent[] = [
      { type: 'connection', connection: this.connection },
      { type: 'catalogue', catalogue: this.catalogue },
      { type: 'stderr', lines: this.stderr, reset: true },
      { type: 'logs', entries: this.logs, reset: true },
      { type: 'notifications', entries: this.notifications, reset: true },
      { type: 'traffic', rows: this.traffic.allRows(), reset: true },
      { type: 'tasks', tasks: this.tasks },
      { type: 'subscriptions', uris: [...this.subscriptions] },
      { type: 'roots', roots: this.roots },
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
    this.setConnection({ target: target.kind === 'stdio' ? [target.command, ...(target.args ?? [])].join(' ') : target.url });
    const settings = readSettings();
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
        requestTimeoutMs: settings.requestTimeoutMs,
        clientInfo: { name: 'mcp-workbench-inspector', version: '0.1.0' },
        oauth: target.kind === 'http' ? { mode: 'loopback', store: this.oauthStore, openBrowser: (u) => void vscode.env.openExternal(vscode.Uri.parse(u.toString())) } : undefined,
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
        this.stderrBatch.push(`[mcp-workbench] subscribing again to ${uri} failed: ${(e as Error).message}`);
      }
    }
    this.deps.post({ type: 'subscriptions', uris: [...this.subscriptions] });
  }

  private wire(session: Session, gen: number): void {
    const live = () => gen === this.generation;
    session.on('traffic', (e) => live() && this.traffic.add(e));
    session.on('stderr', (line) => {
      if (!live()) return;
      this.stderr.push(line);
      if (this.stderr.length > STDERR_KEEP) this.stderr.splice(0, this.stderr.length - STDERR_KEEP);
      this.stderrBatch.push(line);
    });
    session.on('log', (p) => {
      if (!live()) return;
      const entry: LogEntry = { seq: this.seq++, time: Date.now(), level: p.level, logger: p.logger, data: p.data };
      this.logs.push(entry);
      if (this.logs.length > LOG_KEEP) this.logs.splice(0, this.logs.length - LOG_KEEP);
      this.logBatch.push(entry);
    });
    session.on('notification', (n) => {
      if (!live()) return;
      const entry: NotificationEntry = { seq: this.seq++, time: Date.now(), method: n.method, params: (n as { params?: unknown }).params };
      this.notifications.push(entry);
      if (this.notifications.length > LOG_KEEP) this.notifications.splice(0, this.notifications.length - LOG_KEEP);
      this.noteBatch.push(entry);
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
      const line = `[mcp-workbench] ${d.message}${d.line ? ` ${d.line}` : ''}`;
      this.stderr.push(line);
      this.stderrBatch.push(line);
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
    const tail = this.stderr.slice(-8).join('\n');
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
        this.stderrBatch.push(`[mcp-workbench] listing ${what} failed: ${(e as Error).message}`);
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
    this.catalogue = { tools, resources, templates, prompts } as unknown as Catalogue;
    this.deps.post({ type: 'catalogue', catalogue: this.catalogue });
    this.baselineHashes = this.deps.state.get<Record<string, string>>(this.hashesKey);
    this.runLint();
  }

  private runLint(): void {
    this.lint = lintCatalogue(this.catalogue.tools as Tool[], { previousHashes: this.baselineHashes });
    void this.deps.state.update(this.hashesKey, this.lint.hashes);
    this.deps.post({ type: 'lint', report: this.lint });
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
    this.watchers.splice(0).forEach((w) => w.dispose());
    if (this.watchTimer) clearTimeout(this.watchTimer);
    for (const glob of globs) {
      const patterns = path.isAbsolute(glob) ? [glob] : (vscode.workspace.workspaceFolders ?? []).map((f) => new vscode.RelativePattern(f, glob));
      for (const p of patterns) {
        const w = vscode.workspace.createFileSystemWatcher(p);
        const restart = () => {
          if (this.watchTimer) clearTimeout(this.watchTimer);
          // Builds write many files at once: wait for a quiet moment before restarting.
          this.watchTimer = setTimeout(() => {
            this.watchTimer = undefined;
            if (this.connection.status === 'connected' || this.connection.status === 'closed' || this.connection.status === 'failed') void this.connect();
          }, 400);
        };
        w.onDidChange(restart);
        w.onDidCreate(restart);
        w.onDidDelete(restart);
        this.watchers.push(w);
      }
    }
  }

  // ---- requests from the webview ----------------------------------------------------------------------------

  readonly handlers: Handlers = {
    connect: () => this.connect(),
    disconnect: () => this.disconnect(),
    refreshLists: async () => this.loadCatalogue(this.requireSession()),
    callTool: (p) => this.callTool(p),
    cancelCall: ({ callId }) => {
      this.calls.get(callId)?.abort(new Error('Cancelled by the user.'));
    },
    readResource: ({ uri }) => this.requireSession().readResource(uri),
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
      const r = await this.requireSession().listTasks();
      for (const t of r.tasks) this.upsertTask(taskView(t));
      return this.tasks;
    },
    getTask: async ({ taskId }) => {
      const t = taskView(await this.requireSession().getTask(taskId));
      this.upsertTask(t);
      return t;
    },
    taskResult: ({ taskId }) => this.requireSession().getTaskResult(taskId),
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
    sampleWithModel: async ({ requestId, model }) => draftWithModel(this.broker.paramsOf(requestId) as CreateMessageRequest['params'], model),
    answerElicitation: ({ requestId, action, content }) => this.broker.answer(requestId, action === 'accept' ? { action, content: content ?? {} } : { action }),
    openUrl: ({ url }) => openUrlAfterConfirm(url),
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
    const started = performance.now();
    const onProgress = (pr: { progress: number; total?: number; message?: string }) => this.deps.post({ type: 'progress', progress: { callId: p.callId, ...pr } });
    try {
      if (p.asTask) return await this.callAsTask(session, p, ac, onProgress, started);
      const result = await session.callTool(p.name, p.args, { signal: ac.signal, onProgress });
      return await this.outcome(p.name, p.args, result, performance.now() - started);
    } finally {
      this.calls.delete(p.callId);
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
          if (next.type === 'taskStatus' || next.type === 'taskCreated') this.upsertTask(taskView(next.task));
          else if (next.type === 'result') this.upsertTask({ taskId: task.taskId, status: 'completed' });
          else if (next.type === 'error') this.upsertTask({ taskId: task.taskId, status: 'failed', statusMessage: next.error.message });
        }
      } catch (e) {
        this.upsertTask({ taskId: task.taskId, status: 'failed', statusMessage: (e as Error).message });
      }
    })();
    return { task };
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

  async saveTrace(file?: string): Promise<string | undefined> {
    if (!this.connectTarget) throw new Error('Nothing to save yet: connect first.');
    let target = file;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `${this.deps.target.label.replace(/[^\w.-]+/g, '_').slice(0, 40)}-${new Date().toISOString().replace(/[:.]/g, '-')}.mcptrace`;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, '.mcp-traces', name) : undefined,
        filters: { 'MCP trace': ['mcptrace'] },
        title: 'Save the traffic as a trace',
      });
      if (!uri) return undefined;
      target = uri.fsPath;
    }
    this.traffic.flushNow();
    const count = this.traffic.save(target, Session.traceTarget(this.connectTarget));
    return `${vscode.workspace.asRelativePath(target)} (${count} events)`;
  }

  dispose(): void {
    this.generation++;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchers.splice(0).forEach((w) => w.dispose());
    this.traffic.dispose();
    this.stderrBatch.dispose();
    this.logBatch.dispose();
    this.noteBatch.dispose();
    void this.closeSession();
  }
}

function taskView(t: { taskId: string; status: string; statusMessage?: string; createdAt?: string; lastUpdatedAt?: string; ttl?: number | null; pollInterval?: number }): TaskView {
  return { taskId: t.taskId, status: t.status, statusMessage: t.statusMessage, createdAt: t.createdAt, lastUpdatedAt: t.lastUpdatedAt, ttl: t.ttl, pollInterval: t.pollInterval };
}

/** Links from a server open only after the developer confirms, and only for web and mail addresses. */
async function openUrlAfterConfirm(url: string): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a valid URL.`);
  }
  if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) throw new Error(`Only http, https and mailto links can be opened (got ${parsed.protocol}).`);
  const open = 'Open';
  const choice = await vscode.window.showInformationMessage(`The server asks to open ${parsed.toString()}`, { modal: true }, open);
  if (choice !== open) return false;
  return vscode.env.openExternal(vscode.Uri.parse(parsed.toString()));
}
