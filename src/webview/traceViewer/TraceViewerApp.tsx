// The trace viewer: summary, filters, playback controls and Verify above a virtualized timeline whose rows are
// fetched from the extension host a window at a time, with the selected message's JSON beside it.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RowFilter, TraceSummary, TraceViewerEvent, VerifyView } from '../../shared/traceViewerProtocol';
import { Codicon, IconButton } from '../components/Codicon';
import { VirtualTable } from '../components/VirtualTable';
import { RemoteRowSource } from './remoteRowSource';
import { traceColumns, type CallGrouping } from './traceColumns';
import { TraceDetail } from './TraceDetail';
import type { TraceHost } from './traceHost';
import { TraceSummaryBar } from './TraceSummaryBar';
import { SPEEDS, usePlayback } from './usePlayback';
import { VerifyPanel } from './VerifyPanel';
import './traceViewer.css';

/** What survives a window reload (vscode.setState). */
export interface TraceViewerState {
  filter: RowFilter;
  search: string;
  selectedRow?: number;
}

interface Loaded {
  file: string;
  summary: TraceSummary;
  methods: string[];
  complete: boolean;
}

export function TraceViewerApp({ host, initialState, onState }: { host: TraceHost; initialState?: TraceViewerState; onState?(s: TraceViewerState): void }): ReactNode {
  const source = useMemo(() => new RemoteRowSource((start, end, viewId) => host.request('rows', { start, end, viewId })), [host]);
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [filter, setFilter] = useState<RowFilter>(initialState?.filter ?? {});
  const [search, setSearch] = useState(initialState?.search ?? '');
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [selectedRow, setSelectedRow] = useState<number | undefined>(initialState?.selectedRow);
  const [scrollTo, setScrollTo] = useState<number | undefined>(undefined);
  const [verifying, setVerifying] = useState(false);
  const [verifyProgress, setVerifyProgress] = useState<{ checked: number; changed: number } | undefined>(undefined);
  const [verifyResult, setVerifyResult] = useState<VerifyView | undefined>(undefined);
  const [verifyError, setVerifyError] = useState<string | undefined>(undefined);
  const [filterError, setFilterError] = useState<string | undefined>(undefined);
  const filterSeq = useRef(0);

  const select = useCallback(
    (i: number | undefined) => {
      setSelected(i);
      setSelectedRow(i === undefined ? undefined : source.get(i)?.row);
      if (i !== undefined) setScrollTo(i);
    },
    [source],
  );
  const playback = usePlayback(source, (i) => select(i));

  useEffect(
    () =>
      host.onEvent((e: TraceViewerEvent) => {
        if (e.type === 'init') {
          setLoaded({ file: e.file, summary: e.summary, methods: e.methods, complete: e.complete });
          source.reset(e.viewId, e.length, e.firstRows);
        } else if (e.type === 'progress') {
          setLoaded((l) => (l ? { ...l, summary: e.summary, methods: e.methods, complete: e.complete } : l));
          // A new view id means the host filtered the grown trace again: its rows are not the cached ones.
          if (e.viewId !== source.currentViewId) source.reset(e.viewId, e.length);
          else source.grow(e.viewId, e.length);
        } else if (e.type === 'verifyStarted') {
          setVerifying(true);
          setVerifyProgress(undefined);
          setVerifyError(undefined);
        } else if (e.type === 'verifyProgress') {
          setVerifyProgress({ checked: e.checked, changed: e.changed });
        } else if (e.type === 'verifyResult') {
          setVerifying(false);
          setVerifyResult(e.result);
        }
      }),
    [host, source],
  );
  useEffect(() => {
    host.ready();
  }, [host]);
  // Block bodies: VS Code's setState returns the state, and an effect must return nothing or a cleanup.
  useEffect(() => {
    onState?.({ filter, search, selectedRow });
  }, [onState, filter, search, selectedRow]);

  // The row under the selection is known only once its page arrives: fill it in then.
  useEffect(
    () =>
      source.subscribe(() => {
        if (selected !== undefined && selectedRow === undefined) setSelectedRow(source.get(selected)?.row);
      }),
    [source, selected, selectedRow],
  );

  // Grouped calls show as their first row unless the user turns grouping off or expands one.
  const hasGroups = (loaded?.summary.groupedCalls ?? 0) > 0;
  const collapsed = hasGroups && filter.collapseCalls !== false;
  const grouping = useMemo<CallGrouping>(() => {
    const expanded = new Set(filter.expandedCalls ?? []);
    return {
      collapsed,
      expanded,
      toggle: (row) => {
        const next = new Set(expanded);
        if (!next.delete(row)) next.add(row);
        setFilter({ ...filter, expandedCalls: [...next] });
      },
    };
  }, [filter, collapsed]);
  const columns = useMemo(() => traceColumns(grouping), [grouping]);

  // Filters run in the extension host; the text search waits for typing to pause.
  useEffect(() => {
    const seq = ++filterSeq.current;
    const timer = setTimeout(() => {
      const f: RowFilter = { ...filter, text: search.trim() || undefined, collapseCalls: collapsed || undefined };
      host.request('setFilter', { filter: f }).then(
        async (r) => {
          if (seq !== filterSeq.current) return;
          setFilterError(undefined);
          source.reset(r.viewId, r.length);
          playback.moveTo(undefined);
          // Keep the selected message selected when the new view still shows it.
          const keep = selectedRow === undefined ? -1 : await host.request('viewIndexOf', { row: selectedRow });
          if (keep >= 0) {
            setSelected(keep);
            setScrollTo(keep);
          } else setSelected(undefined);
        },
        (e: Error) => setFilterError(e.message),
      );
    }, search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [host, source, filter, search, collapsed]);

  const goToRow = useCallback(
    async (row: number) => {
      let i = await host.request('viewIndexOf', { row });
      if (i < 0) {
        // Hidden by the filter: clear it, then find the row again.
        setFilter({});
        setSearch('');
        const r = await host.request('setFilter', { filter: {} });
        source.reset(r.viewId, r.length);
        i = row;
      }
      setSelected(i);
      setSelectedRow(row);
      setScrollTo(i);
    },
    [host, source],
  );

  const runVerify = (chooseTarget: boolean) => {
    setVerifyError(undefined);
    host.request('verify', { chooseTarget }).then(
      (r) => {
        setVerifying(false);
        if (r) setVerifyResult(r);
      },
      (e: Error) => {
        setVerifying(false);
        setVerifyError(e.message);
      },
    );
  };

  if (!loaded) return <div className="tv-loading muted">Opening the trace…</div>;
  const playheadRow = playback.playhead === undefined ? undefined : source.get(playback.playhead);

  return (
    <div className="trace-viewer">
      <TraceSummaryBar summary={loaded.summary} complete={loaded.complete} onJump={(row) => void goToRow(row)} />
      <div className="toolbar tv-toolbar" role="toolbar" aria-label="Filters, playback and verify">
        <select aria-label="Method" value={filter.methods?.[0] ?? ''} onChange={(e) => setFilter({ ...filter, methods: e.target.value ? [e.target.value] : undefined })}>
          <option value="">All methods</option>
          {loaded.methods.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select aria-label="Direction" value={filter.dir ?? ''} onChange={(e) => setFilter({ ...filter, dir: (e.target.value || undefined) as RowFilter['dir'] })}>
          <option value="">Both directions</option>
          <option value="send">Client → server</option>
          <option value="recv">Server → client</option>
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={!!filter.errorsOnly} onChange={(e) => setFilter({ ...filter, errorsOnly: e.target.checked || undefined })} />
          Errors only
        </label>
        {hasGroups ? (
          <label className="checkbox" title="Show each multi-round call, and each call the server asked questions during, as one row">
            <input type="checkbox" checked={collapsed} onChange={(e) => setFilter({ ...filter, collapseCalls: e.target.checked, expandedCalls: undefined })} />
            Group calls
          </label>
        ) : null}
        <input type="search" aria-label="Search" placeholder="Search the raw messages" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted tv-count" aria-live="polite">
          {source.length.toLocaleString()} shown
        </span>
        <span className="tv-spacer" />
        <span className="tv-playback" role="group" aria-label="Playback">
          <IconButton icon="debug-restart" label="Restart" onClick={playback.restart} />
          <IconButton icon="debug-step-back" label="Previous message" onClick={playback.previous} />
          {playback.playing ? (
            <IconButton icon="debug-pause" label="Pause" onClick={playback.pause} />
          ) : (
            <IconButton icon="debug-start" label="Play" title="Play at the recorded pace" onClick={playback.play} />
          )}
          <IconButton icon="debug-step-over" label="Next message" onClick={playback.next} />
          <IconButton
            icon="debug-continue"
            label="Run to selected message"
            title="Run to the selected message"
            disabled={selected === undefined}
            onClick={() => selected !== undefined && playback.runToIndex(selected)}
          />
          <select aria-label="Speed" value={playback.speed} onChange={(e) => playback.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
          {playheadRow ? <span className="muted tv-playhead-label">at line {playheadRow.line}</span> : null}
        </span>
        <button className="primary" onClick={() => runVerify(false)} disabled={verifying} title="Replay the client side against the server in the trace header and compare the answers">
          <Codicon name="beaker" /> Verify
        </button>
        <button onClick={() => runVerify(true)} disabled={verifying} title="Choose the server to verify against">
          Verify against…
        </button>
      </div>
      {filterError ? <div className="error-bar">{filterError}</div> : null}
      <div className="tv-main">
        <div className="tv-table">
          <VirtualTable
            source={source}
            columns={columns}
            ariaLabel={`Timeline of ${loaded.file}`}
            idPrefix="tv-row"
            selectedIndex={selected}
            scrollToIndex={scrollTo}
            onSelect={(i, row) => {
              setSelected(i);
              setSelectedRow(row.row);
            }}
            rowClassName={(r) =>
              [
                r.kind === 'problem' ? 'tv-row-problem' : r.isError ? 'tv-row-error' : '',
                playheadRow && r.row === playheadRow.row ? 'tv-playhead' : '',
                playheadRow && r.row === playheadRow.pairRow ? 'tv-playhead-pair' : '',
              ].join(' ')
            }
            emptyText={loaded.complete ? 'No events match the filters.' : 'Indexing…'}
          />
        </div>
        <TraceDetail host={host} row={selectedRow} onGoToRow={(row) => void goToRow(row)} />
      </div>
      <VerifyPanel
        host={host}
        running={verifying}
        progress={verifyProgress}
        result={verifyResult}
        error={verifyError}
        onGoToLine={(line) => void host.request('rowOfLine', { line }).then((row) => goToRow(row))}
      />
    </div>
  );
}
