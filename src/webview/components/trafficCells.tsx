// Cells that the inspector's live traffic table and the trace viewer's timeline draw the same way.
// Widths and the remaining columns differ between the two tables, so each keeps its own column list.
import type { ReactNode } from 'react';
import type { TrafficRow } from '../../shared/trafficRows';
import { Codicon } from './Codicon';
import type { Column } from './VirtualTable';

type MessageRow = Pick<TrafficRow, 'dir' | 't' | 'method' | 'rpcId'>;

const DIR_ICON: Record<TrafficRow['dir'], string> = { send: 'arrow-right', recv: 'arrow-left', none: 'dash' };
const DIR_TITLE: Record<TrafficRow['dir'], string> = { send: 'client → server', recv: 'server → client', none: '' };

function DirCell({ dir }: { dir: TrafficRow['dir'] }): ReactNode {
  return (
    <span title={DIR_TITLE[dir]} aria-label={dir}>
      <Codicon name={DIR_ICON[dir]} />
    </span>
  );
}

/** The direction column, an arrow with its meaning as the tooltip. */
export function dirColumn<R extends MessageRow>(): Column<R> {
  return { id: 'dir', header: 'Dir', width: '34px', render: (r) => <DirCell dir={r.dir} /> };
}

/** Seconds since the start of the connection or trace, to the millisecond. */
export function timeLabel(r: MessageRow): string {
  return `${(r.t / 1000).toFixed(3)}s`;
}

/** The method with the JSON-RPC id that pairs a request with its response. */
export function methodLabel(r: MessageRow): string {
  return r.rpcId !== undefined ? `${r.method ?? ''} #${r.rpcId}` : (r.method ?? '');
}
