// Webview entry. The page's <body data-view> says which UI to mount; the inspector is the first one.
import { createRoot } from 'react-dom/client';
import '@vscode/codicons/dist/codicon.css';
import './styles.css';
import { HostClient } from './host/hostClient';
import { vscodeApi } from './host/vscodeApi';
import type { PersistedWebviewState } from '../shared/inspectorProtocol';
import { InspectorStore } from './inspector/inspectorStore';
import { InspectorContext } from './inspector/context';
import { InspectorApp } from './inspector/InspectorApp';
import { mountTraceViewer } from './traceViewer/mountTraceViewer';

function mountInspector(root: HTMLElement): void {
  const api = vscodeApi<PersistedWebviewState>();
  const host = new HostClient();
  const store: InspectorStore = new InspectorStore(api.getState()?.view, (view) => {
    api.setState({ view, target: store.get().target });
    host.send({ type: 'viewState', state: view });
  });
  host.onEvent((e) => {
    store.apply(e);
    // The serializer reads the target from this state to reopen the same server after a reload.
    if (e.type === 'init') {
      api.setState({ view: store.get().view, target: e.target });
      host.send({ type: 'viewState', state: store.get().view });
    }
  });
  createRoot(root).render(
    <InspectorContext.Provider value={{ store, host }}>
      <InspectorApp />
    </InspectorContext.Provider>,
  );
  host.ready();
}

const root = document.getElementById('root');
if (root && (document.body.dataset.view ?? 'inspector') === 'inspector') mountInspector(root);
if (root && document.body.dataset.view === 'traceViewer') mountTraceViewer(root);
