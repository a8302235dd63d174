// Network (HTTP servers): the raw exchanges of the transport, one row each: method, URL, status, content type,
// Mcp-* headers, timing, and the OAuth step it belongs to. Values come redacted from the host, as in traces.
import { useState, type ReactNode } from 'react';
import type { NetworkEntry } from '../../shared/inspectorProtocol';
import { JsonView } from '../components/JsonView';
import { useSnapshot } from './context';

export function NetworkTab(): ReactNode {
  const { network } = useSnapshot();
  const [open, setOpen] = useState<number>();
  if (network.length === 0) return <p className="muted">No HTTP exchanges yet. This view lists the requests of HTTP servers.</p>;
  const selected = network.find((e) => e.seq === open);
  return (
    <div className="network">
      <table className="simple-table network-table" aria-label="HTTP exchanges">
        <thead>
          <tr>
            <th className="num">Time</th>
            <th>Method</th>
            <th>URL</th>
            <th className="num">Status</th>
            <th className="wide-only">Content type</th>
            <th className="wide-only">Mcp-* headers</th>
            <th className="num">ms</th>
            <th>OAuth step</th>
          </tr>
        </thead>
        <tbody>
          {network.map((e) => (
            <tr key={e.seq} className={e.seq === open ? 'selected' : undefined} onClick={() => setOpen(e.seq === open ? undefined : e.seq)} aria-selected={e.seq === open}>
              <td className="num">{(e.t / 1000).toFixed(3)}</td>
              <td>{e.method}</td>
              <td>
                <code>{pathOf(e.url)}</code>
              </td>
              <td className={`num status-${Math.floor(e.status / 100)}xx`}>{e.status}</td>
              <td className="wide-only">{e.contentType ?? ''}</td>
              <td className="wide-only">
                <McpHeaders entry={e} />
              </td>
              <td className="num">{e.durationMs !== undefined ? e.durationMs.toFixed(1) : ''}</td>
              <td>{e.oauthStep ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected ? (
        <section aria-label="Exchange detail">
          <h3>
            {selected.method} {selected.url} → {selected.status}
          </h3>
          <JsonView value={selected.requestHeaders} label="Request headers" />
          <JsonView value={selected.headers} label="Response headers" />
        </section>
      ) : null}
    </div>
  );
}

function McpHeaders({ entry }: { entry: NetworkEntry }): ReactNode {
  const pairs = Object.entries(entry.mcpHeaders);
  if (pairs.length === 0) return null;
  return (
    <>
      {pairs.map(([k, v]) => (
        <div key={k}>
          <code>
            {k}: {v}
          </code>
        </div>
      ))}
    </>
  );
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
