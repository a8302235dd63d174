// MCP Apps in the inspector, host side: a tool that declares a ui:// resource gets the app's HTML unmodified with
// what it declares in `_meta.ui`, and an app's requests reach the server through the extension host, noted in
// the traffic as the app's. Subject: the official example @modelcontextprotocol/server-basic-react.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolCallOutcome } from '../../src/shared/inspectorProtocol';
import { getApi, waitFor } from './helpers';
import { PanelDriver } from './inspectorHarness';

const PKG = () => path.join(process.env.MCPWB_REPO_ROOT ?? path.resolve(__dirname, '..', '..'), 'node_modules', '@modelcontextprotocol', 'server-basic-react');

describe('inspector panel: MCP Apps', function () {
  this.timeout(60_000);
  let driver: PanelDriver;

  before(async () => {
    const api = await getApi();
    const key = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { command: 'node', args: [path.join(PKG(), 'dist', 'index.js'), '--stdio'], name: 'basic react app' });
    driver = new PanelDriver(api.inspector.get(key!)!);
    await driver.connected();
  });

  after(() => {
    driver?.panel.dispose();
    driver?.dispose();
  });

  it('returns the ui:// resource, byte for byte, with the result of a tool that declares it', async () => {
    const r = (await driver.request('callTool', { callId: 'app', name: 'get-time', args: {} })) as ToolCallOutcome;
    assert.strictEqual(r.app?.uri, 'ui://get-time/mcp-app.html');
    assert.strictEqual(r.app?.html, readFileSync(path.join(PKG(), 'dist', 'mcp-app.html'), 'utf8'), 'the HTML is not rewritten');
    assert.strictEqual(r.app?.error, undefined);
  });

  it("performs the app's tools/call and notes it in the traffic as the app's", async () => {
    const before = driver.panel.controller.traffic.size;
    const res = (await driver.request('appRequest', { appUri: 'ui://get-time/mcp-app.html', method: 'tools/call', params: { name: 'get-time', arguments: {} } })) as { content: { text: string }[] };
    assert.match(res.content[0].text, /\d{4}-\d{2}-\d{2}T/);
    await waitFor(() => {
      for (let i = before; i < driver.panel.controller.traffic.size; i++) {
        const e = driver.panel.controller.traffic.event(i);
        if (e?.type === 'note' && e.text === 'MCP App ui://get-time/mcp-app.html: tools/call get-time') return true;
      }
      return undefined;
    }, 'the note that the app called get-time');
  });

  it('refuses what the host does not offer to apps', async () => {
    await assert.rejects(driver.request('appRequest', { appUri: 'ui://get-time/mcp-app.html', method: 'sampling/createMessage' as never, params: {} }), /does not provide/);
  });

  it('tells the webview where the sandbox page is, and frames nothing else', async () => {
    await driver.ready();
    const init = await driver.waitForEvent('init');
    assert.match(init.sandboxBase ?? '', /^https?:\/\//);
    // Under code-server with --proxy-domain the base is http://<port>.localhost:<code-server port>/, which the
    // browser resolves but Node may not: fetch the same page from the port it is served on.
    const base = new URL(init.sandboxBase!);
    const proxied = /^(\d+)\.localhost$/.exec(base.hostname);
    const direct = proxied ? new URL(`http://127.0.0.1:${proxied[1]}${base.pathname}`) : base;
    const page = await fetch(new URL('mcp-app-sandbox?csp=%7B%7D', direct));
    assert.strictEqual(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /connect-src 'none'/);
    assert.match(driver.panel.panel.webview.html, new RegExp(`frame-src ${new URL(init.sandboxBase!).origin.replace(/[.]/g, '\\.')};`));
  });
});
