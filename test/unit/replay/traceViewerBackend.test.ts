// The trace viewer's host side without VS Code: init with the first window, windows of a filtered view, stale
// view ids, positions of rows in a view, very large messages, and views recomputed after the file grew.
import * as assert from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TraceIndex } from '../../../src/core/replay';
import { MAX_DETAIL_BYTES, TraceViewerBackend } from '../../../src/extension/traceViewer/traceViewerBackend';

const header = { type: 'header', format: 'mcptrace', version: 1, createdAt: '2026-01-01T00:00:00.000Z', target: { transport: 'stdio', command: 'node' }, tool: { name: 't', version: '1' } };
const line = (v: unknown) => JSON.stringify(v) + '\n';

describe('trace viewer backend', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-backend-'));
    file = path.join(dir, 't.mcptrace');
    const parts = [line(header)];
    for (let i = 0; i < 500; i++) {
      parts.push(line({ type: 'message', t: i, dir: 'send', msg: { jsonrpc: '2.0', id: i, method: i % 5 === 0 ? 'ping' : 'tools/call', params: { n: i } } }));
      parts.push(line({ type: 'message', t: i + 0.5, dir: 'recv', msg: { jsonrpc: '2.0', id: i, result: { text: i === 7 ? 'x'.repeat(MAX_DETAIL_BYTES + 10) : `r${i}` } } }));
    }
    writeFileSync(file, parts.join(''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with a summary and the first window, then serves filtered windows with their view id', async () => {
    const b = new TraceViewerBackend(await TraceIndex.open(file));
    await b.index.whenComplete();
    const init = await b.initEvent('t.mcptrace');
    if (init.type !== 'init') throw new Error('unreachable');
    assert.strictEqual(init.length, 1000);
    assert.strictEqual(init.firstRows.length, 200);
    const f = await b.handlers.setFilter({ filter: { methods: ['ping'], text: '  ' } });
    assert.deepStrictEqual(f, { viewId: 1, length: 200 }, 'ping requests and their responses; blank text is no filter');
    const w = await b.handlers.rows({ start: 10, end: 14, viewId: 1 });
    assert.deepStrictEqual(w.rows.map((r) => `${r.line}:${r.method}:${r.kind}`), ['52:ping:request', '53:ping:response', '62:ping:request', '63:ping:response']);
    assert.deepStrictEqual((await b.handlers.rows({ start: 0, end: 5, viewId: 0 })).rows, [], 'a stale view id gets no rows');
    assert.strictEqual(await b.handlers.viewIndexOf({ row: 50 }), 10);
    assert.strictEqual(await b.handlers.viewIndexOf({ row: 51 }), 11);
    assert.strictEqual(await b.handlers.viewIndexOf({ row: 52 }), -1, 'hidden by the filter');
    assert.strictEqual(await b.handlers.rowOfLine({ line: 52 }), 50);
  });

  it('sends only the start of a very large message to the detail pane', async () => {
    const b = new TraceViewerBackend(await TraceIndex.open(file));
    await b.index.whenComplete();
    const big = await b.handlers.event({ row: 15 });
    assert.ok(big.truncated);
    assert.strictEqual(big.value, undefined);
    assert.strictEqual(big.text.length, MAX_DETAIL_BYTES + 1);
    const small = await b.handlers.event({ row: 13 });
    assert.deepStrictEqual((small.value as { msg: { result: unknown } }).msg.result, { text: 'r6' });
  });

  it('recomputes a filtered view after the file grew, under a new view id', async () => {
    const copy = path.join(dir, 'grow.mcptrace');
    writeFileSync(copy, line(header) + line({ type: 'stderr', t: 1, text: 'one' }));
    const b = new TraceViewerBackend(await TraceIndex.open(copy));
    await b.handlers.setFilter({ filter: { kinds: ['stderr'] } });
    assert.strictEqual(b.length, 1);
    appendFileSync(copy, line({ type: 'stderr', t: 2, text: 'two' }));
    assert.ok(await b.index.refresh());
    await b.refilter();
    assert.strictEqual(b.viewId, 2);
    assert.strictEqual(b.length, 2);
    const p = b.progressEvent();
    assert.ok(p.type === 'progress' && p.length === 2 && p.viewId === 2);
  });
});
