// The host side of an MCP Apps UI (`ui://` resource): the app's HTML runs in a sandboxed frame (scripts only,
// opaque origin, no same-origin access to this page) and talks JSON-RPC over postMessage. The page answers
// ui/initialize itself and forwards tools/call and resources/read to the extension host.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { Codicon } from '../components/Codicon';
import { useInspector } from './context';

const APPS_PROTOCOL_VERSION = '2026-01-26';
let nextBridgeId = 1;

/** The page's CSP nonce: a srcdoc frame inherits this page's CSP, so the app's own scripts must carry it. */
function pageNonce(): string {
  return document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
}

/** Adds the nonce to every <script> of the app's HTML. */
export function withNonce(html: string, nonce: string): string {
  if (!nonce) return html;
  return html.replace(/<script\b(?![^>]*\bnonce=)/gi, `<script nonce="${nonce}"`);
}

export function AppFrame(props: { app: { uri: string; html: string }; toolResult: CallToolResult; toolInput?: Record<string, unknown> }): ReactNode {
  const { app, toolResult, toolInput } = props;
  const { host } = useInspector();
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(320);
  const [log, setLog] = useState<string[]>([]);
  const srcDoc = useMemo(() => withNonce(app.html, pageNonce()), [app.html]);

  useEffect(() => {
    const post = (m: unknown) => frame.current?.contentWindow?.postMessage(m, '*');
    const note = (s: string) => setLog((l) => [...l.slice(-49), s]);
    const pending = new Map<number, number | string>();
    const offBridge = host.onBridgeResponse((r) => {
      const appId = pending.get(r.id);
      if (appId === undefined) return;
      pending.delete(r.id);
      post(r.ok ? { jsonrpc: '2.0', id: appId, result: r.result } : { jsonrpc: '2.0', id: appId, error: { code: -32603, message: r.error ?? 'failed' } });
    });
    const onMessage = (ev: MessageEvent) => {
      if (!frame.current || ev.source !== frame.current.contentWindow) return;
      const m = ev.data as { jsonrpc?: string; id?: number | string; method?: string; params?: any };
      if (!m || m.jsonrpc !== '2.0' || typeof m.method !== 'string') return;
      note(`app → host ${m.method}`);
      const reply = (result: unknown) => m.id !== undefined && post({ jsonrpc: '2.0', id: m.id, result });
      switch (m.method) {
        case 'ui/initialize':
          reply({
            protocolVersion: APPS_PROTOCOL_VERSION,
            hostInfo: { name: 'mcp-workbench', version: '0.1.0' },
            hostCapabilities: { openLinks: {}, serverTools: {}, serverResources: {}, logging: {} },
            hostContext: { theme: document.body.classList.contains('vscode-light') ? 'light' : 'dark', displayMode: 'inline', availableDisplayModes: ['inline'] },
          });
          return;
        case 'ui/notifications/initialized':
          post({ jsonrpc: '2.0', method: 'ui/notifications/tool-input', params: { arguments: toolInput ?? {} } });
          post({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params: toolResult });
          return;
        case 'ui/notifications/size-changed':
          if (typeof m.params?.height === 'number') setHeight(Math.max(60, Math.min(2000, Math.ceil(m.params.height))));
          return;
        case 'notifications/message':
          note(`log ${m.params?.level ?? ''}: ${JSON.stringify(m.params?.data)}`);
          return;
        case 'ui/open-link':
          void host.request('openUrl', { url: String(m.params?.url ?? '') }).then((ok) => reply(ok ? {} : { isError: true }));
          return;
        case 'ping':
          reply({});
          return;
        case 'tools/call':
        case 'resources/read':
        case 'resources/list':
        case 'ui/message':
        case 'ui/update-model-context': {
          if (m.id === undefined) return;
          const id = nextBridgeId++;
          pending.set(id, m.id);
          host.send({ type: 'appBridge', id, callId: app.uri, method: m.method, params: m.params });
          return;
        }
        default:
          if (m.id !== undefined) post({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: `Method not supported by this host: ${m.method}` } });
      }
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      offBridge();
    };
  }, [host, app.uri, toolResult, toolInput]);

  return (
    <section className="app-frame" aria-label="MCP App">
      <h4>
        <Codicon name="window" /> App <code>{app.uri}</code>
      </h4>
      <iframe ref={frame} title={`MCP App ${app.uri}`} sandbox="allow-scripts allow-forms" srcDoc={srcDoc} style={{ height }} />
      {log.length ? (
        <details>
          <summary>Bridge messages ({log.length})</summary>
          <pre className="plain-text">{log.join('\n')}</pre>
        </details>
      ) : null}
    </section>
  );
}
