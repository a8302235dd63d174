// The reference server (@modelcontextprotocol/server-everything, stdio) behind the gateway, driven over
// Streamable HTTP by the core client Session: every feature, including the requests the server sends back
// (sampling, elicitation, roots), progress, cancellation, and resumption after a dropped SSE stream.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Session } from '../../../src/core/client/session';
import type { ProgressUpdate } from '../../../src/core/client/types';
import type { TraceEvent } from '../../../src/core/traffic/traceEvents';
import { startGateway, Gateway } from '../../../src/core/gateway/gateway';
import type { FaultOptions } from '../../../src/core/gateway/faults';

const EVERYTHING = join(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

function textOf(result: { content?: Array<{ type: string; text?: string }> }): string {
  return (result.content ?? []).map((c) => c.text ?? '').join('\n');
}

async function connect(gw: Gateway, traffic: TraceEvent[], elicited: unknown[] = []): Promise<Session> {
  const session = new Session();
  session.on('traffic', (e) => traffic.push(e));
  await session.connect(
    { kind: 'http', url: gw.url, transport: 'streamable-http', headers: { authorization: `Bearer ${gw.token}` } },
    {
      sampling: async (params) => ({ role: 'assistant', content: { type: 'text', text: `sampled: ${JSON.stringify(params.messages[0]?.content)}` }, model: 'test-model' }),
      elicitation: async (params) => {
        elicited.push(params);
        return { action: 'accept', content: { name: 'Ada', color: 'red', email: 'ada@example.com', age: 36, confirm: true } };
      },
      roots: [{ uri: 'file:///first/root', name: 'first' }],
    },
  );
  return session;
}

describe('server-everything (stdio) behind the gateway, over Streamable HTTP', function () {
  this.timeout(30000);
  let gw: Gateway;
  let session: Session;
  const traffic: TraceEvent[] = [];
  const elicited: unknown[] = [];

  before(async () => {
    gw = await startGateway({ child: { command: process.execPath, args: [EVERYTHING, 'stdio'] } });
    session = await connect(gw, traffic, elicited);
  });
  after(async () => {
    await session?.close();
    await gw?.close();
  });

  it('initializes through the gateway and lists everything', async () => {
    assert.equal(session.info.serverInfo?.name, 'mcp-servers/everything');
    assert.equal(session.info.transport, 'streamable-http');
    assert.ok((await session.listTools()).some((t) => t.name === 'echo'));
    assert.ok((await session.listResources()).length > 0);
    assert.ok((await session.listResourceTemplates()).length > 0);
    assert.ok((await session.listPrompts()).some((p) => p.name === 'args-prompt'));
  });

  it('calls a tool, reads and subscribes to a resource, gets a prompt, completes, sets the log level and pings', async () => {
    assert.match(textOf(await session.callTool('echo', { message: 'through the gateway' })), /through the gateway/);
    const [first] = await session.listResources();
    assert.equal((await session.readResource(first.uri)).contents[0].uri, first.uri);
    await session.subscribeResource(first.uri);
    await session.unsubscribeResource(first.uri);
    assert.match(JSON.stringify((await session.getPrompt('args-prompt', { city: 'Paris', state: 'TX' })).messages), /Paris/);
    const completion = await session.complete({ ref: { type: 'ref/prompt', name: 'completable-prompt' }, argument: { name: 'department', value: 'E' } });
    assert.ok(completion.completion.values.includes('Engineering'));
    await session.setLogLevel('debug');
    await session.ping();
  });

  it('relays a sampling request from the server to the client and its answer back', async () => {
    assert.match(textOf(await session.callTool('trigger-sampling-request', { prompt: 'say hi', maxTokens: 20 })), /sampled:/);
  });

  it('relays an elicitation request and its answer', async () => {
    const before = elicited.length;
    assert.match(textOf(await session.callTool('trigger-elicitation-request', {})), /accept/i);
    assert.equal(elicited.length, before + 1);
  });

  it('relays roots/list and roots/list_changed', async () => {
    assert.match(textOf(await session.callTool('get-roots-list', {})), /file:\/\/\/first\/root/);
    await session.setRoots([{ uri: 'file:///second/root', name: 'second' }]);
    let text = '';
    for (let i = 0; i < 20 && !/second/.test(text); i++) {
      await new Promise((r) => setTimeout(r, 100));
      text = textOf(await session.callTool('get-roots-list', {}));
    }
    assert.match(text, /file:\/\/\/second\/root/);
  });

  it('delivers progress on the request that asked for it', async () => {
    const updates: ProgressUpdate[] = [];
    const result = await session.callTool('trigger-long-running-operation', { duration: 0.6, steps: 4 }, { onProgress: (p) => updates.push(p) });
    assert.match(textOf(result), /completed/);
    assert.ok(updates.length >= 3, `only ${updates.length} progress updates`);
    assert.equal(updates[0].total, 4);
  });

  it('passes a cancellation to the server and stays usable', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort('user cancelled'), 200);
    await assert.rejects(session.callTool('trigger-long-running-operation', { duration: 3, steps: 3 }, { signal: ac.signal }));
    assert.ok(traffic.some((e) => e.type === 'message' && e.dir === 'send' && (e.msg as { method?: string }).method === 'notifications/cancelled'));
    assert.match(textOf(await session.callTool('echo', { message: 'after cancel' })), /after cancel/);
  });

  it('runs a task-augmented tool call to its result', async () => {
    let resultText = '';
    for await (const m of session.callToolAsTask('simulate-research-query', { topic: 'tides' }, { ttl: 60000 })) {
      if (m.type === 'result') resultText = textOf(m.result as { content: Array<{ type: string; text?: string }> });
      if (m.type === 'error') throw m.error;
    }
    assert.match(resultText, /tides/i);
  });

  it('counted the traffic per method', () => {
    const calls = gw.metrics.summary().find((m) => m.method === 'tools/call');
    assert.ok(calls && calls.count >= 8);
  });
});

describe('resumption after a dropped SSE stream (fault drop-stream)', function () {
  this.timeout(30000);
  const faults: FaultOptions = { dropStream: true };
  let gw: Gateway;
  let session: Session;
  const traffic: TraceEvent[] = [];

  before(async () => {
    gw = await startGateway({ child: { command: process.execPath, args: [EVERYTHING, 'stdio'] }, faults });
    session = await connect(gw, traffic);
  });
  after(async () => {
    await session?.close();
    await gw?.close();
  });

  it('the client resumes with Last-Event-ID and still gets every progress update and the result', async () => {
    const updates: ProgressUpdate[] = [];
    const result = await session.callTool('trigger-long-running-operation', { duration: 0.8, steps: 4 }, { onProgress: (p) => updates.push(p) });
    assert.match(textOf(result), /completed/);
    assert.ok(updates.length >= 3, `only ${updates.length} progress updates`);
    const resumed = traffic.filter((e) => e.type === 'http' && e.method === 'GET' && e.status === 200);
    // One GET is the standalone stream opened after initialize; the others are resumptions of the dropped stream.
    assert.ok(resumed.length >= 2, `the client did not reconnect: ${resumed.length} GET streams`);
  });

  it('a sampling request survives the drop too', async () => {
    assert.match(textOf(await session.callTool('trigger-sampling-request', { prompt: 'again', maxTokens: 5 })), /sampled:/);
  });
});
