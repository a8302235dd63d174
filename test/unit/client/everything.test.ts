// The Session against the reference server (@modelcontextprotocol/server-everything) over stdio and over its
// Streamable HTTP mode: every operation, the client capabilities it serves, progress, cancellation and tasks.
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { Session } from '../../../src/core/client/session';
import type { ConnectTarget, ProgressUpdate } from '../../../src/core/client/types';
import type { TraceEvent } from '../../../src/core/traffic/traceEvents';
import { EVERYTHING, freePort, startEverythingHttp, startProcess, stopProcess } from './helpers';

function textOf(result: { content?: Array<{ type: string; text?: string }> }): string {
  return (result.content ?? []).map((c) => c.text ?? '').join('\n');
}

function suite(name: string, target: () => ConnectTarget, setUp?: () => Promise<void>, tearDown?: () => Promise<void>) {
  describe(`Session against server-everything over ${name}`, function () {
    this.timeout(30000);
    let session: Session;
    const traffic: TraceEvent[] = [];
    const stderr: string[] = [];
    const elicited: unknown[] = [];

    before(async () => {
      await setUp?.();
      session = new Session();
      session.on('traffic', (e) => traffic.push(e));
      session.on('stderr', (l) => stderr.push(l));
      await session.connect(target(), {
        sampling: async (params) => ({ role: 'assistant', content: { type: 'text', text: `sampled: ${JSON.stringify(params.messages[0]?.content)}` }, model: 'test-model' }),
        elicitation: async (params) => {
          elicited.push(params);
          if (params.mode === 'url') return { action: 'accept' };
          return { action: 'accept', content: { name: 'Ada', color: 'red', email: 'ada@example.com', age: 36, confirm: true } };
        },
        roots: [{ uri: 'file:///first/root', name: 'first' }],
      });
    });

    after(async () => {
      await session?.close();
      await tearDown?.();
    });

    it('initializes with the latest protocol version and reports the server', () => {
      assert.equal(session.state, 'connected');
      assert.equal(session.info.serverInfo?.name, 'mcp-servers/everything');
      assert.equal(session.info.protocolVersion, '2025-11-25');
      assert.ok(session.info.capabilities?.tools);
      assert.equal(typeof session.info.instructions, 'string');
      const init = traffic.find((e) => e.type === 'message' && e.dir === 'send' && (e.msg as { method?: string }).method === 'initialize');
      assert.ok(init, 'initialize was recorded as a sent message');
    });

    it('lists tools, resources (all pages), templates and prompts, and caches them', async () => {
      const tools = await session.listTools();
      assert.ok(tools.some((t) => t.name === 'echo'));
      assert.deepEqual(session.cached('tools'), tools);
      const resources = await session.listResources();
      assert.ok(resources.length > 0);
      assert.ok((await session.listResourceTemplates()).length > 0);
      assert.ok((await session.listPrompts()).some((p) => p.name === 'args-prompt'));
    });

    it('calls a tool, reads a resource, gets a prompt, completes an argument, sets the log level and pings', async () => {
      assert.match(textOf(await session.callTool('echo', { message: 'hello there' })), /hello there/);
      const [first] = await session.listResources();
      const read = await session.readResource(first.uri);
      assert.equal(read.contents[0].uri, first.uri);
      await session.subscribeResource(first.uri);
      await session.unsubscribeResource(first.uri);
      const prompt = await session.getPrompt('args-prompt', { city: 'Paris', state: 'TX' });
      assert.match(JSON.stringify(prompt.messages), /Paris/);
      const completion = await session.complete({ ref: { type: 'ref/prompt', name: 'completable-prompt' }, argument: { name: 'department', value: 'E' } });
      assert.ok(completion.completion.values.includes('Engineering'));
      await session.setLogLevel('debug');
      await session.ping();
    });

    it('answers sampling through the pluggable responder', async () => {
      const result = await session.callTool('trigger-sampling-request', { prompt: 'say hi', maxTokens: 20 });
      assert.match(textOf(result), /sampled:/);
    });

    it('answers elicitation through the pluggable responder', async () => {
      const before = elicited.length;
      const result = await session.callTool('trigger-elicitation-request', {});
      assert.equal(elicited.length, before + 1);
      assert.match(textOf(result), /accept/i);
    });

    it('answers URL-mode elicitation through the same responder', async () => {
      const result = await session.callTool('trigger-url-elicitation', { url: 'https://example.com/consent' });
      const last = elicited[elicited.length - 1] as { mode?: string; url?: string; elicitationId?: string };
      assert.equal(last.mode, 'url');
      assert.equal(last.url, 'https://example.com/consent');
      assert.ok(last.elicitationId);
      assert.match(textOf(result), /accept/i);
    });

    if (name === 'Streamable HTTP') {
      it('records the HTTP status and headers of each exchange', () => {
        const http = traffic.filter((e) => e.type === 'http');
        assert.ok(http.length > 3);
        // server-everything is a 2025-era server: it refuses the server/discover probe, then accepts initialize.
        const exchanges = http as Array<{ status: number; method?: string; headers: Record<string, string> }>;
        assert.equal(exchanges[0].method, 'POST');
        const first = exchanges.find((e) => e.status === 200)!;
        assert.equal(first.method, 'POST');
        assert.ok(first.headers['mcp-session-id'], 'the session id header is recorded (the writer redacts it)');
      });
    }

    it('serves roots and announces changes with roots/list_changed', async () => {
      assert.match(textOf(await session.callTool('get-roots-list', {})), /file:\/\/\/first\/root/);
      await session.setRoots([{ uri: 'file:///second/root', name: 'second' }]);
      assert.ok(traffic.some((e) => e.type === 'message' && (e.msg as { method?: string }).method === 'notifications/roots/list_changed'));
      // The server asks again after the notification; poll its answer.
      let text = '';
      for (let i = 0; i < 20 && !/second/.test(text); i++) {
        await new Promise((r) => setTimeout(r, 100));
        text = textOf(await session.callTool('get-roots-list', {}));
      }
      assert.match(text, /file:\/\/\/second\/root/);
    });

    it('reports progress and keeps a request alive while progress arrives (timeout resets)', async () => {
      const updates: ProgressUpdate[] = [];
      const live: number[] = [];
      const d = session.on('progress', (p) => live.push(p.progress));
      // 6 steps of 300 ms (1.8 s) with a 1 s timeout: only progress keeps it alive (with slack for a busy machine).
      const result = await session.callTool('trigger-long-running-operation', { duration: 1.8, steps: 6 }, { timeoutMs: 1000, onProgress: (p) => updates.push(p) });
      d.dispose();
      assert.match(textOf(result), /completed/);
      // The SDK dispatches notifications a few microtasks later than responses, so the last step may land after
      // the result; the live 'progress' event (from the tap) sees all of them in wire order.
      assert.deepEqual(updates.map((u) => u.progress), [1, 2, 3, 4, 5, 6].slice(0, updates.length));
      assert.ok(updates.length >= 5, `only ${updates.length} progress updates`);
      assert.equal(updates[0].total, 6);
      assert.deepEqual(live, [1, 2, 3, 4, 5, 6]);
    });

    it('stops at the maximum total time even while progress arrives', async () => {
      // Progress every 200 ms keeps the 1.5 s per-request timeout from firing; the 600 ms cap ends it.
      const started = Date.now();
      await assert.rejects(session.callTool('trigger-long-running-operation', { duration: 3, steps: 15 }, { timeoutMs: 1500, maxTotalTimeoutMs: 600 }), /maximum total timeout|timed out|timeout/i);
      assert.ok(Date.now() - started < 1500, 'ended by the total cap, not by the per-request timeout');
    });

    it('cancels a request and tells the server (notifications/cancelled)', async () => {
      const ac = new AbortController();
      setTimeout(() => ac.abort('user cancelled'), 200);
      await assert.rejects(session.callTool('trigger-long-running-operation', { duration: 3, steps: 3 }, { signal: ac.signal }));
      const cancelled = traffic.find((e) => e.type === 'message' && e.dir === 'send' && (e.msg as { method?: string }).method === 'notifications/cancelled');
      assert.ok(cancelled, 'a cancellation notification was sent');
    });

    it('runs a task-augmented tool call to its result and lists the task', async () => {
      const kinds: string[] = [];
      let taskId: string | undefined;
      let resultText = '';
      for await (const m of session.callToolAsTask('simulate-research-query', { topic: 'tides' }, { ttl: 60000 })) {
        kinds.push(m.type);
        if (m.type === 'taskCreated') taskId = m.task.taskId;
        if (m.type === 'result') resultText = textOf(m.result as { content: Array<{ type: string; text?: string }> });
        if (m.type === 'error') throw m.error;
      }
      assert.equal(kinds[0], 'taskCreated');
      assert.equal(kinds[kinds.length - 1], 'result');
      assert.match(resultText, /tides/i);
      assert.ok(taskId);
      const task = await session.getTask(taskId!);
      assert.equal(task.status, 'completed');
      // tasks/result hands out the stored result again.
      assert.match(textOf(await session.getTaskResult(taskId!)), /tides/i);
      const listed = await session.listTasks();
      assert.ok(listed.tasks.some((t) => t.taskId === taskId));
    });

    it('cancels a running task', async () => {
      let taskId: string | undefined;
      const stream = session.callToolAsTask('simulate-research-query', { topic: 'long' }, { ttl: 60000 });
      for await (const m of stream) {
        if (m.type === 'taskCreated') {
          taskId = m.task.taskId;
          break;
        }
      }
      assert.ok(taskId);
      const cancelled = await session.cancelTask(taskId!);
      assert.equal(cancelled.status, 'cancelled');
    });

    it('closes and reports the state', async () => {
      const states: string[] = [];
      session.on('state', (s) => states.push(s.state));
      await session.close();
      assert.deepEqual(states, ['closed']);
      await assert.rejects(session.ping(), /closed/);
    });

    if (name === 'stdio') {
      it('captured the server\'s stderr lines', () => assert.ok(stderr.some((l) => /Starting default \(STDIO\) server/.test(l)), stderr.join('\n')));
    }
  });
}

