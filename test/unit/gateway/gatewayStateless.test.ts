// The 2026-07-28 (stateless) era on the same URL as the 2025 sessions: SDK v2 clients pinned to 2026-07-28 against
// a both-era fixture, header checks, a pool of server processes, and failover when one of them dies.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { raw, useGatewayPerTest, connectClient, bearer, MCP_HEADERS, waitFor } from './gatewayTestKit';
import type { Gateway } from '../../../src/core/gateway/gateway';
import { probeServer } from '../../../src/core/gateway/probeServer';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

async function modernClient(g: Gateway): Promise<Client> {
  const c = new Client({ name: 'modern-test', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await c.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: bearer(g) } }));
  return c;
}

const text = (r: any): string => r.content[0].text;

describe('gateway: the stateless 2026-07-28 era', function () {
  this.timeout(30000);
  const { start, scratch } = useGatewayPerTest();

  it('a pinned 2026-07-28 client lists and calls tools, gets progress, and never sees a session id; a 2025 client on the same URL keeps its session', async () => {
    const g = await start();
    const modern = await modernClient(g);
    const legacy = await connectClient(g);
    assert.ok((await modern.listTools()).tools.some((t) => t.name === 'echo'));
    assert.equal(text(await modern.callTool({ name: 'echo', arguments: { text: 'modern' } })), 'modern');
    const progress: number[] = [];
    assert.equal(text(await modern.callTool({ name: 'slow', arguments: { ms: 90, steps: 3 } }, { onprogress: (p) => progress.push(p.progress) })), 'slept 90 ms');
    assert.deepEqual(progress, [1, 2, 3]);
    assert.equal(text(await legacy.client.callTool({ name: 'echo', arguments: { text: 'legacy' } })), 'legacy');
    assert.ok(legacy.transport.sessionId, 'the 2025 client has its session');
    const res = await raw(g, {
      headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'x1', method: 'tools/call', params: { name: 'echo', arguments: { text: 'raw' }, _meta: MODERN_META } }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['mcp-session-id'], undefined);
    const answer = JSON.parse(res.body);
    assert.equal(answer.id, 'x1', 'the client sees its own id');
    assert.equal(answer.result.content[0].text, 'raw');
    assert.equal(answer.result.resultType, 'complete');
    assert.equal(g.stats().sessions, 1, 'only the 2025 client holds a session');
    await modern.close();
    await legacy.client.close();
  });

  it('--trace-dir tees each pool process into a trace of its own, as the server saw the traffic', async () => {
    const traceDir = join(scratch().dir, 'traces');
    const g = await start({ traceDir });
    const c = await modernClient(g);
    await c.callTool({ name: 'echo', arguments: { text: 'traced' } });
    await c.close();
    await g.close();
    const files = readdirSync(traceDir).filter((f) => f.endsWith('.mcptrace'));
    assert.equal(files.length, 1, 'one pool process, one trace');
    const msgs = readFileSync(join(traceDir, files[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'message');
    assert.ok(msgs.some((m) => m.dir === 'send' && m.msg.method === 'tools/call'));
    assert.ok(msgs.some((m) => m.dir === 'recv' && m.msg.result?.content?.[0]?.text === 'traced'));
    assert.ok(!JSON.stringify(msgs).includes(g.token!));
  });

  it('answers server/discover from the server, caching fields and _meta as the server wrote them', async () => {
    const g = await start();
    const res = await raw(g, {
      headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: MODERN_META } }),
    });
    const answer = JSON.parse(res.body);
    assert.deepEqual(answer.result.supportedVersions, ['2026-07-28']);
    assert.equal(answer.result._meta['io.modelcontextprotocol/serverInfo'].name, 'gateway-fixture');
    assert.equal(answer.result.ttlMs, 0);
    assert.equal(answer.result.cacheScope, 'private');
  });

  it('refuses a request whose Mcp-Method header disagrees with its body (-32020), before any server sees it', async () => {
    const g = await start();
    const res = await raw(g, {
      headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' }, _meta: MODERN_META } }),
    });
    assert.equal(res.status, 400);
    const answer = JSON.parse(res.body);
    assert.equal(answer.error.code, -32020);
    assert.equal(answer.id, 7);
    assert.equal(scratch().received(), 0);
    assert.deepEqual(g.stats().childPids, []);
  });

  it('--pool 2 spreads concurrent requests over two long-lived processes', async () => {
    const g = await start({ pool: 2 });
    const clients = await Promise.all([1, 2, 3, 4].map(() => modernClient(g)));
    const pids = new Set<string>();
    await Promise.all(clients.map(async (c) => {
      await c.callTool({ name: 'slow', arguments: { ms: 200, steps: 1 } });
      pids.add(text(await c.callTool({ name: 'pid', arguments: {} })));
    }));
    await Promise.all(clients.map(async (c) => pids.add(text(await c.callTool({ name: 'pid', arguments: {} })))));
    assert.equal(pids.size, 2, `pids: ${[...pids].join(', ')}`);
    assert.equal(g.stats().childPids.length, 2);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('a pool process killed mid-load: its requests get a clear error, every request is answered once, and a new process takes its slot', async () => {
    const g = await start({ pool: 2 });
    const clients = await Promise.all(Array.from({ length: 6 }, () => modernClient(g)));
    await Promise.all(clients.map((c) => c.callTool({ name: 'echo', arguments: { text: 'warm' } })));
    const [victim] = g.stats().childPids;
    let ok = 0;
    const failures: string[] = [];
    const load = clients.map(async (c, i) => {
      for (let n = 0; n < 12; n++) {
        try {
          const r = await c.callTool({ name: 'slow', arguments: { ms: 40, steps: 1 } }, { timeout: 10_000 });
          assert.equal(text(r), 'slept 40 ms');
          ok++;
        } catch (e) {
          failures.push(`${i}: ${(e as Error).message}`);
        }
      }
    });
    setTimeout(() => process.kill(victim, 'SIGKILL'), 150);
    await Promise.all(load);
    assert.equal(ok + failures.length, 72, 'every request settled exactly once');
    assert.ok(failures.length >= 1, 'the killed process had requests in flight');
    for (const f of failures) assert.match(f, /killed by SIGKILL/);
    await waitFor(() => g.stats().childPids.length === 2 && !g.stats().childPids.includes(victim), 5000, 'a new process in the slot');
    await Promise.all(clients.map((c) => c.close()));
  });
});

describe('gateway: the era bridge (a 2025-only server, 2026-07-28 clients)', function () {
  this.timeout(30000);
  const { start, scratch } = useGatewayPerTest();
  const bridged = () => start({ child: { ...scratch().child, env: { ...scratch().child.env, FIXTURE_ERA: 'legacy' } }, serverEras: { legacy: '2025-11-25' } });

  async function pinnedClient(g: Gateway, answers: { elicit?: (p: any) => any; sample?: (p: any) => any; roots?: string[] } = {}): Promise<Client> {
    const c = new Client({ name: 'bridge-test', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} } });
    if (answers.elicit) c.setRequestHandler('elicitation/create', (req: any) => answers.elicit!(req.params));
    if (answers.sample) c.setRequestHandler('sampling/createMessage', (req: any) => answers.sample!(req.params));
    if (answers.roots) c.setRequestHandler('roots/list', () => ({ roots: answers.roots!.map((uri) => ({ uri })) }));
    await c.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: bearer(g) } }));
    return c;
  }

  it('answers server/discover from the initialize result, strips the envelope, and adds resultType', async () => {
    const g = await bridged();
    const res = await raw(g, {
      headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: MODERN_META } }),
    });
    const discovered = JSON.parse(res.body).result;
    assert.deepEqual(discovered.supportedVersions, ['2026-07-28']);
    assert.equal(discovered._meta['io.modelcontextprotocol/serverInfo'].name, 'gateway-fixture');
    assert.ok(discovered.capabilities.tools);
    const called = await raw(g, {
      headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'raw' }, _meta: MODERN_META } }),
    });
    assert.equal(JSON.parse(called.body).result.resultType, 'complete');
    const c = await pinnedClient(g);
    assert.equal(text(await c.callTool({ name: 'echo', arguments: { text: 'through the bridge' } })), 'through the bridge');
    const seen = readFileSync(scratch().receivedLog, 'utf8');
    assert.ok(!seen.includes('io.modelcontextprotocol/protocolVersion'), 'the 2025 server never sees the 2026 envelope');
    assert.ok(seen.includes('"method":"initialize"'), 'the bridge made the 2025 handshake');
    await c.close();
  });

  it('elicitation, sampling and roots during a call become input_required rounds answered by the client, two rounds included', async () => {
    const g = await bridged();
    const c = await pinnedClient(g, {
      elicit: (p) => ({ action: 'accept', content: p.message === 'Go ahead?' ? { ok: true } : { n: p.message.startsWith('First') ? 2 : 3 } }),
      sample: () => ({ role: 'assistant', content: { type: 'text', text: 'short' }, model: 'test-model' }),
      roots: ['file:///a', 'file:///b'],
    });
    assert.equal(text(await c.callTool({ name: 'confirm', arguments: {} })), 'accept:{"ok":true}');
    assert.equal(text(await c.callTool({ name: 'summarize', arguments: {} })), 'model test-model: short');
    assert.equal(text(await c.callTool({ name: 'roots', arguments: {} })), 'file:///a,file:///b');
    assert.equal(text(await c.callTool({ name: 'two-rounds', arguments: {} })), '5');
    await c.close();
  });

  it('subscriptions/listen: acknowledged with what the server can honour, and its list_changed notifications arrive', async () => {
    const g = await bridged();
    const c = await pinnedClient(g);
    let changed = 0;
    c.setNotificationHandler('notifications/tools/list_changed', () => void changed++);
    const sub = await c.listen({ toolsListChanged: true, promptsListChanged: true });
    assert.deepEqual(sub.honoredFilter, { toolsListChanged: true }, 'the fixture has no prompts: only the tools part is honoured');
    assert.equal(text(await c.callTool({ name: 'grow', arguments: {} })), 'grown-1');
    await waitFor(() => changed > 0, 3000, 'the list_changed notification on the listen stream');
    await sub.close();
    assert.equal(await sub.closed, 'local');
    await c.close();
  });

  it('a requestState that names no held call, and a listen without a filter, get clear JSON-RPC errors', async () => {
    const g = await bridged();
    const post = (id: number, method: string, params: { name?: string; [key: string]: unknown }) =>
      raw(g, {
        headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-protocol-version': '2026-07-28', 'mcp-method': method, ...(params.name ? { 'mcp-name': params.name } : {}) },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: MODERN_META } }),
      });
    const forged = JSON.parse((await post(1, 'tools/call', { name: 'confirm', arguments: {}, requestState: 'mcpwb-bridge:1:forged', inputResponses: {} })).body);
    assert.equal(forged.error.code, -32602);
    assert.match(forged.error.message, /requestState names no call waiting for input/);
    const listen = JSON.parse((await post(2, 'subscriptions/listen', {})).body);
    assert.equal(listen.error?.code, -32602);
  });
});

