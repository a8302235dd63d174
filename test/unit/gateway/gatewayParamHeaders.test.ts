// SEP-2243 custom headers through the gateway (2026-07-28): a tools/call's Mcp-Param-* headers must agree with the
// arguments its tool marks with x-mcp-header. Every case goes to the gateway (over the stdio fixture's `region`
// tool) and to the SDK's own handler (the same tool in process); the answers must agree. Then: what the gateway asks
// the server for and when, a 2025 session left as it was, and the per-process catalog on its own.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { raw, scratch, useGatewayPerTest, bearer, connectClient, MCP_HEADERS, rawSession, type Scratch } from './gatewayTestKit';
import { startGateway, type Gateway } from '../../../src/core/gateway/gateway';
import { MemoryAuditLog } from '../../../src/core/gateway/auditLog';
import { ToolHeaderCatalog } from '../../../src/core/gateway/stateless/toolHeaderCatalog';
import { NO_DECLARATIONS } from '../../../src/core/gateway/stateless/paramHeaders';
import type { PoolMember } from '../../../src/core/gateway/stateless/serverPool';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'param', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const REGION_SCHEMA = {
  type: 'object',
  properties: {
    region: { type: 'string', 'x-mcp-header': 'Region' },
    target: { type: 'object', properties: { shard: { type: 'integer', 'x-mcp-header': 'Shard' } } },
  },
};
const STANDARD = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call' };
const call = (name: string, args: Record<string, unknown>, id: number | string = 7) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, _meta: META } });
const b64 = (s: string) => `=?base64?${Buffer.from(s).toString('base64')}?=`;
const askedLists = (s: Scratch) => (readFileSync(s.receivedLog, 'utf8').match(/"id":"mcpwb-tools-list-\d+"/g) ?? []).length;
const callsReceived = (s: Scratch) => (readFileSync(s.receivedLog, 'utf8').match(/"method":"tools\/call"/g) ?? []).length;

const CASES: Array<[string, Record<string, string>, Record<string, unknown>]> = [
  ['both headers agree with the body', { 'mcp-param-region': 'eu-west1', 'mcp-param-shard': '3' }, { region: 'eu-west1', target: { shard: 3 } }],
  ['a Base64 sentinel that decodes to the body value', { 'mcp-param-region': b64('Zürich, 世界') }, { region: 'Zürich, 世界' }],
  ['Mcp-Param-Region missing while the body has region', {}, { region: 'eu-west1' }],
  ['Mcp-Param-Region names another region', { 'mcp-param-region': 'us-east1' }, { region: 'eu-west1' }],
  ['a nested integer header missing', { 'mcp-param-region': 'eu' }, { region: 'eu', target: { shard: 3 } }],
  ['an integer compared as a number (3.0 = 3)', { 'mcp-param-shard': '3.0' }, { target: { shard: 3 } }],
  ['an integer that disagrees', { 'mcp-param-shard': '4' }, { target: { shard: 3 } }],
  ['a Base64 sentinel with bad padding', { 'mcp-param-region': '=?base64?SGVsbG8?=' }, { region: 'Hello' }],
  ['a Base64 sentinel with characters outside the alphabet', { 'mcp-param-region': '=?base64?SGVs!!!bG8=?=' }, { region: 'Hello' }],
  ['a value without the sentinel suffix is literal', { 'mcp-param-region': '=?base64?SGVsbG8=' }, { region: '=?base64?SGVsbG8=' }],
  ['no value in the body: a stray header is ignored', { 'mcp-param-region': 'anything' }, {}],
  ['no value in the body and no header', {}, {}],
];

function sdkHandler() {
  return createMcpHandler(
    () => {
      const s = new McpServer({ name: 'param', version: '1' });
      s.registerTool('region', { inputSchema: fromJsonSchema(REGION_SCHEMA) }, async ({ region, target }: any) => ({ content: [{ type: 'text', text: `${region ?? '-'}/${target?.shard ?? '-'}` }] }));
      s.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
      return s;
    },
    { legacy: 'reject' },
  );
}

