// The trace at a glance: server, protocol version, target, counts, duration and the slowest calls.
import type { ReactNode } from 'react';
import type { TraceSummary } from '../../shared/traceViewerProtocol';
import { formatMs } from './traceColumns';

export function TraceSummaryBar({ summary, complete, onJump }: { summary: TraceSummary; complete: boolean; onJump(row: number): void }): ReactNode {
  const target = summary.header?.target;
  const where = target ? (target.transport === 'stdio' ? [target.command, ...(target.args ?? [])].join(' ') : target.url) : undefined;
  const server = summary.server ? `${summary.server.title ?? summary.server.name ?? 'server'}${summary.server.version ? ` ${summary.server.version}` : ''}` : (target?.name ?? 'unknown server');
  return (
    <section className="tv-summary" aria-label="Trace summary">
      <div className="tv-summary-line">
        <strong className="tv-server">{server}</strong>
        {summary.protocolVersion ? <span className="badge" title={`protocol version (${summary.era} era)`}>{summary.protocolVersion}</span> : <span className="badge" title="a trace without an era is read as 2025-era">{summary.era} era</span>}
        {where ? <span className="muted tv-target" title={where}>{target?.transport}: {where}</span> : null}
        {summary.header?.createdAt ? <span className="muted">recorded {summary.header.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</span> : null}
      </div>
      <div className="tv-summary-line tv-counts">
        <span>{summary.rows.toLocaleString()} events{complete ? '' : ' (indexing…)'}</span>
        <span>{summary.requests.toLocaleString()} requests</span>
        <span>{summary.notifications.toLocaleString()} notifications</span>
        {summary.groupedCalls ? <span title="multi-round calls and calls the server asked questions during">{summary.groupedCalls.toLocaleString()} grouped calls</span> : null}
        <span className={summary.errors ? 'tv-error-text' : ''}>{summary.errors.toLocaleString()} errors</span>
        {summary.stderrLines ? <span>{summary.stderrLines.toLocaleString()} stderr lines</span> : null}
        {summary.problems ? <span className="tv-error-text">{summary.problems} unreadable lines</span> : null}
        {summary.missingHeader ? <span className="tv-error-text">no trace header on line 1</span> : null}
        <span>total {formatMs(summary.durationMs)}</span>
        {summary.slowest.length ? (
          <span className="tv-slowest">
            slowest:{' '}
            {summary.slowest.slice(0, 3).map((s) => (
              <button key={s.row} className="link-button" onClick={() => onJump(s.row)} title="Show this call">
                {s.method} {formatMs(s.latencyMs)}
              </button>
            ))}
          </span>
        ) : null}
      </div>
    </section>
  );
}
