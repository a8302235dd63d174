// The host side of MCP Apps for one inspector panel: loads the `ui://` resource a tool declares (once per
// connection) and answers what an app frame asks of the host, on the app's behalf.
import type { Tool } from '@modelcontextprotocol/client';
import type { Session } from '../../core/client';
import type { AppBridgeMessage } from '../../shared/inspectorProtocol';

export interface AppUi {
  uri: string;
  html: string;
}

export class McpAppHost {
  private readonly apps = new Map<string, AppUi>();

  constructor(private readonly session: () => Session) {}

  /** Forget loaded UIs (a new connection may serve new ones). */
  clear(): void {
    this.apps.clear();
  }

  /** The tool's app UI, a short error page if it cannot be loaded, or undefined for a tool without one. */
  async forTool(tool: Tool): Promise<AppUi | undefined> {
    const uri = appUri(tool);
    if (!uri) return undefined;
    try {
      return await this.load(uri);
    } catch (e) {
      return { uri, html: `<p>Could not load the app UI: ${escapeHtml((e as Error).message)}</p>` };
    }
  }

  /** Requests from an MCP App frame, on behalf of the app (the host decides what the app may do). */
  async handleBridge(m: AppBridgeMessage): Promise<unknown> {
    const s = this.session();
    const params = (m.params ?? {}) as Record<string, any>;
    switch (m.method) {
      case 'tools/call':
        return s.callTool(String(params.name), params.arguments ?? {});
      case 'resources/read':
        return s.readResource(String(params.uri));
      case 'resources/list':
        return { resources: await s.listResources() };
      case 'ui/message':
      case 'ui/update-model-context':
        s.note(`MCP App ${m.callId} sent ${m.method}`, params);
        return {};
      default:
        throw new Error(`The app asked for "${m.method}", which this host does not provide.`);
    }
  }

  private async load(uri: string): Promise<AppUi> {
    const cached = this.apps.get(uri);
    if (cached) return cached;
    const r = await this.session().readResource(uri);
    const c = r.contents[0] as { text?: string; blob?: string } | undefined;
    const html = c?.text ?? (c?.blob ? Buffer.from(c.blob, 'base64').toString('utf8') : undefined);
    if (html === undefined) throw new Error(`${uri} has no HTML content`);
    const app = { uri, html };
    this.apps.set(uri, app);
    return app;
  }
}

function appUri(tool: Tool): string | undefined {
  const meta = (tool._meta ?? {}) as Record<string, any>;
  const uri = meta.ui?.resourceUri ?? meta['ui/resourceUri'];
  return typeof uri === 'string' && uri.startsWith('ui://') ? uri : undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
