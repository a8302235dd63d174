// Tasks: 2025-11-25 task-augmented requests (tasks/list, tasks/get, tasks/result, tasks/cancel) and, in the 2026 era,
// the tasks extension (tasks/get polling, input answered with tasks/update through the review UIs, tasks/cancel).
import { useState, type ReactNode } from 'react';
import { Codicon } from '../components/Codicon';
import { JsonView } from '../components/JsonView';
import { describeError, useInspector, useSnapshot } from './context';

export function TasksTab({ onError }: { onError(msg: string): void }): ReactNode {
  const { host } = useInspector();
  const { tasks, connection } = useSnapshot();
  const [results, setResults] = useState<Record<string, unknown>>({});
  const caps = connection.capabilities as { tasks?: unknown; extensions?: Record<string, unknown> } | undefined;
  const modern = connection.era === '2026';
  const supported = modern ? Boolean(caps?.extensions?.['io.modelcontextprotocol/tasks']) : Boolean(caps?.tasks);
  const run = (p: Promise<unknown>) => p.catch((e) => onError(describeError(e)));
  return (
    <div>
      <div className="toolbar">
        <button type="button" onClick={() => run(host.request('listTasks', {}))}>
          <Codicon name="refresh" /> Refresh
        </button>
        {!supported ? <span className="muted">{modern ? 'The server does not declare the tasks extension (io.modelcontextprotocol/tasks).' : 'The server does not declare the tasks capability.'}</span> : null}
        {supported && modern ? <span className="muted">Tasks extension: polled with tasks/get; input a task asks for is answered above, then sent with tasks/update.</span> : null}
      </div>
      {tasks.length === 0 ? <p className="muted">No tasks. Start one with "Run as task" on a tool that supports tasks.</p> : null}
      <table className="simple-table" aria-label="Tasks">
        <thead>
          <tr>
            <th>Task</th>
            <th>Status</th>
            <th className="wide-only">Updated</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.taskId}>
              <td>
                <code>{t.taskId}</code>
                {t.statusMessage ? <div className="muted">{t.statusMessage}</div> : null}
                {t.waitingFor?.length ? <div className="notice">Waiting for input: {t.waitingFor.join(', ')}</div> : null}
              </td>
              <td className={`task-${t.status}`}>{t.status}</td>
              <td className="wide-only">{t.lastUpdatedAt ?? t.createdAt ?? ''}</td>
              <td className="actions">
                <button type="button" onClick={() => run(host.request('getTask', { taskId: t.taskId }))} aria-label={`Refresh status of ${t.taskId}`}>
                  <Codicon name="refresh" />
                </button>
                <button
                  type="button"
                  onClick={() => run(host.request('taskResult', { taskId: t.taskId }).then((r) => setResults((prev) => ({ ...prev, [t.taskId]: r }))))}
                  aria-label={`Result of ${t.taskId}`}
                >
                  <Codicon name="output" /> Result
                </button>
                {t.status === 'working' || t.status === 'input_required' ? (
                  <button type="button" onClick={() => run(host.request('cancelTask', { taskId: t.taskId }))} aria-label={`Cancel ${t.taskId}`}>
                    <Codicon name="debug-stop" /> Cancel
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.entries(results).map(([id, r]) => (
        <section key={id} aria-label={`Result of task ${id}`}>
          <h3>Result of {id}</h3>
          <JsonView value={r} />
        </section>
      ))}
    </div>
  );
}
