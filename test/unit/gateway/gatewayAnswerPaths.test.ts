// The 2025 session's hot path is written by hand (directAnswers.ts) because the bench shows the SDK transport
// costing more per call. This test keeps the two honest: every request shape goes through a gateway answering
// directly and through one handing everything to the SDK transport (answerPath 'sdk'), and the JSON-RPC messages
// each client receives must be the same bytes, with the same HTTP status. Framing may differ (a lone answer is a
// JSON body on the direct path, an SSE event from the SDK); both are answers Streamable HTTP allows.
import { strict as assert } from 'node:assert';
import { raw, bearer, MCP_HEADERS, rawSession, useGatewayPerTest } from './gatewayTestKit';
import type { Gateway } from '../../../src/core/gateway/gateway';

/** The JSON-RPC messages in a body: the body itself, or the data of each SSE event (priming events have none). */
function messages(res: { headers: Record<string, unknown>; body: string }): string[] {
  if (String(res.headers['content-type']).startsWith('application/json')) return res.body ? [res.body] : [];
  return res.body
    .split('\n\n')
    .map((e) => /^data: ?(.*)$/m.exec(e)?.[1] ?? '')
    .filter((d) => d !== '');
}

const SHAPES: Array<[string, string]> = [
  ['a request answered alone', '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}'],
  ['a string id', '{"jsonrpc":"2.0","id":"abc","method":"tools/list"}'],
  ['progress before the answer', '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"ms":60,"steps":2},"_meta":{"progressToken":"p"}}}'],
  ['an error answer', '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"no-such-tool","arguments":{}}}'],
  ['an unknown method', '{"jsonrpc":"2.0","id":4,"method":"x/unknown"}'],
  ['multi-byte text', '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":{"text":"€ 漢字 🙂 \\u0000"}}}'],
  ['a 200 kB answer', '{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"blob","arguments":{"bytes":200000}}}'],
  ['a notification', '{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}'],
  ['a response to nothing the server asked', '{"jsonrpc":"2.0","id":"nobody","result":{}}'],
];

describe('gateway 2025 answers: the direct path and the SDK transport give the same bytes', function () {
  this.timeout(30000);
  const { start } = useGatewayPerTest();

  it('for every request shape', async () => {
    // The per-test hooks close the last gateway started; the first one is closed here.
    const direct = await start();
    try {
      await compare(direct, await start({ answerPath: 'sdk' }));
    } finally {
      await direct.close();
    }
  });
});

async function compare(direct: Gateway, viaSdk: Gateway): Promise<void> {
  const send = async (g: Gateway, sid: string, body: string) =>
    raw(g, { headers: { ...MCP_HEADERS, ...bearer(g), 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' }, body });
  const [a, b] = await Promise.all([rawSession(direct), rawSession(viaSdk)]);
  for (const [what, body] of SHAPES) {
    const ours = await send(direct, a, body);
    const sdk = await send(viaSdk, b, body);
    assert.equal(ours.status, sdk.status, `${what}: status`);
    assert.deepEqual(messages(ours), messages(sdk), `${what}: messages`);
    if (ours.status === 200) assert.ok(messages(ours).length > 0, `${what}: an answer`);
  }
}
