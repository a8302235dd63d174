// Wraps any SDK transport so that every message both ways, and the transport's open/close/error, become trace
// events. The wrapper is itself a Transport: hand it to the SDK Client instead of the original.
import type { JSONRPCMessage, MessageExtraInfo, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import { isTraceConnectionSink, startClock, TraceClock, TraceConnectionSink, TraceEvent, TraceSink, UnstampedTraceEvent } from './traceEvents';

export interface TapOptions {
  /** Shared with other recorders of the same session (stderr, HTTP) so that `t` is comparable. */
  clock?: TraceClock;
}

/** Stamps events with a clock and hands them to a sink; the one place that assigns `t`. */
export class TraceRecorder {
  readonly clock: TraceClock;
  constructor(
    private readonly sink: TraceSink,
    clock?: TraceClock,
  ) {
    this.clock = clock ?? startClock();
  }

  record(event: UnstampedTraceEvent): void {
    // `t` right after `type`, as in the documented examples (a later key keeps the position of the first).
    const { type, ...rest } = event;
    this.sink.write({ type, t: this.clock(), ...rest } as TraceEvent);
  }
}

class TappedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private closeRecorded = false;

  constructor(
    readonly inner: Transport,
    private readonly recorder: TraceRecorder,
  ) {
    inner.onmessage = (message, extra) => {
      this.recorder.record({ type: 'message', dir: 'recv', msg: message });
      this.onmessage?.(message, extra);
    };
    inner.onclose = () => {
      // Some transports report close twice (the SDK's in-memory pair does); the trace says it once.
      if (!this.closeRecorded) this.recorder.record({ type: 'transport', event: 'close' });
      this.closeRecorded = true;
      this.onclose?.();
    };
    inner.onerror = (error) => {
      this.recorder.record({ type: 'transport', event: 'error', detail: error?.message ?? String(error) });
      this.onerror?.(error);
    };
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  get hasPerRequestStream(): boolean | undefined {
    return this.inner.hasPerRequestStream;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  setSupportedProtocolVersions(versions: string[]): void {
    this.inner.setSupportedProtocolVersions?.(versions);
  }

  async start(): Promise<void> {
    await this.inner.start();
    this.recorder.record({ type: 'transport', event: 'open' });
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    this.recorder.record({ type: 'message', dir: 'send', msg: message });
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Returns a Transport that records into `sink` (or a recorder shared with other taps of the same session). */
export function tapTransport(transport: Transport, sink: TraceSink | TraceRecorder, options: TapOptions = {}): Transport {
  const recorder = sink instanceof TraceRecorder ? sink : new TraceRecorder(sink, options.clock);
  return new TappedTransport(transport, recorder);
}

/**
 * Sends every event to several sinks (a writer and a live view); a failing sink is reported, never starves the
 * others. The connect's progress reaches the sinks that want it (a TraceWriter completing its header).
 */
export function teeSinks(sinks: Array<TraceSink | undefined>, onError?: (error: unknown, sink: TraceSink) => void): TraceConnectionSink {
  const list = sinks.filter((s): s is TraceSink => !!s);
  const each = (f: (s: TraceSink) => void) => {
    for (const s of list) {
      try {
        f(s);
      } catch (e) {
        onError?.(e, s);
      }
    }
  };
  return {
    write: (event) => each((s) => s.write(event)),
    connecting: () => each((s) => isTraceConnectionSink(s) && s.connecting()),
    connected: (info) => each((s) => isTraceConnectionSink(s) && s.connected(info)),
    connectFailed: () => each((s) => isTraceConnectionSink(s) && s.connectFailed()),
  };
}
