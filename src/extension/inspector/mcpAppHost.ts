// The extension-host side of MCP Apps for one inspector panel: reads the `ui://` resource a tool declares (once
// per connection) with what it declares in `_meta.ui`, and performs what an app asks of the host, on the app's
// behalf. The bridge itself (ui/initialize, host context, notifications) is the ext-apps AppBridge in the webview;
// the extension host stays the only process that talks to the MCP server.
import type { Tool } from '@modelcontextprotocol/client';
import type { Session } from '../../core/client';
import type { AppRequestMethod, AppUiView, ParamsOf } from '../../shared/inspectorProtocol';

export class McpAppHost {
  private readonly apps = new Map<string, AppUiView>();

  constructor(
    private readonly session: () => Session,
    /** The server's tools as last listed, to check what an app may call. */
    private readonly tools: () => readonly Tool[] = () => [],
  ) {}

  /** Forget loaded UIs (a new connection may serve new ones). */
  clear(): void {
    this.apps.clear();
  }

  /** The tool's app UI (with `error` set if it cannot be read), or undefined for a tool without one. */
  async forTool(tool: Tool): Promise<AppUiView | undefined> {
    const uri = appUri(tool);
    if (!uri) return undefined;
    try {
      return await this.load(uri);
    } catch (e) {
      return { uri, html: '', error: `Could not load the app UI: ${(e as Error).message}` };
    }
  }

  /** One request of the app `appUri`; it is noted in the traffic first, so Traffic shows whose it is. */
  async request({ appUri: uri, method, params }: ParamsOf<'appRequest'>): Promise<unknown> {
    const s = this.session();
    const p = (params ?? {}) as Record<string, unknown>;
    s.note(`MCP App ${uri}: ${method}${method === 'tools/call' ? ` ${String(p.name)}` : method === 'resources/read' ? ` ${String(p.uri)}` : ''}`, { app: uri, method, params: p });
    switch (method as AppRequestMethod) {
      case 'tools/call':
        refuseHiddenFromApps(this.tools().find((t) => t.name === p.name));
        return s.callTool(String(p.name), (p.arguments ?? {}) as Record<string, unknown>);
      case 'resources/read':
        return s.readResource(String(p.uri));
      case 'resources/list':
        return { resources: await s.listResources() };
      case 'resources/templates/list':
        return { resourceTemplates: await s.listResourceTemplates() };
      case 'prompts/list':
        return { prompts: await s.listPrompts() };
      case 'ui/message':
      case 'ui/update-model-context':
        // There is no conversation here: the note in the traffic is what the developer sees.
        return {};
      default:
        throw new Error(`The app asked for "${String(method)}", which this host does not provide.`);
    }
  }

  private async load(uri: string): Promise<AppUiView> {
    const cached = this.apps.get(uri);
    if (cached) return cached;
    const r = await this.session().readResource(uri);
    const c = r.contents.find((x) => x.uri === uri) ?? r.contents[0];
    const body = c as { text?: string; blob?: string; _meta?: Record<string, unknown> } | undefined;
    const html = body?.text ?? (body?.blob ? Buffer.from(body.blob, 'base64').toString('utf8') : undefined);
    if (html === undefined) throw new Error(`${uri} has no HTML content`);
    const ui = (body?._meta?.ui ?? {}) as Pick<AppUiView, 'csp' | 'permissions' | 'prefersBorder'>;
    const app: AppUiView = { uri, html, csp: ui.csp, permissions: ui.permissions, prefersBorder: ui.prefersBorder };
    this.apps.set(uri, app);
    return app;
  }
}

/** MCP Apps: a tool whose `_meta.ui.visibility` leaves out "app" is for the model only; the host refuses the app. */
export function refuseHiddenFromApps(tool: Tool | undefined): void {
  const visibility = ((tool?._meta as { ui?: { visibility?: unknown } } | undefined)?.ui?.visibility ?? undefined) as unknown;
  if (!Array.isArray(visibility) || visibility.includes('app')) return;
  throw new Error(`The app may not call "${tool!.name}": its _meta.ui.visibility is ${JSON.stringify(visibility)}, without "app".`);
}

function appUri(tool: Tool): string | undefined {
  const meta = (tool._meta ?? {}) as Record<string, { resourceUri?: unknown } | unknown>;
  const uri = (meta.ui as { resourceUri?: unknown } | undefined)?.resourceUri ?? meta['ui/resourceUri'];
  return typeof uri === 'string' && uri.startsWith('ui://') ? uri : undefined;
}
