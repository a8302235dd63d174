// The demo server, driven by the SDK v2 client over real stdio in each protocol era: every feature the demo
// promises works in both.
import * as assert from 'node:assert';
import * as path from 'node:path';
import { Client, type ClientCapabilities, type LoggingMessageNotification } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const SERVER = path.resolve(__dirname, '..', '..', '..', 'demo', 'server.mjs');
type Mode = 'legacy' | 'auto';
const LOG_LEVEL = 'io.modelcontextprotocol/logLevel';

async function connect(mode: Mode, capabilities: ClientCapabilities = {}): Promise<Client> {
  const client = new Client({ name: 'demo-test', version: '1.0.0' }, { capabilities, versionNegotiation: { mode } });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [SERVER], stderr: 'ignore' }));
  return client;
}

function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

for (const [mode, version] of [['legacy', '2025-11-25'], ['auto', '2026-07-28']] as [Mode, string][]) describe(`demo server (real stdio, SDK v2 client, ${version})`, function () {
  this.timeout(20_000);
  let client: Client;
  /** Sets the log level: logging/setLevel in 2025, a per-request _meta key in 2026-07-28. */
  const logMeta = async (level: LoggingMessageNotification['params']['level']): Promise<Record<string, unknown>> => {
    if (mode === 'legacy') await client.setLoggingLevel(level);
    return mode === 'legacy' ? {} : { _meta: { [LOG_LEVEL]: level } };
  };
  before(async () => {
    client = await connect(mode, { elicitation: {}, sampling: {} });
    assert.strictEqual(client.getNegotiatedProtocolVersion(), version);
  });
  after(async () => {
    await client?.close();
  });

  it('identifies itself and offers tools, resources, prompts, completions and logging', () => {
    assert.strictEqual(client.getServerVersion()?.name, 'mcp-workbench-demo');
    const caps = client.getServerCapabilities() ?? {};
    for (const c of ['tools', 'resources', 'prompts', 'completions', 'logging']) assert.ok(c in caps, `capability ${c}`);
  });

  it('lists tools whose schemas use $ref/$defs, oneOf, titled enums, nullable types, defaults and formats', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const n of ['echo', 'create_order', 'configure_pipeline', 'get_weather', 'long_task', 'confirm_action', 'summarize']) assert.ok(byName.has(n), n);
    const order = JSON.stringify(byName.get('create_order')!.inputSchema);
    for (const needle of ['"format":"email"', '"format":"date-time"', '["string","null"]', '"const":"express"', '"default":"standard"', '"minItems":1']) {
      assert.ok(order.includes(needle), `create_order schema has ${needle}`);
    }
    const pipeline = byName.get('configure_pipeline')!.inputSchema as Record<string, any>;
    assert.ok(pipeline.$defs?.step);
    assert.strictEqual(pipeline.properties.steps.items.$ref, '#/$defs/step');
    assert.strictEqual(pipeline.properties.notify.oneOf.length, 2);
    assert.ok(byName.get('get_weather')!.outputSchema);
  });

  it('calls tools with nested arguments', async () => {
    const r = await client.callTool({
      name: 'create_order',
      arguments: { customer: { name: 'Ada', email: 'ada@example.com', phone: null }, items: [{ sku: 'ABC-123', quantity: 2 }, { sku: 'XYZ-999' }], shipping: 'express' },
    });
    assert.strictEqual(textOf(r), 'Order for Ada <ada@example.com>: 3 item(s), Express (1-2 days).');
    const p = await client.callTool({ name: 'configure_pipeline', arguments: { steps: [{ name: 'lint', run: 'npm run lint' }, { name: 'test', run: 'npm test' }], notify: { kind: 'webhook', url: 'https://ci.example.com/hook' } } });
    assert.strictEqual(textOf(p), 'Pipeline "build": lint -> test; notify POST https://ci.example.com/hook.');
    const bad = await client.callTool({ name: 'create_order', arguments: { customer: { name: 'x' }, items: [] } });
    assert.strictEqual(bad.isError, true);
  });

  it('returns structuredContent that matches the output schema (the SDK client validates it)', async () => {
    const r = await client.callTool({ name: 'get_weather', arguments: { city: 'Lisbon' } });
    const s = r.structuredContent as Record<string, unknown>;
    assert.strictEqual(s.city, 'Lisbon');
    assert.strictEqual(s.units, 'metric');
    assert.deepStrictEqual(JSON.parse(textOf(r)), s);
    const again = await client.callTool({ name: 'get_weather', arguments: { city: 'Lisbon' } });
    assert.deepStrictEqual(again.structuredContent, s, 'reproducible');
  });

  it('reports progress for long_task', async () => {
    const seen: number[] = [];
    const r = await client.callTool({ name: 'long_task', arguments: { steps: 4, stepMs: 30 } }, { onprogress: (p) => seen.push(p.progress) });
    assert.strictEqual(textOf(r), 'completed 4 steps');
    // The SDK client dispatches notifications a tick later than responses, so the last one may lose the race.
    assert.ok(seen.length >= 3, `progress seen: ${seen}`);
    assert.deepStrictEqual(seen, [1, 2, 3, 4].slice(0, seen.length));
  });

  it('stops long_task when the request is cancelled', async () => {
    const notices: string[] = [];
    client.setNotificationHandler('notifications/message', (n) => {
      if (n.params.level === 'notice') notices.push(String(n.params.data));
    });
    const meta = await logMeta('debug');
    const controller = new AbortController();
    const started = Date.now();
    const call = client.callTool({ name: 'long_task', arguments: { steps: 50, stepMs: 500 }, ...meta }, { signal: controller.signal });
    setTimeout(() => controller.abort('test cancels'), 300);
    await assert.rejects(call);
    assert.ok(Date.now() - started < 5_000);
    // The server saw the cancellation and stopped early (it logs how far it got).
    const notice = await new Promise<string | undefined>((resolve) => {
      const poll = setInterval(() => notices.length && (clearInterval(poll), resolve(notices[0])), 20);
      setTimeout(() => (clearInterval(poll), resolve(undefined)), 3_000);
    });
    assert.match(notice ?? '', /^long_task cancelled after [01] of 50 steps$/);
    // The server is still healthy afterwards.
    assert.strictEqual(textOf(await client.callTool({ name: 'echo', arguments: { text: 'still here' } })), 'still here');
  });

  it('asks for elicitation and uses the answer', async () => {
    const asked: string[] = [];
    client.setRequestHandler('elicitation/create', async (req) => {
      asked.push(req.params.message);
      return { action: 'accept', content: { confirm: true, environment: 'production', reason: 'release day' } };
    });
    const r = await client.callTool({ name: 'confirm_action', arguments: { action: 'ship it' } });
    assert.deepStrictEqual(asked, ['Really ship it?']);
    assert.strictEqual(textOf(r), 'Done: ship it (production). Reason: release day');
  });

  it('asks for sampling and returns the model reply', async () => {
    client.setRequestHandler('sampling/createMessage', async (req) => {
      const first = req.params.messages[0].content as { type: string; text: string };
      return { role: 'assistant', model: 'test-model', content: { type: 'text', text: `summary of ${first.text.length} chars` } };
    });
    const r = await client.callTool({ name: 'summarize', arguments: { text: 'MCP servers expose tools.' } });
    assert.match(textOf(r), /^summary of \d+ chars\n\n\(model: test-model\)$/);
  });

  it('says clearly when the client lacks elicitation or sampling', async () => {
    const plain = await connect(mode);
    try {
      const e = await plain.callTool({ name: 'confirm_action', arguments: {} });
      assert.strictEqual(e.isError, true);
      assert.match(textOf(e), /does not support elicitation/);
      const s = await plain.callTool({ name: 'summarize', arguments: { text: 'x' } });
      assert.match(textOf(s), /does not support sampling/);
    } finally {
      await plain.close();
    }
  });

  it('serves a resource, a resource template and completes its variable', async () => {
    const { resources } = await client.listResources();
    assert.ok(resources.some((r) => r.uri === 'demo://readme'));
    const readme = await client.readResource({ uri: 'demo://readme' });
    assert.match(String((readme.contents[0] as { text: string }).text), /^# MCP Workbench demo server/);
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.strictEqual(resourceTemplates[0].uriTemplate, 'demo://notes/{name}');
    const note = await client.readResource({ uri: 'demo://notes/todo' });
    assert.match(String((note.contents[0] as { text: string }).text), /write tests/);
    const c = await client.complete({ ref: { type: 'ref/resource', uri: 'demo://notes/{name}' }, argument: { name: 'name', value: 'mee' } });
    assert.deepStrictEqual(c.completion.values, ['meeting-2026-01-12', 'meetups']);
    await assert.rejects(client.readResource({ uri: 'demo://notes/missing' }), /Resource not found/);
  });

  it('serves a prompt and completes its language argument', async () => {
    const { prompts } = await client.listPrompts();
    assert.deepStrictEqual(prompts.map((p) => p.name), ['review_code']);
    const c = await client.complete({ ref: { type: 'ref/prompt', name: 'review_code' }, argument: { name: 'language', value: 'ja' } });
    assert.deepStrictEqual(c.completion.values, ['javascript', 'java']);
    const p = await client.getPrompt({ name: 'review_code', arguments: { language: 'go', code: 'func main() {}', focus: 'errors' } });
    assert.match((p.messages[0].content as { text: string }).text, /^Review this go code with a focus on errors:/);
  });

  it('sends log messages at or above the level the client sets', async () => {
    const logs: LoggingMessageNotification['params'][] = [];
    client.setNotificationHandler('notifications/message', (n) => {
      logs.push(n.params);
    });
    await client.callTool({ name: 'echo', arguments: { text: 'hi' }, ...(await logMeta('info')) });
    assert.ok(logs.some((l) => l.level === 'info' && l.data === 'calling echo'), JSON.stringify(logs));
    logs.length = 0;
    await client.callTool({ name: 'echo', arguments: { text: 'hi' }, ...(await logMeta('error')) });
    assert.deepStrictEqual(logs, []);
  });
});
