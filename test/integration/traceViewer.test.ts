// The trace viewer custom editor inside the extension host: it opens a recorded trace, answers the webview's
// window/filter/event requests from its index, and Verify reports the changed answer and opens the diff editor.
// Also: recording an inspector connection into .mcp/traces with Start/Stop Recording and the status of it.
import * as assert from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TraceViewerSession } from '../../src/extension/traceViewer/traceViewerSession';
import type { TraceViewerFromHost, TraceViewerMethod, TvParams, TvResult } from '../../src/shared/traceViewerProtocol';
import { getApi, waitFor, workspacePath } from './helpers';
import { editedCopy, recordWorkspaceTrace } from './replayTraces';

let nextId = 2_000_000;

class ViewerDriver {
  readonly posted: TraceViewerFromHost[] = [];
  constructor(readonly session: TraceViewerSession) {
    session.onDidPost((m) => this.posted.push(m));
  }
  async request<M extends TraceViewerMethod>(method: M, params: TvParams<M>, timeoutMs = 30_000): Promise<TvResult<M>> {
    const id = nextId++;
    void this.session.receive({ type: 'request', id, method, params } as never);
    const r = await waitFor(() => this.posted.find((m) => m.type === 'response' && m.id === id), `the response to ${method}`, timeoutMs, 20);
    if (r.type !== 'response') throw new Error('unreachable');
    if (!r.ok) throw new Error(r.error);
    return r.result as TvResult<M>;
  }
}

describe('trace viewer (extension host)', function () {
  this.timeout(90_000);
  const dir = () => workspacePath('viewer-traces');
  const good = () => path.join(dir(), 'viewer-good.mcptrace');
  const edited = () => path.join(dir(), 'viewer-edited.mcptrace');
  let driver: ViewerDriver;

  before(async () => {
    await fs.mkdir(dir(), { recursive: true });
    await recordWorkspaceTrace(good(), workspacePath());
    await editedCopy(good(), edited());
    const api = await getApi();
    driver = new ViewerDriver(await api.replay.viewer.open(vscode.Uri.file(edited())));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(dir(), { recursive: true, force: true });
  });

  it('opens *.mcptrace in the custom editor and sends the summary and first rows on ready', async () => {
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === edited());
    assert.ok(tab, 'a custom editor tab for the trace');
    // The real webview's ready handshake brings init (no message from this test yet).
    const init = await waitFor(() => driver.posted.find((m) => m.type === 'init'), 'init after the webview said ready', 20_000);
    if (init.type !== 'init') throw new Error('unreachable');
    assert.strictEqual(init.summary.server?.name, 'mcp-workbench-demo');
    assert.ok(init.methods.includes('tools/call'));
    assert.ok(init.firstRows.length > 5 && init.firstRows.length === init.length);
    // The handshake of the era the trace was recorded in comes first.
    assert.strictEqual(init.firstRows.find((r) => r.kind === 'request')?.method, init.summary.era === '2026' ? 'server/discover' : 'initialize');
    assert.strictEqual(init.firstRows[0].kind, 'transport', 'transport events are interleaved with messages');
  });

  it('filters in the host and serves windows and single events', async () => {
    const f = await driver.request('setFilter', { filter: { methods: ['tools/call'] } });
    assert.ok(f.length >= 4, `tools/call rows: ${f.length}`);
    const { rows } = await driver.request('rows', { start: 0, end: f.length, viewId: f.viewId });
    assert.ok(rows.every((r) => r.method === 'tools/call'));
    const ev = await driver.request('event', { row: rows[0].row });
    assert.strictEqual((ev.value as { msg: { method: string } }).msg.method, 'tools/call');
    const none = await driver.request('setFilter', { filter: { text: 'no such text anywhere' } });
    assert.strictEqual(none.length, 0);
    await driver.request('setFilter', { filter: {} });
  });

  it('Verify reports the edited answer and opens it in the diff editor', async () => {
    const result = await driver.request('verify', { chooseTarget: false }, 60_000);
    assert.ok(result, 'a verify result');
    assert.strictEqual(result.ok, false);
    const failing = result.checks.filter((c) => c.status !== 'pass');
    assert.deepStrictEqual(failing.map((c) => c.label), ['tools/call echo']);
    assert.match(failing[0].differences[0], /result\.content\[0\]\.text/);
    const diffTab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'mcptrace-verify'),
      'a diff editor of the recorded and current answers',
    );
    const input = diffTab.input as vscode.TabInputTextDiff;
    const recorded = (await vscode.workspace.openTextDocument(input.original)).getText();
    const current = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.match(recorded, /an answer the server no longer gives/);
    assert.match(current, /hello from the recording/);
  });

  it('Verify against... offers the eras and replays in the one picked, whatever era the trace was recorded in', async () => {
    // The quick picks are answered here: the configured demo server, then the era.
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const original = window.showQuickPick;
    const offered: string[][] = [];
    let era = '';
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      const list = await items;
      offered.push(list.map((i) => i.label));
      return list.find((i) => i.label === 'demo') ?? list.find((i) => i.label === era);
    }) as unknown as typeof vscode.window.showQuickPick;
    try {
      for (era of ['2026-07-28', '2025-11-25']) {
        offered.length = 0;
        const result = await driver.request('verify', { chooseTarget: true }, 60_000);
        assert.ok(result, `${era}: a verify result`);
        assert.ok(offered[1]?.includes('2025-11-25') && offered[1].includes('2026-07-28') && offered[1].includes('auto'), `eras offered: ${JSON.stringify(offered)}`);
        assert.strictEqual(result.protocolVersion, era);
        assert.deepStrictEqual(result.checks.filter((c) => c.status !== 'pass').map((c) => c.label), ['tools/call echo'], era);
      }
    } finally {
      window.showQuickPick = original;
    }
  });

  it('follows the file as it grows: appended lines reach the open viewer', async () => {
    const before = (await driver.request('setFilter', { filter: {} })).length;
    await fs.appendFile(edited(), JSON.stringify({ type: 'stderr', t: 99_999, text: 'appended while open' }) + '\n');
    await waitFor(() => driver.posted.some((m) => m.type === 'progress' && m.length === before + 1), 'a progress event with the appended row', 15_000);
    const { rows } = await driver.request('rows', { start: before, end: before + 1, viewId: (await driver.request('setFilter', { filter: {} })).viewId });
    assert.strictEqual(rows[0].preview, 'appended while open');
  });
});

