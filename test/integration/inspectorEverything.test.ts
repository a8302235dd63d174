// The inspector against the reference server (@modelcontextprotocol/server-everything) in the extension host:
// roots from the workspace and edited in the panel, task-augmented calls, resource subscriptions, and the
// watch globs of the dev loop restarting the server when a file changes.
import * as assert from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TaskView, ToolCallOutcome } from '../../src/shared/inspectorProtocol';
import { getApi, waitFor, workspacePath } from './helpers';
import { PanelDriver } from './inspectorHarness';

const EVERYTHING = () => path.join(process.env.MCPWB_REPO_ROOT ?? path.resolve(__dirname, '..', '..'), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

function text(o: ToolCallOutcome): string {
  return (o.result.content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

describe('inspector panel: server-everything', function () {
  this.timeout(90_000);
  let driver: PanelDriver;

  before(async () => {
    const api = await getApi();
    const key = await vscode.commands.executeCommand<string>('mcpWorkbench.inspectServer', { command: 'node', args: [EVERYTHING(), 'stdio'], name: 'everything' });
    driver = new PanelDriver(api.inspector.get(key!)!);
    await driver.connected(60_000);
  });

  after(async () => {
    await fs.rm(workspacePath('watched.txt'), { force: true });
    driver?.panel.dispose();
    driver?.dispose();
  });

  it('offers the workspace folders as roots, and the edited roots after setRoots', async () => {
    const before = (await driver.request('callTool', { callId: 'r1', name: 'get-roots-list', args: {} })) as ToolCallOutcome;
    assert.ok(text(before).includes(vscode.workspace.workspaceFolders![0].uri.toString()), text(before));
    await driver.request('setRoots', { roots: [{ uri: 'file:///tmp/mcpwb-root', name: 'edited root' }] });
    // The server refreshes its roots when told that the list changed.
    await waitFor(async () => {
      const after = (await driver.request('callTool', { callId: `r2-${Date.now()}`, name: 'get-roots-list', args: {} })) as ToolCallOutcome;
      return text(after).includes('file:///tmp/mcpwb-root') ? after : undefined;
    }, 'the server to see the edited roots');
    await assert.rejects(driver.request('setRoots', { roots: [{ uri: 'not a uri' }] }), /is not a URI/);
  });

  it('shows a URL-mode elicitation with its link, and passes on the answer', async () => {
    const id = driver.start('callTool', { callId: 'url', name: 'trigger-url-elicitation', args: { url: 'https://example.com/consent', message: 'Sign in to continue' } });
    const ev = await driver.pendingClientRequest('elicitation');
    assert.ok(ev.request.kind === 'elicitation');
    assert.strictEqual(ev.request.url, 'https://example.com/consent');
    assert.strictEqual(ev.request.message, 'Sign in to continue');
    await driver.request('answerElicitation', { requestId: ev.request.requestId, action: 'decline' });
    const r = await driver.responseTo(id);
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(text(r.result as ToolCallOutcome), /decline/i);
  });

  it('refuses to open anything but web and mail links', async () => {
    await assert.rejects(driver.request('openUrl', { url: 'file:///etc/passwd' }), /Only http, https and mailto links/);
    await assert.rejects(driver.request('openUrl', { url: 'not a url' }), /is not a valid URL/);
  });

  it('runs a task-augmented call and fetches its result', async () => {
    const created = (await driver.request('callTool', { callId: 't1', name: 'simulate-research-query', args: { topic: 'MCP tasks' }, asTask: true })) as { task: TaskView };
    assert.ok(created.task?.taskId, 'a task is created');
    const done = await waitFor(() => driver.panel.controller.tasks.find((t) => t.taskId === created.task.taskId && t.status === 'completed'), 'the task to complete', 60_000, 200);
    assert.strictEqual(done.status, 'completed');
    const listed = await driver.request('listTasks', {});
    assert.ok(listed.some((t) => t.taskId === created.task.taskId));
    const result = (await driver.request('taskResult', { taskId: created.task.taskId })) as { content: { text: string }[] };
    assert.match(result.content[0].text, /Research Report: MCP tasks/);
  });

  it('subscribes to a resource, receives its updates, and subscribes again after a reconnect', async () => {
    const uri = driver.panel.controller.catalogue.resources[0]?.uri;
    assert.ok(uri, 'the server lists resources');
    await driver.request('subscribe', { uri, on: true });
    await driver.request('callTool', { callId: 'sub', name: 'toggle-subscriber-updates', args: {} });
    const ev = await driver.waitForEvent('resourceUpdated', (e) => e.uri === uri, 20_000);
    assert.ok(ev.time > 0);
    assert.deepStrictEqual(driver.events('subscriptions').at(-1)?.uris, [uri]);
    // After a reconnect (a new server process) the panel subscribes again: updates keep coming.
    await driver.request('connect', {});
    await driver.connected();
    assert.deepStrictEqual([...driver.panel.controller.subscriptions], [uri]);
    const reconnectedAt = Date.now();
    await driver.request('callTool', { callId: 'sub2', name: 'toggle-subscriber-updates', args: {} });
    await driver.waitForEvent('resourceUpdated', (e) => e.uri === uri && e.time >= reconnectedAt, 20_000);
    await driver.request('subscribe', { uri, on: false });
    assert.deepStrictEqual(driver.events('subscriptions').at(-1)?.uris, []);
  });

  it('restarts the server when a watched file changes', async () => {
    const pid = driver.panel.controller.pid;
    await driver.request('setWatch', { globs: ['watched.txt'], autoReconnect: true });
    assert.deepStrictEqual(driver.panel.controller.connection.watchGlobs, ['watched.txt']);
    await fs.writeFile(workspacePath('watched.txt'), `changed ${Date.now()}\n`);
    await waitFor(() => driver.panel.controller.connection.status === 'connected' && driver.panel.controller.pid !== pid, 'a restart with a new process', 30_000, 100);
    await driver.request('setWatch', { globs: [], autoReconnect: true });
  });
});
