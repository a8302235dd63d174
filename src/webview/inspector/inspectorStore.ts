// The webview's model of one inspector panel: everything the host pushed, plus the persisted view state.
// React reads it through useSyncExternalStore; large lists live in row sources, not in React state.
import type {
  Catalogue,
  ClientRequestView,
  ConnectionView,
  HostEvent,
  InputRoundView,
  InspectorViewState,
  LogEntry,
  NetworkEntry,
  NotificationEntry,
  PanelTarget,
  ProgressView,
  RootView,
  TaskView,
} from '../../shared/inspectorProtocol';
import { defaultViewState } from '../../shared/inspectorProtocol';
import type { LintReport } from '../../shared/lintReport';
import type { TrafficRow } from '../../shared/trafficRows';
import { ArrayRowSource } from '../components/rowSource';

const STDERR_KEEP = 2000;
const NETWORK_KEEP = 5000;

export interface InspectorSnapshot {
  target?: PanelTarget;
  connection: ConnectionView;
  catalogue: Catalogue;
  stderr: string[];
  progress: Record<string, ProgressView>;
  clientRequests: ClientRequestView[];
  resourceUpdates: Record<string, number[]>;
  subscriptions: string[];
  tasks: TaskView[];
  lint?: LintReport;
  roots: RootView[];
  /** The latest input round (2026) of each waiting call, by the panel's callId ('' when the call is not the panel's). */
  inputRounds: Record<string, InputRoundView>;
  network: NetworkEntry[];
  view: InspectorViewState;
  /** From `init`: VS Code's display language and where the MCP Apps sandbox page is served. */
  locale?: string;
  sandboxBase?: string;
}

export class InspectorStore {
  readonly traffic = new ArrayRowSource<TrafficRow>();
  readonly logs = new ArrayRowSource<LogEntry>();
  readonly notifications = new ArrayRowSource<NotificationEntry>();
  private snap: InspectorSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    initialView: InspectorViewState | undefined,
    private readonly persist: (v: InspectorViewState) => void,
  ) {
    this.snap = {
      connection: { status: 'idle', target: '', watchGlobs: [], autoReconnect: true, protocol: 'auto' },
      catalogue: { tools: [], resources: [], templates: [], prompts: [] },
      stderr: [],
      progress: {},
      clientRequests: [],
      resourceUpdates: {},
      subscriptions: [],
      tasks: [],
      roots: [],
      inputRounds: {},
      network: [],
      view: { ...defaultViewState(), ...initialView },
    };
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  get = (): InspectorSnapshot => this.snap;

  private set(patch: Partial<InspectorSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }

  updateView(patch: Partial<InspectorViewState>): void {
    const view = { ...this.snap.view, ...patch };
    this.set({ view });
    this.persist(view);
  }

  apply(e: HostEvent): void {
    switch (e.type) {
      case 'init':
        this.set({ target: e.target, roots: e.roots, locale: e.locale, sandboxBase: e.sandboxBase, view: e.state ? { ...defaultViewState(), ...e.state } : this.snap.view });
        return;
      case 'connection':
        this.set({ connection: e.connection });
        return;
      case 'catalogue':
        this.set({ catalogue: e.catalogue });
        return;
      case 'stderr': {
        const lines = e.reset ? e.lines : [...this.snap.stderr, ...e.lines];
        this.set({ stderr: lines.length > STDERR_KEEP ? lines.slice(lines.length - STDERR_KEEP) : lines });
        return;
      }
      case 'progress':
        this.set({ progress: { ...this.snap.progress, [e.progress.callId]: e.progress } });
        return;
      case 'logs':
        if (e.reset) this.logs.reset([...e.entries]);
        else this.logs.append(e.entries);
        return;
      case 'notifications':
        if (e.reset) this.notifications.reset([...e.entries]);
        else this.notifications.append(e.entries);
        return;
      case 'traffic':
        this.addTraffic(e.rows, e.reset);
        return;
      case 'clientRequest':
        this.set({ clientRequests: [...this.snap.clientRequests.filter((r) => r.requestId !== e.request.requestId), e.request] });
        return;
      case 'clientRequestDone':
        this.set({ clientRequests: this.snap.clientRequests.filter((r) => r.requestId !== e.requestId) });
        return;
      case 'resourceUpdated': {
        const prev = this.snap.resourceUpdates[e.uri] ?? [];
        this.set({ resourceUpdates: { ...this.snap.resourceUpdates, [e.uri]: [...prev.slice(-19), e.time] } });
        return;
      }
      case 'subscriptions':
        this.set({ subscriptions: e.uris });
        return;
      case 'tasks':
        this.set({ tasks: e.tasks });
        return;
      case 'lint':
        this.set({ lint: e.report });
        return;
      case 'roots':
        this.set({ roots: e.roots });
        return;
      case 'inputRound': {
        const rounds = { ...this.snap.inputRounds };
        if (e.round) rounds[e.round.callId ?? ''] = e.round;
        else if (e.callId !== undefined) delete rounds[e.callId];
        this.set({ inputRounds: rounds });
        return;
      }
      case 'network': {
        const all = e.reset ? e.entries : [...this.snap.network, ...e.entries];
        this.set({ network: all.length > NETWORK_KEEP ? all.slice(all.length - NETWORK_KEEP) : all });
        return;
      }
    }
  }

  /** Appends rows; a response also gives its request row the latency and its own seq, so each finds the other. */
  addTraffic(rows: TrafficRow[], reset?: boolean): void {
    if (reset) this.traffic.reset([]);
    const offset = this.traffic.length;
    this.traffic.append(rows);
    for (const r of rows) {
      if (r.pairSeq === undefined || r.latencyMs === undefined) continue;
      const local = r.pairSeq - (rows[0]?.seq ?? 0) + offset;
      const req = this.traffic.get(local);
      if (req && req.seq === r.pairSeq && req.latencyMs === undefined) this.traffic.update(local, { ...req, latencyMs: r.latencyMs, pairSeq: r.seq });
    }
  }
}
