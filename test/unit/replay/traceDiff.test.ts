// Diff of two recorded sessions: catalogue changes (added, removed, changed tools), changed answers, server
// identity, and requests only one side made.
import * as assert from 'node:assert';
import { analyzeEvents, diffSessions, formatTraceDiff, type RecordedSession } from '../../../src/core/replay';
import type { TraceEvent } from '../../../src/core/traffic';

function session(exchanges: Array<[string, object | undefined, object]>, version = '1.0'): RecordedSession {
  const events: Array<{ event: TraceEvent; line: number }> = [];
  let t = 0;
  const push = (dir: 'send' | 'recv', msg: object) => events.push({ event: { type: 'message', t: t++, dir, msg: { jsonrpc: '2.0', ...msg } } as TraceEvent, line: events.length + 2 });
  push('send', { id: 0, method: 'initialize', params: {} });
  push('recv', { id: 0, result: { protocolVersion: '2025-11-25', serverInfo: { name: 's', version }, capabilities: { tools: {} } } });
  exchanges.forEach(([method, params, result], i) => {
    push('send', { id: i + 1, method, params });
    push('recv', { id: i + 1, result });
  });
  return analyzeEvents(events);
}

const tools = (...list: object[]) => ['tools/list', undefined, { tools: list }] as [string, undefined, object];
const call = (name: string, args: object, text: string) => ['tools/call', { name, arguments: args }, { content: [{ type: 'text', text }] }] as [string, object, object];

describe('trace diff', () => {
  it('finds nothing between a session and itself', () => {
    const a = session([tools({ name: 'echo', inputSchema: { type: 'object' } }), call('echo', { t: 1 }, 'x')]);
    const d = diffSessions(a, a);
    assert.ok(d.identical);
    assert.strictEqual(d.comparedResponses, 1, "list answers are compared as a catalogue, not as answers");
    assert.match(formatTraceDiff(d, 'a', 'b'), /No changes/);
  });

  it('reports tools added, removed and changed, with the changed paths', () => {
    const a = session([tools({ name: 'echo', description: 'old', inputSchema: { type: 'object' } }, { name: 'gone', inputSchema: {} })]);
    const b = session([tools({ inputSchema: { type: 'object' }, name: 'echo', description: 'new' }, { name: 'fresh', inputSchema: {} })]);
    const d = diffSessions(a, b);
    assert.deepStrictEqual(
      d.catalogue.map((c) => `${c.change} ${c.name} ${(c.differences ?? []).map((x) => x.path).join(',')}`.trim()),
      ['changed echo description', 'removed gone', 'added fresh'],
    );
    const text = formatTraceDiff(d, 'a', 'b');
    assert.match(text, /~ tool echo changed\n\s+description: "old" -> "new"/);
    assert.match(text, /- tool gone removed/);
    assert.match(text, /\+ tool fresh added/);
  });

  it('pairs answers by label and position and reports the changed ones, and requests only one side made', () => {
    const a = session([call('echo', { t: 1 }, 'one'), call('echo', { t: 2 }, 'two'), call('weather', {}, 'sun')], '1.0');
    const b = session([call('echo', { t: 1 }, 'one'), call('echo', { t: 2 }, 'TWO')], '1.1');
    const d = diffSessions(a, b);
    assert.deepStrictEqual(d.server.map((x) => x.path), ['serverInfo.version']);
    assert.deepStrictEqual(d.responses.map((r) => `${r.label} #${r.occurrence} ${r.differences.map((x) => x.path)}`), ['tools/call echo #2 result.content[0].text']);
    assert.strictEqual(d.onlyInA.length, 1);
    assert.match(d.onlyInA[0], /tools\/call weather/);
    assert.ok(!d.identical);
  });

  it('flags answers whose requests were asked differently, and honours ignore rules', () => {
    const a = session([call('echo', { t: 1 }, 'one')]);
    const b = session([call('echo', { t: 9 }, 'nine')]);
    const d = diffSessions(a, b);
    assert.deepStrictEqual(d.responses[0].requestDifferences.map((x) => x.path), ['params.arguments.t']);
    assert.ok(diffSessions(a, b, { ignore: ['result.content[*].text'] }).identical);
  });
});
