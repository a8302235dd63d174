// The gateway's small pure parts: latency percentiles, the request guard, the
// bearer token helpers and fault parsing.
import { strict as assert } from 'node:assert';
import { GatewayMetrics } from '../../../src/core/gateway/metrics';
import { checkRequest, loopbackHostPolicy } from '../../../src/core/gateway/requestGuard';
import { bearerFromHeader, newBearerToken, secretsEqual, tokenId } from '../../../src/core/gateway/bearerToken';
import { parseFaults } from '../../../src/core/gateway/faults';
import { MemoryEventStore } from '../../../src/core/gateway/memoryEventStore';
import { isPlainRequest } from '../../../src/core/gateway/gatewaySession';
import { isJSONRPCRequest } from '@modelcontextprotocol/server';

describe('gateway parts', () => {
  it('reports p50 and p99 within the histogram resolution', () => {
    const m = new GatewayMetrics();
    for (let i = 1; i <= 1000; i++) m.record('tools/call', i / 10, i % 100 === 0);
    const [row] = m.summary();
    assert.equal(row.count, 1000);
    assert.equal(row.errors, 10);
    assert.ok(Math.abs(row.p50Ms - 50) / 50 < 0.05, `p50 ${row.p50Ms}`);
    assert.ok(Math.abs(row.p99Ms - 99) / 99 < 0.05, `p99 ${row.p99Ms}`);
  });

  it('accepts only the gateway\'s own Host and Origin, and refuses credentials in the query', () => {
    const policy = loopbackHostPolicy(4000);
    assert.equal(checkRequest('/mcp', { host: '127.0.0.1:4000' }, policy), undefined);
    assert.equal(checkRequest('/mcp', { host: 'localhost:4000', origin: 'http://localhost:4000' }, policy), undefined);
    assert.equal(checkRequest('/mcp', { host: '127.0.0.1:4001' }, policy)?.status, 403);
    assert.equal(checkRequest('/mcp', {}, policy)?.status, 403);
    assert.equal(checkRequest('/mcp', { host: '127.0.0.1:4000', origin: 'https://127.0.0.1:4000' }, policy)?.status, 403);
    assert.equal(checkRequest('/mcp?access_token=x', { host: '127.0.0.1:4000' }, policy)?.status, 400);
    assert.equal(checkRequest('/mcp?api_key=x', { host: '127.0.0.1:4000' }, policy)?.status, 400);
    assert.equal(checkRequest('/authorize?response_type=code&state=x', { host: '127.0.0.1:4000' }, policy), undefined);
  });

  it('checks Host against the allowed values the SDK check also accepts, extras included', () => {
    const policy = loopbackHostPolicy(4000, ['gw.test:8443', 'bad host:1'], []);
    assert.equal(checkRequest('/mcp', { host: 'LOCALHOST:4000' }, policy), undefined);
    assert.equal(checkRequest('/mcp', { host: '[::1]:4000' }, policy), undefined);
    assert.equal(checkRequest('/mcp', { host: 'gw.test:8443' }, policy), undefined);
    // Allowed as an extra, but not a host name the SDK's check can parse: still refused.
    assert.equal(checkRequest('/mcp', { host: 'bad host:1' }, policy)?.status, 403);
    assert.equal(checkRequest('/mcp', { host: '' }, policy)?.status, 403);
    assert.equal(checkRequest('/mcp', { host: 'localhost:4000.evil.example' }, policy)?.status, 403);
  });

  it('takes the hand check of a plain request only for what the SDK schema accepts', () => {
    const samples: unknown[] = [
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' } } },
      { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
      { jsonrpc: '2.0', id: 0, method: 'ping', params: {} },
      { jsonrpc: '2.0', id: -0, method: 'ping' },
      { jsonrpc: '2.0', id: 1.5, method: 'ping' },
      { jsonrpc: '2.0', id: 2 ** 60, method: 'ping' },
      { jsonrpc: '2.0', id: null, method: 'ping' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '1.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 1, method: 5 },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: [] },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: null },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: 'x' },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: { progressToken: 1 } } },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: { progressToken: 1.5 } } },
      { jsonrpc: '2.0', id: 1, method: 'ping', extra: true },
      JSON.parse('{"jsonrpc":"2.0","id":1,"method":"ping","__proto__":{}}'),
      JSON.parse('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"__proto__":{"_meta":1}}}'),
      { jsonrpc: '2.0', id: 1, result: {} },
      [{ jsonrpc: '2.0', id: 1, method: 'ping' }],
      null,
      'x',
    ];
    for (const v of samples) if (isPlainRequest(v)) assert.ok(isJSONRPCRequest(v), `hand check took ${JSON.stringify(v)}`);
    // The hot path's shape is taken by the hand check, not left to the schema.
    assert.ok(isPlainRequest(samples[0]) && isPlainRequest(samples[1]) && isPlainRequest(samples[2]));
    assert.ok(!isPlainRequest(samples[6]) && !isPlainRequest(samples[13]) && !isPlainRequest(samples[15]));
  });

  it('makes 256-bit tokens, compares them exactly, and names them without revealing them', () => {
    const t = newBearerToken();
    assert.equal(Buffer.from(t, 'base64url').length, 32);
    assert.notEqual(newBearerToken(), t);
    assert.ok(secretsEqual(t, t));
    assert.ok(!secretsEqual(t.slice(0, -1), t));
    assert.ok(!secretsEqual(t + 'x', t));
    assert.equal(tokenId(t), tokenId(t));
    assert.ok(!tokenId(t).includes(t.slice(0, 8)));
    assert.equal(bearerFromHeader(`Bearer ${t}`), t);
    assert.equal(bearerFromHeader(`bearer ${t}`), t);
    assert.equal(bearerFromHeader(`Basic ${t}`), undefined);
    assert.equal(bearerFromHeader('Bearer'), undefined);
  });

  it('replays the events of one stream after a given id, skipping priming events', async () => {
    const store = new MemoryEventStore();
    const msg = (n: number) => ({ jsonrpc: '2.0' as const, method: 'notifications/progress', params: { progressToken: 1, progress: n } });
    const prime = await store.storeEvent('a', {} as any);
    await store.storeEvent('a', msg(1));
    await store.storeEvent('b', msg(99));
    await store.storeEvent('a', msg(2));
    const replayed: unknown[] = [];
    assert.equal(await store.replayEventsAfter(prime, { send: async (_id, m) => void replayed.push(m) }), 'a');
    assert.deepEqual(replayed, [msg(1), msg(2)]);
    assert.equal(await store.getStreamIdForEventId('nope'), undefined);
  });

  it('keeps the event store within its byte budget, told sizes without re-serialising', async () => {
    const store = new MemoryEventStore(1000, 3 * 1024 * 1024);
    const big = { jsonrpc: '2.0' as const, id: 1, result: {} };
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      store.sizeOfNext(1024 * 1024);
      ids.push(await store.storeEvent('s', big));
    }
    assert.equal(store.held.events, 3);
    assert.equal(store.held.bytes, 3 * 1024 * 1024);
    assert.equal(await store.getStreamIdForEventId(ids[0]), undefined, 'the oldest events were evicted');
    assert.equal(await store.getStreamIdForEventId(ids[9]), 's');
  });

  it('parses faults and names the unknown one', () => {
    assert.deepEqual(parseFaults(['latency=25', 'drop-stream', 'expired-token']), { latencyMs: 25, dropStream: true, expiredToken: true });
    assert.throws(() => parseFaults(['latency=soon']), /latency=soon needs a number/);
    assert.throws(() => parseFaults(['chaos']), /Unknown fault "chaos"; known faults: /);
  });
});
