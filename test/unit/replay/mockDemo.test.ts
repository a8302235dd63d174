// Integration (plain node, real processes): the mock server replays a recorded demo session to the core client
// faithfully, over stdio and over Streamable HTTP (through the gateway), and names the closest recorded request
// when a request matches nothing.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProtocolError } from '@modelcontextprotocol/client';
import { Session } from '../../../src/core/client';
import type { ConnectTarget } from '../../../src/core/client/types';
import type { ProtocolChoice } from '../../../src/core/client/protocolChoice';
import { formatText, MOCK_NO_MATCH, MOCK_UNKNOWN_METHOD, readRecordedSession, TraceMock, verifyTrace } from '../../../src/core/replay';
import { demoExchanges, recordDemo, REPO } from './demoRecording';
import { withMockHttp } from './mockHttp';

const CLI_ARGS = ['--import', 'tsx', path.join(REPO, 'src', 'cli', 'main.ts')];
const samplingCalls: Array<{ systemPrompt?: string; maxTokens: number }> = [];
const sampler = async (params: { systemPrompt?: string; maxTokens: number }) => {
  samplingCalls.push(params);
  return { role: 'assistant' as const, model: 'other-model', content: { type: 'text' as const, text: 'not what was recorded' } };
};

async function withSession<T>(target: ConnectTarget, run: (s: Session) => Promise<T>, protocol: ProtocolChoice = 'auto'): Promise<T> {
  const s = new Session();
  await s.connect(target, { sampling: sampler, connectTimeoutMs: 30_000, protocol });
  try {
    return await run(s);
  } finally {
    await s.close();
  }
}

describe('mock server (answers from a recorded demo session)', function () {
  this.timeout(90_000);
  let dir: string;
  let trace: string;
  let recorded: Record<string, unknown>;
  /** The same session recorded in each era. */
  const byEra: Record<string, { trace: string; recorded: Record<string, unknown> }> = {};

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-mock-'));
    for (const era of ['2025-11-25', '2026-07-28'] as const) {
      const file = path.join(dir, `demo-${era}.mcptrace`);
      byEra[era] = { trace: file, recorded: await recordDemo(file, undefined, era) };
    }
    ({ trace, recorded } = byEra['2025-11-25']);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers each recorded request with its recorded answer, in order for repeats', async () => {
    const mock = new TraceMock(await readRecordedSession(trace));
    const r1 = mock.answer('tools/call', { name: 'echo', arguments: { text: 'hello', repeat: 2 } });
    assert.ok('response' in r1);
    assert.deepStrictEqual(r1.response.result, recorded.echo, 'recorded in 2025: the answer as it was on the wire');
    const keys = mock.answer('tools/call', { arguments: { repeat: 2, text: 'hello' }, name: 'echo', _meta: { progressToken: 1 } });
    assert.ok('response' in keys);
    assert.deepStrictEqual(keys.response.result, recorded.echo, 'key order and _meta do not matter');
    const loose = new TraceMock(await readRecordedSession(trace), { ignore: ['params.arguments.text'] });
    const other = loose.answer('tools/call', { name: 'echo', arguments: { text: 'anything', repeat: 2 } });
    assert.ok('response' in other, 'an ignored param may differ');
    assert.ok('error' in mock.answer('tools/call', { name: 'echo', arguments: { text: 'anything', repeat: 2 } }), 'exact by default');
  });

  /** What a user sees, whatever the era: each result without the 2026 envelope (`_meta`, cache hints). */
  const userView = (x: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([key]) => !['_meta', 'ttlMs', 'cacheScope'].includes(key))) : v]));

  for (const recordedIn of ['2025-11-25', '2026-07-28'] as const) {
    for (const protocol of ['2025-11-25', '2026-07-28'] as const) {
      it(`replays a ${recordedIn} recording to a ${protocol} client over stdio: same catalogue, results, progress, prompt, and the sampling question asked again`, async () => {
        samplingCalls.length = 0;
        const { trace: file, recorded: before } = byEra[recordedIn];
        const seen = await withSession({ kind: 'stdio', command: process.execPath, args: [...CLI_ARGS, 'mock', file], cwd: REPO }, (s) => demoExchanges(s), protocol);
        // The recorded sampling question reached this client's handler (a server request in 2025, an input_required
        // round in 2026); the tool answer is still the recorded one.
        assert.strictEqual(samplingCalls.length, 1);
        assert.strictEqual(samplingCalls[0].systemPrompt, 'You are a concise assistant.');
        assert.strictEqual(samplingCalls[0].maxTokens, 100);
        // The SDK client may drop a progress notification that lands next to its response, so the recording holds a
        // timing-dependent subset; the mock replays every recorded notification and so delivers all three.
        const { progress, ...rest } = seen;
        const { progress: _recordedProgress, ...recordedRest } = before;
        assert.deepStrictEqual(userView(rest), userView(recordedRest));
        assert.deepStrictEqual(progress, [1, 2, 3]);
      });
    }
  }

  it('replays over Streamable HTTP through the gateway', async () => {
    await withMockHttp(CLI_ARGS, trace, async (url) => {
      const seen = await withSession({ kind: 'http', url, transport: 'streamable-http' }, async (s) => ({ tools: await s.listTools(), weather: await s.callTool('get_weather', { city: 'Lisbon' }) }));
      assert.deepStrictEqual(userView(seen), userView({ tools: recorded.tools, weather: recorded.weather }));
      // And verify, replaying over Streamable HTTP in either era, finds every recorded answer in the mock.
      for (const protocol of ['2025-11-25', '2026-07-28'] as const) {
        const report = await verifyTrace(trace, { target: { kind: 'http', url, transport: 'streamable-http' }, protocol });
        assert.ok(report.ok, `${protocol}: ${formatText([report])}`);
        assert.deepStrictEqual([report.protocolVersion, report.counts.checks], [protocol, 10]);
      }
    }, REPO);
  });

  it('answers an unmatched request with a JSON-RPC error naming the closest recorded request', async () => {
    await withSession({ kind: 'stdio', command: process.execPath, args: [...CLI_ARGS, 'mock', trace], cwd: REPO }, async (s) => {
      await assert.rejects(s.callTool('echo', { text: 'hellp', repeat: 2 }), (e: ProtocolError) => {
        assert.strictEqual(e.code, MOCK_NO_MATCH);
        assert.match(e.message, /closest recorded request is tools\/call echo \{"name":"echo","arguments":\{"text":"hello","repeat":2\}\} \(line \d+\), which differs at params\.arguments\.text: "hello" -> "hellp"/);
        return true;
      });
      await assert.rejects(s.listPrompts(), (e: ProtocolError) => {
        assert.strictEqual(e.code, MOCK_UNKNOWN_METHOD);
        assert.match(e.message, /no prompts\/list request; the closest recorded request is prompts\/get/);
        return true;
      });
    });
  });

  it('refuses a missing trace in one sentence', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [...CLI_ARGS, 'mock', path.join(dir, 'missing.mcptrace')], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /Cannot read .*missing\.mcptrace: no such file\./);
  });
});
