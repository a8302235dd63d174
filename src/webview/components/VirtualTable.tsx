// A generic virtualized table: fixed-height rows drawn only for the visible window of a RowSource.
// Used by the inspector's Traffic, Logs and Notifications panes and meant for the trace viewer too.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RowSource } from './rowSource';

export interface Column<T> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. `80px` or `minmax(120px, 1fr)`. */
  width: string;
  render(row: T, index: number): ReactNode;
  className?: string;
  /** Hidden below this container width (px), to keep narrow panels usable. */
  hideBelow?: number;
}

export interface VirtualTableProps<T> {
  source: RowSource<T>;
  columns: Column<T>[];
  ariaLabel: string;
  rowHeight?: number;
  selectedIndex?: number;
  onSelect?(index: number, row: T): void;
  rowClassName?(row: T): string | undefined;
  /** Keep the last row in view while new rows arrive, unless the user scrolled up. */
  followTail?: boolean;
  emptyText?: string;
  /** Stable id prefix for aria-activedescendant. */
  idPrefix: string;
  /** Scrolls this row into view whenever it changes (e.g. a playhead or "go to" moving the selection). */
  scrollToIndex?: number;
}

export function VirtualTable<T>(props: VirtualTableProps<T>): ReactNode {
  const { source, columns, ariaLabel, rowHeight = 22, selectedIndex, onSelect, rowClassName, followTail, emptyText, idPrefix, scrollToIndex } = props;
  useSyncExternalStore(
    (l) => source.subscribe(l),
    () => source.version,
  );
  const count = source.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const width = useContainerWidth(scrollRef);
  const visibleColumns = useMemo(() => columns.filter((c) => !c.hideBelow || width === 0 || width >= c.hideBelow), [columns, width]);
  const template = visibleColumns.map((c) => c.width).join(' ');

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 5,
  });
  const items = virtualizer.getVirtualItems();

  const first = items[0]?.index ?? 0;
  const last = items.length ? items[items.length - 1].index + 1 : 0;
  useEffect(() => {
    if (source.ensureRange && last > first) source.ensureRange(first, last);
  }, [source, first, last]);

  useLayoutEffect(() => {
    if (followTail && atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, followTail, virtualizer]);

  useEffect(() => {
    if (scrollToIndex !== undefined && scrollToIndex >= 0 && scrollToIndex < count) virtualizer.scrollToIndex(scrollToIndex, { align: 'auto' });
    // Only a new target scrolls; rows arriving later must not pull the view back.
  }, [scrollToIndex]);

  const move = (to: number) => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, to));
    const row = source.get(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    if (row !== undefined) onSelect?.(i, row);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const current = selectedIndex ?? -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current <= 0 ? 0 : current - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Home: () => move(0),
      End: () => move(count - 1),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div className="vtable" role="grid" aria-label={ariaLabel} aria-rowcount={count + 1} aria-colcount={visibleColumns.length}>
      <div className="vtable-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {visibleColumns.map((c) => (
          <div key={c.id} role="columnheader" className={`vtable-cell ${c.className ?? ''}`}>
            {c.header}
          </div>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="vtable-body"
        tabIndex={0}
        aria-activedescendant={selectedIndex !== undefined && selectedIndex >= 0 ? `${idPrefix}-${selectedIndex}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
        }}
      >
        {count === 0 && emptyText ? <div className="vtable-empty">{emptyText}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <TableRow
              key={item.index}
              index={item.index}
              start={item.start}
              row={source.get(item.index)}
              selected={item.index === selectedIndex}
              height={rowHeight}
              template={template}
              columns={visibleColumns}
              idPrefix={idPrefix}
              rowClassName={rowClassName}
              onSelect={onSelect}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function useContainerWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.round(el.clientWidth / 40) * 40));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

interface TableRowProps<T> {
  index: number;
  start: number;
  row: T | undefined;
  selected: boolean;
  height: number;
  template: string;
  columns: Column<T>[];
  idPrefix: string;
  rowClassName?(row: T): string | undefined;
  onSelect?(index: number, row: T): void;
}

/** One row; memoized so that scrolling renders only the rows that come into view. */
const TableRow = memo(function TableRow<T>(p: TableRowProps<T>): ReactNode {
  const { index, start, row, selected, height, template, columns, idPrefix, rowClassName, onSelect } = p;
  return (
    <div
      id={`${idPrefix}-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vtable-row${selected ? ' selected' : ''}${row !== undefined ? ` ${rowClassName?.(row) ?? ''}` : ' loading'}`}
      style={{ height, transform: `translateY(${start}px)`, gridTemplateColumns: template }}
      onClick={() => row !== undefined && onSelect?.(index, row)}
    >
      {row === undefined ? (
        <div role="gridcell" className="vtable-cell">
          …
        </div>
      ) : (
        columns.map((c) => (
          <div key={c.id} role="gridcell" className={`vtable-cell ${c.className ?? ''}`}>
            {c.render(row, index)}
          </div>
        ))
      )}
    </div>
  );
}) as <T>(p: TableRowProps<T>) => ReactNode;
