// The panel's traffic: every trace event of every connection of this panel, kept in the extension host.
// The webview gets compact rows in batches; full messages are fetched one at a time (trafficDetail).
import type { TraceEvent, TraceTarget } from '../../core/traffic';
import { TraceWriter } from '../../core/traffic';
import { TrafficRowBuilder, type TrafficRow } from '../../shared/trafficRows';
import { Batcher } from './batcher';

const FLUSH_MS = 50;

export interface TrafficLogLimits {
  /** Beyond this many events the oldest `trimBy` are dropped, so a chatty server cannot exhaust memory. */
  maxEvents: number;
  trimBy: number;
}

export const DEFAULT_TRAFFIC_LIMITS: TrafficLogLimits = { maxEvents: 250_000, trimBy: 50_000 };

export class TrafficLog {
  private events: TraceEvent[] = [];
  private rows = new TrafficRowBuilder();
  /** Events dropped from the start so far (they are no longer in a saved trace either). */
  dropped = 0;
  private readonly pending = new Batcher<TrafficRow>((rows) => this.flush(rows), FLUSH_MS);
  /** Offset added to a connection's own clock so times keep growing across reconnects. */
  private offset = 0;
  private readonly started = performance.now();

  constructor(
    private readonly flush: (rows: TrafficRow[], reset?: boolean) => void,
    private readonly limits: TrafficLogLimits = DEFAULT_TRAFFIC_LIMITS,
  ) {}

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
    if (this.events.length > this.limits.maxEvents) {
      this.trim();
      return;
    }
    this.pending.push(this.rows.add(stamped));
  }

  /** Drops the oldest events and renumbers the rest from 0; the webview gets the rows again as a reset. */
  private trim(): void {
    const drop = Math.min(this.limits.trimBy, this.events.length);
    this.events = this.events.slice(drop);
    this.dropped += drop;
    const builder = new TrafficRowBuilder();
    const rows = this.events.map((e) => builder.add(e));
    this.rows = builder;
    this.pending.discard();
    this.flush(rows, true);
  }

  flushNow(): void {
    this.pending.flushNow();
  }

  /**
   * All rows so far, for a webview that (re)loads. Rows still waiting in the batch are part of it, so the batch is
   * dropped: flushed later, they would be appended a second time after the snapshot's reset.
   */
  snapshot(): TrafficRow[] {
    this.pending.discard();
    return this.allRows();
  }

  /** All rows so far. */
  allRows(): TrafficRow[] {
    const b = new TrafficRowBuilder();
    return this.events.map((e) => b.add(e));
  }

  event(seq: number): TraceEvent | undefined {
    return this.events[seq];
  }

  clear(): void {
    this.events = [];
    this.pending.discard();
    this.rows.reset();
    this.dropped = 0;
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
    this.pending.dispose();
  }
}
