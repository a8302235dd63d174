// Verify results: a line per check that did not pass (with its named findings) and a button to see it in VS Code's
// diff editor; passing checks are counted; the recorded and replayed eras are shown.
import type { ReactNode } from 'react';
import type { VerifyView } from '../../shared/traceViewerProtocol';
import { Codicon } from '../components/Codicon';
import type { TraceHost } from './traceHost';

export function VerifyPanel({ host, running, progress, result, error, onGoToLine }: { host: TraceHost; running: boolean; progress?: { checked: number; changed: number }; result?: VerifyView; error?: string; onGoToLine(line: number): void }): ReactNode {
  if (running) {
    return (
      <section className="tv-verify" aria-label="Verify results">
        <Codicon name="loading codicon-modifier-spin" /> Replaying the trace against the server…
        {progress ? ` ${progress.checked.toLocaleString()} answers compared, ${progress.changed.toLocaleString()} changed so far` : ''}
      </section>
    );
  }
  if (error) return <section className="tv-verify tv-verify-fail" aria-label="Verify results">Verify failed: {error}</section>;
  if (!result) return null;
  const failing = result.checks.filter((c) => c.status !== 'pass');
  return (
    <section className={`tv-verify ${result.ok ? 'tv-verify-ok' : 'tv-verify-fail'}`} aria-label="Verify results">
      <div className="tv-verify-head">
        <Codicon name={result.ok ? 'pass' : 'error'} />
        <strong className="tv-verify-verdict">{result.error ? 'Could not verify' : result.ok ? 'All answers match' : `${failing.length} answer${failing.length === 1 ? '' : 's'} changed`}</strong>
        <span className="muted">
          {result.counts.passed}/{result.counts.checks} match · {result.durationMs} ms · against {result.target || 'no server'}
          {result.protocolVersion ? ` · recorded ${result.recordedProtocolVersion ?? ''}, replayed ${result.protocolVersion}` : ''}
        </span>
      </div>
      {result.error ? <p className="tv-error-text">{result.error}</p> : null}
      <ul className="tv-verify-list">
        {failing.map((c) => (
          <li key={c.index} className="tv-verify-item">
            <div className="row">
              <span className="tv-verify-status">{c.status}</span>
              <button className="link-button" onClick={() => onGoToLine(c.line)} title="Show the request in the timeline">
                #{c.index} {c.label} (line {c.line})
              </button>
              <button className="tv-open-diff" onClick={() => void host.request('openDiff', { index: c.index })}>
                <Codicon name="diff" /> Open diff
              </button>
            </div>
            {c.failure ? <div className="muted">{c.failure}</div> : null}
            {c.findings.map((f, i) => (
              <div key={i} className="tv-finding">
                <span className="tv-finding-kind">{f.kind}</span> {f.message}
              </div>
            ))}
            {c.differences.slice(0, 5).map((d, i) => (
              <code key={i} className="tv-difference">
                {d}
              </code>
            ))}
          </li>
        ))}
      </ul>
      {result.warnings.map((w, i) => (
        <div key={i} className="muted">
          warning: {w}
        </div>
      ))}
    </section>
  );
}
