// The trace model: what a `*.mcptrace` file holds (JSON Lines, see README "Trace files").
// Line 1 is a TraceHeader; every other line is one TraceEvent. `t` is milliseconds since the trace started
// (fractional, from a monotonic clock). This file is the public contract shared by the recorder, the reader,
// the inspector, the trace viewer and replay: change it only in a backward-compatible way.
import type { JSONRPCMessage } from '@modelcontextprotocol/client';

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

/** 2025: the initialize handshake and server-to-client requests; 2026: stateless 2026-07-28 and later. */
export type TraceEra = '2025' | '2026';

/** What the client declared when it connected. */
export interface TraceClientDeclaration {
  info?: { name: string; version: string; [key: string]: unknown };
  capabilities?: Record<string, unknown>;
  /** The `extensions` capability (2026), by extension id. */
  extensions?: Record<string, unknown>;
}

export interface TraceHeader {
  type: 'header';
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  createdAt: string;
  target: TraceTarget;
  tool: { name: string; version: string };
  /** The era of the recorded connection; absent in traces written before eras (read as 2025). */
  era?: TraceEra;
  /** The negotiated protocol version. */
  protocolVersion?: string;
  /** The server's `initialize` result (2025 era). */
  initialize?: Record<string, unknown>;
  /** The server's `server/discover` result (2026 era). */
  discover?: Record<string, unknown>;
  client?: TraceClientDeclaration;
}

/** A header's era; traces without one were recorded in the 2025 era. */
export function traceEra(header: Pick<TraceHeader, 'era'> | undefined): TraceEra {
  return header?.era === '2026' ? '2026' : '2025';
}

/** The `_meta` key under which a 2026 result names the server. */
export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo';

export interface ServerIdentity {
  serverInfo?: { name: string; version: string; title?: string };
  capabilities?: Record<string, unknown>;
  instructions?: string;
}

/** Who the server says it is, from an `initialize` result (2025) or a `server/discover` result (2026). */
export function serverIdentity(result: Record<string, unknown> | undefined): ServerIdentity {
  if (!result) return {};
  const serverInfo = (result.serverInfo ?? (result._meta as Record<string, unknown> | undefined)?.[SERVER_INFO_META_KEY]) as ServerIdentity['serverInfo'];
  return {
    serverInfo,
    capabilities: result.capabilities as Record<string, unknown> | undefined,
    instructions: typeof result.instructions === 'string' ? result.instructions : undefined,
  };
}

/** The era a protocol version belongs to. */
export function eraOfVersion(version: string): TraceEra {
  return version >= '2026-07-28' ? '2026' : '2025';
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
  /** The request's headers (Authorization and other secrets redacted by the writer), e.g. Mcp-Method, Mcp-Name. */
  requestHeaders?: Record<string, string>;
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

/** What a completed connect tells the trace header. */
export interface TraceConnectionInfo {
  era: TraceEra;
  protocolVersion: string;
  /** The server's `initialize` result (2025 era). */
  initialize?: Record<string, unknown>;
  /** The server's `server/discover` result (2026 era). */
  discover?: Record<string, unknown>;
  /** What the client declared: its info, capabilities and extensions. */
  client?: TraceClientDeclaration;
}

/**
 * A sink that wants to know how the connection was established (a TraceWriter, or a tee holding one). The Session
 * calls `connecting()` before its first event, then `connected(info)` or `connectFailed()`.
 */
export interface TraceConnectionSink extends TraceSink {
  connecting(): void;
  connected(info: TraceConnectionInfo): void;
  connectFailed(): void;
}

export function isTraceConnectionSink(sink: TraceSink | undefined): sink is TraceConnectionSink {
  const s = sink as Partial<TraceConnectionSink> | undefined;
  return typeof s?.connecting === 'function' && typeof s.connected === 'function' && typeof s.connectFailed === 'function';
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
