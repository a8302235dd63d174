// The MCP Apps sandbox proxy page, served from a loopback port. A VS Code webview's srcdoc and data: frames
// inherit the webview's nonce-only script policy, which no bundled app can run under; a page fetched over HTTP
// gets the policy of its own response instead. So, as the MCP Apps spec describes for web hosts, the webview
// frames this page (another origin, sandboxed), the page writes the app's unmodified HTML into an inner frame
// that inherits the page's policy, and relays postMessage both ways. The page holds no data: the app's HTML
// arrives by postMessage from the webview. The MCP server is still reached only by the extension host.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_SANDBOX_PATH } from '../../shared/inspectorProtocol';
import { appFrameCsp, type McpUiResourceCsp } from './appFrameCsp';

export class AppSandboxServer {
  private server: http.Server | undefined;
  private origin: Promise<string> | undefined;

  /** `proxyScript` is the sandbox page's own script (dist/appSandbox.js), inlined into the page. */
  constructor(private readonly proxyScript: () => string) {}

  /** Starts listening on 127.0.0.1 (once) and resolves with `http://127.0.0.1:PORT`. */
  start(): Promise<string> {
    this.origin ??= new Promise<string>((resolve, reject) => {
      const server = http.createServer((req, res) => this.serve(req, res));
      this.server = server;
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
    return this.origin;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || !url.pathname.endsWith(`/${APP_SANDBOX_PATH}`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    let csp: McpUiResourceCsp | undefined;
    try {
      csp = JSON.parse(url.searchParams.get('csp') ?? '{}') as McpUiResourceCsp;
    } catch {
      csp = undefined;
    }
    const body = sandboxPage(this.proxyScript());
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': appFrameCsp(csp),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  }

  async dispose(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    this.origin = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

function sandboxPage(script: string): string {
  // Our own bundle: esbuild escapes `</script` inside strings, so it can be inlined as it is.
  if (/<\/script/i.test(script)) throw new Error('The sandbox script contains "</script" and cannot be inlined.');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>MCP App sandbox</title><style>html,body{margin:0;padding:0;height:100%;overflow:hidden;background:transparent}iframe{border:0;width:100%;height:100%;display:block}</style></head><body><script>${script}</script></body></html>`;
}
