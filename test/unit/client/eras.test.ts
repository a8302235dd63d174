// The Session in both protocol eras, against real SDK v2 servers of each shape: both eras, 2026 only, 2025 only, and
// a 2025 server that exits on an unknown first request.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConnectionError, Session, type ConnectOptions, type InputRound, type ProtocolChoice } from '../../../src/core/client';
import type { TraceEvent } from '../../../src/core/traffic/traceEvents';
import { ROOT } from './helpers';

const ERAS = join(ROOT, 'test', 'fixtures', 'servers', 'eras');
const server = (file: string, env?: Record<string, string>) => ({ kind: 'stdio' as const, command: process.execPath, args: [join(ERAS, file)], env });

/** Responders that answer every question the tool set asks, so the same calls work in both eras. */
const answering: ConnectOptions = {
  elicitation: async (params) => {
    const props = Object.keys(((params as { requestedSchema?: { properties?: object } }).requestedSchema?.properties ?? {}) as object);
    const content: Record<string, unknown> = {};
    for (const p of props) content[p] = p === 'confirm' ? true : `answer-${p}`;
    return { action: 'accept', content: content as Record<string, string | number | boolean> };
  },
  sampling: async () => ({ role: 'assistant', model: 'test-model', content: { type: 'text', text: 'a short summary' } }),
  roots: [{ uri: 'file:///work/root', name: 'root' }],
};

function textOf(r: { content?: unknown[] }): string {
  return (r.content ?? []).map((c) => (c as { text?: string }).text ?? '').join('\n');
}

async function connected(file: string, options: ConnectOptions = {}): Promise<{ session: Session; traffic: TraceEvent[]; rounds: InputRound[]; notes: string[] }> {
  const session = new Session();
  const traffic: TraceEvent[] = [];
  const rounds: InputRound[] = [];
  const notes: string[] = [];
  session.on('traffic', (e) => traffic.push(e));
  session.on('inputRequired', (r) => rounds.push(r));
  session.on('diagnostic', (d) => notes.push(d.message));
  await session.connect(server(file), { ...answering, ...options });
  return { session, traffic, rounds, notes };
}

