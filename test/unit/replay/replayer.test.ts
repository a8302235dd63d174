// The replay engine on an in-memory link: connections split at each initialize, the recorded causality (a
// message waits for the answers recorded before it, never for one that never came), and server requests answered
// with what the client answered in the recording.
import * as assert from 'node:assert';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { analyzeEvents, replayConnection, type RpcMessage } from '../../../src/core/replay';
import type { TraceEvent } from '../../../src/core/traffic';

function events(list: Array<['send' | 'recv', object]>): Array<{ event: TraceEvent; line: number }> {
  return list.map(([dir, msg], i) => ({ event: { type: 'message', t: i, dir, msg: { jsonrpc: '2.0', ...msg } } as TraceEvent, line: i + 2 }));
}

const RECORDING = events([
  ['send', { id: 1, method: 'initialize', params: {} }],
  ['recv', { id: 1, result: { protocolVersion: '2025-11-25' } }],
  ['send', { method: 'notifications/initialized' }],
  ['send', { id: 2, method: 'tools/call', params: { name: 'slow' } }],
  ['send', { method: 'notifications/cancelled', params: { requestId: 2 } }],
  ['send', { id: 3, method: 'tools/call', params: { name: 'ask' } }],
  ['recv', { id: 'srv-1', method: 'sampling/createMessage', params: { maxTokens: 5 } }],
  ['send', { id: 'srv-1', result: { role: 'assistant', model: 'm', content: { type: 'text', text: 'recorded answer' } } }],
  ['recv', { id: 3, result: { content: [{ type: 'text', text: 'model said: recorded answer' }] } }],
  ['send', { id: 1, method: 'initialize', params: {} }],
  ['recv', { id: 1, result: { protocolVersion: '2025-11-25' } }],
]);

describe('replay engine', () => {
  it('splits connections at initialize and keeps answers, unanswered requests and server requests', () => {
    const s = analyzeEvents(RECORDING);
    assert.strictEqual(s.connections.length, 2);
    const [c1, c2] = s.connections;
    assert.deepStrictEqual(c1.steps.map((st) => `${st.msg.method}${st.response ? ' answered' : ''}`), [
      'initialize answered',
      'notifications/initialized',
      'tools/call',
      'notifications/cancelled',
      'tools/call answered',
    ]);
    assert.strictEqual(c1.serverRequests.length, 1);
    assert.strictEqual((c1.serverRequests[0].answer?.result as { model: string }).model, 'm');
    assert.strictEqual(c2.steps.length, 1);
    assert.strictEqual(c2.steps[0].line, 11);
  });

  it('replays in recorded order, answers the server from the recording, and does not wait for a cancelled request', async () => {
    const conn = analyzeEvents(RECORDING).connections[0];
    const [client, server] = InMemoryTransport.createLinkedPair();
    const seenByServer: RpcMessage[] = [];
    let pendingAsk: RpcMessage | undefined;
    server.onmessage = (m: JSONRPCMessage) => {
      const msg = m as RpcMessage;
      seenByServer.push(msg);
      const send = (x: object) => void server.send({ jsonrpc: '2.0', ...x } as JSONRPCMessage);
      if (msg.method === 'initialize') send({ id: msg.id, result: { protocolVersion: '2025-11-25' } });
      // 'slow' never answers: it was cancelled in the recording too.
      if (msg.method === 'tools/call' && msg.params?.name === 'ask') {
        pendingAsk = msg;
        send({ id: 'live-7', method: 'sampling/createMessage', params: { maxTokens: 5 } });
      }
      if (msg.id === 'live-7' && pendingAsk) {
        const text = (msg.result as { content: { text: string } }).content.text;
        send({ id: pendingAsk.id, result: { content: [{ type: 'text', text: `model said: ${text}` }] } });
      }
    };
    await server.start();
    const outcome = await replayConnection(conn, client, { timeoutMs: 2000 });
    assert.deepStrictEqual(
      seenByServer.map((m) => m.method ?? `answer to ${m.id}`),
      ['initialize', 'notifications/initialized', 'tools/call', 'notifications/cancelled', 'tools/call', 'answer to live-7'],
    );
    assert.deepStrictEqual(outcome.answers.map((a) => `${a.step.msg.method} ${a.failure ?? 'answered'}`), ['initialize answered', 'tools/call answered']);
    assert.deepStrictEqual(outcome.answers[1].actual?.result, { content: [{ type: 'text', text: 'model said: recorded answer' }] });
    assert.strictEqual(outcome.serverRequests[0].recorded?.line, 8);
    await client.close();
  });

  it('reports a request the server never answers as missing after the timeout', async () => {
    const conn = analyzeEvents(events([['send', { id: 1, method: 'ping' }], ['recv', { id: 1, result: {} }]])).connections[0];
    const [client, server] = InMemoryTransport.createLinkedPair();
    server.onmessage = () => undefined;
    await server.start();
    const outcome = await replayConnection(conn, client, { timeoutMs: 100 });
    assert.strictEqual(outcome.answers[0].actual, undefined);
    assert.match(outcome.answers[0].failure ?? '', /no answer within 100 ms/);
    await client.close();
  });
});
