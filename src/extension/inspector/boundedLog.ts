// A log the panel keeps (stderr lines, log messages, notifications, HTTP exchanges): the newest `keep` items in
// memory for a reloaded webview, and the new ones handed over in batches.
import { Batcher } from './batcher';

export class BoundedLog<T> {
  private items: T[] = [];
  private readonly batch: Batcher<T>;

  constructor(
    private readonly keep: number,
    flush: (items: T[]) => void,
  ) {
    this.batch = new Batcher(flush);
  }

  push(item: T): void {
    this.items.push(item);
    // Trim in chunks so that a chatty server does not cost a copy per item.
    if (this.items.length > this.keep * 1.25) this.items = this.items.slice(this.items.length - this.keep);
    this.batch.push(item);
  }

  all(): T[] {
    return this.items.length > this.keep ? this.items.slice(this.items.length - this.keep) : [...this.items];
  }

  /** What a (re)loading webview gets; the items still in the batch are in it, so the batch is dropped (not sent twice). */
  snapshot(): T[] {
    this.batch.discard();
    return this.all();
  }

  tail(n: number): T[] {
    return this.items.slice(-n);
  }

  flushNow(): void {
    this.batch.flushNow();
  }

  dispose(): void {
    this.batch.dispose();
  }
}
