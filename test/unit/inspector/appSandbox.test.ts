// The MCP Apps sandbox page: its policy comes from the app's declared `_meta.ui.csp` and nothing else, and the
// loopback server serves only that page.
import * as assert from 'node:assert';
import { appFrameCsp } from '../../../src/extension/inspector/appFrameCsp';
import { AppSandboxServer } from '../../../src/extension/inspector/appSandboxServer';

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));
}

describe('appFrameCsp', () => {
  it('allows no network and no nested frames when the app declares nothing', () => {
    const p = appFrameCsp(undefined);
    assert.strictEqual(directive(p, 'default-src'), "default-src 'none'");
    assert.strictEqual(directive(p, 'connect-src'), "connect-src 'none'");
    assert.strictEqual(directive(p, 'frame-src'), "frame-src 'none'");
    assert.strictEqual(directive(p, 'base-uri'), "base-uri 'none'");
    assert.match(directive(p, 'script-src') ?? '', /'unsafe-inline'/, 'bundled apps are inline scripts');
    assert.doesNotMatch(p, /unsafe-eval/);
  });

  it('maps the declared domains to their directives', () => {
    const p = appFrameCsp({ connectDomains: ['https://api.example.com', 'wss://rt.example.com'], resourceDomains: ['https://cdn.example.com'], frameDomains: ['https://www.youtube.com'], baseUriDomains: ['https://base.example.com'] });
    assert.strictEqual(directive(p, 'connect-src'), 'connect-src https://api.example.com wss://rt.example.com');
    for (const d of ['script-src', 'style-src', 'img-src', 'font-src', 'media-src']) assert.match(directive(p, d) ?? '', / https:\/\/cdn\.example\.com$/, d);
    assert.doesNotMatch(directive(p, 'connect-src') ?? '', /cdn/);
    assert.strictEqual(directive(p, 'frame-src'), 'frame-src https://www.youtube.com');
    assert.strictEqual(directive(p, 'base-uri'), 'base-uri https://base.example.com');
  });

  it('drops entries that would add directives or keywords', () => {
    const p = appFrameCsp({ connectDomains: ["https://a.example.com; script-src *", "'unsafe-eval'", 'https://b.example.com,https://c', 'https://ok.example.com'] });
    assert.strictEqual(directive(p, 'connect-src'), 'connect-src https://ok.example.com');
    assert.doesNotMatch(p, /unsafe-eval|script-src \*/);
  });
});

describe('AppSandboxServer', () => {
  let server: AppSandboxServer;
  let base: string;

  before(async () => {
    server = new AppSandboxServer(() => 'window.parent.postMessage("proxy", "*");');
    base = await server.start();
  });

  after(() => server.dispose());

  it('listens on loopback only', () => {
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the sandbox page with the policy built from the csp parameter', async () => {
    const csp = { connectDomains: ['https://api.example.com'] };
    const r = await fetch(`${base}/mcp-app-sandbox?csp=${encodeURIComponent(JSON.stringify(csp))}`);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-security-policy'), appFrameCsp(csp));
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.strictEqual(r.headers.get('cache-control'), 'no-store');
    const body = await r.text();
    assert.ok(body.includes('<script>window.parent.postMessage("proxy", "*");</script>'), 'the proxy script is inlined');
  });

  it('serves the page under a path prefix too (a port proxy such as code-server /proxy/PORT/)', async () => {
    const r = await fetch(`${base}/proxy/1234/mcp-app-sandbox?csp=%7B%7D`);
    assert.strictEqual(r.status, 200);
  });

  it('falls back to the strictest policy for a csp parameter that is not JSON', async () => {
    const r = await fetch(`${base}/mcp-app-sandbox?csp=%7Bnot-json`);
    assert.strictEqual(r.headers.get('content-security-policy'), appFrameCsp(undefined));
  });

  it('answers 404 to anything else', async () => {
    assert.strictEqual((await fetch(`${base}/`)).status, 404);
    assert.strictEqual((await fetch(`${base}/mcp-app-sandbox`, { method: 'POST', body: 'x' })).status, 404);
    assert.strictEqual((await fetch(`${base}/etc/passwd`)).status, 404);
  });
});