describe('Session in both protocol eras', function () {
  this.timeout(30_000);

  const cases: Array<{ file: string; protocol: ProtocolChoice; era: '2025' | '2026'; version: string }> = [
    { file: 'both.mjs', protocol: 'auto', era: '2026', version: '2026-07-28' },
    { file: 'both.mjs', protocol: '2025-11-25', era: '2025', version: '2025-11-25' },
    { file: 'modern-only.mjs', protocol: 'auto', era: '2026', version: '2026-07-28' },
    { file: 'modern-only.mjs', protocol: '2026-07-28', era: '2026', version: '2026-07-28' },
    { file: 'legacy-only.mjs', protocol: 'auto', era: '2025', version: '2025-11-25' },
  ];
  for (const c of cases) {
    it(`${c.file} with --protocol ${c.protocol}: era ${c.era}, tools, questions answered through the same responders`, async () => {
      const { session, rounds } = await connected(c.file, { protocol: c.protocol });
      try {
        assert.equal(session.info.era, c.era);
        assert.equal(session.info.protocolVersion, c.version);
        assert.ok(c.era === '2026' ? session.info.discover : session.info.initialize, 'the discover or initialize result is kept');
        await session.ping();
        const names = (await session.listTools()).map((t) => t.name);
        for (const n of ['echo', 'confirm', 'summarize', 'list-roots', 'two-questions', 'wizard']) assert.ok(names.includes(n), `${n} listed`);
        assert.equal(textOf(await session.callTool('era', {})), c.era === '2026' ? 'modern' : 'legacy');
        assert.match(textOf(await session.callTool('confirm', { action: 'deploy' })), /confirmed|deploy/i);
        assert.match(textOf(await session.callTool('summarize', { text: 'long text' })), /a short summary/);
        assert.match(textOf(await session.callTool('list-roots', {})), /file:\/\/\/work\/root/);
        assert.match(textOf(await session.callTool('two-questions', {})), /answer-/);
        assert.match(textOf(await session.callTool('wizard', {})), /answer-/);
        if (c.era === '2026') {
          // wizard asks twice: rounds 1 and 2 of one logical call; two-questions asks two things in one round.
          const wizard = rounds.filter((r) => r.callId === rounds.find((x) => Object.keys(x.requests).length === 1 && x.round === 2)?.callId);
          assert.deepEqual(wizard.map((r) => r.round), [1, 2]);
          assert.ok(rounds.some((r) => Object.keys(r.requests).length === 2), 'two input requests in one round');
        } else {
          assert.equal(rounds.length, 0, 'no input_required results in the 2025 era');
        }
      } finally {
        await session.close();
      }
    });
  }

  it('a tool that asks forever fails at the round cap with a sentence, in the 2026 era', async () => {
    const { session, rounds } = await connected('both.mjs', { maxInputRounds: 3 });
    try {
      await assert.rejects(session.callTool('endless', {}), /round/i);
      // The first answer and then three retries, each answered input_required again.
      assert.equal(rounds.at(-1)?.round, 4);
    } finally {
      await session.close();
    }
  });

  it('pinning 2025 on a 2026-only server says which version it speaks and what to do', async () => {
    const e = await new Session().connect(server('modern-only.mjs'), { protocol: '2025-11-25' }).then(
      () => assert.fail('connected'),
      (err: unknown) => err as ConnectionError,
    );
    assert.ok(e instanceof ConnectionError);
    assert.equal(e.code, 'protocol-version');
    assert.match(e.message, /only speaks 2026-07-28/);
    assert.match(e.hint ?? '', /--protocol auto/);
  });

  it('pinning 2026-07-28 on a 2025-only server fails with a sentence naming the way back', async () => {
    const e = await new Session().connect(server('legacy-only.mjs'), { protocol: '2026-07-28' }).then(
      () => assert.fail('connected'),
      (err: unknown) => err as ConnectionError,
    );
    assert.ok(e instanceof ConnectionError, String(e));
    assert.equal(e.code, 'protocol-version');
    assert.match(e.hint ?? '', /--protocol auto|2025-11-25/);
  });

  it('auto on a 2025 server that exits on the probe: starts it again, and says the probe cost a second spawn', async () => {
    const { session, traffic, notes } = await connected('legacy-exits-on-unknown.mjs');
    try {
      assert.equal(session.info.era, '2025');
      assert.equal(session.info.probeRespawned, true);
      assert.ok(notes.some((n) => /second spawn/.test(n)));
      assert.ok(traffic.some((e) => e.type === 'note' && /second spawn/.test(e.text)), 'the trace says so too');
      await session.ping();
    } finally {
      await session.close();
    }
  });

  it('auto on a slow starter (1.5 s before it reads stdin) still finds the 2026 era', async () => {
    const session = new Session();
    try {
      await session.connect(server('both.mjs', { SLOW_START_MS: '1500' }));
      assert.equal(session.info.era, '2026');
    } finally {
      await session.close();
    }
  });

  it('subscribes to a resource through subscriptions/listen in the 2026 era, resources/subscribe in 2025', async () => {
    for (const protocol of ['auto', '2025-11-25'] as const) {
      const { session, traffic } = await connected('both.mjs', { protocol });
      try {
        const updated = new Promise<string>((resolve) => session.on('resourceUpdated', (u) => resolve(u.uri)));
        await session.subscribeResource('eras://counter');
        await session.callTool('bump', {});
        assert.equal(await updated, 'eras://counter');
        const methods = traffic.filter((e) => e.type === 'message' && e.dir === 'send').map((e) => (e as { msg: { method?: string } }).msg.method);
        assert.ok(methods.includes(protocol === 'auto' ? 'subscriptions/listen' : 'resources/subscribe'), methods.join(', '));
        await session.unsubscribeResource('eras://counter');
      } finally {
        await session.close();
      }
    }
  });

  it('keeps list changes flowing in the 2026 era (subscriptions/listen)', async () => {
    const { session } = await connected('both.mjs');
    try {
      const before = (await session.listTools()).length;
      const changed = new Promise<number>((resolve) => session.on('listChanged', (e) => e.kind === 'tools' && resolve(e.items.length)));
      await session.callTool('grow', {});
      assert.equal(await changed, before + 1);
    } finally {
      await session.close();
    }
  });

  it('sends the log level and a traceparent in each request _meta in the 2026 era', async () => {
    const { session, traffic } = await connected('both.mjs');
    try {
      await session.setLogLevel('debug');
      await session.callTool('echo', { text: 'hi' });
      const call = traffic.filter((e) => e.type === 'message' && e.dir === 'send' && (e.msg as { method?: string }).method === 'tools/call').at(-1) as { msg: { params: { _meta: Record<string, unknown> } } };
      assert.equal(call.msg.params._meta['io.modelcontextprotocol/logLevel'], 'debug');
      assert.match(String(call.msg.params._meta.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      assert.equal(call.msg.params._meta['io.modelcontextprotocol/protocolVersion'], '2026-07-28');
    } finally {
      await session.close();
    }
  });

  it('runs a task through the tasks extension in the 2026 era', async () => {
    const { session } = await connected('both.mjs');
    try {
      const events: string[] = [];
      let result = '';
      for await (const e of session.callToolAsTask('compute', { ms: 200 }, { pollMs: 50 })) {
        events.push(e.type);
        if (e.type === 'result') result = textOf(e.result);
        if (e.type === 'error') throw e.error;
      }
      assert.equal(events[0], 'taskCreated');
      assert.equal(events.at(-1), 'result');
      assert.ok(result.length > 0);
    } finally {
      await session.close();
    }
  });
});
