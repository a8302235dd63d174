// Mounts the trace viewer into the page (the webview entry calls this when <body data-view="traceViewer">).
import { createRoot } from 'react-dom/client';
import { TraceHost } from './traceHost';
import { TraceViewerApp } from './TraceViewerApp';

export function mountTraceViewer(root: HTMLElement): void {
  const host = new TraceHost();
  createRoot(root).render(<TraceViewerApp host={host} />);
}