describe('gateway: Mcp-Param-* headers answer as the SDK does (2026-07-28)', function () {
  this.timeout(20000);
  let s: Scratch;
  let g: Gateway;
  before(async () => {
    s = scratch();
    g = await startGateway({ child: s.child });
  });
  after(async () => {
    await g.close();
    s.dispose();
  });

  for (const [what, params, args] of CASES) {
    it(what, async () => {
      const headers = { ...MCP_HEADERS, ...STANDARD, 'mcp-name': 'region', ...params };
      const ours = await raw(g, { headers: { ...headers, ...bearer(g) }, body: call('region', args) });
      const handler = sdkHandler();
      const theirs = await handler.fetch(new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: call('region', args) }));
      const theirBody = await theirs.text();
      await handler.close();
      assert.equal(ours.status, theirs.status, `status: ours ${ours.body} / SDK ${theirBody}`);
      const a = JSON.parse(ours.body);
      const b = JSON.parse(theirBody.startsWith('event:') || theirBody.startsWith('data:') ? /data: (.*)/.exec(theirBody)![1] : theirBody);
      if (theirs.status === 200) {
        assert.deepEqual(a.result.content, b.result.content);
        return;
      }
      assert.equal(a.error.code, -32020);
      assert.deepEqual({ id: a.id, error: a.error }, { id: b.id, error: b.error });
    });
  }

  it('a plain value with characters outside visible ASCII is refused (the spec asks for them Base64-encoded)', async () => {
    const res = await raw(g, { headers: { ...MCP_HEADERS, ...STANDARD, 'mcp-name': 'region', ...bearer(g), 'mcp-param-region': 'caf\u00e9' }, body: call('region', { region: 'caf\u00e9' }) });
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.body).error.code, -32020);
  });
});

