// The catalogue lint: context cost per tool (biggest first) and findings.
import type { ReactNode } from 'react';
import { Codicon } from '../components/Codicon';
import { useSnapshot } from './context';

const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;

export function LintTab(): ReactNode {
  const { lint } = useSnapshot();
  if (!lint) return <p className="muted">The lint runs when the tool list arrives.</p>;
  const max = Math.max(1, ...lint.costs.map((c) => c.tokens));
  return (
    <div className="lint">
      <section aria-label="Findings">
        <h2>Findings ({lint.findings.length})</h2>
        {lint.findings.length === 0 ? <p className="ok">No findings.</p> : null}
        <ul className="findings">
          {lint.findings.map((f, i) => (
            <li key={i} className={`finding finding-${f.severity}`}>
              <Codicon name={SEVERITY_ICON[f.severity]} />{' '}
              <span className="finding-code">{f.code}</span> {f.tool ? <code>{f.tool}</code> : null} {f.message}
              {f.excerpt ? <pre className="plain-text">{f.excerpt}</pre> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Context cost">
        <h2>
          Context cost: about {lint.totalTokens.toLocaleString()} tokens for {lint.toolCount} tools
        </h2>
        <p className="muted">Estimated from the definitions a client sends to a model (name, description, input and output schemas).</p>
        <table className="simple-table cost-table" aria-label="Tokens per tool">
          <thead>
            <tr>
              <th>Tool</th>
              <th className="num">Tokens</th>
              <th className="wide-only">Share</th>
            </tr>
          </thead>
          <tbody>
            {lint.costs.map((c) => (
              <tr key={c.tool}>
                <td>
                  <code>{c.tool}</code>
                </td>
                <td className="num">{c.tokens.toLocaleString()}</td>
                <td className="wide-only">
                  <div className="bar" style={{ width: `${(100 * c.tokens) / max}%` }} aria-hidden="true" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
