// One open trace viewer: the index of its file (built in the extension host, streaming from disk), the current
// filtered view, and the answers to the webview's requests. The webview never receives more than a window.
import * as vscode from 'vscode';
import { TraceIndex } from '../../core/replay/traceIndex';
import type { RowFilter } from '../../core/replay/traceRows';
import type { TraceViewerEvent, TraceViewerFromHost, TraceViewerMethod, TvParams, TvResult } from '../../shared/traceViewerProtocol';
import { isTraceViewerMessage } from '../../shared/traceViewerProtocol';
import type { VerifyDiffs } from './verifyDiffs';
import { verifyView, type VerifyRunner } from './verifyRunner';

const FIRST_ROWS = 200;
const MAX_WINDOW = 2000;
const PROGRESS_EVERY_MS = 250;

type Handlers = { [M in TraceViewerMethod]: (p: TvParams<M>) => Promise<TvResult<M>> };

export class TraceViewerSession implements vscode.Disposable {
  private view: Int32Array | undefined;
  private viewId = 0;
  private ready = false;
  private lastProgress = 0;
  private progressTimer: NodeJS.Timeout | undefined;
  private readonly postListeners = new Set<(m: TraceViewerFromHost) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stopProgress: () => void;

  constructor(
    readonly uri: vscode.Uri,
    readonly index: TraceIndex,
    private readonly webview: vscode.Webview | undefined,
    private readonly runner: VerifyRunner,
    private readonly diffs: VerifyDiffs,
    private readonly log: vscode.LogOutputChannel,
  ) {
    if (webview) this.disposables.push(webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.stopProgress = index.onProgress(() => this.progress());
  }

  get file(): string {
    return this.uri.fsPath;
  }

  /** Sees every message posted to the webview (tests). */
  onDidPost(listener: (m: TraceViewerFromHost) => void): vscode.Disposable {
    this.postListeners.add(listener);
    return new vscode.Disposable(() => this.postListeners.delete(listener));
  }

  private post(m: TraceViewerFromHost): void {
    for (const l of this.postListeners) l(m);
    if (this.webview && (this.ready || m.type === 'response')) void this.webview.postMessage(m);
  }

  private get length(): number {
    return this.view ? this.view.length : this.index.rowCount;
  }

  private progress(): void {
    if (!this.ready) return;
    const now = Date.now();
    const send = () => {
      this.progressTimer = undefined;
      this.lastProgress = Date.now();
      this.post({ type: 'progress', summary: this.index.summary(), methods: this.index.methods, complete: this.index.complete, length: this.length, viewId: this.viewId });
    };
    if (this.index.complete || now - this.lastProgress >= PROGRESS_EVERY_MS) {
      if (this.progressTimer) clearTimeout(this.progressTimer);
      send();
    } else this.progressTimer ??= setTimeout(send, PROGRESS_EVERY_MS);
  }

  /** Handles a message as if the webview had sent it (the webview channel, and tests). */
  async receive(m: unknown): Promise<void> {
    if (!isTraceViewerMessage(m)) {
      this.log.warn(`trace viewer: ignored a malformed message: ${JSON.stringify(m)?.slice(0, 200)}`);
      return;
    }
    if (m.type === 'ready') {
      this.ready = true;
      const init: TraceViewerEvent = {
        type: 'init',
        file: vscode.workspace.asRelativePath(this.uri),
        summary: this.index.summary(),
        methods: this.index.methods,
        complete: this.index.complete,
        length: this.length,
        viewId: this.viewId,
        firstRows: await this.windowRows(0, FIRST_ROWS),
      };
      this.post(init);
      return;
    }
    const handler = this.handlers[m.method] as (p: unknown) => Promise<unknown>;
    try {
      const result = await handler(m.params);
      this.post({ type: 'response', id: m.id, ok: true, result });
    } catch (e) {
      this.post({ type: 'response', id: m.id, ok: false, error: (e as Error).message });
    }
  }

  private async windowRows(start: number, end: number) {
    const s = Math.max(0, start);
    const e = Math.min(this.length, end, s + MAX_WINDOW);
    if (e <= s) return [];
    return this.view ? this.index.rowsAt(this.view.subarray(s, e)) : this.index.rows(s, e);
  }

  private readonly handlers: Handlers = {
    rows: async ({ start, end, viewId }) => ({ viewId: this.viewId, rows: viewId === this.viewId ? await this.windowRows(start, end) : [] }),
    setFilter: async ({ filter }) => {
      const f = normalize(filter);
      this.view = f ? await this.index.filter(f) : undefined;
      this.viewId++;
      return { viewId: this.viewId, length: this.length };
    },
    event: async ({ row }) => this.index.event(row),
    viewIndexOf: async ({ row }) => {
      if (!this.view) return row < this.index.rowCount ? row : -1;
      let lo = 0;
      let hi = this.view.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (this.view[mid] === row) return mid;
        if (this.view[mid] < row) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
    rowOfLine: async ({ line }) => this.index.rowOfLine(line),
    verify: async ({ chooseTarget }) => {
      this.post({ type: 'verifyStarted' });
      const report = await this.runner.run({ trace: this.file, chooseTarget });
      if (!report) return undefined;
      const result = verifyView(report);
      this.post({ type: 'verifyResult', result });
      // The first mismatch opens in the diff editor at once; the others are a click away in the results list.
      const first = report.checks.find((c) => c.status !== 'pass');
      if (first) await this.diffs.open(this.file, first);
      return result;
    },
    openDiff: async ({ index }) => {
      const check = this.runner.lastReport(this.file)?.checks.find((c) => c.index === index);
      if (!check) throw new Error('That verify result is no longer available; run Verify again.');
      await this.diffs.open(this.file, check);
    },
    revealLine: async ({ line }) => {
      const doc = await vscode.workspace.openTextDocument(this.uri);
      const pos = new vscode.Position(Math.max(0, line - 1), 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.Beside, preview: true });
    },
  };

  dispose(): void {
    this.stopProgress();
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.disposables.forEach((d) => d.dispose());
    this.postListeners.clear();
  }
}

function normalize(f: RowFilter): RowFilter | undefined {
  const out: RowFilter = {};
  if (f.methods?.length) out.methods = f.methods;
  if (f.dir === 'send' || f.dir === 'recv') out.dir = f.dir;
  if (f.kinds?.length) out.kinds = f.kinds;
  if (f.errorsOnly) out.errorsOnly = true;
  if (f.text?.trim()) out.text = f.text.trim();
  return Object.keys(out).length ? out : undefined;
}
