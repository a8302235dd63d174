// The selected event: what it is, its pair, and its JSON (or, for an unreadable line, the problem and the text).
import { useEffect, useState, type ReactNode } from 'react';
import type { TraceRow } from '../../shared/traceViewerProtocol';
import { JsonView } from '../components/JsonView';
import { formatMs, formatSize } from './traceColumns';
import type { TraceHost } from './traceHost';

interface Loaded {
  row: TraceRow;
  value?: unknown;
  text: string;
  truncated?: boolean;
}

export function TraceDetail({ host, row, onGoToRow }: { host: TraceHost; row: number | undefined; onGoToRow(row: number): void }): ReactNode {
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setError(undefined);
    if (row === undefined) {
      setLoaded(undefined);
      return;
    }
    let live = true;
    host.request('event', { row }).then(
      (r) => live && setLoaded(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [host, row]);

  if (row === undefined) return <aside className="tv-detail muted">Select a message to see its JSON.</aside>;
  if (error) return <aside className="tv-detail tv-error-text">{error}</aside>;
  if (!loaded || loaded.row.row !== row) return <aside className="tv-detail muted">Loading…</aside>;
  const r = loaded.row;
  const event = loaded.value as { type?: string; msg?: unknown } | undefined;
  return (
    <aside className="tv-detail" aria-label="Message detail">
      <div className="tv-detail-head">
        <strong>Line {r.line}</strong>
        <span>{r.kind}</span>
        {r.method ? <span>{r.method}{r.rpcId !== undefined ? ` #${r.rpcId}` : ''}</span> : null}
        {r.latencyMs !== undefined ? <span>{formatMs(r.latencyMs)}</span> : null}
        <span className="muted">{formatSize(r.size)} bytes</span>
        {r.pairRow !== undefined ? (
          <button className="link-button" onClick={() => onGoToRow(r.pairRow!)}>
            {r.kind === 'request' ? 'Go to response' : 'Go to request'}
          </button>
        ) : null}
        <button className="link-button" onClick={() => void host.request('revealLine', { line: r.line })}>
          Open as text
        </button>
      </div>
      {loaded.truncated ? (
        <>
          <p className="notice">This message is {formatSize(r.size)} bytes; its first part is shown as raw text. Open it as text to see all of it.</p>
          <pre className="json-view">{loaded.text}</pre>
        </>
      ) : r.kind === 'problem' ? (
        <>
          <p className="tv-error-text tv-problem">{r.problem}</p>
          <pre className="json-view">{loaded.text}</pre>
        </>
      ) : (
        <JsonView value={event?.type === 'message' ? event.msg : event} label={`JSON of line ${r.line}`} />
      )}
    </aside>
  );
}