describe('gateway: server-everything (a 2025-only server) to a 2026-07-28 client through the era bridge', function () {
  this.timeout(60000);
  const { start } = useGatewayPerTest();
  const EVERYTHING = join(__dirname, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

  /** Arguments from a tool's input schema: defaults, else the simplest value of each required field. */
  function argumentsFor(schema: any): any {
    if (schema?.default !== undefined) return schema.default;
    if (schema?.enum) return schema.enum[0];
    if (schema?.type === 'string') return 'hello';
    if (schema?.type === 'number' || schema?.type === 'integer') return schema.minimum ?? 1;
    if (schema?.type === 'boolean') return true;
    if (schema?.type === 'array') return [];
    const out: Record<string, unknown> = {};
    for (const k of schema?.required ?? []) out[k] = argumentsFor(schema.properties?.[k]);
    return out;
  }

  it('calls every tool, answering elicitation, sampling and roots through input_required; what cannot work says why', async () => {
    const child = { command: process.execPath, args: [EVERYTHING, 'stdio'] };
    const probe = await probeServer(child, 20_000);
    assert.ok(probe.ok && probe.eras.legacy && !probe.eras.modern, `server-everything speaks only 2025: ${JSON.stringify(probe)}`);
    const g = await start({ child, serverEras: probe.eras });
    const c = new Client({ name: 'everything', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} } });
    c.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Ada', color: 'red', email: 'ada@example.com', age: 36, confirm: true } }) as any);
    c.setRequestHandler('sampling/createMessage', () => ({ role: 'assistant', content: { type: 'text', text: 'sampled' }, model: 'test-model' }) as any);
    c.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///first/root' }] }) as any);
    await c.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: bearer(g) } }));
    const tools = (await c.listTools()).tools;
    assert.ok(tools.length >= 15, `${tools.length} tools`);
    const outcome: Record<string, string> = {};
    for (const t of tools) {
      const args = t.name === 'trigger-long-running-operation' ? { duration: 1, steps: 2 } : argumentsFor(t.inputSchema);
      try {
        const r: any = await c.callTool({ name: t.name, arguments: args }, { timeout: 15_000 });
        outcome[t.name] = r.content?.map((x: any) => x.text ?? x.type).join(' ') ?? '';
      } catch (e) {
        outcome[t.name] = `error: ${(e as Error).message}`;
      }
    }
    assert.match(outcome['echo'], /Echo: hello/);
    assert.match(outcome['trigger-sampling-request'], /test-model/);
    assert.match(outcome['trigger-elicitation-request'], /provided the requested information/);
    assert.match(outcome['get-roots-list'], /file:\/\/\/first\/root/);
    assert.match(outcome['trigger-long-running-operation'], /completed/);
    // The only failures name their cause: a capability this client did not declare, a feature of another extension.
    for (const [name, text] of Object.entries(outcome)) {
      if (text.startsWith('error:')) assert.match(text, /URL-mode elicitation|task augm/i, `${name}: ${text}`);
    }
    await c.close();
  });
});

