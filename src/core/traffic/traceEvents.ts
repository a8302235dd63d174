// The trace model: what a `*.mcptrace` file holds (JSON Lines, see README "Trace files").
// Line 1 is a TraceHeader; every other line is one TraceEvent. `t` is milliseconds since the trace started
// (fractional, from a monotonic clock). This file is the public contract shared by the recorder, the reader,
// the inspector, the trace viewer and replay: change it only in a backward-compatible way.
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export const TRACE_FORMAT = 'mcptrace';
export const TRACE_VERSION = 1;

export type TraceTransportKind = 'stdio' | 'streamable-http' | 'sse';

/** Where the recorded traffic went. Secrets (env values, secret headers) are already redacted. */
export interface TraceTarget {
  transport: TraceTransportKind;
  command?: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  /** The config entry's name when the target came from `--config F --server N`. */
  name?: string;
}

export interface TraceHeader {
  type: 'header';
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  createdAt: string;
  target: TraceTarget;
  tool: { name: string; version: string };
}

/** One JSON-RPC message; `send` = client to server, `recv` = server to client. */
export interface TraceMessageEvent {
  type: 'message';
  t: number;
  dir: 'send' | 'recv';
  msg: JSONRPCMessage;
}

/** One line a stdio server wrote on stderr (without the newline). */
export interface TraceStderrEvent {
  type: 'stderr';
  t: number;
  text: string;
}

/** One HTTP exchange of an HTTP transport: the response status and headers (secret ones redacted). */
export interface TraceHttpEvent {
  type: 'http';
  t: number;
  status: number;
  headers: Record<string, string>;
  method?: string;
  url?: string;
  /** Milliseconds from sending the request to the response headers. */
  durationMs?: number;
}

export interface TraceTransportEvent {
  type: 'transport';
  t: number;
  event: 'open' | 'close' | 'error';
  detail?: string;
}

/** Free-form annotation: a non-JSON stdout line, a reconnect, a user's comment. */
export interface TraceNoteEvent {
  type: 'note';
  t: number;
  text: string;
  level?: 'info' | 'warning' | 'error';
  data?: unknown;
}

export type TraceEvent = TraceMessageEvent | TraceStderrEvent | TraceHttpEvent | TraceTransportEvent | TraceNoteEvent;
export type TraceEventType = TraceEvent['type'];

/** A TraceEvent before it is stamped with `t`. */
export type UnstampedTraceEvent = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't'> : never) : never;

/** Anything that accepts trace events: a TraceWriter, the session's live event stream, a test's array. */
export interface TraceSink {
  write(event: TraceEvent): void;
}

/** Milliseconds since the trace started. */
export type TraceClock = () => number;

/** A clock starting at zero now, from the monotonic high-resolution timer. */
export function startClock(): TraceClock {
  const start = performance.now();
  return () => Math.round((performance.now() - start) * 1000) / 1000;
}

export function isTraceEvent(v: unknown): v is TraceEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  if (typeof e.t !== 'number') return false;
  switch (e.type) {
    case 'message':
      return (e.dir === 'send' || e.dir === 'recv') && typeof e.msg === 'object' && e.msg !== null;
    case 'stderr':
      return typeof e.text === 'string';
    case 'http':
      return typeof e.status === 'number';
    case 'transport':
      return e.event === 'open' || e.event === 'close' || e.event === 'error';
    case 'note':
      return typeof e.text === 'string';
    default:
      return false;
  }
}
