// Session lifecycle and child supervision behind the gateway, driven by the SDK client over real HTTP.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { startGateway } from '../../../src/core/gateway/gateway';
import { CHILD_GONE_CODE } from '../../../src/core/gateway/gatewaySession';
import { raw, useGatewayPerTest, connectClient, bearer, processAlive, waitFor, MCP_HEADERS, rawSession, initializeBody } from './gatewayTestKit';

function text(result: any): string {
  return result.content[0].text;
}

describe('gateway sessions and child supervision', function () {
  this.timeout(20000);
  const { start, logs, scratch: current } = useGatewayPerTest();

  it('gives each session its own server process and keeps their traffic apart', async () => {
    const g = await start();
    const a = await connectClient(g);
    const b = await connectClient(g);
    const [pa, pb] = await Promise.all([a.client.callTool({ name: 'pid', arguments: {} }), b.client.callTool({ name: 'pid', arguments: {} })]);
    assert.notEqual(text(pa), text(pb));
    assert.equal(g.stats().sessions, 2);
    const echoes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).client.callTool({ name: 'echo', arguments: { text: `m${i}` } })));
    echoes.forEach((r, i) => assert.equal(text(r), `m${i}`));
    await a.client.close();
    await b.client.close();
  });

  it('DELETE ends the session and stops its process; the id then gets 404', async () => {
    const g = await start();
    const { client, transport } = await connectClient(g);
    const pid = Number(text(await client.callTool({ name: 'pid', arguments: {} })));
    const sid = transport.sessionId!;
    await transport.terminateSession();
    await waitFor(() => !processAlive(pid), 5000, 'the server process to exit');
    const res = await raw(g, { headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    assert.equal(res.status, 404);
    assert.equal(g.stats().sessions, 0);
  });

  it('ends idle sessions after the idle timeout and stops their process', async () => {
    const g = await start({ idleTimeoutMs: 300 });
    const { client } = await connectClient(g);
    const pid = Number(text(await client.callTool({ name: 'pid', arguments: {} })));
    await waitFor(() => g.stats().sessions === 0, 5000, 'the idle session to end');
    await waitFor(() => !processAlive(pid), 5000, 'the server process to exit');
    assert.ok(logs.some((l) => l.includes('idle timeout')));
  });

  it('a cancelled request does not keep its session from timing out', async () => {
    const g = await start({ idleTimeoutMs: 400 });
    const { client } = await connectClient(g);
    const ac = new AbortController();
    const pending = client.callTool({ name: 'slow', arguments: { ms: 60000, steps: 1 } }, { signal: ac.signal });
    setTimeout(() => ac.abort('no longer needed'), 100);
    await assert.rejects(pending);
    await waitFor(() => g.stats().sessions === 0, 5000, 'the idle session to end after the cancellation');
    assert.equal(g.metrics.summary().find((m) => m.method === 'tools/call')?.errors, 1, 'the cancelled call is counted once, as not ok');
  });

  it('a crashing server fails the request in flight with the cause and its stderr, ends the session, and the gateway lives on', async () => {
    const g = await start();
    const { client, transport } = await connectClient(g);
    await assert.rejects(client.callTool({ name: 'crash', arguments: {} }), (e: any) => {
      assert.equal(e.code, CHILD_GONE_CODE);
      assert.match(e.message, /exited with code 3/);
      assert.match(e.message, /about to crash on purpose/);
      return true;
    });
    const sid = transport.sessionId!;
    await waitFor(() => g.stats().sessions === 0, 3000, 'the session to end');
    const res = await raw(g, { headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    assert.equal(res.status, 404);
    const again = await connectClient(g);
    assert.equal(text(await again.client.callTool({ name: 'echo', arguments: { text: 'still here' } })), 'still here');
    await again.client.close();
  });

  it('a command that cannot start answers initialize with a clear error and never crashes the gateway', async () => {
    const g = await start({ child: { command: join(current().dir, 'no-such-server'), args: [] } });
    await assert.rejects(connectClient(g), /Could not start the server process .*no-such-server.*ENOENT/);
    const health = await raw(g, { method: 'GET', path: '/healthz' });
    assert.equal(health.status, 200);
    await waitFor(() => g.stats().sessions === 0, 3000, 'the failed session to end');
  });

  it('a server that refuses initialize: the client gets its error, and the session and its process end at once', async () => {
    const refuser = `require('readline').createInterface({ input: process.stdin }).on('line', (l) => { const m = JSON.parse(l); if (m.id !== undefined) console.log(JSON.stringify({ jsonrpc: '2.0', id: m.id, error: { code: -32602, message: 'Unsupported protocol version', data: { supported: ['2026-07-28'] } } })); });`;
    const g = await start({ child: { command: process.execPath, args: ['-e', refuser] }, idleTimeoutMs: 60_000 });
    const res = await raw(g, { headers: { ...MCP_HEADERS, ...bearer(g) }, body: initializeBody() });
    assert.match(res.body, /Unsupported protocol version/);
    await waitFor(() => g.stats().sessions === 0 && g.stats().childPids.length === 0, 3000, 'the refused session to end');
  });

  it('keeps non-JSON stdout lines as diagnostics and never forwards them', async () => {
    const g = await start();
    const { client } = await connectClient(g);
    assert.equal(text(await client.callTool({ name: 'echo', arguments: { text: 'ok' } })), 'ok');
    assert.ok(logs.some((l) => l.includes('non-JSON line') && l.includes('fixture server starting')));
    await client.close();
  });

  it('stopping the gateway stops every process tree, grandchildren included', async () => {
    const g = await start();
    const a = await connectClient(g);
    const b = await connectClient(g);
    const grandchild = Number(text(await a.client.callTool({ name: 'grandchild', arguments: {} })));
    const pids = g.stats().childPids;
    assert.equal(pids.length, 2);
    assert.ok(processAlive(grandchild));
    await g.close();
    await waitFor(() => [...pids, grandchild].every((p) => !processAlive(p)), 5000, 'every process to exit');
    void b;
  });

  it('forwards progress to the request that asked for it and passes cancellation to the server', async () => {
    const g = await start();
    const { client } = await connectClient(g);
    const progress: number[] = [];
    const r = await client.callTool({ name: 'slow', arguments: { ms: 150, steps: 3 } }, { onprogress: (p) => progress.push(p.progress) });
    assert.equal(text(r), 'slept 150 ms');
    assert.deepEqual(progress, [1, 2, 3]);
    const ac = new AbortController();
    const pending = client.callTool({ name: 'slow', arguments: { ms: 2000, steps: 2 } }, { signal: ac.signal });
    setTimeout(() => ac.abort('changed my mind'), 100);
    await assert.rejects(pending);
    await waitFor(() => readFileSync(current().receivedLog, 'utf8').includes('notifications/cancelled'), 3000, 'the cancellation to reach the server');
    assert.equal(text(await client.callTool({ name: 'echo', arguments: { text: 'after cancel' } })), 'after cancel');
    await client.close();
  });

  it('carries a 1 MB payload both ways', async () => {
    const g = await start();
    const { client } = await connectClient(g);
    const big = 'y'.repeat(1024 * 1024);
    assert.equal(text(await client.callTool({ name: 'size', arguments: { text: big } })), String(big.length));
    assert.equal(text(await client.callTool({ name: 'blob', arguments: { bytes: 1024 * 1024 } })).length, 1024 * 1024);
    await client.close();
  });

  it('writes an audit line per request with the token id, never the token, and keeps per-method metrics', async () => {
    const auditLogPath = join(current().dir, 'audit.jsonl');
    const g = await start({ auditLogPath });
    const { client } = await connectClient(g);
    for (let i = 0; i < 5; i++) await client.callTool({ name: 'echo', arguments: { text: String(i) } });
    await client.readResource({ uri: 'nope://x' }).catch(() => {});
    await raw(g, { headers: { ...MCP_HEADERS }, body: '{}' });
    await client.close();
    await g.close();
    const content = readFileSync(auditLogPath, 'utf8');
    assert.ok(!content.includes(g.token!));
    const lines = content.trim().split('\n').map((l) => JSON.parse(l));
    const calls = lines.filter((l) => l.method === 'tools/call');
    assert.equal(calls.length, 5);
    assert.deepEqual(Object.keys(calls[0]).sort(), ['latencyMs', 'method', 'name', 'session', 'status', 'time', 'tokenId']);
    assert.equal(calls[0].name, 'echo');
    assert.equal(calls[0].tokenId, g.tokenId);
    assert.equal(calls[0].status, 'ok');
    assert.ok(lines.some((l) => l.method === 'resources/read' && l.status === 'error' && l.name === 'nope://x'));
    assert.ok(lines.some((l) => l.status === 'http-401:no-token'));
    const toolsCall = g.metrics.summary().find((m) => m.method === 'tools/call')!;
    assert.equal(toolsCall.count, 5);
    assert.ok(toolsCall.p50Ms > 0 && toolsCall.p99Ms >= toolsCall.p50Ms);
  });

  it('tees each session into a trace file with both directions and no secrets', async () => {
    const traceDir = join(current().dir, 'traces');
    const g = await start({ traceDir });
    const { client } = await connectClient(g);
    await client.callTool({ name: 'echo', arguments: { text: 'traced' } });
    await client.close();
    await g.close();
    const files = readdirSync(traceDir).filter((f) => f.endsWith('.mcptrace'));
    assert.equal(files.length, 1);
    const lines = readFileSync(join(traceDir, files[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].type, 'header');
    assert.equal(lines[0].format, 'mcptrace');
    const msgs = lines.filter((l) => l.type === 'message');
    assert.ok(msgs.some((m) => m.dir === 'send' && m.msg.method === 'tools/call'));
    assert.ok(msgs.some((m) => m.dir === 'recv' && m.msg.result?.content?.[0]?.text === 'traced'));
    assert.ok(lines.some((l) => l.type === 'note' && l.text.includes('non-JSON')));
    assert.ok(!JSON.stringify(lines).includes(g.token!));
  });

  it('answers a request whose answer comes alone with one JSON body, the exact bytes the server wrote', async () => {
    const echo = '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}';
    const g = await start();
    const sid = await rawSession(g);
    const res = await raw(g, { headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' }, body: echo });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.headers['mcp-session-id'], sid);
    assert.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body));
    assert.deepEqual(JSON.parse(res.body), { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'hi' }] } });
  });

  it('turns the answer into an SSE stream when the server sends progress first, primed for resumption unless resumable: false', async () => {
    const slow = '{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"slow","arguments":{"ms":30,"steps":2},"_meta":{"progressToken":"p8"}}}';
    for (const [resumable, version] of [[true, '2025-11-25'], [false, '2025-11-25'], [true, '2025-06-18']] as const) {
      const g = await start({ resumable });
      const sid = await rawSession(g);
      const res = await raw(g, { headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': version }, body: slow });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/event-stream');
      const events = res.body.split('\n\n').filter((e) => e.includes('data: {'));
      assert.equal(events.length, 3, `two progress events and the answer: ${res.body}`);
      assert.match(events[0], /"method":"notifications\/progress"/);
      assert.match(events[2], /"result":\{"content":\[\{"type":"text","text":"slept 30 ms"/);
      assert.match(events[2], /"id":8\}/);
      // Event ids whenever an event store is kept; the empty priming event only for clients that speak 2025-11-25.
      assert.equal(/^id: /m.test(res.body), resumable, `event ids present: ${resumable}`);
      const primed = resumable && version === '2025-11-25';
      assert.equal(/^id: [^\n]+\ndata: \n/m.test(res.body), primed, `priming event present: ${primed}`);
      await g.close();
    }
  });

  it('hands batches and a second initialize to the SDK transport, which answers them as it always does', async () => {
    const g = await start();
    const sid = await rawSession(g);
    const headers = { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
    const batch = await raw(g, { headers, body: '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]' });
    assert.equal(batch.status, 200);
    assert.equal(batch.headers['content-type'], 'text/event-stream');
    assert.match(batch.body, /"id":1/);
    assert.match(batch.body, /"id":2/);
    const again = await raw(g, { headers, body: initializeBody(9) });
    assert.equal(again.status, 400);
    assert.match(again.body, /already initialized/);
    const invalid = await raw(g, { headers, body: '{"jsonrpc":"2.0","id":3,"method":"ping","extra":1}' });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body, /Invalid JSON-RPC message/);
    const broken = await raw(g, { headers, body: '{"jsonrpc":' });
    assert.equal(broken.status, 400);
    assert.match(broken.body, /-32700/);
  });

  it('answers a request still waiting when the session is deleted with a JSON-RPC error', async () => {
    const g = await start();
    const sid = await rawSession(g);
    const headers = { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
    const pending = raw(g, { headers, body: '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"slow","arguments":{"ms":5000}}}' });
    await new Promise((r) => setTimeout(r, 300));
    const del = await raw(g, { method: 'DELETE', headers });
    assert.equal(del.status, 200);
    const res = await pending;
    assert.equal(res.status, 200);
    const answer = JSON.parse(res.body);
    assert.equal(answer.id, 4);
    assert.match(answer.error.message, /session ended \(deleted\)/);
  });

  it('sends a quick answer in the same segment as the response headers (one wake-up of the client)', async () => {
    const body = '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}';
    const g = await start();
    const sid = await rawSession(g);
    const sock = connect(g.port, '127.0.0.1');
    const chunks: string[] = [];
    await new Promise<void>((resolve) => {
      sock.on('data', (d) => {
        chunks.push(d.toString());
        if (chunks.join('').includes('"id":5}')) resolve();
      });
      sock.write(
        `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1:${g.port}\r\nauthorization: Bearer ${g.token}\r\ncontent-type: application/json\r\n` +
          `accept: application/json, text/event-stream\r\nmcp-session-id: ${sid}\r\nmcp-protocol-version: 2025-11-25\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
    });
    sock.destroy();
    assert.match(chunks[0], /^HTTP\/1.1 200/);
    assert.equal(chunks.length, 1, 'status line, headers and answer arrive together');
  });

  it('refuses to bind a non-loopback address unless asked, and then warns and accepts this machine\'s names', async () => {
    await assert.rejects(startGateway({ child: current().child, host: '0.0.0.0' }), /not a loopback address/);
    const g = await start({ host: '0.0.0.0', allowNonLoopback: true });
    assert.ok(logs.some((l) => l.startsWith('warn: ') && l.includes('reachable from other machines')));
    const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4');
    assert.ok(lan, 'this machine has an IPv4 interface');
    const ok = await raw(g, { method: 'GET', path: '/healthz', headers: { host: `${lan!.address}:${g.port}` } });
    assert.equal(ok.status, 200);
    const rebound = await raw(g, { method: 'GET', path: '/healthz', headers: { host: `evil.example:${g.port}` } });
    assert.equal(rebound.status, 403);
  });
});
