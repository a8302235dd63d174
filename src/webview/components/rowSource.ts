// Where a virtualized table gets its rows. A table asks only for the rows it shows (a window), so a source can
// hold everything in memory (ArrayRowSource), filter another source (FilteredRowSource), or fetch pages on
// demand from the extension host (a trace viewer's source of a large file).

export interface RowSource<T> {
  /** Number of rows right now. */
  readonly length: number;
  /** The row at `index`, or undefined while it is not loaded yet (the table draws a placeholder). */
  get(index: number): T | undefined;
  /** Called with the visible window (plus overscan) whenever it changes; a remote source loads it. */
  ensureRange?(start: number, end: number): void;
  /** Listeners run after rows are added, replaced or loaded. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Changes on every mutation, for useSyncExternalStore. */
  readonly version: number;
}

/** Shared listener bookkeeping with change batching: many appends in one task notify once. */
export abstract class BaseRowSource<T> implements RowSource<T> {
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  version = 0;
  abstract readonly length: number;
  abstract get(index: number): T | undefined;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected changed(): void {
    this.version++;
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      for (const l of [...this.listeners]) l();
    });
  }
}

/** An in-memory, append-friendly source. */
export class ArrayRowSource<T> extends BaseRowSource<T> {
  private rows: T[] = [];

  get length(): number {
    return this.rows.length;
  }

  get(index: number): T | undefined {
    return this.rows[index];
  }

  all(): readonly T[] {
    return this.rows;
  }

  append(rows: readonly T[]): void {
    if (rows.length === 0) return;
    for (const r of rows) this.rows.push(r);
    this.changed();
  }

  /** Replaces a row in place (e.g. a request gaining its latency when the response arrives). */
  update(index: number, row: T): void {
    if (index < 0 || index >= this.rows.length) return;
    this.rows[index] = row;
    this.changed();
  }

  reset(rows: T[] = []): void {
    this.rows = rows;
    this.changed();
  }
}

/**
 * A filtered view over another source. The predicate runs once per row: new rows of the base are filtered
 * incrementally (append-only bases), and a new predicate rescans.
 */
export class FilteredRowSource<T> extends BaseRowSource<T> {
  private indices: number[] = [];
  private scanned = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly base: RowSource<T>,
    private predicate: ((row: T) => boolean) | undefined,
  ) {
    super();
    this.scan();
    this.unsubscribe = base.subscribe(() => {
      if (base.length < this.scanned) this.rescan();
      else this.scan();
      // Rows of the base may have been replaced in place: redraw even when nothing was added.
      this.changed();
    });
  }

  get length(): number {
    return this.predicate ? this.indices.length : this.base.length;
  }

  get(index: number): T | undefined {
    return this.predicate ? this.base.get(this.indices[index]) : this.base.get(index);
  }

  /** The index in the base source of a row of this view. */
  baseIndex(index: number): number {
    return this.predicate ? this.indices[index] : index;
  }

  setPredicate(predicate: ((row: T) => boolean) | undefined): void {
    this.predicate = predicate;
    this.rescan();
  }

  dispose(): void {
    this.unsubscribe();
  }

  private rescan(): void {
    this.indices = [];
    this.scanned = 0;
    this.scan();
    this.changed();
  }

  private scan(): void {
    const n = this.base.length;
    if (this.predicate) {
      for (let i = this.scanned; i < n; i++) {
        const row = this.base.get(i);
        if (row !== undefined && this.predicate(row)) this.indices.push(i);
      }
    }
    const grew = n !== this.scanned;
    this.scanned = n;
    if (grew) this.changed();
  }
}
