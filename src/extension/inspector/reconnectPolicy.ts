// Automatic reconnection after a server drops: a few attempts with a doubling delay, then give up until the
// developer reconnects. A successful connection starts the count again.
import { realTimers, type Timers } from './timers';

export interface ReconnectOptions {
  /** Delay before the first attempt; each later one waits twice as long. */
  baseMs?: number;
  /** Attempts in a row before giving up. */
  maxAttempts?: number;
}

export class ReconnectPolicy {
  readonly baseMs: number;
  readonly maxAttempts: number;
  private attempts = 0;
  private timer: unknown;

  constructor(
    o: ReconnectOptions = {},
    private readonly timers: Timers = realTimers,
  ) {
    this.baseMs = o.baseMs ?? 500;
    this.maxAttempts = o.maxAttempts ?? 3;
  }

  /** Attempts made since the last success. */
  get attemptsMade(): number {
    return this.attempts;
  }

  get exhausted(): boolean {
    return this.attempts >= this.maxAttempts;
  }

  /** The wait before attempt `n` (0-based): base, 2×base, 4×base, ... */
  delayOf(n: number): number {
    return this.baseMs * 2 ** n;
  }

  /**
   * Schedules `attempt` after the next back-off delay and returns that delay, or undefined when the attempts
   * are used up. A pending attempt is replaced.
   */
  schedule(attempt: () => void): number | undefined {
    if (this.exhausted) return undefined;
    this.cancel();
    const delay = this.delayOf(this.attempts++);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      attempt();
    }, delay);
    return delay;
  }

  /** Connected: the next drop starts again from the first delay. */
  succeeded(): void {
    this.attempts = 0;
  }

  /** Drops a pending attempt (a manual connect, disconnect or dispose); the count is kept. */
  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }
}
