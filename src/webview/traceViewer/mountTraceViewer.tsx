// Mounts the trace viewer into the page (the webview entry calls this when <body data-view="traceViewer">).
// Filters and the selected message are kept with setState, so a reloaded window shows the same view.
import { createRoot } from 'react-dom/client';
import { vscodeApi } from '../host/vscodeApi';
import { TraceHost } from './traceHost';
import { TraceViewerApp, type TraceViewerState } from './TraceViewerApp';

export function mountTraceViewer(root: HTMLElement): void {
  const api = vscodeApi<TraceViewerState>();
  const host = new TraceHost((m) => api.postMessage(m));
  createRoot(root).render(<TraceViewerApp host={host} initialState={api.getState()} onState={(s) => api.setState(s)} />);
}
