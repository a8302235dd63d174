// Collects items and hands them over at most every `ms` milliseconds: a chatty server cannot flood the webview.
export class Batcher<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly ms = 50,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.timer ??= setTimeout(() => this.flushNow(), this.ms);
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.flush(items);
  }

  /** Drops what has not been handed over yet (the owner is about to send everything again, or nothing). */
  discard(): void {
    this.items = [];
    this.dispose();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