describe('recording inspector connections', function () {
  this.timeout(90_000);

  after(async () => {
    await vscode.commands.executeCommand('mcpWorkbench.stopRecording');
    for (const p of (await getApi()).inspector.panels()) p.dispose();
  });

  it('records a connection into .mcp/traces between Start and Stop Recording, named after the server', async () => {
    const api = await getApi();
    // Start Recording covers every open inspector; only the demo panel's file is checked here.
    await vscode.commands.executeCommand('mcpWorkbench.startRecording');
    const key = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { file: workspacePath('.vscode', 'mcp.json'), name: 'demo' });
    const panel = api.inspector.get(key!)!;
    await waitFor(() => panel.controller.connection.status === 'connected' && panel.controller.catalogue.tools.length > 0, 'the inspector to connect', 30_000);
    const file = await waitFor(() => api.replay.recording.activeFile(key!), 'a recording file for the demo panel');
    assert.match(path.basename(file), /^demo-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.mcptrace$/);
    assert.strictEqual(path.dirname(file), workspacePath('.mcp', 'traces'));
    await vscode.commands.executeCommand('mcpWorkbench.stopRecording');
    assert.strictEqual(api.replay.recording.isRecording(), false);
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.strictEqual(lines[0].type, 'header');
    assert.ok(lines.some((l) => l.type === 'message' && l.msg.method === 'tools/list'), 'the inspector traffic is in the trace');
  });

  it('Record (the code lens command) opens the inspector on the server and records its session', async () => {
    const api = await getApi();
    for (const p of api.inspector.panels()) p.dispose();
    const before = new Set(api.replay.recording.writtenFiles());
    const key = await vscode.commands.executeCommand<string>('mcpWorkbench.recordServer', { file: workspacePath('.vscode', 'mcp.json'), name: 'demo' });
    assert.ok(key, 'the inspector panel key');
    const panel = api.inspector.get(key)!;
    await waitFor(() => panel.controller.connection.status === 'connected' && panel.controller.catalogue.tools.length > 0, 'the inspector to connect', 30_000);
    await waitFor(() => api.replay.recording.isRecording(key), 'recording of that panel');
    const file = api.replay.recording.writtenFiles().find((f) => !before.has(f))!;
    assert.ok(file, 'a new trace file');
    panel.dispose();
    await waitFor(() => !api.replay.recording.isRecording(key), 'the recording to stop when the panel closes');
    const text = await fs.readFile(file, 'utf8');
    // The header records the era, and the handshake of that era is in the trace.
    const header = JSON.parse(text.split('\n')[0]);
    assert.ok(header.era === '2025' || header.era === '2026', `era in the header: ${text.split('\n')[0]}`);
    assert.ok(text.includes(header.era === '2026' ? '"method":"server/discover"' : '"method":"initialize"'));
  });

  it('records every connection while mcpWorkbench.recording.enabled is on, into the configured folder', async () => {
    const api = await getApi();
    for (const p of api.inspector.panels()) p.dispose();
    const config = vscode.workspace.getConfiguration('mcpWorkbench.recording');
    await config.update('enabled', true, vscode.ConfigurationTarget.Workspace);
    await config.update('folder', 'recorded-sessions', vscode.ConfigurationTarget.Workspace);
    try {
      const key = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { file: workspacePath('.vscode', 'mcp.json'), name: 'demo' });
      const panel = api.inspector.get(key!)!;
      await waitFor(() => panel.controller.connection.status === 'connected', 'the inspector to connect', 30_000);
      const file = await waitFor(() => api.replay.recording.activeFile(key!), 'an always-on recording');
      assert.strictEqual(path.dirname(file), workspacePath('recorded-sessions'));
      panel.dispose();
      await waitFor(() => !api.replay.recording.isRecording(key!), 'the recording to end with the connection');
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
