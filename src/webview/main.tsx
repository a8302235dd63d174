// Webview entry. The page's <body data-view> says which UI to mount; the inspector is the first one.
import { createRoot } from 'react-dom/client';
import '@vscode/codicons/dist/codicon.css';
import './styles.css';
import { HostClient } from './host/hostClient';
import { vscodeApi } from './host/vscodeApi';
import type { InspectorViewState } from '../shared/inspectorProtocol';
import { InspectorStore } from './inspector/inspectorStore';
import { InspectorContext } from './inspector/context';
import { InspectorApp } from './inspector/InspectorApp';

function mountInspector(root: HTMLElement): void {
  const api = vscodeApi<InspectorViewState>();
  const host = new HostClient();
  const store = new InspectorStore(api.getState(), (v) => {
    api.setState(v);
    host.send({ type: 'viewState', state: v });
  });
  host.onEvent((e) => store.apply(e));
  createRoot(root).render(
    <InspectorContext.Provider value={{ store, host }}>
      <InspectorApp />
    </InspectorContext.Provider>,
  );
  host.ready();
}

const root = document.getElementById('root');
if (root && (document.body.dataset.view ?? 'inspector') === 'inspector') mountInspector(root);
