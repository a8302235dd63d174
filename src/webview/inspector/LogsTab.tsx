// Logs (notifications/message) with a server-side level and a client-side filter, and every notification.
import { useMemo, useState, type ReactNode } from 'react';
import type { LoggingLevel } from '@modelcontextprotocol/client';
import type { LogEntry, NotificationEntry } from '../../shared/inspectorProtocol';
import { FilteredRowSource } from '../components/rowSource';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { JsonView } from '../components/JsonView';
import { describeError, useInspector, useSnapshot } from './context';

const LEVELS: LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const logColumns: Column<LogEntry>[] = [
  { id: 'time', header: 'Time', width: '90px', render: (r) => new Date(r.time).toLocaleTimeString(), hideBelow: 420 },
  { id: 'level', header: 'Level', width: '72px', render: (r) => <span className={`level level-${r.level}`}>{r.level}</span> },
  { id: 'logger', header: 'Logger', width: '100px', render: (r) => r.logger ?? '', hideBelow: 560 },
  { id: 'data', header: 'Message', width: 'minmax(0, 1fr)', render: (r) => text(r.data) },
];

const noteColumns: Column<NotificationEntry>[] = [
  { id: 'time', header: 'Time', width: '90px', render: (r) => new Date(r.time).toLocaleTimeString(), hideBelow: 420 },
  { id: 'method', header: 'Method', width: 'minmax(120px, 260px)', render: (r) => r.method },
  { id: 'params', header: 'Params', width: 'minmax(0, 1fr)', render: (r) => (r.params === undefined ? '' : text(r.params)) },
];

export function LogsTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { host, store } = useInspector();
  const { connection } = useSnapshot();
  const [minLevel, setMinLevel] = useState<LoggingLevel>('debug');
  const [serverLevel, setServerLevel] = useState<LoggingLevel>('debug');
  const [selectedNote, setSelectedNote] = useState<number>();
  const logs = useMemo(() => new FilteredRowSource(store.logs, undefined), [store]);
  useMemo(() => logs.setPredicate(minLevel === 'debug' ? undefined : (r: LogEntry) => LEVELS.indexOf(r.level) >= LEVELS.indexOf(minLevel)), [logs, minLevel]);
  const canSetLevel = Boolean(connection.capabilities?.logging);
  return (
    <div className="logs">
      <div className="toolbar">
        <label>
          Server level{' '}
          <select
            value={serverLevel}
            disabled={!canSetLevel}
            title={canSetLevel ? 'logging/setLevel' : 'The server does not declare the logging capability'}
            onChange={(e) => {
              const level = e.target.value as LoggingLevel;
              host.request('setLogLevel', { level }).then(() => setServerLevel(level), (err) => onError(describeError(err)));
            }}
          >
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Show from{' '}
          <select value={minLevel} onChange={(e) => setMinLevel(e.target.value as LoggingLevel)}>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="table-box">
        <VirtualTable source={logs} columns={logColumns} ariaLabel="Log messages" idPrefix="log" followTail emptyText="No log messages yet." rowClassName={(r) => `level-row-${r.level}`} />
      </div>
      <h2>Notifications</h2>
      <div className="table-box">
        <VirtualTable
          source={store.notifications}
          columns={noteColumns}
          ariaLabel="Notifications"
          idPrefix="note"
          followTail
          selectedIndex={selectedNote}
          onSelect={(i) => setSelectedNote(i)}
          emptyText="No notifications yet."
        />
      </div>
      {selectedNote !== undefined && store.notifications.get(selectedNote) ? <JsonView value={store.notifications.get(selectedNote)} label="Notification" /> : null}
    </div>
  );
}
