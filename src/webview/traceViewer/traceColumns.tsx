// The timeline's columns: line, time, direction, kind and method (with the JSON-RPC id), latency, size, content.
// The first row of a grouped call (a multi-round call, or a call the server asked questions during) has a twisty
// that shows or hides its other rows, and its latency is the sum of its rounds.
import type { TraceRow } from '../../shared/traceViewerProtocol';
import { dirColumn, methodLabel, timeLabel } from '../components/trafficCells';
import type { Column } from '../components/VirtualTable';
import { Codicon } from '../components/Codicon';

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)}M`;
  return n >= 1024 ? `${(n / 1024).toFixed(1)}K` : `${n}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export interface CallGrouping {
  /** Grouped calls are shown as their first row. */
  collapsed: boolean;
  expanded: ReadonlySet<number>;
  toggle(callRow: number): void;
}

function methodCell(r: TraceRow, g: CallGrouping) {
  const label = methodLabel(r);
  if (r.callRow !== undefined && r.callRow !== r.row) return <span className="tv-call-member">{r.round ? `round ${r.round} · ${label}` : label}</span>;
  if (!r.callMembers || !g.collapsed) return label;
  const open = g.expanded.has(r.row);
  const what = r.callRounds ? `${r.callRounds} rounds` : `${r.callMembers} more`;
  return (
    <span className="tv-call">
      <button
        className="tv-twisty link-button"
        aria-expanded={open}
        title={open ? 'Hide the rounds and questions of this call' : 'Show the rounds and questions of this call'}
        onClick={(e) => {
          e.stopPropagation();
          g.toggle(r.row);
        }}
      >
        <Codicon name={open ? 'chevron-down' : 'chevron-right'} />
      </button>
      {label} <span className="muted">· {what}</span>
    </span>
  );
}

/** A grouped call's latency is the sum of its rounds' latencies. */
function latencyCell(r: TraceRow): string {
  if (r.callLatencyMs !== undefined) return formatMs(r.callLatencyMs);
  return r.latencyMs === undefined ? '' : formatMs(r.latencyMs);
}

export function traceColumns(grouping: CallGrouping): Column<TraceRow>[] {
  return [
    { id: 'line', header: 'Line', width: '64px', render: (r) => r.line, className: 'num' },
    { id: 't', header: 'Time', width: '84px', render: timeLabel, className: 'num', hideBelow: 520 },
    dirColumn<TraceRow>(),
    { id: 'kind', header: 'Kind', width: '90px', render: (r) => (r.kind === 'problem' ? <span className="tv-problem-tag">{r.kind}</span> : r.kind), hideBelow: 640 },
    { id: 'method', header: 'Method', width: 'minmax(100px, 220px)', render: (r) => methodCell(r, grouping) },
    { id: 'latency', header: 'Latency', width: '76px', render: latencyCell, className: 'num', hideBelow: 600 },
    { id: 'size', header: 'Size', width: '60px', render: (r) => formatSize(r.size), className: 'num', hideBelow: 700 },
    { id: 'preview', header: 'Content', width: 'minmax(80px, 1fr)', render: (r) => (r.problem ? r.problem : r.preview) },
  ];
}
