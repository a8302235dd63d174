// The one pairing model: exact ids (1 and "1" are different requests), per direction, multi-round-trip chains,
// server questions linked to their call; and the inspector's rows and the trace viewer's rows agree on the same traffic.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceIndex } from '../../../src/core/replay/traceIndex';
import { PairingModel, type Pairing } from '../../../src/core/traffic/pairing';
import type { TraceEvent } from '../../../src/core/traffic/traceEvents';
import { TrafficRowBuilder } from '../../../src/shared/trafficRows';
import { trafficPredicate } from '../../../src/webview/inspector/trafficFilter';

type Dir = 'send' | 'recv';
const msg = (t: number, dir: Dir, m: object): TraceEvent => ({ type: 'message', t, dir, msg: { jsonrpc: '2.0', ...m } }) as TraceEvent;

function pairAll(events: TraceEvent[]): Pairing[] {
  const model = new PairingModel();
  return events.map((e, i) => model.add(i, e));
}

/** A 2026 multi-round call: confirm asked in round 1, answered by the retry; plus a 2025-style server question. */
const MIXED: TraceEvent[] = [
  msg(0, 'send', { id: 1, method: 'tools/list' }),
  msg(1, 'send', { id: '1', method: 'prompts/list' }),
  msg(2, 'recv', { id: '1', result: { prompts: [] } }),
  msg(3, 'recv', { id: 1, result: { tools: [] } }),
  // round 1 of delete_file
  msg(4, 'send', { id: 2, method: 'tools/call', params: { name: 'delete_file', arguments: { path: 'a' }, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } }),
  msg(
    9,
    'recv',
    { id: 2, result: { resultType: 'input_required', inputRequests: { confirm: { method: 'elicitation/create', params: { message: 'Delete a?', requestedSchema: { type: 'object', properties: {} } } } }, requestState: 's1' } },
  ),
  // round 2: same call, new id, with the answer and the echoed state
  msg(20, 'send', { id: 3, method: 'tools/call', params: { arguments: { path: 'a' }, name: 'delete_file', inputResponses: { confirm: { action: 'accept', content: {} } }, requestState: 's1' } }),
  msg(
    25,
    'recv',
    { id: 3, result: { resultType: 'input_required', inputRequests: { sure: { method: 'elicitation/create', params: { message: 'Really?', requestedSchema: { type: 'object', properties: {} } } } }, requestState: 's2' } },
  ),
  msg(40, 'send', { id: 4, method: 'tools/call', params: { name: 'delete_file', arguments: { path: 'a' }, inputResponses: { sure: { action: 'accept' } }, requestState: 's2' } }),
  msg(42, 'recv', { id: 4, result: { content: [{ type: 'text', text: 'deleted' }] } }),
  // 2025: the server asks during a call, with an id equal to one of ours
  msg(50, 'send', { id: 5, method: 'tools/call', params: { name: 'summarize' } }),
  msg(51, 'recv', { id: 5, method: 'sampling/createMessage', params: { maxTokens: 5 } }),
  msg(55, 'send', { id: 5, result: { role: 'assistant', content: { type: 'text', text: 'ok' } } }),
  msg(60, 'recv', { id: 5, result: { content: [] } }),
  { type: 'stderr', t: 61, text: 'bye' },
  { type: 'transport', t: 62, event: 'error', detail: 'pipe' },
];

describe('pairing model', () => {
  it('pairs by exact id type and value: 1 and "1" are different requests', () => {
    const p = pairAll(MIXED);
    assert.deepEqual([p[2].pair, p[2].method], [1, 'prompts/list']);
    assert.deepEqual([p[3].pair, p[3].method], [0, 'tools/list']);
    assert.equal(p[3].latencyMs, 3);
  });

  it('keeps the directions apart: a server request may reuse the id of an open client request', () => {
    const p = pairAll(MIXED);
    assert.deepEqual([p[11].kind, p[11].dir, p[11].method], ['request', 'recv', 'sampling/createMessage']);
    assert.deepEqual([p[12].pair, p[12].method, p[12].latencyMs], [11, 'sampling/createMessage', 4]);
    assert.deepEqual([p[13].pair, p[13].method, p[13].latencyMs], [10, 'tools/call', 10]);
  });

  it('links the rounds of a multi-round-trip call and sums their latency on the final response', () => {
    const p = pairAll(MIXED);
    assert.equal(p[4].call, undefined, 'the first round is the call itself');
    assert.deepEqual([p[5].inputRequired, p[5].call, p[5].round], [true, 4, 1]);
    assert.deepEqual([p[6].call, p[6].round], [4, 2], 'the retry repeats the params (in another key order) with inputResponses and requestState');
    assert.deepEqual([p[8].call, p[8].round], [4, 3]);
    assert.deepEqual([p[9].call, p[9].round, p[9].callRounds, p[9].callLatencyMs], [4, 3, 3, 5 + 5 + 2]);
  });

  it('links a server-initiated request and its answer to the client call that was open', () => {
    const p = pairAll(MIXED);
    assert.equal(p[11].call, 10);
    assert.equal(p[12].call, 10);
    assert.equal(p[13].call, undefined, 'a single-round call carries no group');
  });

  it('does not take a fresh call with the same params for a retry', () => {
    const p = pairAll([
      msg(0, 'send', { id: 1, method: 'tools/call', params: { name: 'x' } }),
      msg(1, 'recv', { id: 1, result: { resultType: 'input_required', requestState: 'a' } }),
      msg(2, 'send', { id: 2, method: 'tools/call', params: { name: 'x' } }),
      msg(3, 'recv', { id: 2, result: { content: [] } }),
    ]);
    assert.equal(p[2].call, undefined);
  });

  it('classifies every event kind and flags errors', () => {
    const p = pairAll(MIXED);
    assert.deepEqual([p[14].kind, p[15].kind, p[15].isError], ['stderr', 'transport', true]);
    const e = pairAll([msg(0, 'send', { id: 'a', method: 'x' }), msg(1, 'recv', { id: 'a', error: { code: -1, message: 'no' } }), msg(2, 'recv', { method: 'notifications/progress' })]);
    assert.deepEqual(
      e.map((x) => [x.kind, x.isError]),
      [
        ['request', false],
        ['error', true],
        ['notification', false],
      ],
    );
  });
});

