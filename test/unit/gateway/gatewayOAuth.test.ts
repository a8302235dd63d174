// OAuth mode: the gateway as a resource server with its built-in authorization server, and the attacks on it.
// Every refused MCP request is checked to have reached no server process.
import { strict as assert } from 'node:assert';
import type { Gateway } from '../../../src/core/gateway/gateway';
import type { AuditEntry } from '../../../src/core/gateway/auditLog';
import type { FaultOptions } from '../../../src/core/gateway/faults';
import { raw, scratch, Scratch, connectClient, MCP_HEADERS, initializeBody, rawSession } from './gatewayTestKit';
import { Session } from '../../../src/core/client/session';
import { register, obtainTokens, pkce, authorize, authorizeUrl, tokenRequest, REDIRECT, startOAuthGateway, openApprovalPage, postDecision, approvalCodes } from './oauthTestKit';

describe('gateway OAuth mode', function () {
  this.timeout(20000);
  let s: Scratch;
  const open: Gateway[] = [];
  const start = async (faults: FaultOptions = {}, ttl = 300) => {
    const g = await startOAuthGateway({ child: s.child, oauth: { accessTokenTtlSec: ttl }, faults });
    open.push(g);
    return g;
  };
  beforeEach(() => (s = scratch()));
  afterEach(async () => {
    await Promise.all(open.splice(0).map((g) => g.close()));
    s.dispose();
  });
  const mcpWith = (g: Gateway, token: string) => raw(g, { headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body: initializeBody() });

  it('publishes RFC 9728 resource metadata at the path-inserted and root well-known URIs, and RFC 8414 server metadata', async () => {
    const g = await start();
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const prm = (await (await fetch(g.origin + path)).json()) as any;
      assert.equal(prm.resource, g.url);
      assert.deepEqual(prm.authorization_servers, [`${g.origin}/`]);
      assert.deepEqual(prm.scopes_supported, ['mcp']);
    }
    const as = (await (await fetch(`${g.origin}/.well-known/oauth-authorization-server`)).json()) as any;
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
    assert.ok(as.registration_endpoint && as.revocation_endpoint && as.token_endpoint);
  });

  it('answers an unauthenticated MCP request with 401 and a challenge naming resource_metadata and scope', async () => {
    const g = await start();
    const res = await raw(g, { headers: MCP_HEADERS, body: initializeBody() });
    assert.equal(res.status, 401);
    const challenge = String(res.headers['www-authenticate']);
    assert.match(challenge, /^Bearer /);
    assert.ok(challenge.includes(`resource_metadata="${g.origin}/.well-known/oauth-protected-resource/mcp"`));
    assert.ok(challenge.includes('scope="mcp"'));
    assert.equal(s.received(), 0);
  });

  it('runs the whole flow: registration, approval page, PKCE, MCP calls, refresh rotation and revocation', async () => {
    const g = await start();
    const clientId = await register(g);
    const tokens = await obtainTokens(g, clientId);
    assert.equal(tokens.scope, 'mcp');
    const { client } = await connectClient(g, { authorization: `Bearer ${tokens.access_token}` });
    assert.equal(((await client.callTool({ name: 'echo', arguments: { text: 'authorized' } })) as any).content[0].text, 'authorized');
    await client.close();
    const refreshed = await tokenRequest(g, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refresh_token, tokens.refresh_token);
    const reused = await tokenRequest(g, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    assert.equal(reused.status, 400, 'a rotated refresh token works only once');
    assert.equal(reused.body.error, 'invalid_grant');
    const revoked = await fetch(`${g.origin}/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: refreshed.body.access_token, client_id: clientId }) });
    assert.equal(revoked.status, 200);
    assert.equal((await mcpWith(g, refreshed.body.access_token)).status, 401);
  });

  it('the core client completes discovery, registration, PKCE and the token exchange on its own (auto-approve)', async () => {
    const g = await startOAuthGateway({ child: s.child, oauth: { autoApprove: true } });
    open.push(g);
    const session = new Session();
    try {
      await session.connect({ kind: 'http', url: g.url, transport: 'streamable-http' }, { oauth: { mode: 'headless', clientName: 'workbench-test' } });
      assert.ok((await session.listTools()).some((t) => t.name === 'echo'));
    } finally {
      await session.close();
    }
  });

  it('an access token past its TTL gets 401 (expired)', async () => {
    const g = await start({}, 1);
    const tokens = await obtainTokens(g, await register(g));
    await new Promise((r) => setTimeout(r, 2100));
    const res = await mcpWith(g, tokens.access_token);
    assert.equal(res.status, 401);
    assert.match(String(res.headers['www-authenticate']), /expired/);
    assert.equal(s.received(), 0);
  });

  describe('approval only the developer can give', () => {
    it('a local process without the approval code cannot approve itself: no code, a wrong code, then the request is cancelled', async () => {
      const g = await start();
      const id = await register(g, 'self-approver');
      const request = await openApprovalPage(g, id, pkce().challenge);
      const shownCode = approvalCodes(g).at(-1)!;
      assert.equal(shownCode.clientName, 'self-approver');
      assert.match(shownCode.code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      const missing = await postDecision(g, { request, decision: 'approve' });
      assert.equal(missing.status, 403);
      assert.equal(missing.headers.get('location'), null);
      assert.match(await missing.text(), /approval code is not right; 2 attempts left/);
      const wrong = await postDecision(g, { request, decision: 'approve', code: 'AAAA-AAAA' });
      assert.equal(wrong.status, 403);
      const last = await postDecision(g, { request, decision: 'approve', code: 'BBBB-BBBB' });
      assert.match(await last.text(), /wrong too many times; this authorization request is cancelled/);
      const late = await postDecision(g, { request, decision: 'approve', code: shownCode.code });
      assert.equal(late.status, 400, 'the right code no longer helps once the request is cancelled');
      assert.equal(late.headers.get('location'), null);
    });

    it('the code the developer types (any case, with or without the dash) approves, and the redirect carries iss (RFC 9207)', async () => {
      const g = await start();
      const id = await register(g);
      const request = await openApprovalPage(g, id, pkce().challenge);
      const typed = approvalCodes(g).at(-1)!.code.toLowerCase().replace('-', ' ');
      const ok = await postDecision(g, { request, decision: 'approve', code: typed });
      assert.equal(ok.status, 302);
      const to = new URL(ok.headers.get('location')!);
      assert.ok(to.searchParams.get('code'));
      assert.equal(to.searchParams.get('iss'), `${g.origin}/`);
    });

    it('dynamic registration accepts only https and loopback http redirect URIs', async () => {
      const g = await start();
      const tryRegister = (uri: string) =>
        fetch(`${g.origin}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [uri], token_endpoint_auth_method: 'none' }) });
      for (const bad of ['http://evil.example/cb', 'http://192.168.1.20/cb', 'javascript:alert(1)', 'com.example.app:/cb', 'https://ok.example/cb#frag']) {
        const res = await tryRegister(bad);
        assert.equal(res.status, 400, bad);
        const body = (await res.json()) as any;
        assert.equal(body.error, 'invalid_client_metadata', bad);
        // The SDK's schema refuses javascript: itself; the gateway names every other URI it refuses.
        if (!bad.startsWith('javascript:')) assert.ok(body.error_description.includes(bad), bad);
      }
      for (const good of ['http://127.0.0.1:9/cb', 'http://localhost/cb', 'http://[::1]:8080/cb', 'https://app.example/cb']) assert.equal((await tryRegister(good)).status, 201, good);
    });

    it('--auto-approve is announced with a warning', async () => {
      const logs: string[] = [];
      const g = await startOAuthGateway({ child: s.child, oauth: { autoApprove: true }, log: (level, t) => logs.push(`${level}: ${t}`) });
      open.push(g);
      assert.ok(logs.some((l) => /^warn: OAUTH AUTO-APPROVE IS ON/.test(l)), logs.join('\n'));
    });
  });

  describe('malformed requests to the OAuth endpoints get OAuth JSON errors', () => {
    for (const [path, type, body] of [
      ['/register', 'application/json', '{"redirect_uris": ['],
      ['/register', 'application/json', '{"a":' + '['.repeat(10)],
      ['/token', 'application/x-www-form-urlencoded', '%E0%A4%A'],
      ['/revoke', 'application/json', 'not json'],
      ['/oauth/approve', 'application/x-www-form-urlencoded', 'x'.repeat(20_000)],
    ] as const) {
      it(`${path} with ${body.length > 30 ? `${body.length} bytes` : JSON.stringify(body)}`, async () => {
        const g = await start();
        const res = await fetch(g.origin + path, { method: 'POST', headers: { 'content-type': type }, body });
        const text = await res.text();
        assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${text}`);
        assert.match(String(res.headers.get('content-type')), /application\/json/);
        assert.ok(!/<html|<pre>|\n\s+at /i.test(text), text);
        const err = JSON.parse(text);
        assert.equal(typeof err.error, 'string');
      });
    }
  });

  it('audit lines for refused requests carry the path and the peer address', async () => {
    const entries: AuditEntry[] = [];
    const g = await startOAuthGateway({ child: s.child, audit: { write: (e) => entries.push(e), close: async () => {} } });
    open.push(g);
    await raw(g, { headers: MCP_HEADERS, body: initializeBody() });
    await fetch(`${g.origin}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    const refused = entries.filter((e) => e.status.startsWith('http-'));
    assert.ok(refused.length >= 2, JSON.stringify(entries));
    for (const e of refused) {
      assert.ok(e.path === '/mcp' || e.path === '/register', JSON.stringify(e));
      assert.match(String(e.peer), /^(::ffff:)?127\.0\.0\.1$/);
    }
  });

  describe('attacks', () => {
    it('an under-scoped token: 403 insufficient_scope', async () => {
      const g = await start();
      const tokens = await obtainTokens(g, await register(g), { scope: 'profile' });
      const res = await mcpWith(g, tokens.access_token);
      assert.equal(res.status, 403);
      assert.match(String(res.headers['www-authenticate']), /insufficient_scope/);
      assert.equal(s.received(), 0);
    });
    it('a token issued for another resource (RFC 8707 audience): 401', async () => {
      const g = await start();
      const tokens = await obtainTokens(g, await register(g), { resource: `${g.origin}/other` });
      const res = await mcpWith(g, tokens.access_token);
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), /not issued for this resource/);
      assert.equal(s.received(), 0);
    });
    it('a made-up access token: 401', async () => {
      const g = await start();
      assert.equal((await mcpWith(g, 'x'.repeat(43))).status, 401);
      assert.equal(s.received(), 0);
    });
    it('PKCE missing: the authorization request is refused (302 back with error=invalid_request)', async () => {
      const g = await start();
      const id = await register(g);
      const res = await fetch(authorizeUrl(g, id, {}), { redirect: 'manual' });
      assert.equal(res.status, 302);
      assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_request');
    });
    it('PKCE plain: refused the same way', async () => {
      const g = await start();
      const id = await register(g);
      const res = await fetch(authorizeUrl(g, id, { code_challenge: 'plain-challenge-value-plain-challenge-value', code_challenge_method: 'plain' }), { redirect: 'manual' });
      assert.equal(res.status, 302);
      assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_request');
    });
    it('a redirect URI that was not registered: 400, and no redirect to it', async () => {
      const g = await start();
      const id = await register(g);
      const res = await fetch(authorizeUrl(g, id, { redirect_uri: 'https://evil.example/cb', code_challenge: pkce().challenge, code_challenge_method: 'S256' }), { redirect: 'manual' });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
    });
    it('a redirect URI mismatch at the token endpoint: 400 invalid_grant', async () => {
      const g = await start();
      const id = await register(g);
      const { verifier, challenge } = pkce();
      const code = await authorize(g, id, challenge);
      const res = await tokenRequest(g, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:9/other', client_id: id });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
    });
    it('a wrong PKCE verifier: 400 invalid_grant', async () => {
      const g = await start();
      const id = await register(g);
      const code = await authorize(g, id, pkce().challenge);
      const res = await tokenRequest(g, { grant_type: 'authorization_code', code, code_verifier: pkce().verifier, redirect_uri: REDIRECT, client_id: id });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
    });
    it('a replayed authorization code: 400 invalid_grant, and the tokens it gave are revoked', async () => {
      const g = await start();
      const id = await register(g);
      const { verifier, challenge } = pkce();
      const code = await authorize(g, id, challenge);
      const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: id };
      const first = await tokenRequest(g, form);
      assert.equal(first.status, 200);
      const second = await tokenRequest(g, form);
      assert.equal(second.status, 400);
      assert.equal(second.body.error, 'invalid_grant');
      assert.equal((await mcpWith(g, first.body.access_token)).status, 401);
      assert.equal(s.received(), 0);
    });
    it("another client's session id: 404, as if it did not exist", async () => {
      const g = await start();
      const alice = await obtainTokens(g, await register(g, 'alice'));
      const mallory = await obtainTokens(g, await register(g, 'mallory'));
      const sid = await rawSession(g, { authorization: `Bearer ${alice.access_token}` });
      const before = s.received();
      const res = await raw(g, {
        headers: { ...MCP_HEADERS, authorization: `Bearer ${mallory.access_token}`, 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' },
        body: '{"jsonrpc":"2.0","id":5,"method":"tools/list"}',
      });
      assert.equal(res.status, 404);
      const del = await raw(g, { method: 'DELETE', headers: { authorization: `Bearer ${mallory.access_token}`, 'mcp-session-id': sid } });
      assert.equal(del.status, 404);
      assert.equal(s.received(), before);
      assert.equal(g.stats().sessions, 1);
    });
  });

  describe('fault injection', () => {
    for (const [fault, status, pattern] of [
      [{ expiredToken: true }, 401, /expired/],
      [{ wrongAudience: true }, 401, /not issued for this resource/],
      [{ insufficientScope: true }, 403, /insufficient_scope/],
    ] as Array<[FaultOptions, number, RegExp]>) {
      it(`${Object.keys(fault)[0]}: every valid token gets ${status}`, async () => {
        const g = await start(fault);
        const tokens = await obtainTokens(g, await register(g));
        const res = await mcpWith(g, tokens.access_token);
        assert.equal(res.status, status);
        assert.match(String(res.headers['www-authenticate']), pattern);
        assert.equal(s.received(), 0);
      });
    }
  });
});
