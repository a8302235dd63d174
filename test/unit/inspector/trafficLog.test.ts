// The extension host's traffic log: batched rows, details by seq, trimming a log that grows without end,
// and saving as a trace file.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceEvent } from '../../../src/core/traffic';
import { BoundedLog } from '../../../src/extension/inspector/boundedLog';
import { TrafficLog } from '../../../src/extension/inspector/trafficLog';
import type { TrafficRow } from '../../../src/shared/trafficRows';

const msg = (i: number, dir: 'send' | 'recv' = 'send'): TraceEvent => ({ type: 'message', t: i, dir, msg: { jsonrpc: '2.0', id: i, method: 'ping' } as never });

describe('TrafficLog', () => {
  it('posts rows in batches and answers details by seq', async () => {
    const posts: { rows: TrafficRow[]; reset?: boolean }[] = [];
    const log = new TrafficLog((rows, reset) => posts.push({ rows, reset }));
    for (let i = 0; i < 5; i++) log.add(msg(i));
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0].rows.map((r) => r.seq), [0, 1, 2, 3, 4]);
    assert.equal((log.event(3) as { msg: { id: number } }).msg.id, 3);
    log.dispose();
  });

  it('a snapshot includes the rows still in the batch, and the batch is not posted after it', async () => {
    const posts: { rows: TrafficRow[]; reset?: boolean }[] = [];
    const log = new TrafficLog((rows, reset) => posts.push({ rows, reset }));
    for (let i = 0; i < 3; i++) log.add(msg(i));
    log.flushNow();
    for (let i = 3; i < 5; i++) log.add(msg(i));
    assert.deepEqual(log.snapshot().map((r) => r.seq), [0, 1, 2, 3, 4]);
    log.add(msg(5));
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(posts.map((p) => p.rows.map((r) => r.seq)), [[0, 1, 2], [5]]);
    log.dispose();
  });

  it('drops the oldest events beyond its limit and sends the rest again, renumbered', () => {
    const posts: { rows: TrafficRow[]; reset?: boolean }[] = [];
    const log = new TrafficLog((rows, reset) => posts.push({ rows, reset }), { maxEvents: 10, trimBy: 4 });
    for (let i = 0; i < 11; i++) log.add(msg(i));
    const reset = posts.find((p) => p.reset);
    assert.ok(reset, 'a reset was posted');
    assert.equal(log.size, 7);
    assert.equal(log.dropped, 4);
    assert.deepEqual(reset.rows.map((r) => r.seq), [0, 1, 2, 3, 4, 5, 6]);
    assert.equal((log.event(0) as { msg: { id: number } }).msg.id, 4, 'seq 0 is now the oldest kept event');
    log.add(msg(11));
    log.flushNow();
    assert.equal(posts.at(-1)!.rows[0].seq, 7, 'numbering continues after the trim');
    log.dispose();
  });

  it('saves everything as a .mcptrace file with a header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwb-traffic-'));
    try {
      const log = new TrafficLog(() => undefined);
      log.add(msg(1));
      log.add({ type: 'stderr', t: 2, text: 'hello' });
      const file = join(dir, 't.mcptrace');
      assert.equal(log.save(file, { transport: 'stdio', command: 'node', env: { TOKEN: 'secret-value-123' } }), 2);
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines[0].type, 'header');
      assert.notEqual(lines[0].target.env.TOKEN, 'secret-value-123', 'env values are redacted');
      assert.deepEqual(lines.slice(1).map((l) => l.type), ['message', 'stderr']);
      log.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BoundedLog', () => {
  it('a snapshot includes the items still in the batch, and the batch is not posted after it', async () => {
    const posts: string[][] = [];
    const log = new BoundedLog<string>(10, (items) => posts.push(items));
    log.push('a');
    log.flushNow();
    log.push('b');
    assert.deepEqual(log.snapshot(), ['a', 'b']);
    log.push('c');
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(posts, [['a'], ['c']]);
    log.dispose();
  });
});
