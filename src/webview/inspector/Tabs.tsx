// An ARIA tab list: arrow keys move between tabs, Home/End jump, the active tab is the only tab stop.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Codicon } from '../components/Codicon';

export interface TabDef<K extends string> {
  id: K;
  label: string;
  icon: string;
  badge?: number | string;
}

export function Tabs<K extends string>(props: { tabs: TabDef<K>[]; active: K; onSelect(id: K): void; label: string }): ReactNode {
  const { tabs, active, onSelect, label } = props;
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    onSelect(next.id);
    refs.current[next.id]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[t.id] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={t.id === active}
          aria-controls={`tabpanel-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          className={`tab${t.id === active ? ' active' : ''}`}
          onClick={() => onSelect(t.id)}
          title={t.label}
        >
          <Codicon name={t.icon} />
          <span className="tab-label">{t.label}</span>
          {t.badge !== undefined && t.badge !== 0 ? <span className="badge">{t.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}
