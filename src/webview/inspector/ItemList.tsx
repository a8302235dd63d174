// A searchable, keyboard-navigable list of named items (tools, resources, prompts).
import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollWithin } from '../components/scrollWithin';

export interface ItemListProps<T> {
  label: string;
  items: T[];
  keyOf(item: T): string;
  render(item: T): ReactNode;
  searchText(item: T): string;
  selected?: string;
  onSelect(key: string): void;
  emptyText: string;
}

export function ItemList<T>(props: ItemListProps<T>): ReactNode {
  const { label, items, keyOf, render, searchText, selected, onSelect, emptyText } = props;
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((i) => searchText(i).toLowerCase().includes(q)) : items;
  }, [items, query, searchText]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = shown.findIndex((x) => keyOf(x) === selected);
    const next = shown[Math.max(0, Math.min(shown.length - 1, e.key === 'ArrowDown' ? i + 1 : i - 1))];
    if (next) {
      onSelect(keyOf(next));
      const item = document.getElementById(`item-${label}-${keyOf(next)}`);
      scrollWithin(item, item?.parentElement);
    }
  };
  const slug = label.toLowerCase();
  return (
    <div className="item-list">
      <input type="search" className="search" placeholder={`Search ${slug}`} aria-label={`Search ${slug}`} value={query} onChange={(e) => setQuery(e.target.value)} />
      {items.length === 0 ? <p className="muted">{emptyText}</p> : null}
      <ul
        role="listbox"
        aria-label={label}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={selected ? `item-${label}-${selected}` : undefined}
      >
        {shown.map((item) => {
          const key = keyOf(item);
          return (
            <li key={key} id={`item-${label}-${key}`} role="option" aria-selected={key === selected} className={key === selected ? 'selected' : ''} onClick={() => onSelect(key)}>
              {render(item)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