describe('gateway: the reverse era bridge (a 2026-07-28-only server, 2025 clients)', function () {
  this.timeout(30000);
  const { start, scratch } = useGatewayPerTest();

  it('initialize from server/discover, requests with the envelope, ping here, and input_required as elicitation on the session, two rounds', async () => {
    const g = await start({ child: { ...scratch().child, env: { ...scratch().child.env, FIXTURE_ERA: 'modern' } }, serverEras: { modern: ['2026-07-28'] } });
    assert.equal(g.eras.bridged, true);
    const c = new Client({ name: 'legacy-client', version: '1' }, { capabilities: { elicitation: { form: {} } } });
    const asked: string[] = [];
    c.setRequestHandler('elicitation/create', (req: any) => {
      asked.push(req.params.message);
      return { action: 'accept', content: req.params.message === 'Name?' ? { name: 'Ada' } : { colour: 'green' } } as any;
    });
    await c.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: bearer(g) } }));
    assert.equal(c.getServerVersion()?.name, 'gateway-fixture');
    assert.ok((await c.listTools()).tools.some((t) => t.name === 'echo'));
    assert.equal(text(await c.callTool({ name: 'echo', arguments: { text: 'through the reverse bridge' } })), 'through the reverse bridge');
    await c.ping();
    assert.equal(text(await c.callTool({ name: 'ask', arguments: {} })), 'Ada likes green');
    assert.deepEqual(asked, ['Name?', 'Colour, Ada?']);
    await assert.rejects(c.subscribeResource({ uri: 'test://x' }), /cannot be bridged/);
    await c.close();
  });
});

