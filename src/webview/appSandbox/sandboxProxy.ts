// The MCP Apps sandbox proxy (dist/appSandbox.js), inlined into the page AppSandboxServer serves. It waits for
// `ui/notifications/sandbox-resource-ready` from the host (the inspector webview, its parent), writes the app's
// HTML unmodified into an inner frame, which inherits this page's Content-Security-Policy, and relays every other
// message between the host and the app, in both directions.
// The inner frame shares this page's origin (allow-same-origin, as the spec's reference host does): apps built on
// reactive frameworks touch `window.parent` through proxies (Vue reads `__v_isRef` on it), which throws a
// SecurityError when the parent is another origin. Isolation from the inspector comes from this page's own origin.
const RESOURCE_READY = 'ui/notifications/sandbox-resource-ready';
const PROXY_READY = 'ui/notifications/sandbox-proxy-ready';
const DEFAULT_SANDBOX = 'allow-scripts allow-same-origin allow-forms';

interface ResourceReady {
  html?: unknown;
  sandbox?: unknown;
}

function start(): void {
  if (window.parent === window) throw new Error('The MCP App sandbox runs only inside the inspector.');
  const params = new URLSearchParams(location.search);
  let inner: HTMLIFrameElement | undefined;

  window.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as { method?: unknown; params?: ResourceReady } | undefined;
    if (ev.source === window.parent) {
      if (data?.method === RESOURCE_READY) {
        if (inner || typeof data.params?.html !== 'string') return;
        inner = document.createElement('iframe');
        inner.setAttribute('sandbox', typeof data.params.sandbox === 'string' ? data.params.sandbox : DEFAULT_SANDBOX);
        const allow = params.get('allow');
        if (allow) inner.setAttribute('allow', allow);
        inner.title = 'MCP App';
        inner.srcdoc = data.params.html;
        document.body.appendChild(inner);
        return;
      }
      inner?.contentWindow?.postMessage(ev.data, '*');
    } else if (inner && ev.source === inner.contentWindow) {
      // The host's origin differs per VS Code build (vscode-webview://, code-server's own): it is our only parent.
      window.parent.postMessage(ev.data, '*');
    }
  });
  window.parent.postMessage({ jsonrpc: '2.0', method: PROXY_READY, params: {} }, '*');
}

start();