describe('gateway: where the Mcp-Param-* check gets its declarations', function () {
  this.timeout(30000);
  const { start, scratch: current } = useGatewayPerTest();

  it('a tools/call before any tools/list: the gateway lists the tools once, refuses a missing header before the server sees the call, and audits the refusal', async () => {
    const audit = new MemoryAuditLog();
    const g = await start({ audit });
    const headers = { ...MCP_HEADERS, ...bearer(g), ...STANDARD };
    const refused = await raw(g, { headers: { ...headers, 'mcp-name': 'region' }, body: call('region', { region: 'eu' }, 'r1') });
    assert.equal(refused.status, 400);
    const error = JSON.parse(refused.body);
    assert.equal(error.id, 'r1');
    assert.equal(error.error.code, -32020);
    assert.equal(error.error.data.mismatch.header, 'Mcp-Param-Region');
    assert.equal(callsReceived(current()), 0, 'the refused call never reached the server');
    assert.ok(audit.entries.some((e) => e.status === 'http-400:param-header' && e.path === '/mcp'), JSON.stringify(audit.entries));

    const ok = await raw(g, { headers: { ...headers, 'mcp-name': 'region', 'mcp-param-region': 'eu' }, body: call('region', { region: 'eu' }) });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(JSON.parse(ok.body).result.content[0].text, 'eu/-');
    for (let i = 0; i < 3; i++) {
      const echo = await raw(g, { headers: { ...headers, 'mcp-name': 'echo' }, body: call('echo', { text: `e${i}` }) });
      assert.equal(JSON.parse(echo.body).result.content[0].text, `e${i}`);
    }
    assert.equal(askedLists(current()), 1, 'one tools/list of its own for the process, then none');
  });

  it("a client's own tools/list teaches the gateway: its calls cost no extra request, and the SDK client's headers pass", async () => {
    const g = await start();
    const c = new Client({ name: 'param-modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await c.connect(new StreamableHTTPClientTransport(new URL(g.url), { requestInit: { headers: bearer(g) } }));
    const listed = await c.listTools();
    assert.ok(listed.tools.some((t) => t.name === 'region'));
    const r = await c.callTool({ name: 'region', arguments: { region: 'Zürich', target: { shard: 12 } } });
    assert.equal((r as any).content[0].text, 'Zürich/12');
    assert.equal((await c.callTool({ name: 'echo', arguments: { text: 'hi' } }) as any).content[0].text, 'hi');
    assert.equal(askedLists(current()), 0, 'the forwarded tools/list was enough');
    await c.close();
  });

  it('a 2025 session is not affected: no Mcp-Param-* headers needed, and a disagreeing one is not looked at', async () => {
    const g = await start();
    const { client } = await connectClient(g);
    assert.equal((await client.callTool({ name: 'region', arguments: { region: 'eu', target: { shard: 1 } } }) as any).content[0].text, 'eu/1');
    await client.close();
    const sid = await rawSession(g);
    const res = await raw(g, {
      headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25', 'mcp-param-region': 'elsewhere' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'region', arguments: { region: 'eu' } } }),
    });
    assert.equal(res.status, 200);
    assert.match(res.body, /eu\/-/);
    assert.equal(askedLists(current()), 0);
  });
});

describe('gateway: the per-process catalog of x-mcp-header declarations', () => {
  const member = (slot: number) => ({ slot, inFlight: 0 }) as unknown as PoolMember;
  const tool = (name: string, header?: string) => ({ name, inputSchema: { type: 'object', properties: { a: { type: 'string', ...(header ? { 'x-mcp-header': header } : {}) } } } });
  function catalog() {
    const asked: Array<{ member: PoolMember; id: string; cursor?: string }> = [];
    const c = new ToolHeaderCatalog({ ask: (m, id, cursor) => asked.push({ member: m, id, cursor }), warn: () => undefined });
    const answer = (m: PoolMember, result: Record<string, unknown>) => c.answered(m, { jsonrpc: '2.0', id: asked.at(-1)!.id, result } as JSONRPCMessage);
    return { c, asked, answer };
  }

  it('a whole list learned from a forwarded answer is used at once, per process', async () => {
    const { c, asked } = catalog();
    const a = member(0);
    const b = member(1);
    c.learned(a, true, { tools: [tool('t', 'A'), tool('plain')] });
    assert.deepEqual(c.declarations(a, 't'), [{ path: ['a'], header: 'A', type: 'string' }]);
    assert.equal(c.declarations(a, 'plain'), NO_DECLARATIONS);
    assert.equal(c.declarations(a, 'unlisted'), NO_DECLARATIONS, 'a complete list: an unlisted tool has none');
    assert.equal(asked.length, 0);
    assert.ok(c.declarations(b, 't') instanceof Promise, 'another process has not been listed');
    assert.equal(asked.length, 1);
  });

  it('asks once, follows pages, shares the answer among waiting calls, and asks again after list_changed', async () => {
    const { c, asked, answer } = catalog();
    const a = member(0);
    const first = c.declarations(a, 'late') as Promise<unknown>;
    const second = c.declarations(a, 't') as Promise<unknown>;
    assert.equal(asked.length, 1, 'one request for both calls');
    answer(a, { tools: [tool('t', 'A')], nextCursor: 'p2' });
    assert.equal(asked.length, 2);
    assert.equal(asked[1].cursor, 'p2');
    answer(a, { tools: [tool('late', 'L')] });
    assert.deepEqual(await first, [{ path: ['a'], header: 'L', type: 'string' }]);
    assert.deepEqual(await second, [{ path: ['a'], header: 'A', type: 'string' }]);
    assert.ok(!(c.declarations(a, 't') instanceof Promise));
    c.forget(a);
    assert.ok(c.declarations(a, 't') instanceof Promise);
    assert.equal(asked.length, 3);
  });

  it('a process that ends while it is asked answers the waiting calls with false; a failed list means no declarations', async () => {
    const { c, answer } = catalog();
    const a = member(0);
    const waiting = c.declarations(a, 't');
    c.gone(a);
    assert.equal(await waiting, false);
    const b = member(1);
    const other = c.declarations(b, 't');
    answer(b, undefined as unknown as Record<string, unknown>);
    assert.equal(await other, NO_DECLARATIONS);
  });
});
