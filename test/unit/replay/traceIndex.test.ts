// The trace index: byte offsets per line so windows are read from disk, pairing and latency, filters, text
// search across chunk boundaries, and torn or corrupt lines kept as rows with their line numbers.
import * as assert from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TraceIndex } from '../../../src/core/replay';

const header = { type: 'header', format: 'mcptrace', version: 1, createdAt: '2026-01-01T00:00:00.000Z', target: { transport: 'stdio', command: 'node', args: ['s.js'] }, tool: { name: 't', version: '1' } };
const line = (v: unknown) => JSON.stringify(v) + '\n';
const send = (t: number, msg: object) => line({ type: 'message', t, dir: 'send', msg: { jsonrpc: '2.0', ...msg } });
const recv = (t: number, msg: object) => line({ type: 'message', t, dir: 'recv', msg: { jsonrpc: '2.0', ...msg } });

describe('trace index', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-index-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  }

  it('indexes rows with kinds, pairing, latency, errors and a summary', async () => {
    const f = file(
      'small.mcptrace',
      line(header) +
        send(1, { id: 1, method: 'initialize', params: {} }) +
        recv(5, { id: 1, result: { protocolVersion: '2025-11-25', serverInfo: { name: 'srv', version: '2.0' } } }) +
        line({ type: 'stderr', t: 6, text: 'ready' }) +
        send(10, { id: 2, method: 'tools/call', params: { name: 'echo' } }) +
        recv(11, { method: 'notifications/message', params: { level: 'info', data: 'calling echo' } }) +
        recv(40, { id: 2, result: { content: [], isError: true } }) +
        send(41, { id: 3, method: 'tools/call', params: { name: 'nope' } }) +
        recv(42, { id: 3, error: { code: -32602, message: 'Unknown tool' } }),
    );
    const idx = await TraceIndex.open(f);
    await idx.whenComplete();
    assert.strictEqual(idx.rowCount, 8);
    assert.strictEqual(idx.header?.target.command, 'node');
    const rows = await idx.rows(0, 8);
    assert.deepStrictEqual(rows.map((r) => `${r.line}:${r.kind}:${r.dir}:${r.method ?? ''}`), [
      '2:request:send:initialize',
      '3:response:recv:initialize',
      '4:stderr:none:',
      '5:request:send:tools/call',
      '6:notification:recv:notifications/message',
      '7:response:recv:tools/call',
      '8:request:send:tools/call',
      '9:error:recv:tools/call',
    ]);
    assert.strictEqual(rows[3].pairRow, 5);
    assert.strictEqual(rows[5].pairRow, 3);
    assert.strictEqual(rows[5].latencyMs, 30);
    assert.ok(rows[5].isError && rows[3].isError, 'a tool result with isError marks the pair');
    assert.ok(rows[7].isError);
    assert.strictEqual(rows[7].preview, '-32602 Unknown tool');
    const s = idx.summary();
    assert.deepStrictEqual(s.server, { name: 'srv', version: '2.0' });
    assert.strictEqual(s.protocolVersion, '2025-11-25');
    assert.strictEqual(s.requests, 3);
    assert.strictEqual(s.errors, 2);
    assert.strictEqual(s.stderrLines, 1);
    assert.deepStrictEqual(s.slowest[0], { row: 3, method: 'tools/call', latencyMs: 30 });
    assert.deepStrictEqual(s.methods.find((m) => m.method === 'tools/call'), { method: 'tools/call', count: 2, errors: 2, totalMs: 31, maxMs: 30 });
  });

  it('filters by method, direction, errors and text; responses carry their request method', async () => {
    const f = file(
      'filter.mcptrace',
      line(header) +
        send(1, { id: 1, method: 'tools/list' }) +
        recv(2, { id: 1, result: { tools: [{ name: 'Needle' }] } }) +
        send(3, { id: 2, method: 'tools/call', params: { name: 'x' } }) +
        recv(4, { id: 2, error: { code: 1, message: 'bad' } }) +
        line({ type: 'stderr', t: 5, text: 'a needle in stderr' }),
    );
    const idx = await TraceIndex.open(f);
    assert.deepStrictEqual([...(await idx.filter({ methods: ['tools/list'] }))], [0, 1]);
    assert.deepStrictEqual([...(await idx.filter({ dir: 'send' }))], [0, 2]);
    assert.deepStrictEqual([...(await idx.filter({ errorsOnly: true }))], [2, 3]);
    assert.deepStrictEqual([...(await idx.filter({ text: 'NEEDLE' }))], [1, 4], 'case-insensitive');
    assert.deepStrictEqual([...(await idx.filter({ text: 'needle', dir: 'recv' }))], [1]);
    assert.deepStrictEqual([...(await idx.filter({ kinds: ['stderr'] }))], [4]);
    const picked = await idx.rowsAt([1, 3, 4]);
    assert.deepStrictEqual(picked.map((r) => r.row), [1, 3, 4]);
  });

  it('keeps torn and corrupt lines as problem rows with line numbers; the rest stays usable', async () => {
    const f = file('broken.mcptrace', line(header) + send(1, { id: 1, method: 'ping' }) + '{"type":"message", oops\n' + recv(2, { id: 1, result: {} }) + '{"type":"message","t":3,"dir":"se');
    const idx = await TraceIndex.open(f);
    await idx.whenComplete();
    const rows = await idx.rows(0, idx.rowCount);
    assert.deepStrictEqual(rows.map((r) => `${r.line}:${r.kind}`), ['2:request', '3:problem', '4:response', '5:problem']);
    assert.match(rows[1].problem!, /^line 3 is not valid JSON/);
    assert.match(rows[3].problem!, /^line 5 is cut off/);
    assert.strictEqual(rows[2].pairRow, 0, 'pairing survives a corrupt line in between');
    assert.strictEqual(idx.summary().problems, 2);
    const ev = await idx.event(1);
    assert.strictEqual(ev.value, undefined);
    assert.strictEqual(ev.text, '{"type":"message", oops');
  });

  it('says when line 1 is not a header, and still indexes the events', async () => {
    const f = file('noheader.mcptrace', send(1, { id: 1, method: 'ping' }) + '[1,2]\n');
    const idx = await TraceIndex.open(f);
    await idx.whenComplete();
    assert.ok(idx.summary().missingHeader);
    const rows = await idx.rows(0, idx.rowCount);
    assert.deepStrictEqual(rows.map((r) => r.kind), ['request', 'problem']);
    assert.match(rows[1].problem!, /^line 2 is not a trace event/);
  });

  it('indexes a multi-chunk file with lines across chunk edges and long lines, reading windows by offset', async () => {
    const parts = [line(header)];
    const n = 30_000;
    for (let i = 0; i < n; i++) {
      const big = i % 5000 === 8 ? 'x'.repeat(600_000) : `é${i}`;
      parts.push(i % 2 === 0 ? send(i, { id: i, method: 'tools/call', params: { name: 'echo', arguments: { text: big } } }) : recv(i, { id: i - 1, result: { content: [{ type: 'text', text: `r${i}` }] } }));
    }
    const f = file('big.mcptrace', parts.join(''));
    const idx = await TraceIndex.open(f);
    const early = idx.rowCount;
    await idx.whenComplete();
    assert.ok(early > 0 && early <= n, `first rows are available before the pass ends (${early})`);
    assert.strictEqual(idx.rowCount, n);
    const win = await idx.rows(20_000, 20_004);
    assert.deepStrictEqual(win.map((r) => r.line), [20_002, 20_003, 20_004, 20_005]);
    assert.strictEqual(win[1].pairRow, 20_000);
    assert.match(win[0].preview, /é20000/);
    const longRow = await idx.event(5008);
    assert.strictEqual(((longRow.value as { msg: { params: { arguments: { text: string } } } }).msg.params.arguments.text).length, 600_000);
    assert.deepStrictEqual([...(await idx.filter({ text: 'r29999' }))], [29_999]);
    assert.strictEqual(idx.rowOfLine(20_003), 20_001);
  });

  it('follows a trace that is still being written: completes a torn line, pairs across passes, refuses a rewrite', async () => {
    const f = path.join(dir, 'growing.mcptrace');
    const response = recv(9, { id: 1, result: { ok: true } });
    writeFileSync(f, line(header) + send(1, { id: 1, method: 'tools/call', params: { name: 'slow' } }) + response.slice(0, 20));
    const idx = await TraceIndex.open(f);
    await idx.whenComplete();
    assert.deepStrictEqual((await idx.rows(0, idx.rowCount)).map((r) => `${r.line}:${r.kind}`), ['2:request', '3:problem']);
    assert.strictEqual(await idx.refresh(), false, 'nothing new yet');
    appendFileSync(f, response.slice(20) + line({ type: 'stderr', t: 10, text: 'done' }));
    assert.strictEqual(await idx.refresh(), true);
    const rows = await idx.rows(0, idx.rowCount);
    assert.deepStrictEqual(rows.map((r) => `${r.line}:${r.kind}`), ['2:request', '3:response', '4:stderr']);
    assert.strictEqual(rows[1].pairRow, 0);
    assert.strictEqual(rows[1].latencyMs, 8);
    assert.strictEqual(idx.summary().problems, 0);
    writeFileSync(f, line(header));
    await assert.rejects(idx.refresh(), /was rewritten/);
  });

  it('summarizes the era from the header: a 2026 trace names its server from the discover result; an old trace is 2025-era', async () => {
    const discover = { _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'modern', version: '3.0' } }, supportedVersions: ['2026-07-28'], capabilities: {} };
    const modern = await TraceIndex.open(file('modern.mcptrace', line({ ...header, era: '2026', protocolVersion: '2026-07-28', discover }) + send(1, { id: 'a', method: 'tools/list' })));
    await modern.whenComplete();
    const s = modern.summary();
    assert.deepStrictEqual([s.era, s.protocolVersion, s.server], ['2026', '2026-07-28', { name: 'modern', version: '3.0' }]);
    const old = await TraceIndex.open(file('old.mcptrace', line(header) + send(1, { id: 1, method: 'tools/list' })));
    await old.whenComplete();
    assert.strictEqual(old.summary().era, '2025');
  });

  it('says clearly when the file does not exist', async () => {
    await assert.rejects(TraceIndex.open(path.join(dir, 'none.mcptrace')), /Cannot open .*none\.mcptrace: no such file\./);
  });
});
