// The dev loop's timing without a server: the reconnect back-off and the quiet period after file changes,
// on a clock the test moves by hand.
import { strict as assert } from 'node:assert';
import { Debouncer, QuietWatch } from '../../../src/extension/inspector/quietWatch';
import { ReconnectPolicy } from '../../../src/extension/inspector/reconnectPolicy';
import type { Timers } from '../../../src/extension/inspector/timers';

class ManualClock implements Timers {
  now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Moves time on, running what falls due in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }
}

describe('ReconnectPolicy', () => {
  it('waits 500, 1000 and 2000 ms, then gives up', () => {
    const clock = new ManualClock();
    const policy = new ReconnectPolicy({}, clock);
    const delays: Array<number | undefined> = [];
    let attempts = 0;
    for (let i = 0; i < 4; i++) {
      delays.push(policy.schedule(() => attempts++));
      clock.advance(10_000);
    }
    assert.deepEqual(delays, [500, 1000, 2000, undefined]);
    assert.equal(attempts, 3);
    assert.equal(policy.exhausted, true);
  });

  it('runs an attempt only when its delay has passed', () => {
    const clock = new ManualClock();
    const policy = new ReconnectPolicy({ baseMs: 100, maxAttempts: 5 }, clock);
    let attempts = 0;
    policy.schedule(() => attempts++);
    clock.advance(99);
    assert.equal(attempts, 0);
    clock.advance(1);
    assert.equal(attempts, 1);
    assert.equal(policy.schedule(() => attempts++), 200);
  });

  it('starts from the first delay again after a success', () => {
    const clock = new ManualClock();
    const policy = new ReconnectPolicy({}, clock);
    policy.schedule(() => undefined);
    policy.schedule(() => undefined);
    assert.equal(policy.attemptsMade, 2);
    policy.succeeded();
    assert.equal(policy.schedule(() => undefined), 500);
  });

  it('drops a pending attempt on cancel, and a new schedule replaces the old one', () => {
    const clock = new ManualClock();
    const policy = new ReconnectPolicy({}, clock);
    let attempts = 0;
    policy.schedule(() => attempts++);
    policy.cancel();
    assert.equal(policy.pending, false);
    clock.advance(10_000);
    assert.equal(attempts, 0);
    policy.schedule(() => attempts++);
    policy.schedule(() => attempts++);
    assert.equal(clock.pending, 1);
    clock.advance(10_000);
    assert.equal(attempts, 1);
  });
});

describe('Debouncer', () => {
  it('calls once, a quiet period after the last trigger', () => {
    const clock = new ManualClock();
    let calls = 0;
    const d = new Debouncer(400, () => calls++, clock);
    d.trigger();
    clock.advance(300);
    d.trigger();
    clock.advance(300);
    d.trigger();
    clock.advance(399);
    assert.equal(calls, 0);
    clock.advance(1);
    assert.equal(calls, 1);
    clock.advance(10_000);
    assert.equal(calls, 1);
  });

  it('calls nothing once disposed', () => {
    const clock = new ManualClock();
    let calls = 0;
    const d = new Debouncer(400, () => calls++, clock);
    d.trigger();
    d.dispose();
    clock.advance(10_000);
    assert.equal(calls, 0);
  });
});

describe('QuietWatch', () => {
  function fixture() {
    const clock = new ManualClock();
    const watched: Array<{ globs: string[]; changed(): void; disposed: boolean }> = [];
    let quiet = 0;
    const w = new QuietWatch(
      (globs, changed) => {
        const entry = { globs, changed, disposed: false };
        watched.push(entry);
        return { dispose: () => (entry.disposed = true) };
      },
      400,
      () => quiet++,
      clock,
    );
    return { clock, watched, w, quiet: () => quiet };
  }

  it('turns a burst of changes into one restart', () => {
    const f = fixture();
    f.w.set(['src/**/*.ts']);
    for (let i = 0; i < 20; i++) {
      f.watched[0].changed();
      f.clock.advance(50);
    }
    assert.equal(f.quiet(), 0);
    f.clock.advance(400);
    assert.equal(f.quiet(), 1);
  });

  it('replaces the watcher on new globs, watches nothing for none, and forgets a pending restart', () => {
    const f = fixture();
    f.w.set(['a/**']);
    f.watched[0].changed();
    f.w.set(['b/**']);
    assert.equal(f.watched[0].disposed, true);
    assert.deepEqual(f.watched[1].globs, ['b/**']);
    f.clock.advance(10_000);
    assert.equal(f.quiet(), 0, 'the change under the old globs was dropped');
    f.w.set([]);
    assert.equal(f.watched[1].disposed, true);
    assert.equal(f.watched.length, 2);
    f.w.dispose();
  });
});
