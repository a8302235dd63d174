// MCP Apps in the inspector: a tool that declares a ui:// resource gets the app's HTML with its result, and
// the app's requests (through the webview's bridge) reach the server on its behalf.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview, ToolCallOutcome } from '../../src/shared/inspectorProtocol';
import { getApi, waitFor } from './helpers';
import { PanelDriver } from './inspectorHarness';

const FIXTURE = () => path.join(process.env.MCPWB_REPO_ROOT ?? path.resolve(__dirname, '..', '..'), 'test', 'integration', 'fixtures', 'appServer.mjs');

describe('inspector panel: MCP Apps', function () {
  this.timeout(60_000);
  let driver: PanelDriver;

  before(async () => {
    const api = await getApi();
    const key = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { command: 'node', args: [FIXTURE()], name: 'app fixture' });
    driver = new PanelDriver(api.inspector.get(key!)!);
    await driver.connected();
  });

  after(() => {
    driver?.panel.dispose();
    driver?.dispose();
  });

  it('returns the ui:// resource with the result of a tool that declares it', async () => {
    const r = (await driver.request('callTool', { callId: 'app', name: 'show_chart', args: { quarter: 'Q4' } })) as ToolCallOutcome;
    assert.strictEqual(r.app?.uri, 'ui://chart/app.html');
    assert.match(r.app?.html ?? '', /<h1 id="title">Chart app<\/h1>/);
    const plain = (await driver.request('callTool', { callId: 'plain', name: 'get_data', args: {} })) as ToolCallOutcome;
    assert.strictEqual(plain.app, undefined, 'a tool without a UI has no app');
  });

  it("forwards the app's tools/call to the server and answers on the bridge", async () => {
    await driver.panel.receive({ type: 'appBridge', id: 7, callId: 'ui://chart/app.html', method: 'tools/call', params: { name: 'get_data', arguments: {} } });
    const res = await waitFor(() => driver.posted.find((m): m is Extract<HostToWebview, { type: 'appBridgeResponse' }> => m.type === 'appBridgeResponse' && m.id === 7), 'the bridge response');
    assert.strictEqual(res.ok, true);
    assert.strictEqual((res.result as { content: { text: string }[] }).content[0].text, '1,2,3');
  });

  it('refuses what the host does not offer to apps', async () => {
    await driver.panel.receive({ type: 'appBridge', id: 8, callId: 'ui://chart/app.html', method: 'sampling/createMessage', params: {} });
    const res = await waitFor(() => driver.posted.find((m): m is Extract<HostToWebview, { type: 'appBridgeResponse' }> => m.type === 'appBridgeResponse' && m.id === 8), 'the bridge refusal');
    assert.strictEqual(res.ok, false);
    assert.match(res.error ?? '', /does not provide/);
  });
});