describe("the inspector's rows and the trace viewer's rows", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'mcpwb-pairing-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The events as a trace file, fully indexed. */
  async function indexOf(events: TraceEvent[]): Promise<TraceIndex> {
    const file = join(dir, `t${Math.random().toString(36).slice(2)}.mcptrace`);
    const header = { type: 'header', format: 'mcptrace', version: 1, createdAt: new Date(0).toISOString(), target: { transport: 'stdio', command: 'x' }, tool: { name: 't', version: '1' } };
    writeFileSync(file, [header, ...events].map((x) => JSON.stringify(x)).join('\n') + '\n');
    const index = await TraceIndex.open(file);
    await index.whenComplete();
    return index;
  }

  it('agree on the same traffic: kind, direction, method, id, pair, latency, call, round, preview', async () => {
    const index = await indexOf(MIXED);
    const viewer = await index.rows(0, index.rowCount);
    const builder = new TrafficRowBuilder();
    const inspector = MIXED.map((e) => builder.add(e));
    const common = (r: { kind: string; dir: string; method?: string; rpcId?: string; latencyMs?: number; round?: number; isError: boolean; preview: string }, pair?: number, call?: number) => ({
      kind: r.kind,
      dir: r.dir,
      method: r.kind === 'http' ? undefined : r.method,
      rpcId: r.rpcId,
      // The trace viewer also gives a request its response; the inspector's webview does that itself.
      pair: r.kind === 'request' ? undefined : pair,
      latencyMs: r.kind === 'request' ? undefined : r.latencyMs,
      call,
      round: r.round,
      isError: r.isError,
      preview: r.preview,
    });
    assert.deepEqual(
      inspector.map((r) => common(r, r.pairSeq, r.callSeq)),
      viewer.map((r) => common(r, r.pairRow, r.callRow)),
    );
    assert.deepEqual([viewer[4].callRounds, viewer[4].callLatencyMs], [3, 12], 'the trace viewer groups the rounds under the first');
    assert.deepEqual([inspector[9].callRounds, inspector[9].callLatencyMs], [3, 12]);
  });

  it('the trace viewer groups a multi-round call and a call with questions under their first rows, expandable', async () => {
    const index = await indexOf(MIXED);
    assert.strictEqual(index.summary().groupedCalls, 2);
    const collapsed = [...(await index.filter({ collapseCalls: true }))];
    // Folded, a multi-round call reads like any call: its first request (with the summed latency) and its final answer.
    assert.deepEqual(collapsed, [0, 1, 2, 3, 4, 9, 10, 13, 14, 15], 'rounds 1-2 answers and round 2-3 requests, and the question during row 10, are folded');
    const [first] = await index.rowsAt([4]);
    assert.deepEqual([first.callMembers, first.callRounds, first.callLatencyMs], [4, 3, 12]);
    const open = [...(await index.filter({ collapseCalls: true, expandedCalls: [10] }))];
    assert.deepEqual(open, [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15]);
  });

  it("the inspector's Traffic folds the middle rounds of a multi-round call, and shows them when expanded", () => {
    const builder = new TrafficRowBuilder();
    const rows = MIXED.map((e) => builder.add(e));
    const base = { dir: 'all', kind: 'all', method: '', search: '' } as const;
    const shown = (expanded: number[]) => rows.filter(trafficPredicate({ ...base, group: true, expanded: new Set(expanded) })!).map((r) => r.seq);
    assert.deepEqual(shown([]), [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15], 'the first request and the final answer stay; server questions are real requests and stay');
    assert.deepEqual(shown([4]), rows.map((r) => r.seq));
    assert.strictEqual(trafficPredicate({ ...base, group: false, expanded: new Set() }), undefined);
  });
});
