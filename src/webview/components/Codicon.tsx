import type { ReactNode } from 'react';

/** A decorative codicon; the accessible name comes from the surrounding control. */
export function Codicon({ name, spin }: { name: string; spin?: boolean }): ReactNode {
  return <span className={`codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`} aria-hidden="true" />;
}

/** A toolbar button showing only an icon; `title` is the tooltip when it should say more than the label. */
export function IconButton(props: { icon: string; label: string; title?: string; onClick(): void; disabled?: boolean }): ReactNode {
  return (
    <button type="button" className="icon-button" aria-label={props.label} title={props.title ?? props.label} onClick={props.onClick} disabled={props.disabled}>
      <Codicon name={props.icon} />
    </button>
  );
}
