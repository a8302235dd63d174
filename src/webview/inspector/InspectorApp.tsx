// The inspector's shell: a header with the connection state, the tab bar, the active tab, and any
// pending request from the server (sampling, elicitation) that needs the developer's answer.
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { PROTOCOL_SETTINGS, type InspectorTab, type ProtocolSetting } from '../../shared/inspectorProtocol';
import { Codicon } from '../components/Codicon';
import { useInspector, useSnapshot, describeError } from './context';
import { Tabs, type TabDef } from './Tabs';
import { OverviewTab } from './OverviewTab';
import { ToolsTab } from './ToolsTab';
import { ResourcesTab } from './ResourcesTab';
import { PromptsTab } from './PromptsTab';
import { TasksTab } from './TasksTab';
import { LogsTab } from './LogsTab';
import { TrafficTab } from './TrafficTab';
import { LintTab } from './LintTab';
import { NetworkTab } from './NetworkTab';
import { ClientRequests } from './ClientRequests';

export function InspectorApp(): ReactNode {
  const { store, host } = useInspector();
  const snap = useSnapshot();
  const [error, setError] = useState<string>();
  const { connection, catalogue, lint, view } = snap;
  const trafficCount = useTrafficCount();

  useEffect(() => {
    const onError = (e: PromiseRejectionEvent) => setError(describeError(e.reason));
    window.addEventListener('unhandledrejection', onError);
    return () => window.removeEventListener('unhandledrejection', onError);
  }, []);

  const lintWarnings = lint?.findings.filter((f) => f.severity !== 'info').length ?? 0;
  const tabs: TabDef<InspectorTab>[] = [
    { id: 'overview', label: 'Overview', icon: 'info' },
    { id: 'tools', label: 'Tools', icon: 'tools', badge: catalogue.tools.length },
    { id: 'resources', label: 'Resources', icon: 'file-code', badge: catalogue.resources.length + catalogue.templates.length },
    { id: 'prompts', label: 'Prompts', icon: 'comment-discussion', badge: catalogue.prompts.length },
    { id: 'tasks', label: 'Tasks', icon: 'checklist', badge: snap.tasks.length },
    { id: 'logs', label: 'Logs', icon: 'output' },
    { id: 'traffic', label: 'Traffic', icon: 'arrow-swap', badge: trafficCount },
    ...(connection.transport && connection.transport !== 'stdio' ? [{ id: 'network' as const, label: 'Network', icon: 'globe', badge: snap.network.length }] : []),
    { id: 'lint', label: 'Lint', icon: 'warning', badge: lintWarnings },
  ];

  const statusIcon: Record<string, string> = { connected: 'pass-filled', connecting: 'loading', failed: 'error', closed: 'debug-disconnect', idle: 'circle-outline' };
  return (
    <div className="inspector">
      <header className="inspector-header">
        <span className={`status status-${connection.status}`} role="status" aria-live="polite">
          <Codicon name={statusIcon[connection.status] ?? 'circle-outline'} spin={connection.status === 'connecting'} />
          <span>{connection.status}</span>
        </span>
        <h1 className="server-title" title={connection.target}>
          {connection.serverInfo?.title ?? connection.serverInfo?.name ?? snap.target?.label ?? 'MCP server'}
          {connection.serverInfo?.version ? <span className="muted"> {connection.serverInfo.version}</span> : null}
        </h1>
        <label className="era-choice" title="The protocol era for this server (remembered); switching reconnects">
          <span className="wide-only">Protocol</span>{' '}
          <select
            aria-label="Protocol era"
            value={connection.protocol}
            onChange={(e) => host.request('setProtocol', { protocol: e.target.value as ProtocolSetting }).catch((err) => setError(describeError(err)))}
          >
            {PROTOCOL_SETTINGS.map((p) => (
              <option key={p} value={p}>
                {p === 'auto' ? 'auto' : p.startsWith('2025') ? `2025 (${p})` : p}
              </option>
            ))}
          </select>{' '}
          {connection.protocolVersion ? (
            <span className="muted negotiated-version" title="Negotiated protocol version">
              {connection.protocolVersion}
            </span>
          ) : null}
        </label>
        <div className="header-actions">
          <button type="button" onClick={() => host.request('connect', {}).catch((e) => setError(describeError(e)))} title="Restart the server and reconnect">
            <Codicon name="debug-restart" /> <span className="wide-only">Reconnect</span>
          </button>
          {connection.status === 'connected' ? (
            <button type="button" onClick={() => host.request('disconnect', {}).catch((e) => setError(describeError(e)))} title="Disconnect">
              <Codicon name="debug-disconnect" /> <span className="wide-only">Disconnect</span>
            </button>
          ) : null}
        </div>
      </header>
      {error ? (
        <div className="error-bar" role="alert">
          <Codicon name="error" /> {error}
          <button type="button" className="icon-button" aria-label="Dismiss error" onClick={() => setError(undefined)}>
            <Codicon name="close" />
          </button>
        </div>
      ) : null}
      <ClientRequests onError={setError} />
      <Tabs tabs={tabs} active={view.tab} onSelect={(tab) => store.updateView({ tab })} label="Inspector sections" />
      <main className="tab-panel" role="tabpanel" id={`tabpanel-${view.tab}`} aria-labelledby={`tab-${view.tab}`}>
        {view.tab === 'overview' ? <OverviewTab onError={setError} /> : null}
        {view.tab === 'tools' ? <ToolsTab onError={setError} /> : null}
        {view.tab === 'resources' ? <ResourcesTab onError={setError} /> : null}
        {view.tab === 'prompts' ? <PromptsTab onError={setError} /> : null}
        {view.tab === 'tasks' ? <TasksTab onError={setError} /> : null}
        {view.tab === 'logs' ? <LogsTab onError={setError} /> : null}
        {view.tab === 'traffic' ? <TrafficTab onError={setError} /> : null}
        {view.tab === 'network' ? <NetworkTab /> : null}
        {view.tab === 'lint' ? <LintTab /> : null}
      </main>
    </div>
  );
}

function useTrafficCount(): number {
  const { store } = useInspector();
  return useSyncExternalStore(
    (l) => store.traffic.subscribe(l),
    () => store.traffic.length,
  );
}
