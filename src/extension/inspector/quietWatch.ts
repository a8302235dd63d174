// Restart-on-change for the dev loop: watches globs through the host and calls back once the files have been
// quiet for a moment, because a build writes many files at once.
import type { Disposable } from './hostApi';
import { realTimers, type Timers } from './timers';

/** Calls `fn` once, `quietMs` after the last `trigger()`. */
export class Debouncer implements Disposable {
  private timer: unknown;

  constructor(
    private readonly quietMs: number,
    private readonly fn: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  trigger(): void {
    this.cancel();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.fn();
    }, this.quietMs);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}

export type WatchFn = (globs: string[], changed: () => void) => Disposable;

/** The current set of watched globs; `set` replaces it, an empty list watches nothing. */
export class QuietWatch implements Disposable {
  private watcher: Disposable | undefined;
  private readonly debounce: Debouncer;

  constructor(
    private readonly watch: WatchFn,
    quietMs: number,
    onQuiet: () => void,
    timers: Timers = realTimers,
  ) {
    this.debounce = new Debouncer(quietMs, onQuiet, timers);
  }

  set(globs: string[]): void {
    this.stop();
    if (globs.length > 0) this.watcher = this.watch(globs, () => this.debounce.trigger());
  }

  private stop(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.debounce.cancel();
  }

  dispose(): void {
    this.stop();
  }
}