suite('stdio', () => ({ kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'] }));

let http: { url: string; child: ChildProcess } | undefined;
suite(
  'Streamable HTTP',
  () => ({ kind: 'http', url: http!.url, transport: 'auto' }),
  async () => {
    http = await startEverythingHttp();
  },
  async () => stopProcess(http?.child),
);

describe('Session against server-everything in its legacy SSE mode', function () {
  this.timeout(30000);
  let child: ChildProcess | undefined;
  let url = '';
  before(async () => {
    const port = await freePort();
    child = await startProcess([EVERYTHING, 'sse'], { PORT: String(port) }, /running on port/i);
    url = `http://127.0.0.1:${port}/sse`;
  });
  after(() => stopProcess(child));

  it('falls back from Streamable HTTP to SSE on a bare URL, and says so in the trace', async () => {
    const traffic: TraceEvent[] = [];
    const session = new Session();
    session.on('traffic', (e) => traffic.push(e));
    try {
      await session.connect({ kind: 'http', url, transport: 'auto' }, { sampling: async () => ({ role: 'assistant', content: { type: 'text', text: 'via sse' }, model: 'm' }) });
      assert.equal(session.info.transport, 'sse');
      assert.ok(traffic.some((e) => e.type === 'note' && /falling back to the legacy SSE transport/.test(e.text)));
      assert.match(textOf(await session.callTool('echo', { message: 'sse echo' })), /sse echo/);
      assert.match(textOf(await session.callTool('trigger-sampling-request', { prompt: 'x' })), /via sse/);
    } finally {
      await session.close();
    }
  });

  it('connects directly with --transport sse', async () => {
    const session = new Session();
    try {
      await session.connect({ kind: 'http', url, transport: 'sse' });
      await session.ping();
      assert.equal(session.info.transport, 'sse');
    } finally {
      await session.close();
    }
  });
});
