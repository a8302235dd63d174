// tapTransport around a real SDK transport pair: both directions, open/close, one shared clock, errors.
import { strict as assert } from 'node:assert';
import { Client, InMemoryTransport, type Transport } from '@modelcontextprotocol/client';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { tapTransport, teeSinks, TraceRecorder } from '../../../src/core/traffic/tap';
import type { TraceEvent, TraceSink } from '../../../src/core/traffic/traceEvents';

describe('tapTransport', () => {
  it('records every message both ways, in order, with open and close, between a real SDK client and server', async () => {
    const server = new McpServer({ name: 's', version: '1' });
    server.registerTool('add', { inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const events: TraceEvent[] = [];
    const client = new Client({ name: 'c', version: '1' });
    await client.connect(tapTransport(clientSide, { write: (e) => events.push(e) }));
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
    assert.deepEqual(result.content, [{ type: 'text', text: '5' }]);
    await client.close();

    const summary = events.map((e) => (e.type === 'message' ? `${e.dir} ${(e.msg as { method?: string }).method ?? 'response'}` : `${e.type} ${'event' in e ? e.event : ''}`));
    assert.deepEqual(summary, ['transport open', 'send initialize', 'recv response', 'send notifications/initialized', 'send tools/call', 'recv response', 'transport close']);
    const times = events.map((e) => e.t);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.ok(times.every((t) => t >= 0 && Number.isFinite(t)));
  });

  it('shares one clock between taps of the same recorder, and records transport errors', async () => {
    const events: TraceEvent[] = [];
    let now = 0;
    const recorder = new TraceRecorder({ write: (e) => events.push(e) }, () => (now += 1));
    const failing: Transport = { start: async () => undefined, send: async () => undefined, close: async () => undefined };
    const tapped = tapTransport(failing, recorder);
    let seen: Error | undefined;
    tapped.onerror = (e) => (seen = e);
    await tapped.start();
    failing.onerror!(new Error('pipe broke'));
    recorder.record({ type: 'stderr', text: 'from elsewhere' });
    assert.equal(seen?.message, 'pipe broke');
    assert.deepEqual(events, [
      { type: 'transport', t: 1, event: 'open' },
      { type: 'transport', t: 2, event: 'error', detail: 'pipe broke' },
      { type: 'stderr', t: 3, text: 'from elsewhere' },
    ]);
  });

  it('teeSinks reports a failing sink and still feeds the others', () => {
    const got: TraceEvent[] = [];
    const errors: string[] = [];
    const broken: TraceSink = {
      write() {
        throw new Error('disk full');
      },
    };
    const sink = teeSinks([broken, undefined, { write: (e) => got.push(e) }], (e) => errors.push((e as Error).message));
    sink.write({ type: 'note', t: 1, text: 'x' });
    assert.equal(got.length, 1);
    assert.deepEqual(errors, ['disk full']);
  });
});
