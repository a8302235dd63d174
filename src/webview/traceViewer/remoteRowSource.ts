// A RowSource over rows that live in the extension host: pages are fetched when the table shows them and kept
// in a small cache, so the webview holds a few hundred rows of a trace however large the file is.
import type { TraceRow } from '../../shared/traceViewerProtocol';
import { BaseRowSource } from '../components/rowSource';

const PAGE = 100;
const MAX_PAGES = 40;

export type FetchRows = (start: number, end: number, viewId: number) => Promise<{ viewId: number; rows: TraceRow[] }>;

export class RemoteRowSource extends BaseRowSource<TraceRow> {
  private count = 0;
  private viewId = 0;
  private readonly pages = new Map<number, TraceRow[]>();
  private readonly loading = new Set<number>();
  /** The window the table last asked for: a reset refills it, since the table does not ask again for the same one. */
  private wanted: [number, number] = [0, 0];

  constructor(private readonly fetch: FetchRows) {
    super();
  }

  get length(): number {
    return this.count;
  }

  get currentViewId(): number {
    return this.viewId;
  }

  get(index: number): TraceRow | undefined {
    const page = this.pages.get(Math.floor(index / PAGE));
    return page?.[index % PAGE];
  }

  /** A new view (filter) or the first one: drops every cached page. `first` are its first rows, if known. */
  reset(viewId: number, length: number, first: TraceRow[] = []): void {
    this.viewId = viewId;
    this.count = length;
    this.pages.clear();
    this.loading.clear();
    for (let p = 0; p * PAGE < first.length; p++) {
      const rows = first.slice(p * PAGE, (p + 1) * PAGE);
      if (rows.length === PAGE || (p + 1) * PAGE >= length) this.pages.set(p, rows);
    }
    this.changed();
    this.ensureRange(...this.wanted);
  }

  /** The same view grew (indexing went on): keep pages, drop a partial last page so it is fetched again. */
  grow(viewId: number, length: number): void {
    if (viewId !== this.viewId) return;
    const lastPage = Math.floor((this.count - 1) / PAGE);
    if (this.pages.get(lastPage)?.length !== PAGE) this.pages.delete(lastPage);
    this.count = length;
    this.changed();
    this.ensureRange(...this.wanted);
  }

  ensureRange(start: number, end: number): void {
    this.wanted = [start, end];
    for (let p = Math.floor(start / PAGE); p * PAGE < Math.min(end, this.count); p++) {
      if (this.pages.has(p) || this.loading.has(p)) continue;
      this.loading.add(p);
      const viewId = this.viewId;
      this.fetch(p * PAGE, Math.min((p + 1) * PAGE, this.count), viewId).then(
        (r) => {
          this.loading.delete(p);
          if (r.viewId !== this.viewId || viewId !== this.viewId) return;
          this.pages.set(p, r.rows);
          this.evict(p);
          this.changed();
        },
        () => this.loading.delete(p),
      );
    }
  }

  /** Keeps the cache bounded: pages far from the one just loaded go first. */
  private evict(near: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
    for (const p of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }
}
