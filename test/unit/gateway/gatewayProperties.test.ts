// Property tests: random methods, paths, headers and bodies thrown at a live gateway. Whatever arrives, the answer
// is a well-formed HTTP response with a sensible status, the gateway keeps serving, and no server process leaks.
// Requests of both eras are mixed: 2025 sessions and 2026-07-28 stateless requests (envelope, Mcp-Method).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { startGateway, Gateway } from '../../../src/core/gateway/gateway';
import { raw, scratch, Scratch, rawSession, initializeBody, processAlive, waitFor } from './gatewayTestKit';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'prop', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const headerText = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());

describe('gateway properties (fast-check)', function () {
  this.timeout(120000);
  let gw: Gateway;
  let s: Scratch;
  let sid: string;
  const seenPids = new Set<number>();

  before(async () => {
    s = scratch();
    gw = await startGateway({ child: { ...s.child, env: { FIXTURE_QUIET: '1' } }, maxRequestBodyBytes: 32 * 1024, maxSessions: 4, requestTimeoutMs: 2000 });
    sid = await rawSession(gw);
  });
  after(async () => {
    await gw.close();
    await waitFor(() => [...seenPids].every((p) => !processAlive(p)), 5000, 'every server process to exit');
    s.dispose();
  });

  const body = fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.record({ jsonrpc: fc.constantFrom('2.0', '1.0', 2), id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), method: fc.constantFrom('ping', 'tools/list', 'tools/call', 'initialize', 'x/y', ''), params: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)),
    fc.array(fc.record({ jsonrpc: fc.constant('2.0'), id: fc.integer(), method: fc.constantFrom('ping', 'tools/list') }), { maxLength: 4 }).map((v) => JSON.stringify(v)),
    fc.constant(initializeBody()),
    fc
      .record({ id: fc.oneof(fc.integer(), fc.string()), method: fc.constantFrom('tools/list', 'tools/call', 'server/discover', 'ping', 'initialize'), extra: fc.jsonValue({ maxDepth: 2 }) })
      .map(({ id, method, extra }) => JSON.stringify({ jsonrpc: '2.0', id, method, params: { name: 'echo', arguments: { text: 'x' }, extra, _meta: MODERN_META } })),
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString('latin1')),
  );

  const request = fc.record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'DELETE', 'PUT', 'OPTIONS', 'PATCH', 'HEAD'),
    path: fc.constantFrom('/mcp', '/mcp', '/mcp', '/mcp', '/mcp', '/mcp', '/healthz', '/', '/mcp/../mcp', '/mcp?x=1', '/.well-known/oauth-protected-resource'),
    auth: fc.constantFrom('valid', 'valid', 'valid', 'none', 'garbage'),
    garbageAuth: headerText,
    session: fc.constantFrom('none', 'valid', 'valid', 'valid', 'random'),
    randomSession: headerText,
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', '', 'application/json; charset=utf-8'),
    accept: fc.constantFrom('application/json, text/event-stream', 'application/json, text/event-stream', 'text/event-stream', '*/*', ''),
    protocolVersion: fc.constantFrom(undefined, '2025-11-25', '2025-11-25', '2025-06-18', '1999-01-01', '2026-07-28', '2026-07-28'),
    mcpMethod: fc.constantFrom(undefined, undefined, 'tools/list', 'tools/call', 'server/discover'),
    origin: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, 'http://evil.example', undefined, undefined),
    extraName: fc.constantFrom('x-a', 'last-event-id', 'x-forwarded-for', 'cookie'),
    extraValue: headerText,
    body,
  });

  it('always answers with a well-formed HTTP status, never crashes, never leaks a process', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.auth === 'valid') headers.authorization = `Bearer ${gw.token}`;
        if (r.auth === 'garbage' && r.garbageAuth) headers.authorization = r.garbageAuth;
        if (r.session === 'valid') headers['mcp-session-id'] = sid;
        if (r.session === 'random' && r.randomSession) headers['mcp-session-id'] = r.randomSession;
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.accept) headers.accept = r.accept;
        if (r.protocolVersion) headers['mcp-protocol-version'] = r.protocolVersion;
        if (r.mcpMethod) headers['mcp-method'] = r.mcpMethod;
        if (r.origin) headers.origin = r.origin;
        if (r.extraValue) headers[r.extraName] = r.extraValue;
        const res = await raw(gw, { method: r.method, path: r.path, headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body, headersOnly: r.method === 'GET', timeoutMs: 8000 });
        assert.ok(res.status >= 200 && res.status < 600, `status ${res.status}`);
        assert.notEqual(res.status, 500, `internal error for ${JSON.stringify(r)}: ${res.body}`);
        if (r.origin) assert.equal(res.status, 403);
        else if (r.auth !== 'valid' && r.path !== '/healthz') assert.equal(res.status, 401, 'everything but /healthz needs the token');
        for (const p of gw.stats().childPids) seenPids.add(p);
        // Sessions the random requests created (a valid initialize) are deleted again so the pool never fills.
        const created = res.headers['mcp-session-id'];
        if (typeof created === 'string' && created !== sid) await raw(gw, { method: 'DELETE', headers: { authorization: `Bearer ${gw.token}`, 'mcp-session-id': created } });
      }),
      { numRuns: Number(process.env.GATEWAY_PROPERTY_RUNS ?? 150), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
    const health = await raw(gw, { method: 'GET', path: '/healthz' });
    assert.equal(health.status, 200);
    // Every process that belongs to no live session has exited.
    const live = new Set(gw.stats().childPids);
    await waitFor(() => [...seenPids].filter((p) => !live.has(p)).every((p) => !processAlive(p)), 5000, 'processes of ended sessions to exit');
    assert.ok(live.size <= gw.stats().sessions + 1, 'one process per 2025 session, plus the pool of one');
  });
});
