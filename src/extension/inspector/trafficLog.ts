// The panel's traffic: every trace event of every connection of this panel, kept in the extension host.
// The webview gets compact rows in batches; full messages are fetched one at a time (trafficDetail).
import type { TraceEvent, TraceTarget } from '../../core/traffic';
import { TraceWriter } from '../../core/traffic';
import { TrafficRowBuilder, type TrafficRow } from '../../shared/trafficRows';

const FLUSH_MS = 50;

export class TrafficLog {
  private events: TraceEvent[] = [];
  private readonly rows = new TrafficRowBuilder();
  private pending: TrafficRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Offset added to a connection's own clock so times keep growing across reconnects. */
  private offset = 0;
  private readonly started = performance.now();

  constructor(private readonly flush: (rows: TrafficRow[]) => void) {}

  get size(): number {
    return this.events.length;
  }

  /** Call when a new connection starts: its clock starts at 0 again. */
  beginConnection(): void {
    this.offset = performance.now() - this.started;
  }

  add(e: TraceEvent): void {
    const stamped = { ...e, t: Math.round((e.t + this.offset) * 1000) / 1000 } as TraceEvent;
    this.events.push(stamped);
    this.pending.push(this.rows.add(stamped));
    this.timer ??= setTimeout(() => this.flushNow(), FLUSH_MS);
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.flush(rows);
  }

  /** All rows so far (for a webview that was reloaded). */
  allRows(): TrafficRow[] {
    const b = new TrafficRowBuilder();
    return this.events.map((e) => b.add(e));
  }

  event(seq: number): TraceEvent | undefined {
    return this.events[seq];
  }

  clear(): void {
    this.events = [];
    this.pending = [];
    this.rows.reset();
  }

  /** Writes everything as a .mcptrace file (redacted by the core's writer). */
  save(file: string, target: TraceTarget, secrets: string[] = []): number {
    const w = new TraceWriter(file, { target });
    for (const s of secrets) w.redactor.addSecret(s);
    try {
      for (const e of this.events) w.write(e);
    } finally {
      w.close();
    }
    return this.events.length;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
