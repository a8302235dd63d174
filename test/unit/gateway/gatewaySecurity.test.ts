// Attacks on a token-mode gateway. Each case asserts the exact HTTP status and that nothing reached the child:
// either no server process was started, or the running one received no new byte.
import { strict as assert } from 'node:assert';
import { startGateway, Gateway } from '../../../src/core/gateway/gateway';
import { MemoryAuditLog } from '../../../src/core/gateway/auditLog';
import { raw, scratch, Scratch, MCP_HEADERS, initializeBody, bearer, rawSession, RawRequest } from './gatewayTestKit';

describe('gateway security (token mode)', function () {
  this.timeout(20000);
  let gw: Gateway;
  let s: Scratch;
  let audit: MemoryAuditLog;
  let sid: string;
  let receivedBefore: number;

  before(async () => {
    s = scratch();
    audit = new MemoryAuditLog();
    gw = await startGateway({ child: s.child, audit, maxRequestBodyBytes: 64 * 1024, requestTimeoutMs: 800, maxSessions: 3 });
    sid = await rawSession(gw);
  });
  after(async () => {
    await gw.close();
    s.dispose();
  });
  beforeEach(() => {
    receivedBefore = s.received();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') assert.equal(s.received(), receivedBefore, 'the attack must not reach the server process');
  });

  const inSession = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...MCP_HEADERS,
    ...bearer(gw),
    'mcp-session-id': sid,
    'mcp-protocol-version': '2025-11-25',
    ...extra,
  });
  const ping = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'ping' });
  const expectStatus = async (r: RawRequest, status: number) => {
    const res = await raw(gw, r);
    assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.body.slice(0, 200)}`);
    return res;
  };

  it('1. no Authorization header: 401 with a WWW-Authenticate challenge', async () => {
    const res = await expectStatus({ headers: { ...MCP_HEADERS }, body: initializeBody() }, 401);
    assert.match(String(res.headers['www-authenticate']), /^Bearer /);
  });
  it('2. wrong token: 401 invalid_token', async () => {
    const res = await expectStatus({ headers: { ...MCP_HEADERS, authorization: 'Bearer ' + 'A'.repeat(43) }, body: initializeBody() }, 401);
    assert.match(String(res.headers['www-authenticate']), /invalid_token/);
  });
  it('3. a prefix of the right token: 401', async () => {
    await expectStatus({ headers: { ...MCP_HEADERS, authorization: `Bearer ${gw.token!.slice(0, 20)}` }, body: initializeBody() }, 401);
  });
  it('4. Basic instead of Bearer: 401', async () => {
    await expectStatus({ headers: { ...MCP_HEADERS, authorization: `Basic ${Buffer.from('u:' + gw.token).toString('base64')}` }, body: initializeBody() }, 401);
  });
  it('5. token in the query string: 400', async () => {
    await expectStatus({ path: `/mcp?access_token=${gw.token}`, headers: { ...MCP_HEADERS }, body: initializeBody() }, 400);
  });
  it('6. token in the query string even with a valid header: 400', async () => {
    await expectStatus({ path: `/mcp?token=${gw.token}`, headers: inSession(), body: ping }, 400);
  });
  it('7. bad Origin on a valid session: 403', async () => {
    await expectStatus({ headers: inSession({ origin: 'http://evil.example' }), body: ping }, 403);
  });
  it('8. Origin "null" (sandboxed frame): 403', async () => {
    await expectStatus({ headers: inSession({ origin: 'null' }), body: ping }, 403);
  });
  it('9. Origin on the right host but another port: 403', async () => {
    await expectStatus({ headers: inSession({ origin: `http://127.0.0.1:${gw.port + 1}` }), body: ping }, 403);
  });
  it('10. DNS rebinding Host header: 403', async () => {
    await expectStatus({ headers: inSession({ host: `evil.example:${gw.port}` }), body: ping }, 403);
  });
  it('11. Host that only starts with localhost: 403', async () => {
    await expectStatus({ headers: inSession({ host: `localhost.evil.example:${gw.port}` }), body: ping }, 403);
  });
  it('12. declared oversized body: 413 before reading it', async () => {
    await expectStatus({ headers: inSession({ 'content-length': String(10 * 1024 * 1024) }), body: Buffer.alloc(16, 32) }, 413);
  });
  it('13. chunked oversized body: 413', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x'.repeat(200 * 1024) } } });
    await expectStatus({ headers: inSession(), body: big, chunked: true }, 413);
  });
  it('14. slow body (headers, then silence): 408', async () => {
    await expectStatus({ headers: inSession({ 'content-length': '200' }), body: ping, stallAfter: 10, timeoutMs: 5000 }, 408);
  });
  it('15. malformed JSON on a new session: 400 with a JSON-RPC parse error, no process started', async () => {
    const pidsBefore = gw.stats().childPids.length;
    const res = await expectStatus({ headers: { ...MCP_HEADERS, ...bearer(gw) }, body: '{"jsonrpc": "2.0", "id": 1, "method": ' }, 400);
    assert.equal(JSON.parse(res.body).error.code, -32700);
    assert.equal(gw.stats().childPids.length, pidsBefore);
  });
  it('16. malformed JSON inside a session: 400 parse error, the session survives', async () => {
    const res = await expectStatus({ headers: inSession(), body: '[{]' }, 400);
    assert.equal(JSON.parse(res.body).error.code, -32700);
  });
  it('17. unknown session id: 404', async () => {
    await expectStatus({ headers: inSession({ 'mcp-session-id': '00000000-0000-4000-8000-000000000000' }), body: ping }, 404);
  });
  it('18. DELETE of a session by a stranger (no token): 401 and the session lives on', async () => {
    await expectStatus({ method: 'DELETE', headers: { 'mcp-session-id': sid } }, 401);
    assert.ok(gw.stats().sessions >= 1);
  });
  it('19. DELETE of an unknown session: 404', async () => {
    await expectStatus({ method: 'DELETE', headers: { ...bearer(gw), 'mcp-session-id': 'not-a-session' } }, 404);
  });
  it('20. a request that is not initialize, without a session: 400, no process started', async () => {
    const pidsBefore = gw.stats().childPids.length;
    await expectStatus({ headers: { ...MCP_HEADERS, ...bearer(gw) }, body: ping }, 400);
    assert.equal(gw.stats().childPids.length, pidsBefore);
  });
  it('21. GET without a session: 400', async () => {
    await expectStatus({ method: 'GET', headers: { ...bearer(gw), accept: 'text/event-stream' } }, 400);
  });
  it('22. unsupported method: 405', async () => {
    await expectStatus({ method: 'PUT', headers: { ...bearer(gw) }, body: ping }, 405);
  });
  it('23. unsupported MCP-Protocol-Version: 400', async () => {
    await expectStatus({ headers: inSession({ 'mcp-protocol-version': '1999-01-01' }), body: ping }, 400);
  });
  it('24. a second initialize inside a session: 400', async () => {
    await expectStatus({ headers: inSession(), body: initializeBody(7) }, 400);
  });
  it('25. wrong Content-Type: 415', async () => {
    await expectStatus({ headers: inSession({ 'content-type': 'text/plain' }), body: ping }, 415);
  });
  it('26. Accept without text/event-stream: 406', async () => {
    await expectStatus({ headers: inSession({ accept: 'application/json' }), body: ping }, 406);
  });
  it('27. other paths need the token and reveal nothing: 401 without, 404 with', async () => {
    await expectStatus({ method: 'GET', path: '/admin' }, 401);
    await expectStatus({ method: 'GET', path: '/admin', headers: bearer(gw) }, 404);
  });
  it('28. /healthz is open and says only "ok"', async () => {
    const res = await expectStatus({ method: 'GET', path: '/healthz' }, 200);
    assert.equal(res.body, 'ok');
    assert.equal(res.headers['x-powered-by'], undefined);
  });
  it('29. more sessions than allowed: 503, no extra process', async () => {
    const extra: string[] = [];
    while (gw.stats().sessions < 3) extra.push(await rawSession(gw));
    receivedBefore = s.received();
    const pids = gw.stats().childPids.length;
    const res = await expectStatus({ headers: { ...MCP_HEADERS, ...bearer(gw) }, body: initializeBody() }, 503);
    assert.equal(res.headers['retry-after'], '5');
    assert.equal(gw.stats().childPids.length, pids);
    for (const id of extra) await raw(gw, { method: 'DELETE', headers: { ...bearer(gw), 'mcp-session-id': id } });
    receivedBefore = s.received();
  });
  it('30. an initialize nested 20,000 levels deep: 400, and no server process is started for it', async () => {
    const nested = `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const body = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":${nested},"clientInfo":{"name":"x","version":"1"}}}`;
    const before = gw.stats();
    const res = await expectStatus({ headers: { ...MCP_HEADERS, ...bearer(gw) }, body }, 400);
    assert.equal(JSON.parse(res.body).error.code, -32700);
    assert.deepEqual(gw.stats().childPids, before.childPids, 'no process started');
    assert.equal(gw.stats().sessions, before.sessions, 'no session slot taken');
  });
  it('the audit log names refused requests without ever holding the token', async () => {
    const statuses = audit.entries.map((e) => e.status);
    for (const expected of ['http-401:no-token', 'http-401:bad-token', 'http-403:bad-origin', 'http-403:bad-host', 'http-400:token-in-query', 'http-413:body-too-large', 'http-404:unknown-session', 'http-503:max-sessions']) {
      assert.ok(statuses.includes(expected), `audit log lacks ${expected}`);
    }
    assert.ok(!JSON.stringify(audit.entries).includes(gw.token!), 'the token must never appear in the audit log');
    for (const e of audit.entries.filter((x) => x.status.startsWith('http-'))) {
      assert.ok(e.path?.startsWith('/'), `a refused request names its path: ${JSON.stringify(e)}`);
      assert.match(String(e.peer), /^(::ffff:)?127\.0\.0\.1$/, `a refused request names its peer: ${JSON.stringify(e)}`);
    }
  });
});
