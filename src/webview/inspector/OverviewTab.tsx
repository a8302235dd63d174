// Server identity, negotiated protocol and capabilities, connection diagnosis, the dev loop (reconnect,
// auto-reconnect, watch globs), roots, and the stderr of stdio servers.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Codicon } from '../components/Codicon';
import { JsonView } from '../components/JsonView';
import { Markdown } from '../components/Markdown';
import type { RootView } from '../../shared/inspectorProtocol';
import { describeError, useInspector, useSnapshot } from './context';
import { CacheHints } from './CacheHints';

export function OverviewTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { host } = useInspector();
  const { connection, stderr, roots, catalogue } = useSnapshot();
  const [globs, setGlobs] = useState(connection.watchGlobs.join(', '));
  const [pingMs, setPingMs] = useState<number>();
  useEffect(() => setGlobs(connection.watchGlobs.join(', ')), [connection.watchGlobs]);
  const run = (p: Promise<unknown>) => p.catch((e) => onError(describeError(e)));
  const openLink = (url: string) => run(host.request('openUrl', { url }));

  return (
    <div className="overview">
      {connection.error ? (
        <section className="diagnosis" aria-label="Connection problem" role="alert">
          <h2>
            <Codicon name="error" /> Could not connect: {connection.error.step}
          </h2>
          <p>{connection.error.message}</p>
          {connection.error.hint ? (
            <p className="hint">
              <Codicon name="lightbulb" /> {connection.error.hint}
            </p>
          ) : null}
          {connection.error.detail ? <pre className="plain-text">{connection.error.detail}</pre> : null}
          <button type="button" className="primary" onClick={() => run(host.request('connect', {}))}>
            <Codicon name="refresh" /> Retry
          </button>
        </section>
      ) : null}
      {connection.reconnectingInMs !== undefined ? (
        <p className="notice" role="status">
          <Codicon name="sync" spin /> The server exited; reconnecting in {Math.ceil(connection.reconnectingInMs / 1000)} s.
        </p>
      ) : null}

      <section aria-label="Server">
        <h2>Server</h2>
        <dl className="facts">
          <dt>Target</dt>
          <dd>
            <code>{connection.target}</code> {connection.transport ? <span className="muted">({connection.transport})</span> : null}
          </dd>
          <dt>Name</dt>
          <dd>{connection.serverInfo?.name ?? '—'}</dd>
          <dt>Title</dt>
          <dd>{connection.serverInfo?.title ?? '—'}</dd>
          <dt>Version</dt>
          <dd>{connection.serverInfo?.version ?? '—'}</dd>
          <dt>Protocol</dt>
          <dd>
            {connection.protocolVersion ?? '—'}
            {connection.era ? <span className="muted"> ({connection.era === '2026' ? 'stateless era, server/discover' : 'initialize handshake'})</span> : null}
            {connection.probeRespawned ? <div className="muted">The server exited on the server/discover probe and was started again for the 2025 handshake.</div> : null}
          </dd>
          <dt>Cache hints</dt>
          <dd>
            {(['tools', 'resources', 'templates', 'prompts'] as const).map((k, i) => (
              <span key={k}>
                {i > 0 ? '; ' : ''}
                {k}: <CacheHints hints={catalogue.cacheHints?.[k]} />
              </span>
            ))}
          </dd>
          <dt>Ping</dt>
          <dd>
            <button type="button" disabled={connection.status !== 'connected'} onClick={() => run(host.request('ping', {}).then(setPingMs))}>
              Ping
            </button>{' '}
            {pingMs !== undefined ? <span>{pingMs.toFixed(1)} ms</span> : null}
          </dd>
        </dl>
      </section>

      {connection.instructions ? (
        <section aria-label="Instructions">
          <h2>Instructions</h2>
          <Markdown text={connection.instructions} onOpenLink={openLink} />
        </section>
      ) : null}

      <section aria-label="Handshake">
        <h2>Handshake{connection.handshake ? <code className="muted"> {connection.handshake.method}</code> : null}</h2>
        {connection.handshake ? <JsonView value={connection.handshake.result} label={`${connection.handshake.method} result`} /> : <p className="muted">Not connected.</p>}
      </section>

      <section aria-label="Capabilities">
        <h2>Capabilities</h2>
        {connection.capabilities ? <JsonView value={connection.capabilities} label="Server capabilities" /> : <p className="muted">Not connected.</p>}
      </section>

      <section aria-label="Dev loop">
        <h2>Dev loop</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={connection.autoReconnect}
            onChange={(e) => run(host.request('setWatch', { globs: connection.watchGlobs, autoReconnect: e.target.checked }))}
          />
          Reconnect automatically when the server process exits
        </label>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const list = globs.split(',').map((g) => g.trim()).filter(Boolean);
            run(host.request('setWatch', { globs: list, autoReconnect: connection.autoReconnect }));
          }}
        >
          <label htmlFor="watch-globs">Restart when these files change (globs, comma-separated)</label>
          <div className="row">
            <input id="watch-globs" type="text" value={globs} placeholder="src/**/*.ts, dist/**/*.js" onChange={(e) => setGlobs(e.target.value)} />
            <button type="submit">Watch</button>
          </div>
        </form>
      </section>

      <RootsEditor roots={roots} run={run} />

      <section aria-label="Server stderr">
        <h2>stderr</h2>
        <StderrView lines={stderr} />
      </section>
    </div>
  );
}

function RootsEditor({ roots, run }: { roots: RootView[]; run(p: Promise<unknown>): void }): ReactNode {
  const { host } = useInspector();
  const [draft, setDraft] = useState(() => roots.map((r) => (r.name ? `${r.uri} ${r.name}` : r.uri)).join('\n'));
  return (
    <section aria-label="Roots">
      <h2>Roots</h2>
      <p className="muted">What the server gets for roots/list: one URI per line, optionally followed by a name. Defaults to the workspace folders.</p>
      <textarea aria-label="Roots, one per line" rows={Math.max(2, roots.length + 1)} value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button
        type="button"
        onClick={() => {
          const list = draft
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((l) => {
              const [uri, ...name] = l.split(/\s+/);
              return { uri, name: name.length ? name.join(' ') : undefined };
            });
          run(host.request('setRoots', { roots: list }));
        }}
      >
        Update roots
      </button>
    </section>
  );
}

function StderrView({ lines }: { lines: string[] }): ReactNode {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  if (lines.length === 0) return <p className="muted">Nothing on stderr.</p>;
  return (
    <pre ref={ref} className="stderr" tabIndex={0} aria-label="Server stderr">
      {lines.join('\n')}
    </pre>
  );
}
