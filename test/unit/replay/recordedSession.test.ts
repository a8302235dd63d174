// The replay view of a recording: connections split at each initialize, logical calls (a multi-round-trip call is
// one call), questions from either era with the client's answers, list pages folded into their first call.
import * as assert from 'node:assert';
import { analyzeEvents } from '../../../src/core/replay';
import type { TraceEvent } from '../../../src/core/traffic';

function events(list: Array<['send' | 'recv', object]>): Array<{ event: TraceEvent; line: number }> {
  return list.map(([dir, msg], i) => ({ event: { type: 'message', t: i, dir, msg: { jsonrpc: '2.0', ...msg } } as TraceEvent, line: i + 2 }));
}

const ELICIT = { message: 'Delete a?', requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } } } };

describe('recorded session', () => {
  it('2025: splits connections at initialize; a cancelled call has no answer; a server question belongs to its call', () => {
    const s = analyzeEvents(
      events([
        ['send', { id: 1, method: 'initialize', params: {} }],
        ['recv', { id: 1, result: { protocolVersion: '2025-11-25', serverInfo: { name: 's', version: '1' }, capabilities: {} } }],
        ['send', { method: 'notifications/initialized' }],
        ['send', { id: 2, method: 'tools/call', params: { name: 'slow' } }],
        ['send', { method: 'notifications/cancelled', params: { requestId: 2 } }],
        ['send', { id: 3, method: 'tools/call', params: { name: 'delete', _meta: { progressToken: 9 } } }],
        ['recv', { id: 3, method: 'elicitation/create', params: ELICIT }],
        ['send', { id: 3, result: { action: 'accept', content: { confirm: true } } }],
        ['recv', { id: 3, result: { content: [{ type: 'text', text: 'deleted' }] } }],
        ['send', { id: 1, method: 'initialize', params: {} }],
        ['recv', { id: 1, result: { protocolVersion: '2025-11-25' } }],
        ['send', { id: 2, method: 'ping' }],
        ['recv', { id: 2, result: {} }],
      ]),
    );
    assert.strictEqual(s.era, '2025', 'a trace without an era in its header is 2025-era');
    assert.strictEqual(s.connections.length, 2);
    const [c1, c2] = s.connections;
    assert.deepStrictEqual(
      c1.calls.map((c) => [c.method, c.response ? 'answered' : 'unanswered', c.questions.length]),
      [
        ['tools/call', 'unanswered', 0],
        ['tools/call', 'answered', 1],
      ],
    );
    assert.deepStrictEqual(c1.calls[1].params, { name: 'delete' }, 'params without _meta');
    assert.deepStrictEqual(c1.calls[1].questions[0], { kind: 'elicitation', method: 'elicitation/create', params: ELICIT, via: 'request', line: 8, answer: { action: 'accept', content: { confirm: true } } });
    assert.strictEqual((c1.initialize?.serverInfo as { name: string }).name, 's');
    assert.deepStrictEqual(c2.calls.map((c) => c.line), [13]);
  });

  it('2026: the rounds of a multi-round-trip call are one call, with its questions and the answers from the retry', () => {
    const s = analyzeEvents(
      events([
        ['send', { id: 1, method: 'server/discover' }],
        ['recv', { id: 1, result: { supportedVersions: ['2026-07-28'], capabilities: { tools: {} } } }],
        ['send', { id: 2, method: 'tools/call', params: { name: 'delete', arguments: { path: 'a' } } }],
        ['recv', { id: 2, result: { resultType: 'input_required', inputRequests: { confirm: { method: 'elicitation/create', params: ELICIT } }, requestState: 'x1' } }],
        ['send', { id: 3, method: 'tools/call', params: { name: 'delete', arguments: { path: 'a' }, inputResponses: { confirm: { action: 'accept', content: { confirm: true } } }, requestState: 'x1' } }],
        ['recv', { id: 3, result: { resultType: 'complete', content: [{ type: 'text', text: 'deleted' }] } }],
      ]),
      { type: 'header', format: 'mcptrace', version: 1, createdAt: '', target: { transport: 'stdio' }, tool: { name: 't', version: '1' }, era: '2026', protocolVersion: '2026-07-28' },
    );
    assert.deepStrictEqual([s.era, s.protocolVersion], ['2026', '2026-07-28']);
    const [call] = s.connections[0].calls;
    assert.strictEqual(s.connections[0].calls.length, 1);
    assert.deepStrictEqual([call.rounds, call.line, call.response?.line], [2, 4, 7]);
    assert.deepStrictEqual(call.questions, [{ kind: 'elicitation', method: 'elicitation/create', params: ELICIT, via: 'input_required', line: 5, key: 'confirm', answer: { action: 'accept', content: { confirm: true } } }]);
    assert.ok(s.connections[0].discover);
  });

  it('folds the later pages of a list into its first call', () => {
    const s = analyzeEvents(
      events([
        ['send', { id: 1, method: 'tools/list' }],
        ['recv', { id: 1, result: { tools: [{ name: 'a' }], nextCursor: 'p2' } }],
        ['send', { id: 2, method: 'tools/list', params: { cursor: 'p2' } }],
        ['recv', { id: 2, result: { tools: [{ name: 'b' }] } }],
      ]),
    );
    const calls = s.connections[0].calls;
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(calls[0].pages.length, 1);
  });
});
