// The answers the gateway writes itself: resuming one of its own SSE streams with Last-Event-ID (raw HTTP, so
// every event id is visible), and a client that leaves before its answer.
import { strict as assert } from 'node:assert';
import { raw, bearer, MCP_HEADERS, rawSession, useGatewayPerTest } from './gatewayTestKit';

/** The `id:` and `data:` of each SSE event in a body (priming events have empty data). */
function sseEvents(body: string): Array<{ id?: string; data: string }> {
  return body
    .split('\n\n')
    .filter((e) => /^(id|data|event):/m.test(e))
    .map((e) => ({ id: /^id: (.*)$/m.exec(e)?.[1], data: /^data: ?(.*)$/m.exec(e)?.[1] ?? '' }));
}

describe('gateway direct answers: resumption and departed clients', function () {
  this.timeout(20000);
  const { start, logs } = useGatewayPerTest();

  it('a dropped stream resumed with Last-Event-ID replays exactly the missed events and the answer, then ends', async () => {
    const g = await start({ faults: { dropStream: true } });
    const sid = await rawSession(g);
    const headers = { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
    const slow = '{"jsonrpc":"2.0","id":"s1","method":"tools/call","params":{"name":"slow","arguments":{"ms":300,"steps":3},"_meta":{"progressToken":"t1"}}}';
    const first = await raw(g, { headers, body: slow });
    assert.equal(first.status, 200);
    const seen = sseEvents(first.body);
    // The fault closes the stream after the first server message: priming event (with retry) and one progress.
    assert.match(first.body, /^retry: 100$/m);
    assert.equal(seen.length, 2, first.body);
    assert.equal(seen[0].data, '');
    assert.match(seen[1].data, /"progress":1/);
    await new Promise((r) => setTimeout(r, 600));
    const resumed = await raw(g, { method: 'GET', headers: { ...bearer(g), accept: 'text/event-stream', 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25', 'last-event-id': seen[1].id! } });
    assert.equal(resumed.status, 200);
    assert.equal(resumed.headers['content-type'], 'text/event-stream');
    const replayed = sseEvents(resumed.body);
    assert.deepEqual(
      replayed.map((e) => JSON.parse(e.data).params?.progress ?? JSON.parse(e.data).result?.content?.[0]?.text),
      [2, 3, 'slept 300 ms'],
      resumed.body,
    );
    assert.ok(replayed.every((e) => e.id), 'every replayed event has an id to resume from');
    // Resuming again from the middle replays the rest once more and still ends the stream.
    const again = await raw(g, { method: 'GET', headers: { ...bearer(g), accept: 'text/event-stream', 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25', 'last-event-id': replayed[1].id! } });
    assert.equal(again.status, 200);
    assert.deepEqual(sseEvents(again.body).map((e) => e.id), [replayed[2].id]);
  });

  it('a stream still connected refuses a second connection with 409', async () => {
    const g = await start();
    const sid = await rawSession(g);
    const headers = { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
    const slow = '{"jsonrpc":"2.0","id":"s2","method":"tools/call","params":{"name":"slow","arguments":{"ms":1500,"steps":3},"_meta":{"progressToken":"t2"}}}';
    const { request } = await import('node:http');
    const firstId = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: g.port, path: '/mcp', method: 'POST', headers: { ...headers, host: `127.0.0.1:${g.port}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
          const id = /^id: (.+)$/m.exec(text)?.[1];
          if (id) resolve(id);
        });
      });
      req.on('error', reject);
      req.end(slow);
    });
    const conflict = await raw(g, { method: 'GET', headers: { ...bearer(g), accept: 'text/event-stream', 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25', 'last-event-id': firstId } });
    assert.equal(conflict.status, 409);
    assert.match(conflict.body, /Conflict/);
  });

  it('a client that leaves before its answer costs nothing: the late answer is dropped quietly and the session carries on', async () => {
    const g = await start();
    const sid = await rawSession(g);
    const headers = { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' };
    const slow = '{"jsonrpc":"2.0","id":"gone","method":"tools/call","params":{"name":"slow","arguments":{"ms":300,"steps":1}}}';
    await assert.rejects(raw(g, { headers, body: slow, timeoutMs: 50 }));
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(logs.filter((l) => l.includes('could not deliver')), [], 'no warning about an undeliverable answer');
    assert.equal(g.stats().methods.find((m) => m.method === 'tools/call')?.count, 1, 'the late answer is still counted');
    const echo = await raw(g, { headers, body: '{"jsonrpc":"2.0","id":"after","method":"tools/call","params":{"name":"echo","arguments":{"text":"still here"}}}' });
    assert.equal(echo.status, 200);
    assert.match(echo.body, /still here/);
  });
});
