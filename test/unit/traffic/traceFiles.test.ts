// TraceWriter + TraceReader on real files: round trip, pairing, torn and corrupt lines, crash survival, streaming.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { readTrace, TraceItem, TraceReader } from '../../../src/core/traffic/traceReader';
import { TraceWriter } from '../../../src/core/traffic/traceWriter';

describe('trace files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mcpwb-trace-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeSample(file: string): void {
    const w = new TraceWriter(file, { target: { transport: 'stdio', command: 'node', args: ['s.js'] } });
    w.write({ type: 'transport', t: 0.5, event: 'open' });
    w.write({ type: 'message', t: 1, dir: 'send', msg: { jsonrpc: '2.0', id: 1, method: 'tools/list' } });
    w.write({ type: 'stderr', t: 1.5, text: 'listening' });
    w.write({ type: 'message', t: 4.25, dir: 'recv', msg: { jsonrpc: '2.0', id: 1, result: { tools: [] } } });
    w.write({ type: 'message', t: 5, dir: 'recv', msg: { jsonrpc: '2.0', id: 'a', method: 'roots/list' } });
    w.write({ type: 'message', t: 6, dir: 'send', msg: { jsonrpc: '2.0', id: 'a', result: { roots: [] } } });
    w.close();
  }

  it('writes a header line and one JSON line per event, and reads them back with line numbers', async () => {
    const file = join(dir, 'a.mcptrace');
    writeSample(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, 8); // header + 6 events + trailing empty string
    assert.equal(JSON.parse(lines[0]).format, 'mcptrace');
    const items: TraceItem[] = [];
    const reader = new TraceReader(file);
    for await (const item of reader) items.push(item);
    assert.equal(items[0].kind, 'header');
    assert.equal(reader.header?.target.command, 'node');
    const events = items.filter((i) => i.kind === 'event');
    assert.deepEqual(events.map((e) => e.line), [2, 3, 4, 5, 6, 7]);
    assert.equal(reader.problems.length, 0);
  });

  it('pairs responses with requests in both directions, with durations', async () => {
    const file = join(dir, 'b.mcptrace');
    writeSample(file);
    const items: TraceItem[] = [];
    for await (const item of new TraceReader(file)) items.push(item);
    const resp = items.find((i) => i.kind === 'event' && i.line === 5);
    assert.ok(resp && resp.kind === 'event');
    assert.deepEqual(resp.pair, { requestLine: 3, method: 'tools/list', durationMs: 3.25 });
    const rootsResp = items.find((i) => i.kind === 'event' && i.line === 7);
    assert.ok(rootsResp && rootsResp.kind === 'event');
    assert.equal(rootsResp.pair?.method, 'roots/list');
    assert.equal(rootsResp.pair?.requestLine, 6);
  });

  it('reports a torn last line and a corrupt middle line with their line numbers, and carries on', async () => {
    const file = join(dir, 'c.mcptrace');
    writeSample(file);
    const text = readFileSync(file, 'utf8').split('\n');
    text.splice(3, 0, '{"type":"message","t":1.2,"dir":"se'); // corrupt line 4
    writeFileSync(file, text.join('\n'));
    appendFileSync(file, '{"type":"stderr","t":9,"te'); // torn, no newline
    const { events, problems, header } = await readTrace(file);
    assert.ok(header);
    assert.equal(events.length, 6);
    assert.deepEqual(
      problems.map((p) => [p.kind, p.line]),
      [
        ['corrupt', 4],
        ['torn', 9],
      ],
    );
    assert.match(problems[1].message, /line 9 is cut off/);
  });

  it('reports a file without a header and lines that are JSON but not events', async () => {
    const file = join(dir, 'd.mcptrace');
    writeFileSync(file, '{"type":"stderr","t":1,"text":"x"}\n[1,2]\n{"type":"bogus","t":1}\n');
    const { events, problems } = await readTrace(file);
    assert.equal(events.length, 1);
    assert.deepEqual(problems.map((p) => p.kind), ['missing-header', 'invalid', 'invalid']);
  });

  it('reads from a stream in small chunks that split lines and multi-byte characters', async () => {
    const file = join(dir, 'e.mcptrace');
    const w = new TraceWriter(file, { target: { transport: 'stdio', command: 'x' } });
    for (let i = 0; i < 50; i++) w.write({ type: 'stderr', t: i, text: `héllo ✓ ${i}` });
    w.close();
    const bytes = readFileSync(file);
    const stream = new PassThrough();
    for (let i = 0; i < bytes.length; i += 7) stream.write(bytes.subarray(i, i + 7));
    stream.end();
    const texts: string[] = [];
    for await (const item of new TraceReader(stream)) if (item.kind === 'event' && item.event.type === 'stderr') texts.push(item.event.text);
    assert.equal(texts.length, 50);
    assert.equal(texts[49], 'héllo ✓ 49');
  });

  it('keeps every line written before the process is killed', () => {
    const file = join(dir, 'crash.mcptrace');
    // A child writes 200 events and then dies by SIGKILL without closing the writer.
    const script = `
      const { TraceWriter } = require(${JSON.stringify(join(__dirname, '../../../src/core/traffic/traceWriter.ts'))});
      const w = new TraceWriter(${JSON.stringify(file)}, { target: { transport: 'stdio', command: 'x' } });
      for (let i = 0; i < 200; i++) w.write({ type: 'stderr', t: i, text: 'line ' + i });
      process.kill(process.pid, 'SIGKILL');`;
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { timeout: 20000 });
    assert.equal(r.signal, 'SIGKILL', String(r.stderr));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 201);
    assert.equal(JSON.parse(lines[200]).text, 'line 199');
  });

  it('completes the header with the era once the connect reports it, writing the held handshake events after it', () => {
    const file = join(dir, 'era.mcptrace');
    const w = new TraceWriter(file, { target: { transport: 'stdio', command: 'x', env: { KEY: 'hunter2-secret' } } });
    w.connecting();
    w.write({ type: 'message', t: 1, dir: 'send', msg: { jsonrpc: '2.0', id: 1, method: 'server/discover' } });
    w.write({ type: 'message', t: 2, dir: 'recv', msg: { jsonrpc: '2.0', id: 1, result: { supportedVersions: ['2026-07-28'], capabilities: {} } } });
    assert.equal(readFileSync(file, 'utf8'), '', 'nothing is written before the connect completes');
    w.connected({
      era: '2026',
      protocolVersion: '2026-07-28',
      discover: { supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, instructions: 'key hunter2-secret' },
      client: { info: { name: 'c', version: '1' }, capabilities: { elicitation: {} }, extensions: { 'io.modelcontextprotocol/tasks': {} } },
    });
    w.write({ type: 'stderr', t: 3, text: 'after' });
    w.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual([lines[0].era, lines[0].protocolVersion, lines[0].discover.capabilities, lines[0].client.extensions], ['2026', '2026-07-28', { tools: {} }, { 'io.modelcontextprotocol/tasks': {} }]);
    assert.match(lines[0].discover.instructions, /^key <redacted:/, 'the header is redacted like every line');
    assert.deepEqual(lines.slice(1).map((l) => l.t), [1, 2, 3]);
  });

  it('writes the header without a connection when the connect fails or nobody reports one', async () => {
    const failed = join(dir, 'failed.mcptrace');
    const w = new TraceWriter(failed, { target: { transport: 'stdio', command: 'x' } });
    w.connecting();
    w.write({ type: 'stderr', t: 1, text: 'crashed' });
    w.connectFailed();
    w.close();
    const lines = readFileSync(failed, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual([lines[0].type, lines[0].era, lines[1].text], ['header', undefined, 'crashed']);
    const { header } = await readTrace(failed);
    assert.equal(header?.era, undefined);
  });
});
