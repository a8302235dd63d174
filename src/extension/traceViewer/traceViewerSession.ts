// One open trace viewer: the backend over the file's index (built in the extension host, streaming from disk),
// plus what needs the editor: verify with the diff editor, opening the text at a line, and the webview channel.
// The webview never receives more than a window of rows.
import * as vscode from 'vscode';
import type { TraceIndex } from '../../core/replay/traceIndex';
import type { TraceViewerFromHost, TvParams, TvResult } from '../../shared/traceViewerProtocol';
import { isTraceViewerMessage } from '../../shared/traceViewerProtocol';
import { TraceViewerBackend } from './traceViewerBackend';
import type { VerifyDiffs } from './verifyDiffs';
import { verifyView, type VerifyRunner } from './verifyRunner';

const PROGRESS_EVERY_MS = 250;
/** A trace being recorded grows line by line: read what was appended at most this often. */
const FOLLOW_DEBOUNCE_MS = 300;

type EditorMethod = 'verify' | 'openDiff' | 'revealLine';
type EditorHandlers = { [M in EditorMethod]: (p: TvParams<M>) => Promise<TvResult<M>> };

export class TraceViewerSession implements vscode.Disposable {
  readonly backend: TraceViewerBackend;
  private ready = false;
  private lastProgress = 0;
  private progressTimer: NodeJS.Timeout | undefined;
  private readonly postListeners = new Set<(m: TraceViewerFromHost) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stopProgress: () => void;
  private followTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly index: TraceIndex,
    private readonly webview: vscode.Webview | undefined,
    private readonly runner: VerifyRunner,
    private readonly diffs: VerifyDiffs,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.backend = new TraceViewerBackend(index);
    if (webview) this.disposables.push(webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.stopProgress = index.onProgress(() => this.progress());
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop()!), true, false, true);
    this.disposables.push(watcher, watcher.onDidChange(() => this.follow()));
  }

  /** The file changed on disk (a recording appends to it): index the new lines and tell the webview. */
  private follow(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(async () => {
      this.followTimer = undefined;
      try {
        if (!(await this.index.refresh())) return;
        await this.backend.refilter();
        if (this.ready) this.post(this.backend.progressEvent());
      } catch (e) {
        this.log.warn(`trace viewer: ${(e as Error).message}`);
        void vscode.window.showWarningMessage((e as Error).message);
      }
    }, FOLLOW_DEBOUNCE_MS);
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

  private progress(): void {
    if (!this.ready) return;
    const send = () => {
      this.progressTimer = undefined;
      this.lastProgress = Date.now();
      this.post(this.backend.progressEvent());
    };
    if (this.index.complete || Date.now() - this.lastProgress >= PROGRESS_EVERY_MS) {
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
      this.post(await this.backend.initEvent(vscode.workspace.asRelativePath(this.uri)));
      return;
    }
    try {
      const handler = (this.backend.handles(m.method) ? this.backend.handlers[m.method] : this.editorHandlers[m.method as EditorMethod]) as (p: unknown) => Promise<unknown>;
      const result = await handler(m.params);
      this.post({ type: 'response', id: m.id, ok: true, result });
    } catch (e) {
      this.post({ type: 'response', id: m.id, ok: false, error: (e as Error).message });
    }
  }

  private readonly editorHandlers: EditorHandlers = {
    verify: async ({ chooseTarget }) => {
      this.post({ type: 'verifyStarted' });
      let checked = 0;
      let changed = 0;
      let last = 0;
      const report = await this.runner.run({
        trace: this.file,
        chooseTarget,
        onCheck: (c) => {
          checked++;
          if (c.status !== 'pass') changed++;
          if (Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          this.post({ type: 'verifyProgress', checked, changed });
        },
      });
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
    if (this.followTimer) clearTimeout(this.followTimer);
    this.disposables.forEach((d) => d.dispose());
    this.postListeners.clear();
  }
}
