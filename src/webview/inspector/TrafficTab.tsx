// Every message of this connection, live and virtualized: requests paired with responses and their latency,
// errors highlighted, direction/kind/method filters, search, and the full JSON of the selected message.
// A multi-round call (2026 input_required) reads as one call: its first request and its final answer, which
// carries the rounds and their summed latency; the answer's twisty shows the rounds in between.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TrafficRow } from '../../shared/trafficRows';
import { trafficPredicate, type TrafficFilter } from './trafficFilter';
import { FilteredRowSource, type RowSource } from '../components/rowSource';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { Codicon } from '../components/Codicon';
import { JsonView } from '../components/JsonView';
import { dirColumn, methodLabel, timeLabel } from '../components/trafficCells';
import { describeError, useInspector } from './context';

function methodCell(r: TrafficRow, expanded: ReadonlySet<number>, toggle: (callSeq: number) => void): ReactNode {
  if (r.callRounds === undefined || r.callSeq === undefined) return r.round ? `${methodLabel(r)} · round ${r.round}` : methodLabel(r);
  const open = expanded.has(r.callSeq);
  return (
    <span>
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        title={open ? 'Hide the rounds of this call' : 'Show the rounds of this call'}
        onClick={(e) => {
          e.stopPropagation();
          toggle(r.callSeq!);
        }}
      >
        <Codicon name={open ? 'chevron-down' : 'chevron-right'} />
      </button>
      {methodLabel(r)} · {r.callRounds} rounds
    </span>
  );
}

/** The columns; a multi-round call's final answer shows the summed latency of its rounds. */
export function trafficColumns(expanded: ReadonlySet<number> = new Set(), toggle: (callSeq: number) => void = () => undefined): Column<TrafficRow>[] {
  return [
    { id: 'seq', header: '#', width: '56px', render: (r) => r.seq, className: 'num' },
    { id: 't', header: 'Time', width: '80px', render: timeLabel, className: 'num', hideBelow: 480 },
    dirColumn<TrafficRow>(),
    { id: 'kind', header: 'Kind', width: '86px', render: (r) => r.kind, hideBelow: 380 },
    { id: 'method', header: 'Method', width: 'minmax(90px, 220px)', render: (r) => methodCell(r, expanded, toggle) },
    { id: 'latency', header: 'Latency', width: '88px', render: (r) => formatLatency(r.callLatencyMs ?? r.latencyMs), className: 'num', hideBelow: 520 },
    { id: 'size', header: 'Size', width: '64px', render: (r) => formatSize(r.size), className: 'num', hideBelow: 640 },
    { id: 'preview', header: 'Content', width: 'minmax(0, 1fr)', render: (r) => r.preview },
  ];
}

function formatLatency(ms: number | undefined): string {
  return ms === undefined ? '' : `${ms.toFixed(1)} ms`;
}

function formatSize(n: number): string {
  if (n === 0) return '';
  return n >= 1024 ? `${(n / 1024).toFixed(1)}K` : `${n}`;
}

export function trafficRowClass(r: TrafficRow): string {
  return `traffic-${r.kind}`;
}

export interface TrafficPaneProps {
  source: RowSource<TrafficRow>;
  /** Loads the full event of a row (the message JSON). */
  detail(seq: number): Promise<unknown>;
  toolbar?: ReactNode;
}

