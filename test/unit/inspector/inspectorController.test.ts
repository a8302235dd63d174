// The inspector's controller without VS Code: real era fixture servers over stdio, the OAuth gateway over HTTP,
// a fake InspectorHost, and the events it posts to the webview.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { ConnectTarget } from '../../../src/core/client';
import { startGateway, type Gateway } from '../../../src/core/gateway/gateway';
import { InspectorController, type Disposable, type InspectorHost, type KeyValueStore } from '../../../src/extension/inspector/inspectorController';
import type { ElicitationRequestView, HostEvent, ProtocolSetting, ToolCallOutcome } from '../../../src/shared/inspectorProtocol';
import { gone, nodeBehindShell } from '../processChecks';
import { inspectorSessions } from '../../../src/extension/recording/sessionHooks';
import { InspectorStore } from '../../../src/webview/inspector/inspectorStore';

const ROOT = join(__dirname, '..', '..', '..');
const ERAS = join(ROOT, 'test', 'fixtures', 'servers', 'eras');
const stdio = (file: string): ConnectTarget => ({ kind: 'stdio', command: process.execPath, args: [join(ERAS, file)] });

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

interface Fixture {
  controller: InspectorController;
  events: HostEvent[];
  store: MemoryStore;
  watched: Array<{ globs: string[]; changed(): void; disposed: boolean }>;
  dir: string;
}

const open: InspectorController[] = [];

