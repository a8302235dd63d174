// "Serve over HTTP" inside a real extension host: the demo workspace's stdio server behind a gateway started by
// the command the code lens and the Servers view call, reached over HTTP by the core client, with the copy
// actions (URL, token, mcp.json entry), the inspector over HTTP, and stop.
import * as assert from 'node:assert';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { Session } from '../../src/core/client/session';
import type { GatewayInfo } from '../../src/extension/gateway/registerGateways';
import { getApi, waitFor, workspacePath } from './helpers';
import { PanelDriver } from './inspectorHarness';

const DEMO_REF = () => ({ file: workspacePath('.vscode', 'mcp.json'), name: 'demo' });

describe('gateway: Serve over HTTP (extension host)', function () {
  this.timeout(60_000);
  let gw: GatewayInfo;

  before(async () => {
    gw = (await vscode.commands.executeCommand<GatewayInfo>('mcpWorkbench.gateway.serve', DEMO_REF()))!;
    assert.ok(gw, 'the command returns the running gateway');
  });

  after(async () => {
    const api = await getApi();
    await api.gateways.stopAll();
  });

  it('serves the stdio server on a loopback URL and lists it as running', async () => {
    assert.match(gw.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const api = await getApi();
    const listed = api.gateways.list();
    assert.strictEqual(listed.length, 1);
    assert.strictEqual(listed[0].state, 'running');
    assert.strictEqual(listed[0].name, 'demo');
    // One URL for both eras, and the era the demo server answered before the gateway said it was ready.
    assert.ok(listed[0].eras?.accepted.includes('2025-11-25') && listed[0].eras.accepted.includes('2026-07-28'), JSON.stringify(listed[0].eras));
    assert.ok(listed[0].eras?.server?.legacy || listed[0].eras?.server?.modern?.length, JSON.stringify(listed[0].eras));
  });

  it('serving the same server again returns the running gateway', async () => {
    const again = await vscode.commands.executeCommand<GatewayInfo>('mcpWorkbench.gateway.serve', DEMO_REF());
    assert.strictEqual(again?.id, gw.id);
  });

  it('copies the URL, the token and an mcp.json entry that keeps the token out of the file', async () => {
    await vscode.commands.executeCommand('mcpWorkbench.gateway.copyUrl', gw.id);
    assert.strictEqual(await vscode.env.clipboard.readText(), gw.url);
    await vscode.commands.executeCommand('mcpWorkbench.gateway.copyToken', gw.id);
    const token = await vscode.env.clipboard.readText();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, 'a 256-bit base64url token');
    await vscode.commands.executeCommand('mcpWorkbench.gateway.copyMcpJson', gw.id);
    const entry = await vscode.env.clipboard.readText();
    assert.ok(!entry.includes(token), 'the token is never in the mcp.json entry');
    const parsed = JSON.parse(entry);
    const server = parsed.servers['demo (via gateway)'];
    assert.strictEqual(server.url, gw.url);
    assert.match(server.headers.Authorization, /^Bearer \$\{input:[a-z0-9-]+\}$/);
    assert.strictEqual(parsed.inputs[0].password, true);
  });

  it('answers the core client over HTTP with the token, and 401 without it', async () => {
    await vscode.commands.executeCommand('mcpWorkbench.gateway.copyToken', gw.id);
    const token = await vscode.env.clipboard.readText();
    const refused = await fetch(gw.url!, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    assert.strictEqual(refused.status, 401);
    const session = new Session();
    try {
      await session.connect({ kind: 'http', url: gw.url!, transport: 'streamable-http', headers: { Authorization: `Bearer ${token}` } });
      const tools = await session.listTools();
      assert.ok(tools.length > 0, 'the demo server lists its tools through the gateway');
      await session.ping();
      const api = await getApi();
      await waitFor(() => (api.gateways.list()[0].requests > 0 ? true : undefined), 'request counts in the view', 5000);
      const audit = await waitFor(async () => {
        const text = await fs.readFile(gw.auditLog!, 'utf8').catch(() => '');
        return text.includes('"tools/list"') ? text : undefined;
      }, 'the audit log to record tools/list', 5000);
      assert.ok(!audit.includes(token), 'the audit log never holds the token');
      assert.ok(audit.includes('"http-401:no-token"'), 'refused requests are audited too');
    } finally {
      await session.close();
    }
  });

  it('opens the inspector over HTTP against the gateway', async () => {
    const key = await vscode.commands.executeCommand<string>('mcpWorkbench.gateway.openInspector', gw.id);
    assert.ok(key, 'the inspector opened a panel');
    const api = await getApi();
    const panel = api.inspector.get(key!);
    assert.ok(panel);
    const driver = new PanelDriver(panel!);
    try {
      await driver.connected();
    } finally {
      driver.dispose();
      panel!.dispose();
    }
  });

  it('stops the gateway: it leaves the view and its URL refuses connections', async () => {
    await vscode.commands.executeCommand('mcpWorkbench.gateway.stop', gw.id);
    const api = await getApi();
    assert.strictEqual(api.gateways.list().length, 0);
    await assert.rejects(fetch(gw.url!.replace('/mcp', '/healthz')));
  });
});