/** The traffic table with filters and the detail view; also usable by a trace viewer with its own source. */
export function TrafficPane({ source, detail, toolbar }: TrafficPaneProps): ReactNode {
  const [filter, setFilter] = useState<TrafficFilter>({ dir: 'all', kind: 'all', method: '', search: '', group: true, expanded: new Set() });
  const columns = useMemo(
    () =>
      trafficColumns(filter.expanded, (callSeq) => {
        const expanded = new Set(filter.expanded);
        if (!expanded.delete(callSeq)) expanded.add(callSeq);
        setFilter({ ...filter, expanded });
      }),
    [filter],
  );
  const filtered = useMemo(() => new FilteredRowSource(source, undefined), [source]);
  useEffect(() => () => filtered.dispose(), [filtered]);
  useEffect(() => filtered.setPredicate(trafficPredicate(filter)), [filtered, filter]);
  const [selected, setSelected] = useState<number>();
  const [shown, setShown] = useState<{ row: TrafficRow; msg?: unknown; pair?: unknown; error?: string }>();

  const select = (i: number, row: TrafficRow) => {
    setSelected(i);
    setShown({ row });
    const pairSeq = row.pairSeq;
    Promise.all([detail(row.seq), pairSeq !== undefined ? detail(pairSeq) : Promise.resolve(undefined)]).then(
      ([msg, pair]) => setShown((s) => (s?.row.seq === row.seq ? { row, msg, pair } : s)),
      (e) => setShown({ row, error: describeError(e) }),
    );
  };

  return (
    <div className="traffic">
      <div className="toolbar" role="toolbar" aria-label="Traffic filters">
        <select aria-label="Direction" value={filter.dir} onChange={(e) => setFilter({ ...filter, dir: e.target.value as TrafficFilter['dir'] })}>
          <option value="all">both directions</option>
          <option value="send">client → server</option>
          <option value="recv">server → client</option>
        </select>
        <select aria-label="Kind" value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.target.value as TrafficFilter['kind'] })}>
          <option value="all">all kinds</option>
          <option value="request">requests</option>
          <option value="response">responses</option>
          <option value="error">errors</option>
          <option value="notification">notifications</option>
          <option value="stderr">stderr</option>
          <option value="transport">transport</option>
        </select>
        <label className="checkbox" title="Show a multi-round call as its first request and its final answer">
          <input type="checkbox" checked={filter.group} onChange={(e) => setFilter({ ...filter, group: e.target.checked })} />
          group calls
        </label>
        <input type="text" aria-label="Method filter" placeholder="method" value={filter.method} onChange={(e) => setFilter({ ...filter, method: e.target.value })} />
        <input type="search" aria-label="Search traffic" placeholder="search" value={filter.search} onChange={(e) => setFilter({ ...filter, search: e.target.value })} />
        {toolbar}
      </div>
      <div className="table-box grow">
        <VirtualTable
          source={filtered}
          columns={columns}
          ariaLabel="Traffic"
          idPrefix="traffic"
          followTail
          selectedIndex={selected}
          onSelect={select}
          rowClassName={trafficRowClass}
          emptyText="No messages yet."
        />
      </div>
      {shown ? (
        <section className="traffic-detail" aria-label="Message detail">
          <div className="row">
            <strong>
              #{shown.row.seq} {shown.row.kind} {shown.row.method ?? ''}
            </strong>
            {shown.row.latencyMs !== undefined ? <span className="muted">{shown.row.latencyMs.toFixed(1)} ms</span> : null}
            {shown.row.pairSeq !== undefined ? <span className="muted">{shown.row.kind === 'request' ? 'response' : 'request'} #{shown.row.pairSeq}</span> : null}
          </div>
          {shown.error ? <p role="alert">{shown.error}</p> : null}
          <div className="detail-columns">
            {shown.msg !== undefined ? <JsonView value={shown.msg} label="Message" /> : null}
            {shown.pair !== undefined ? <JsonView value={shown.pair} label={shown.row.kind === 'request' ? 'Its response' : 'Its request'} /> : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}

export function TrafficTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { host, store } = useInspector();
  const [saved, setSaved] = useState<string>();
  return (
    <TrafficPane
      source={store.traffic}
      detail={(seq) => host.request('trafficDetail', { seq })}
      toolbar={
        <>
          <button type="button" onClick={() => host.request('saveTrace', {}).then(setSaved, (e) => onError(describeError(e)))} title="Save this connection's traffic as a .mcptrace file">
            <Codicon name="save" /> <span className="wide-only">Save trace</span>
          </button>
          <button type="button" onClick={() => host.request('clearTraffic', {}).catch((e) => onError(describeError(e)))} title="Clear the table">
            <Codicon name="clear-all" /> <span className="wide-only">Clear</span>
          </button>
          {saved ? <span className="muted">saved {saved}</span> : null}
        </>
      }
    />
  );
}