function make(target: () => ConnectTarget, store = new MemoryStore(), host: Partial<InspectorHost> = {}, onPost?: (e: HostEvent) => void): Fixture {
  const events: HostEvent[] = [];
  const watched: Fixture['watched'] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mcpwb-inspector-'));
  const controller = new InspectorController({
    target: { key: 'test', label: 'test' },
    resolve: async () => target(),
    post: (e) => {
      events.push(e);
      onPost?.(e);
    },
    state: store,
    watchQuietMs: 20,
    host: {
      defaultRoots: () => [{ uri: 'file:///tmp/project', name: 'project' }],
      requestTimeoutMs: () => 15_000,
      watch(globs, changed): Disposable {
        const w = { globs, changed, disposed: false };
        watched.push(w);
        return { dispose: () => (w.disposed = true) };
      },
      openBrowser: () => undefined,
      confirmAndOpen: async () => false,
      chooseTraceFile: async (name) => join(dir, name),
      displayPath: (f) => f,
      listModels: async () => [],
      draftWithModel: async () => {
        throw new Error('no models here');
      },
      ...host,
    },
  });
  open.push(controller);
  return { controller, events, store, watched, dir };
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The webview as the panel feeds it (inspectorPanel.ts): events posted before `ready` are dropped, and `ready`
 * (a first load, or a reload when the panel moves or is restored) gets the controller's snapshot.
 */
class WebviewDouble {
  store = new InspectorStore(undefined, () => undefined);
  private ready = false;
  controller: InspectorController | undefined;

  post(e: HostEvent): void {
    if (this.ready) this.store.apply(e);
  }

  load(): void {
    this.store = new InspectorStore(undefined, () => undefined);
    this.ready = true;
    for (const e of this.controller!.snapshotEvents()) this.store.apply(e);
  }
}

const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
const pendingElicitation = (f: Fixture) => [...f.controller.pendingRequests.values()].find((r): r is ElicitationRequestView => r.kind === 'elicitation');

describe('InspectorController (no VS Code)', function () {
  this.timeout(40_000);
  afterEach(() => {
    for (const c of open.splice(0)) c.dispose();
  });

  it('connects in the era chosen per server, remembers the choice, and shows discover or initialize', async () => {
    const f = make(() => stdio('both.mjs'));
    assert.equal(f.controller.connection.protocol, 'auto');
    await f.controller.connect();
    assert.equal(f.controller.connection.status, 'connected');
    assert.equal(f.controller.connection.era, '2026');
    assert.equal(f.controller.connection.handshake?.method, 'server/discover');
    await f.controller.handle('setProtocol', { protocol: '2025-11-25' });
    assert.equal(f.controller.connection.status, 'connected');
    assert.deepEqual([f.controller.connection.era, f.controller.connection.protocolVersion, f.controller.connection.handshake?.method], ['2025', '2025-11-25', 'initialize']);
    assert.ok(f.controller.catalogue.tools.some((t) => t.name === 'confirm'));
    // A new panel for the same server starts with the remembered choice.
    const again = make(() => stdio('both.mjs'), f.store);
    assert.equal(again.controller.connection.protocol, '2025-11-25' satisfies ProtocolSetting);
  });

  it('shows an input_required round on the call and answers it through the elicitation form (2026-07-28)', async () => {
    const f = make(() => stdio('modern-only.mjs'));
    await f.controller.handle('setProtocol', { protocol: '2026-07-28' });
    assert.equal(f.controller.connection.era, '2026');
    const call = f.controller.handle('callTool', { callId: 'c1', name: 'confirm', args: { action: 'deploy' } });
    const request = await waitFor('the elicitation form', () => pendingElicitation(f));
    const round = f.events.find((e): e is Extract<HostEvent, { type: 'inputRound' }> => e.type === 'inputRound' && e.round !== undefined);
    assert.deepEqual(round?.round, { callId: 'c1', round: 1, method: 'tools/call', requests: [{ key: 'confirm', method: 'elicitation/create' }] });
    assert.match(request.message, /Really deploy\?/);
    await f.controller.handle('answerElicitation', { requestId: request.requestId, action: 'accept', content: { confirm: true } });
    const outcome = (await call) as ToolCallOutcome;
    assert.equal(textOf(outcome.result), 'confirmed: deploy');
    assert.ok(f.events.some((e) => e.type === 'inputRound' && e.round === undefined && e.callId === 'c1'), 'the round is cleared when the call ends');
  });

  it('cancelling a call that waits for input abandons it and its form', async () => {
    const f = make(() => stdio('modern-only.mjs'));
    await f.controller.handle('setProtocol', { protocol: '2026-07-28' });
    const call = f.controller.handle('callTool', { callId: 'c2', name: 'confirm', args: {} });
    await waitFor('the elicitation form', () => pendingElicitation(f));
    await f.controller.handle('cancelCall', { callId: 'c2' });
    await assert.rejects(call);
    assert.equal(f.controller.pendingRequests.size, 0);
  });

  it('runs a tasks-extension task that asks for input: tasks/get polling, the form, tasks/update, the result', async () => {
    const f = make(() => stdio('both.mjs'));
    await f.controller.handle('setProtocol', { protocol: '2026-07-28' });
    const r = await f.controller.handle('callTool', { callId: 'c3', name: 'approve', args: {} });
    assert.ok('task' in r, 'the call became a task');
    const taskId = r.task.taskId;
    const request = await waitFor('the task to ask for approval', () => pendingElicitation(f));
    assert.deepEqual(f.controller.tasks.find((t) => t.taskId === taskId)?.waitingFor, ['approval']);
    await f.controller.handle('answerElicitation', { requestId: request.requestId, action: 'accept', content: { ok: true } });
    await waitFor('the task to complete', () => f.controller.tasks.find((t) => t.taskId === taskId && t.status === 'completed'));
    assert.equal(textOf((await f.controller.handle('taskResult', { taskId })) as CallToolResult), 'approved');
    // And cancel: a long compute task ends cancelled.
    const long = await f.controller.handle('callTool', { callId: 'c4', name: 'compute', args: { ms: 30_000 } });
    assert.ok('task' in long);
    await f.controller.handle('cancelTask', { taskId: long.task.taskId });
    await f.controller.handle('listTasks', {});
    assert.equal(f.controller.tasks.find((t) => t.taskId === long.task.taskId)?.status, 'cancelled');
  });

  it('notes roots and sampling as deprecated in Lint once the server uses them', async () => {
    const f = make(() => stdio('both.mjs'));
    await f.controller.handle('setProtocol', { protocol: '2025-11-25' });
    const codes = () => (f.controller.lint?.findings ?? []).filter((x) => x.code === 'deprecated-feature').map((x) => x.message);
    const before = codes().length;
    await f.controller.handle('callTool', { callId: 'c5', name: 'list-roots', args: {} });
    assert.equal(codes().length, before + 1);
    assert.ok(codes().some((m) => /roots\/list.*tool parameters/.test(m)));
    assert.ok(f.controller.lint!.findings.filter((x) => x.code === 'deprecated-feature').every((x) => x.severity === 'info'));
  });

  it('restarts the server when a watched file changes, after a quiet moment', async () => {
    const f = make(() => stdio('both.mjs'));
    await f.controller.connect();
    const pid = f.controller.pid;
    await f.controller.handle('setWatch', { globs: ['src/**/*.ts'], autoReconnect: true });
    const w = f.watched.at(-1)!;
    assert.deepEqual(w.globs, ['src/**/*.ts']);
    w.changed();
    w.changed();
    await waitFor('a restart', () => f.controller.connection.status === 'connected' && f.controller.pid !== pid);
    await f.controller.handle('setWatch', { globs: [], autoReconnect: true });
    assert.equal(w.disposed, true);
  });

  it('starts a server that exited again after the first back-off delay, and not after Disconnect', async () => {
    const f = make(() => stdio('both.mjs'));
    await f.controller.connect();
    const pid = f.controller.pid!;
    process.kill(pid);
    await waitFor('the closed state with a reconnect delay', () => f.controller.connection.status === 'closed' && f.controller.connection.reconnectingInMs === 500);
    await waitFor('a new server process', () => f.controller.connection.status === 'connected' && f.controller.pid !== pid);
    await f.controller.disconnect();
    assert.equal(f.controller.connection.status, 'closed');
    assert.equal(f.controller.connection.reconnectingInMs, undefined);
  });

  it('the webview holds each traffic row once after the server reconnects, also when it reloads mid-batch', async () => {
    const webview = new WebviewDouble();
    const f = make(() => stdio('both.mjs'), undefined, undefined, (e) => webview.post(e));
    webview.controller = f.controller;
    webview.load();
    await f.controller.connect();
    await f.controller.handle('ping', {});
    const before = f.controller.traffic.size;
    // The webview reloads while the new connection's first rows wait in the 50 ms batch.
    let reloaded = false;
    const hook = inspectorSessions.subscribe(({ session }) =>
      session.on('traffic', () => {
        if (reloaded || f.controller.traffic.size <= before) return;
        reloaded = true;
        queueMicrotask(() => webview.load());
      }),
    );
    try {
      const pid = f.controller.pid!;
      process.kill(pid);
      await waitFor('the reconnected server', () => f.controller.connection.status === 'connected' && f.controller.pid !== pid && f.controller.catalogue.tools.length > 0);
      await f.controller.handle('ping', {});
    } finally {
      hook.dispose();
    }
    assert.ok(reloaded, 'the webview reloaded during the reconnect');
    f.controller.traffic.flushNow();
    await new Promise((r) => setTimeout(r, 0));
    const sent = f.controller.traffic.allRows().map((r) => r.seq);
    const held = webview.store.traffic.all().map((r) => r.seq);
    assert.ok(sent.length > before + 2, `the reconnect made traffic (${before} -> ${sent.length} rows)`);
    assert.deepEqual(held, sent);
  });

  it('keeps to the back-off schedule when a restart fails too (a build half done), and connects once it works', async () => {
    let broken = false;
    const f = make(() => (broken ? stdio('no-such-server.mjs') : stdio('both.mjs')));
    await f.controller.connect();
    const pid = f.controller.pid!;
    broken = true;
    process.kill(pid);
    await waitFor('the failed first restart, with the next delay', () => f.controller.connection.status === 'failed' && f.controller.connection.reconnectingInMs === 1000);
    broken = false;
    await waitFor('the second restart', () => f.controller.connection.status === 'connected' && f.controller.pid !== pid);
  });

  it('a connect superseded while it starts (a restart, Disconnect) leaves no server running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwb-inspector-race-'));
    let n = 0;
    const pidFiles: string[] = [];
    const f = make(() => {
      const pidFile = join(dir, `server-${++n}.pid`);
      pidFiles.push(pidFile);
      return { kind: 'stdio', command: 'sh', args: ['-c', nodeBehindShell(pidFile, join(ERAS, 'both.mjs'))] };
    });
    // Three connects on top of each other, as a watcher restart and a Reconnect click can make them.
    await Promise.all([f.controller.connect(), f.controller.connect(), f.controller.connect()]);
    assert.equal(f.controller.connection.status, 'connected');
    await f.controller.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    for (const file of pidFiles.filter((p) => existsSync(p))) {
      const pid = Number(readFileSync(file, 'utf8'));
      assert.ok(await gone(pid, 5000), `the server of ${file} (pid ${pid}) is gone`);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('closing the panel stops a server started behind a shell, grandchild included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwb-inspector-close-'));
    const pidFile = join(dir, 'server.pid');
    const f = make(() => ({ kind: 'stdio', command: 'sh', args: ['-c', `${nodeBehindShell(pidFile, join(ERAS, 'both.mjs'))} ; true`] }));
    await f.controller.connect();
    assert.equal(f.controller.connection.status, 'connected');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    f.controller.dispose();
    assert.ok(await gone(pid, 5000), `the server (pid ${pid}) is gone after the panel closed`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a trace where the host says and opens links only through the host', async () => {
    const f = make(() => stdio('both.mjs'));
    await f.controller.connect();
    const saved = await f.controller.saveTrace();
    assert.match(saved ?? '', /\.mcptrace \(\d+ events\)$/);
    assert.equal(JSON.parse(readFileSync(saved!.replace(/ \(\d+ events\)$/, ''), 'utf8').split('\n')[0]).format, 'mcptrace');
    assert.equal(await f.controller.handle('openUrl', { url: 'https://example.com' }), false);
    await assert.rejects(Promise.resolve().then(() => f.controller.handle('openUrl', { url: 'file:///etc/passwd' })), /Only http, https and mailto/);
    rmSync(f.dir, { recursive: true, force: true });
  });

  describe('over HTTP', () => {
    let gateway: Gateway | undefined;
    afterEach(async () => {
      await gateway?.close();
      gateway = undefined;
    });

    it('lists the HTTP exchanges in the Network view, with the OAuth steps and secrets redacted', async () => {
      gateway = await startGateway({ child: { command: process.execPath, args: [join(ROOT, 'demo', 'server.mjs')] }, auth: 'oauth', oauth: { autoApprove: true } });
      const url = gateway.url;
      const f = make(() => ({ kind: 'http', url }), undefined, {
        // A stand-in for the browser: follows the redirects to the loopback catcher.
        openBrowser: (u) => void fetch(u, { redirect: 'follow' }).then((r) => r.text()),
      });
      await f.controller.connect();
      assert.equal(f.controller.connection.status, 'connected', JSON.stringify(f.controller.connection.error));
      await f.controller.handle('ping', {});
      const entries = f.controller.network.all();
      const steps = entries.map((e) => e.oauthStep).filter(Boolean);
      assert.ok(steps.includes('challenge (401, WWW-Authenticate)'), steps.join(', '));
      assert.ok(steps.includes('protected resource metadata (RFC 9728)'), steps.join(', '));
      assert.ok(steps.includes('token request'), steps.join(', '));
      const mcp = entries.filter((e) => e.status === 200 && new URL(e.url).pathname === new URL(url).pathname);
      assert.ok(mcp.length > 0 && mcp.every((e) => e.method && e.durationMs !== undefined && e.contentType));
      assert.ok(f.events.some((e) => e.type === 'network' && e.entries.length > 0));
      // A challenge says "Bearer error=..."; a token would follow "Bearer " directly.
      assert.doesNotMatch(JSON.stringify(entries), /Bearer (?!error=|realm=|scope=|resource_metadata=)[A-Za-z0-9._~+/-]{8,}/);
      // Request headers are shown too: the revision's Mcp-Method on each POST, the bearer token redacted.
      const posts = mcp.filter((e) => e.method === 'POST');
      assert.ok(posts.some((e) => e.mcpHeaders['mcp-method']), JSON.stringify(posts.map((e) => e.requestHeaders)));
      const authorization = posts.map((e) => e.requestHeaders.authorization).find(Boolean);
      assert.ok(authorization && !/Bearer [A-Za-z0-9]/.test(authorization), `authorization shown redacted: ${authorization}`);
    });
  });
});
