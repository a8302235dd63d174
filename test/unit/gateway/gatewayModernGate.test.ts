// The gateway's 2026-07-28 request gate mirrors a rung the SDK runs inside createMcpHandler without exporting it.
// Every case goes to the gateway (over a stdio server) and to the SDK's own handler (an in-process server) and the
// two answers must agree: HTTP status, JSON-RPC code, message and data.
import { strict as assert } from 'node:assert';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { raw, useGatewayPerTest, bearer } from './gatewayTestKit';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'gate', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const call = (name: string, version = '2026-07-28') => ({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name, arguments: { text: 'x' }, _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': version } } });
const read = { jsonrpc: '2.0', id: 4, method: 'resources/read', params: { uri: 'test://a', _meta: META } };
const b64 = (s: string) => `=?base64?${Buffer.from(s).toString('base64')}?=`;

const CASES: Array<[string, Record<string, string>, object]> = [
  ['all headers agree', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' }, call('echo')],
  ['no MCP-Protocol-Version', { 'mcp-method': 'tools/call', 'mcp-name': 'echo' }, call('echo')],
  ['no Mcp-Method', { 'mcp-protocol-version': '2026-07-28', 'mcp-name': 'echo' }, call('echo')],
  ['no Mcp-Name', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call' }, call('echo')],
  ['Mcp-Name disagrees', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'other' }, call('echo')],
  ['Mcp-Name with whitespace', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': '  echo\t' }, call('echo')],
  ['Mcp-Name as a Base64 sentinel', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': b64('echo') }, call('echo')],
  ['a broken Base64 sentinel', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': '=?base64?e$$?=' }, call('echo')],
  ['Mcp-Name for resources/read disagrees', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'resources/read', 'mcp-name': 'test://b' }, read],
  ['Mcp-Method disagrees', { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list', 'mcp-name': 'echo' }, call('echo')],
  ['an unsupported revision', { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/call', 'mcp-name': 'echo' }, call('echo', '2099-01-01')],
];

function sdkHandler() {
  return createMcpHandler(
    () => {
      const s = new McpServer({ name: 'gate', version: '1' });
      s.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
      s.registerResource('a', 'test://a', {}, async (uri) => ({ contents: [{ uri: uri.href, text: 'a' }] }));
      return s;
    },
    { legacy: 'reject' },
  );
}

describe('gateway: the 2026-07-28 request gate answers as the SDK does', function () {
  this.timeout(20000);
  const { start } = useGatewayPerTest();

  for (const [what, headers, body] of CASES) {
    it(what, async () => {
      const g = await start();
      const all = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers };
      const ours = await raw(g, { headers: { ...all, ...bearer(g) }, body: JSON.stringify(body) });
      const handler = sdkHandler();
      const theirs = await handler.fetch(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: all, body: JSON.stringify(body) }));
      const theirBody = await theirs.text();
      await handler.close();
      assert.equal(ours.status, theirs.status, `status: ours ${ours.body} / SDK ${theirBody}`);
      if (theirs.status === 200) return;
      const a = JSON.parse(ours.body);
      const b = JSON.parse(theirBody);
      assert.deepEqual({ id: a.id, error: a.error }, { id: b.id, error: b.error });
    });
  }
});
