// The Session against the project's demo server (demo/server.mjs) over stdio, with a trace recorded to a file:
// structured content, progress, cancellation, elicitation, sampling, resources, templates, prompts, completion, logs.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../../src/core/client/session';
import type { ConnectTarget } from '../../../src/core/client/types';
import { readTrace, TraceReader } from '../../../src/core/traffic/traceReader';
import { TraceWriter } from '../../../src/core/traffic/traceWriter';
import { ROOT } from './helpers';

describe('Session against the demo server, recording a trace', function () {
  this.timeout(30000);
  const target: ConnectTarget = { kind: 'stdio', command: process.execPath, args: [join(ROOT, 'demo', 'server.mjs')], env: { DEMO_SECRET_FOR_TEST: 'do-not-leak-0xCAFE' } };
  let dir: string;
  let file: string;
  let writer: TraceWriter;
  let session: Session;
  const logs: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-demo-'));
    file = join(dir, 'demo.mcptrace');
    writer = new TraceWriter(file, { target: Session.traceTarget(target) });
    session = new Session();
    session.on('log', (m) => logs.push(`${m.level}:${m.data}`));
    await session.connect(target, {
      trace: writer,
      elicitation: async () => ({ action: 'accept', content: { confirm: true } }),
      sampling: async (p) => ({ role: 'assistant', content: { type: 'text', text: `summary of ${JSON.stringify(p.messages[0].content).length} chars` }, model: 'demo-model' }),
    });
    await session.setLogLevel('info');
  });

  after(async () => {
    await session.close();
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the server instructions and identity', () => {
    assert.equal(session.info.serverInfo?.name, 'mcp-workbench-demo');
    assert.match(session.info.instructions ?? '', /demo server for MCP Workbench/);
  });

  it('returns structuredContent validated against the output schema', async () => {
    const r = await session.callTool('get_weather', { city: 'Oslo' });
    assert.equal((r.structuredContent as { city: string }).city, 'Oslo');
  });

  it('reports progress with messages and stops long_task on cancellation', async () => {
    const messages: string[] = [];
    await session.callTool('long_task', { steps: 3, stepMs: 20 }, { onProgress: (p) => messages.push(p.message ?? '') });
    assert.ok(messages.includes('step 1 of 3'));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(session.callTool('long_task', { steps: 20, stepMs: 50 }, { signal: ac.signal }));
    for (let i = 0; i < 60 && !logs.some((l) => l.includes('cancelled after')); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(logs.some((l) => /^notice:long_task cancelled after \d+ of 20 steps$/.test(l)), logs.join('\n'));
  });

  it('answers elicitation and sampling', async () => {
    const confirm = await session.callTool('confirm_action', {});
    assert.ok(!confirm.isError, JSON.stringify(confirm));
    const summary = await session.callTool('summarize', { text: 'a long text' });
    assert.match(JSON.stringify(summary.content), /summary of \d+ chars/);
  });

  it('reads resources and templates, gets and completes a prompt', async () => {
    const resources = await session.listResources();
    assert.ok(resources.some((r) => r.uri === 'demo://readme'));
    assert.equal((await session.listResourceTemplates())[0].uriTemplate, 'demo://notes/{name}');
    const read = await session.readResource('demo://readme');
    assert.ok('text' in read.contents[0]);
    const prompt = await session.getPrompt('review_code', { language: 'rust', code: 'fn main() {}' });
    assert.match(JSON.stringify(prompt.messages), /Review this rust code/);
    const c = await session.complete({ ref: { type: 'ref/prompt', name: 'review_code' }, argument: { name: 'language', value: 'ty' } });
    assert.deepEqual(c.completion.values, ['typescript']);
  });

  it('wrote a trace the reader pairs up, with log lines and stderr, and without the env secret', async () => {
    const { header, events, problems } = await readTrace(file);
    assert.equal(problems.length, 0);
    assert.match(header?.target.env?.DEMO_SECRET_FOR_TEST ?? '', /^<redacted:[0-9a-f]{8}>$/);
    const sent = events.filter((e) => e.type === 'message' && e.dir === 'send').length;
    const received = events.filter((e) => e.type === 'message' && e.dir === 'recv').length;
    assert.ok(sent >= 10 && received >= 10, `${sent} sent, ${received} received`);
    assert.ok(events.some((e) => e.type === 'message' && (e.msg as { method?: string }).method === 'notifications/message'));
    assert.ok(events.some((e) => e.type === 'stderr'));
    let pairedCalls = 0;
    for await (const item of new TraceReader(file)) if (item.kind === 'event' && item.pair?.method === 'tools/call') pairedCalls++;
    // Five tools/call calls; the cancelled long_task gets no response (the SDK drops it after cancellation). In the
    // 2026 era the two that ask the user (confirm_action, summarize) are two requests each: the input_required round
    // and the retry.
    assert.equal(pairedCalls, 6);
    const times = events.map((e) => e.t);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 't never goes backwards');
  });
});
