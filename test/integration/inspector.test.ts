// The inspector panel inside a real extension host, against the demo server (a real stdio MCP server):
// opening (one panel per server), the ready handshake, every request kind of the message protocol,
// client-side requests, traffic, lint, saving a trace, auto-reconnect after a crash, and state restore.
import * as assert from 'node:assert';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ToolCallOutcome } from '../../src/shared/inspectorProtocol';
import { getApi, waitFor, workspacePath } from './helpers';
import { PanelDriver } from './inspectorHarness';

const DEMO_REF = () => ({ file: workspacePath('.vscode', 'mcp.json'), name: 'demo' });

function text(outcome: ToolCallOutcome): string {
  return (outcome.result.content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

describe('inspector panel (extension host)', function () {
  this.timeout(60_000);
  let driver: PanelDriver;
  let key: string;

  before(async () => {
    const api = await getApi();
    key = (await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', DEMO_REF()))!;
    assert.ok(key, 'the command returns the panel key');
    const panel = api.inspector.get(key);
    assert.ok(panel, 'the panel is registered');
    driver = new PanelDriver(panel);
    await driver.connected();
    await driver.ready();
  });

  after(async () => {
    driver?.dispose();
    for (const p of (await getApi()).inspector.panels()) p.dispose();
  });

  it('gets the ready handshake from the real webview', async () => {
    await waitFor(() => driver.panel.isReady, 'the webview to post ready', 20_000);
    // The webview answers init with its view state: proof that host -> webview messages arrive too.
    await waitFor(() => driver.panel.lastViewState, 'the webview to report its view state after init', 20_000);
  });

  it('serves the webview with a strict CSP: no network, one nonce-bearing script, no eval', () => {
    const html = driver.panel.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a random nonce');
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.strictEqual(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`));
  });

  it('answers ready with init and a snapshot: connection, catalogue, lint, roots', async () => {
    const init = driver.events('init').at(-1);
    assert.ok(init, 'init posted');
    assert.strictEqual(init.target.ref?.name, 'demo');
    const conn = driver.events('connection').at(-1)!.connection;
    assert.strictEqual(conn.status, 'connected');
    assert.strictEqual(conn.serverInfo?.name, 'mcp-workbench-demo');
    assert.match(conn.protocolVersion ?? '', /^\d{4}-\d{2}-\d{2}$/);
    const cat = driver.events('catalogue').at(-1)!.catalogue;
    assert.deepStrictEqual(cat.tools.map((t) => t.name).sort(), ['configure_pipeline', 'confirm_action', 'create_order', 'echo', 'get_weather', 'long_task', 'summarize']);
    assert.ok(cat.resources.some((r) => r.uri === 'demo://readme'));
    assert.ok(cat.templates.some((t) => t.uriTemplate === 'demo://notes/{name}'));
    const lint = driver.events('lint').at(-1)!.report;
    assert.strictEqual(lint.toolCount, 7);
    assert.ok(lint.totalTokens > 100 && lint.costs[0].tokens >= lint.costs[lint.costs.length - 1].tokens);
    assert.ok(driver.events('roots').at(-1)!.roots.some((r) => r.uri.startsWith('file://')), 'roots default to the workspace folders');
  });

  it('keeps one panel per server: inspecting the same server again reveals it', async () => {
    const api = await getApi();
    const before = api.inspector.panels().length;
    const again = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { type: 'server', file: { file: DEMO_REF().file }, server: { name: 'demo' } });
    assert.strictEqual(again, key);
    assert.strictEqual(api.inspector.panels().length, before);
  });

  it('calls a tool and returns its content', async () => {
    const r = (await driver.request('callTool', { callId: 'c1', name: 'echo', args: { text: 'hello', repeat: 2 } })) as ToolCallOutcome;
    assert.strictEqual(text(r), 'hello\nhello');
    assert.ok(r.elapsedMs >= 0);
    assert.strictEqual(r.hasOutputSchema, false);
  });

  it('returns a tool error (isError) as a result, not as a failed request', async () => {
    const r = (await driver.request('callTool', { callId: 'err', name: 'echo', args: { text: '' } })) as ToolCallOutcome;
    assert.strictEqual(r.result.isError, true);
    // The demo server's SDK checks the arguments against the tool's inputSchema (minLength 1) and answers isError.
    assert.match(text(r), /Invalid arguments for tool echo: .*text/);
  });

  it('checks structuredContent against the outputSchema', async () => {
    const r = (await driver.request('callTool', { callId: 'c2', name: 'get_weather', args: { city: 'Lisbon' } })) as ToolCallOutcome;
    assert.strictEqual(r.hasOutputSchema, true);
    assert.deepStrictEqual(r.outputErrors, []);
    assert.strictEqual((r.result.structuredContent as { city: string }).city, 'Lisbon');
  });

  it('reports progress and cancels a long call', async () => {
    const id = driver.start('callTool', { callId: 'long', name: 'long_task', args: { steps: 50, stepMs: 200 } });
    await driver.waitForEvent('progress', (e) => e.progress.callId === 'long' && e.progress.progress >= 1);
    await driver.request('cancelCall', { callId: 'long' });
    const r = await driver.responseTo(id);
    assert.strictEqual(r.ok, false);
    assert.match((r as { error: string }).error, /cancel/i);
    const p = driver.events('progress').filter((e) => e.progress.callId === 'long').at(-1)!.progress;
    assert.strictEqual(p.total, 50);
    assert.match(p.message ?? '', /step \d+ of 50/);
  });

  it('holds an elicitation until the form is answered', async () => {
    const id = driver.start('callTool', { callId: 'el', name: 'confirm_action', args: { action: 'ship it' } });
    const ev = await driver.pendingClientRequest('elicitation');
    assert.ok(ev.request.kind === 'elicitation');
    assert.strictEqual(ev.request.message, 'Really ship it?');
    assert.strictEqual((ev.request.requestedSchema as { type: string }).type, 'object');
    await driver.request('answerElicitation', { requestId: ev.request.requestId, action: 'accept', content: { confirm: true, environment: 'production', reason: 'test' } });
    await driver.waitForEvent('clientRequestDone', (e) => e.requestId === ev.request.requestId);
    const r = await driver.responseTo(id);
    assert.ok(r.ok);
    assert.match(text(r.result as ToolCallOutcome), /Done: ship it \(production\)\. Reason: test/);
  });

  it('says which language model is missing when asked to draft a sampling reply with it', async () => {
    const id = driver.start('callTool', { callId: 'lm', name: 'summarize', args: { text: 'x' } });
    const ev = await driver.pendingClientRequest('sampling');
    await assert.rejects(driver.request('sampleWithModel', { requestId: ev.request.requestId, model: 'no-such-model' }), /The language model "no-such-model" is not available/);
    await driver.request('answerSampling', { requestId: ev.request.requestId, reject: 'declined in a test' });
    const r = await driver.responseTo(id);
    assert.ok(r.ok === false || (r.result as ToolCallOutcome).result.isError, 'the server sees the rejection');
  });

  it('holds a sampling request until the reviewed reply is approved', async () => {
    const id = driver.start('callTool', { callId: 'sa', name: 'summarize', args: { text: 'MCP connects models to tools.' } });
    const ev = await driver.pendingClientRequest('sampling');
    assert.ok(ev.request.kind === 'sampling');
    assert.match(JSON.stringify(ev.request.params), /Summarise in one sentence/);
    await driver.request('answerSampling', { requestId: ev.request.requestId, result: { role: 'assistant', content: { type: 'text', text: 'A reviewed reply.' }, model: 'reviewer', stopReason: 'endTurn' } });
    const r = await driver.responseTo(id);
    assert.ok(r.ok);
    assert.match(text(r.result as ToolCallOutcome), /A reviewed reply\.\n\n\(model: reviewer\)/);
  });

  it('reads resources, expands templates with completions, gets prompts', async () => {
    const readme = await driver.request('readResource', { uri: 'demo://readme' });
    assert.match((readme.contents[0] as { text: string }).text, /demo server/i);
    const langs = await driver.request('complete', { ref: { type: 'ref/prompt', name: 'review_code' }, argument: 'language', value: 'py' });
    assert.ok(langs.some((l) => l.toLowerCase().startsWith('py')), `completions: ${langs}`);
    const prompt = await driver.request('getPrompt', { name: 'review_code', args: { language: 'python', code: 'print(1)' } });
    assert.ok(prompt.messages.length > 0);
    assert.match(JSON.stringify(prompt.messages), /print\(1\)/);
  });

  it('sets the log level and receives log messages', async () => {
    await driver.request('setLogLevel', { level: 'debug' });
    const id = driver.start('callTool', { callId: 'lg', name: 'long_task', args: { steps: 20, stepMs: 50 } });
    await driver.waitForEvent('progress', (e) => e.progress.callId === 'lg');
    await driver.request('cancelCall', { callId: 'lg' });
    await driver.responseTo(id);
    // long_task logs at "notice" when it is cancelled.
    await driver.waitForEvent('logs', (e) => e.entries.some((l) => /long_task cancelled/.test(JSON.stringify(l.data))));
    assert.ok(driver.events('notifications').some((e) => e.entries.some((n) => n.method === 'notifications/message')));
  });

  it('streams traffic rows that pair requests with responses, with details on demand', async () => {
    await driver.request('callTool', { callId: 'tr', name: 'echo', args: { text: 'traffic' } });
    const rows = await waitFor(() => {
      const all = driver.events('traffic').flatMap((e) => e.rows);
      return all.some((r) => r.kind === 'response' && r.method === 'tools/call' && /traffic/.test(r.preview)) ? all : undefined;
    }, 'the tools/call response row');
    const res = rows.filter((r) => r.kind === 'response' && /traffic/.test(r.preview)).at(-1)!;
    assert.ok(res.pairSeq !== undefined && res.latencyMs !== undefined && res.latencyMs >= 0);
    const req = (await driver.request('trafficDetail', { seq: res.pairSeq })) as { method: string; params: { name: string } };
    assert.strictEqual(req.method, 'tools/call');
    assert.strictEqual(req.params.name, 'echo');
  });

  it('saves the traffic as a .mcptrace file', async () => {
    const file = workspacePath('.mcp-traces', 'inspector-test.mcptrace');
    const saved = await driver.panel.controller.saveTrace(file);
    assert.match(saved ?? '', /events\)/);
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n');
    const header = JSON.parse(lines[0]);
    assert.strictEqual(header.format, 'mcptrace');
    assert.strictEqual(header.target.transport, 'stdio');
    assert.ok(lines.slice(1).some((l) => l.includes('"tools/call"')));
  });

  it('answers an unknown method with an error and ignores malformed messages', async () => {
    await driver.panel.receive({ type: 'nonsense' });
    await driver.panel.receive(42);
    await assert.rejects(driver.request('noSuchMethod' as never, {} as never), /Unknown request "noSuchMethod"/);
    await assert.rejects(driver.request('trafficDetail', { seq: 10_000_000 }), /No message #10000000/);
  });

  it('reconnects by itself when the server process dies, and shows why it closed', async () => {
    const pid = driver.panel.controller.pid;
    assert.ok(pid, 'a stdio server has a pid');
    process.kill(pid, 'SIGKILL');
    await driver.waitForEvent('connection', (e) => e.connection.status === 'closed' && e.connection.reconnectingInMs !== undefined);
    await waitFor(() => driver.panel.controller.connection.status === 'connected' && driver.panel.controller.pid !== pid, 'the panel to reconnect to a new process', 20_000);
    const r = (await driver.request('callTool', { callId: 'after', name: 'echo', args: { text: 'back' } })) as ToolCallOutcome;
    assert.strictEqual(text(r), 'back');
  });

  it('shows a failed connect as the core diagnosis, with a retry', async () => {
    const api = await getApi();
    const badKey = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { command: 'definitely-not-a-command-mcpwb', args: [] });
    const bad = api.inspector.get(badKey!)!;
    await waitFor(() => bad.controller.connection.status === 'failed', 'the connect to fail');
    const err = bad.controller.connection.error!;
    assert.strictEqual(err.step, 'spawn');
    assert.match(err.message, /definitely-not-a-command-mcpwb/);
    assert.ok(err.hint, 'a hint says what to do');
    const d = new PanelDriver(bad);
    await d.request('connect', {});
    assert.strictEqual(bad.controller.connection.status, 'failed', 'retrying a missing command fails the same way');
    d.dispose();
    bad.dispose();
  });

  it('restores a panel from its saved state (the serializer path) with the same view state', async () => {
    const api = await getApi();
    const view = { tab: 'tools' as const, selectedTool: 'create_order', toolInputs: { create_order: { customer: { name: 'Ada' } } }, promptInputs: {}, toolHistory: {} };
    await driver.panel.receive({ type: 'viewState', state: view });
    assert.deepStrictEqual(driver.panel.lastViewState, view);
    const target = driver.events('init').at(-1)!.target;
    const fresh = vscode.window.createWebviewPanel('mcpWorkbench.inspector', 'restored', vscode.ViewColumn.Active, { enableScripts: true });
    const restored = await api.inspector.restore(fresh, { view, target });
    assert.ok(restored);
    assert.strictEqual(api.inspector.get(key), restored, 'the restored panel takes the server key');
    const d = new PanelDriver(restored);
    await d.connected();
    await d.ready();
    const init = d.events('init').at(-1)!;
    assert.deepStrictEqual(init.state, view, 'the webview gets its form inputs and selection back');
    assert.strictEqual(init.target.key, key);
    d.dispose();
    driver.dispose();
    driver = d;
  });
});