describe('gateway: a v2 client of each era against a server of each kind (the eras found as serve finds them)', function () {
  this.timeout(30000);
  const { start, scratch } = useGatewayPerTest();
  for (const fixtureEra of ['both', 'modern', 'legacy'] as const) {
    for (const clientEra of ['2025', '2026'] as const) {
      it(`a ${clientEra} client, a server speaking ${fixtureEra === 'both' ? 'both eras' : `only ${fixtureEra === 'modern' ? '2026-07-28' : '2025'}`}`, async () => {
        const child = { ...scratch().child, env: { ...scratch().child.env, FIXTURE_ERA: fixtureEra } };
        const probe = await probeServer(child, 20_000);
        assert.ok(probe.ok, JSON.stringify(probe));
        const g = await start({ child, serverEras: probe.eras });
        const c = new Client({ name: 'matrix', version: '1' }, clientEra === '2026' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
        await c.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: bearer(g) } }));
        assert.ok((await c.listTools()).tools.some((t) => t.name === 'echo'));
        assert.equal(text(await c.callTool({ name: 'echo', arguments: { text: `${clientEra}/${fixtureEra}` } })), `${clientEra}/${fixtureEra}`);
        const progress: number[] = [];
        await c.callTool({ name: 'slow', arguments: { ms: 60, steps: 2 } }, { onprogress: (p) => progress.push(p.progress) });
        assert.deepEqual(progress, [1, 2]);
        await c.close();
      });
    }
  }
});
