// The typed message protocol between the trace viewer (a custom editor in the extension host) and its webview.
// The host indexes the file; the webview only ever asks for windows of rows, one event at a time for the detail
// pane, and filtered row numbers. Same shape as the inspector's protocol: `ready`, requests with ids, responses.
import type { RowFilter, TraceRow, TraceSummary } from '../core/replay/traceRows';

export const TRACE_VIEWER_VIEW_TYPE = 'mcpWorkbench.traceViewer';

export type { RowFilter, TraceRow, TraceSummary };

/** What a verify run shows in the viewer: the report without the bulky compared bodies. */
export interface VerifyView {
  ok: boolean;
  target: string;
  /** The trace's era and the era the replay ran in. */
  recordedProtocolVersion?: string;
  protocolVersion?: string;
  durationMs: number;
  error?: string;
  warnings: string[];
  counts: { checks: number; passed: number; failed: number; missing: number };
  checks: Array<{ index: number; line: number; label: string; status: 'pass' | 'fail' | 'missing'; findings: Array<{ kind: string; message: string }>; differences: string[]; failure?: string }>;
}

export interface TraceViewerRequests {
  /** Rows [start, end) of the current view (all rows, or the filtered ones). */
  rows: { params: { start: number; end: number; viewId: number }; result: { viewId: number; rows: TraceRow[] } };
  /** Applies a filter; the result is the new view's length. */
  setFilter: { params: { filter: RowFilter }; result: { viewId: number; length: number } };
  /** The full event of a row, pretty-printed by the webview. */
  event: { params: { row: number }; result: { row: TraceRow; value?: unknown; text: string; truncated?: boolean } };
  /** The view index of a trace row (for "go to pair" and playback), or -1 when the filter hides it. */
  viewIndexOf: { params: { row: number }; result: number };
  /** The row of a 1-based file line (the first row at or after it). */
  rowOfLine: { params: { line: number }; result: number };
  /** Replays the trace against its server (or one the user picks) and compares the answers. */
  verify: { params: { chooseTarget: boolean }; result: VerifyView | undefined };
  /** Opens a failed check's recorded and new answers in VS Code's diff editor. */
  openDiff: { params: { index: number }; result: void };
  /** Opens the trace as text at a line. */
  revealLine: { params: { line: number }; result: void };
}

export type TraceViewerMethod = keyof TraceViewerRequests;
export type TvParams<M extends TraceViewerMethod> = TraceViewerRequests[M]['params'];
export type TvResult<M extends TraceViewerMethod> = TraceViewerRequests[M]['result'];

export type TraceViewerRequestMessage = { [M in TraceViewerMethod]: { type: 'request'; id: number; method: M; params: TvParams<M> } }[TraceViewerMethod];

export type TraceViewerToHost = { type: 'ready' } | TraceViewerRequestMessage;

export type TraceViewerEvent =
  | { type: 'init'; file: string; summary: TraceSummary; methods: string[]; complete: boolean; length: number; viewId: number; firstRows: TraceRow[] }
  /** Indexing progressed: more rows (the unfiltered view grows). */
  | { type: 'progress'; summary: TraceSummary; methods: string[]; complete: boolean; length: number; viewId: number }
  | { type: 'verifyStarted' }
  /** Answers compared so far during a verify run. */
  | { type: 'verifyProgress'; checked: number; changed: number }
  | { type: 'verifyResult'; result: VerifyView };

export type TraceViewerFromHost =
  | TraceViewerEvent
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

export function isTraceViewerMessage(m: unknown): m is TraceViewerToHost {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'ready') return true;
  return t === 'request' && typeof (m as { id?: unknown }).id === 'number' && typeof (m as { method?: unknown }).method === 'string';
}
