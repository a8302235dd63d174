// The index side of the trace viewer protocol, free of `vscode`: the current filtered view over a TraceIndex and
// the answers to rows / setFilter / event / viewIndexOf / rowOfLine. The custom editor wraps it; the benchmark
// serves it to a plain Chromium page.
import type { TraceIndex } from '../../core/replay/traceIndex';
import type { RowFilter, TraceRow } from '../../core/replay/traceRows';
import type { TraceViewerEvent, TvParams, TvResult } from '../../shared/traceViewerProtocol';

export const FIRST_ROWS = 200;
/** A message larger than this reaches the detail pane as the start of its text only. */
export const MAX_DETAIL_BYTES = 1024 * 1024;
const MAX_WINDOW = 2000;

export type IndexMethod = 'rows' | 'setFilter' | 'event' | 'viewIndexOf' | 'rowOfLine';
type IndexHandlers = { [M in IndexMethod]: (p: TvParams<M>) => Promise<TvResult<M>> };

export class TraceViewerBackend {
  private view: Int32Array | undefined;
  private filter: RowFilter | undefined;
  viewId = 0;

  constructor(readonly index: TraceIndex) {}

  get length(): number {
    return this.view ? this.view.length : this.index.rowCount;
  }

  async initEvent(file: string): Promise<TraceViewerEvent> {
    return {
      type: 'init',
      file,
      summary: this.index.summary(),
      methods: this.index.methods,
      complete: this.index.complete,
      length: this.length,
      viewId: this.viewId,
      firstRows: await this.windowRows(0, FIRST_ROWS),
    };
  }

  progressEvent(): TraceViewerEvent {
    return { type: 'progress', summary: this.index.summary(), methods: this.index.methods, complete: this.index.complete, length: this.length, viewId: this.viewId };
  }

  async windowRows(start: number, end: number): Promise<TraceRow[]> {
    const s = Math.max(0, start);
    const e = Math.min(this.length, end, s + MAX_WINDOW);
    if (e <= s) return [];
    return this.view ? this.index.rowsAt(this.view.subarray(s, e)) : this.index.rows(s, e);
  }

  readonly handlers: IndexHandlers = {
    rows: async ({ start, end, viewId }) => ({ viewId: this.viewId, rows: viewId === this.viewId ? await this.windowRows(start, end) : [] }),
    setFilter: async ({ filter }) => {
      const f = normalizeFilter(filter);
      this.filter = f;
      this.view = f ? await this.index.filter(f) : undefined;
      this.viewId++;
      return { viewId: this.viewId, length: this.length };
    },
    event: async ({ row }) => {
      const e = await this.index.event(row);
      if (e.row.size <= MAX_DETAIL_BYTES) return e;
      return { row: e.row, text: `${e.text.slice(0, MAX_DETAIL_BYTES)}…`, truncated: true };
    },
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
  };

  /** After the index grew: the filtered view is computed again (a new view id); the unfiltered one just grows. */
  async refilter(): Promise<void> {
    if (!this.filter) return;
    this.view = await this.index.filter(this.filter);
    this.viewId++;
  }

  handles(method: string): method is IndexMethod {
    return method in this.handlers;
  }
}

export function normalizeFilter(f: RowFilter): RowFilter | undefined {
  const out: RowFilter = {};
  if (f.methods?.length) out.methods = f.methods;
  if (f.dir === 'send' || f.dir === 'recv') out.dir = f.dir;
  if (f.kinds?.length) out.kinds = f.kinds;
  if (f.errorsOnly) out.errorsOnly = true;
  if (f.text?.trim()) out.text = f.text.trim();
  if (f.collapseCalls) {
    out.collapseCalls = true;
    if (f.expandedCalls?.length) out.expandedCalls = f.expandedCalls;
  }
  return Object.keys(out).length ? out : undefined;
}
