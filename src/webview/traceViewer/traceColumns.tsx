// The timeline's columns: line, time, direction, kind and method (with the JSON-RPC id), latency, size, content.
import type { TraceRow } from '../../shared/traceViewerProtocol';
import { dirColumn, methodLabel, timeLabel } from '../components/trafficCells';
import type { Column } from '../components/VirtualTable';

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)}M`;
  return n >= 1024 ? `${(n / 1024).toFixed(1)}K` : `${n}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export const traceColumns: Column<TraceRow>[] = [
  { id: 'line', header: 'Line', width: '64px', render: (r) => r.line, className: 'num' },
  { id: 't', header: 'Time', width: '84px', render: timeLabel, className: 'num', hideBelow: 520 },
  dirColumn<TraceRow>(),
  { id: 'kind', header: 'Kind', width: '90px', render: (r) => (r.kind === 'problem' ? <span className="tv-problem-tag">{r.kind}</span> : r.kind), hideBelow: 640 },
  { id: 'method', header: 'Method', width: 'minmax(100px, 180px)', render: methodLabel },
  { id: 'latency', header: 'Latency', width: '76px', render: (r) => (r.latencyMs === undefined ? '' : formatMs(r.latencyMs)), className: 'num', hideBelow: 600 },
  { id: 'size', header: 'Size', width: '60px', render: (r) => formatSize(r.size), className: 'num', hideBelow: 700 },
  { id: 'preview', header: 'Content', width: 'minmax(80px, 1fr)', render: (r) => (r.problem ? r.problem : r.preview) },
];
