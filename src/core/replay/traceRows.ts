// What the trace index hands out: table rows, filters and the summary. Pure types (no Node imports) so the
// webview can share them through src/shared/traceViewerProtocol.ts.
import type { TraceEra, TraceHeader } from '../traffic/traceEvents';

export const ROW_KINDS = ['request', 'response', 'error', 'notification', 'stderr', 'transport', 'http', 'note', 'problem'] as const;
export type RowKind = (typeof ROW_KINDS)[number];
export type RowDir = 'none' | 'send' | 'recv';

export interface TraceRow {
  /** Position among the rows, from 0. */
  row: number;
  /** 1-based line in the file. */
  line: number;
  t: number;
  kind: RowKind;
  dir: RowDir;
  method?: string;
  rpcId?: string;
  /** The other half of a request/response pair. */
  pairRow?: number;
  latencyMs?: number;
  /** Bytes of the line. */
  size: number;
  /** The first row of the logical call this row belongs to: a multi-round call's rounds, the server's questions. */
  callRow?: number;
  /** The round of a multi-round call, from 1. */
  round?: number;
  /** On the first row of a multi-round call: its rounds and their summed latency. */
  callRounds?: number;
  callLatencyMs?: number;
  /** On the first row of a grouped call: how many later rows belong to it (rounds, questions, answers). */
  callMembers?: number;
  /** A tool result with isError, or a JSON-RPC error. */
  isError: boolean;
  preview: string;
  /** For a problem row: what is wrong with the line. */
  problem?: string;
}

export interface TraceSummary {
  header?: TraceHeader;
  missingHeader: boolean;
  /** The protocol era the trace was recorded in (traces without one are 2025-era). */
  era: TraceEra;
  server?: { name?: string; version?: string; title?: string };
  protocolVersion?: string;
  rows: number;
  requests: number;
  notifications: number;
  errors: number;
  problems: number;
  stderrLines: number;
  durationMs: number;
  /** Calls whose rows are grouped: multi-round calls and calls the server asked questions during. */
  groupedCalls: number;
  methods: Array<{ method: string; count: number; errors: number; totalMs: number; maxMs: number }>;
  slowest: Array<{ row: number; method: string; latencyMs: number }>;
}

export interface RowFilter {
  /** Keep rows whose method is one of these (responses carry their request's method). */
  methods?: string[];
  dir?: 'send' | 'recv';
  kinds?: RowKind[];
  errorsOnly?: boolean;
  /** Case-insensitive text anywhere in the raw line. */
  text?: string;
  /** Show a grouped call as its first row only, unless its first row is in `expandedCalls`. */
  collapseCalls?: boolean;
  expandedCalls?: number[];
}

