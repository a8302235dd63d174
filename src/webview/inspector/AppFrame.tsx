// An MCP App (a tool's `ui://` resource) in the inspector, hosted with the official ext-apps AppBridge.
// The app runs inside the sandbox page (AppSandboxServer): another origin, its own Content-Security-Policy built
// from the resource's `_meta.ui.csp`, the app's HTML unmodified in an inner frame. The bridge answers
// ui/initialize with the VS Code theme, locale and size, and forwards what the app asks of the server to the
// extension host, which performs it and notes it in Traffic as the app's.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { AppBridge, buildAllowAttribute, PostMessageTransport, type McpUiDisplayMode, type McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';
import { APP_SANDBOX_PATH, type AppRequestMethod, type AppUiView } from '../../shared/inspectorProtocol';
import type { HostClient } from '../host/hostClient';
import { Codicon } from '../components/Codicon';
import { useInspector, useSnapshot } from './context';
import { vscodeThemeContext } from './appHostContext';
import { sandboxFlags, sandboxHasOwnOrigin } from './sandboxFlags';

const HOST_INFO = { name: 'mcp-workbench', version: '0.1.0' };
const LOG_KEEP = 50;
let nextFrame = 1;

export function AppFrame(props: { app: AppUiView; tool?: Tool; toolInput?: Record<string, unknown>; toolResult: CallToolResult }): ReactNode {
  const { app, tool, toolInput, toolResult } = props;
  const { host } = useInspector();
  const { sandboxBase, locale } = useSnapshot();
  const frame = useRef<HTMLIFrameElement>(null);
  const bridgeRef = useRef<AppBridge>(undefined);
  const [height, setHeight] = useState(320);
  const [mode, setMode] = useState<McpUiDisplayMode>('inline');
  const [log, setLog] = useState<string[]>([]);
  const note = (s: string) => setLog((l) => [...l.slice(-(LOG_KEEP - 1)), s]);

  const src = sandboxBase && !app.error ? sandboxUrl(sandboxBase, app) : undefined;
  const ownOrigin = useMemo(() => (src ? sandboxHasOwnOrigin(src, location.origin, location.ancestorOrigins) : false), [src]);
  const flags = sandboxFlags(ownOrigin);
  // One document and one bridge per result: a new call frames the app afresh.
  const frameKey = useMemo(() => nextFrame++, [src, toolResult]);

  useEffect(() => {
    const win = frame.current?.contentWindow;
    if (!src || !win) return;
    const context = (displayMode: McpUiDisplayMode): McpUiHostContext => ({
      ...vscodeThemeContext(),
      displayMode,
      availableDisplayModes: ['inline', 'fullscreen'],
      locale: locale ?? navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      platform: 'desktop',
      userAgent: 'mcp-workbench',
      containerDimensions: { width: frame.current?.clientWidth ?? 600, maxHeight: 2000 },
      ...(tool ? { toolInfo: { tool } } : {}),
    });
    const bridge = new AppBridge(
      null,
      HOST_INFO,
      {
        openLinks: {},
        serverTools: {},
        serverResources: {},
        logging: {},
        message: { text: {} },
        updateModelContext: { text: {} },
        sandbox: { csp: app.csp, permissions: app.permissions },
      },
      { hostContext: context('inline') },
    );
    bridgeRef.current = bridge;
    wireRequests(bridge, host, app.uri, note);
    bridge.onsandboxready = () => {
      void bridge.sendSandboxResourceReady({ html: app.html, sandbox: flags, csp: app.csp, permissions: app.permissions });
    };
    bridge.oninitialized = () => {
      note('app initialized');
      void bridge.sendToolInput({ arguments: toolInput ?? {} });
      void bridge.sendToolResult(toolResult);
    };
    bridge.onsizechange = ({ height: h }) => {
      if (typeof h === 'number') setHeight(Math.max(60, Math.min(4000, Math.ceil(h))));
    };
    bridge.onrequestdisplaymode = async ({ mode: wanted }) => {
      const next: McpUiDisplayMode = wanted === 'fullscreen' ? 'fullscreen' : 'inline';
      setMode(next);
      bridge.setHostContext(context(next));
      return { mode: next };
    };
    bridge.onloggingmessage = (p) => note(`log ${p.level}: ${typeof p.data === 'string' ? p.data : JSON.stringify(p.data)}`);
    bridge.onopenlink = async ({ url }) => {
      note(`open link ${url}`);
      const opened = await host.request('openUrl', { url }).catch(() => false);
      return opened ? {} : { isError: true };
    };
    bridge.onrequestteardown = () => note('app asked to be closed');
    // Theme changes (VS Code switches the body class) reach the app as host-context changes.
    const themeWatch = new MutationObserver(() => bridge.setHostContext({ ...vscodeThemeContext() }));
    themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    void bridge.connect(new PostMessageTransport(win, win)).catch((e: unknown) => note(`bridge failed: ${(e as Error).message}`));
    return () => {
      themeWatch.disconnect();
      bridgeRef.current = undefined;
      void bridge.close().catch(() => undefined);
    };
    // The frame key covers src and the result: one bridge per framed document.
  }, [frameKey, host]);

  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const resize = new ResizeObserver(() => bridgeRef.current?.setHostContext({ containerDimensions: { width: el.clientWidth, maxHeight: 2000 } }));
    resize.observe(el);
    return () => resize.disconnect();
  }, [frameKey]);

  return (
    <section className={`app-frame${mode === 'fullscreen' ? ' app-frame-fullscreen' : ''}`} aria-label="MCP App">
      <h4>
        <Codicon name="window" /> App <code>{app.uri}</code>
        {mode === 'fullscreen' ? (
          <button
            type="button"
            onClick={() => {
              setMode('inline');
              bridgeRef.current?.setHostContext({ displayMode: 'inline' });
            }}
          >
            <Codicon name="screen-normal" /> Exit full screen
          </button>
        ) : null}
      </h4>
      {app.error ? (
        <p className="error">{app.error}</p>
      ) : !sandboxBase ? (
        <p className="error">The MCP Apps sandbox is not running, so this app cannot be shown (see the MCP Workbench log).</p>
      ) : (
        <iframe
          key={frameKey}
          ref={frame}
          title={`MCP App ${app.uri}`}
          sandbox={flags}
          allow={buildAllowAttribute(app.permissions) || undefined}
          src={src}
          style={mode === 'fullscreen' ? undefined : { height }}
          className={app.prefersBorder === false ? 'borderless' : undefined}
        />
      )}
      {src && !ownOrigin ? (
        <p className="muted">
          The sandbox page is served from this window&apos;s own origin (code-server without --proxy-domain), so the app runs without an origin of its own; apps that
          read their parent frame may fail here.
        </p>
      ) : null}
      {log.length ? (
        <details>
          <summary>Bridge messages ({log.length})</summary>
          <pre className="plain-text">{log.join('\n')}</pre>
        </details>
      ) : null}
    </section>
  );
}

function sandboxUrl(base: string, app: AppUiView): string {
  const u = new URL(APP_SANDBOX_PATH, base.endsWith('/') ? base : `${base}/`);
  u.searchParams.set('csp', JSON.stringify(app.csp ?? {}));
  const allow = buildAllowAttribute(app.permissions);
  if (allow) u.searchParams.set('allow', allow);
  return u.toString();
}

/** What the app asks of the server goes to the extension host, which performs it for the app. */
function wireRequests(bridge: AppBridge, host: HostClient, appUri: string, note: (s: string) => void): void {
  const forward = <T,>(method: AppRequestMethod, params: unknown): Promise<T> => {
    note(`app → host ${method}`);
    return host.request('appRequest', { appUri, method, params }) as Promise<T>;
  };
  bridge.oncalltool = (params) => forward('tools/call', params);
  bridge.onreadresource = (params) => forward('resources/read', params);
  bridge.onlistresources = (params) => forward('resources/list', params);
  bridge.onlistresourcetemplates = (params) => forward('resources/templates/list', params);
  bridge.onlistprompts = (params) => forward('prompts/list', params);
  bridge.onmessage = (params) => forward('ui/message', params);
  bridge.onupdatemodelcontext = (params) => forward('ui/update-model-context', params);
}
