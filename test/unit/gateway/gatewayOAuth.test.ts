// OAuth mode: the gateway as a resource server with its built-in authorization server, and the attacks on it.
// Every refused MCP request is checked to have reached no server process.
import { strict as assert } from 'node:assert';
import { startGateway, Gateway } from '../../../src/core/gateway/gateway';
import type { FaultOptions } from '../../../src/core/gateway/faults';
import { raw, scratch, Scratch, connectClient, MCP_HEADERS, initializeBody, rawSession } from './gatewayTestKit';
import { Session } from '../../../src/core/client/session';
import { register, obtainTokens, pkce, authorize, authorizeUrl, tokenRequest, REDIRECT } from './oauthTestKit';

describe('gateway OAuth mode', function () {
  this.timeout(20000);
  let s: Scratch;
  const open: Gateway[] = [];
  const start = async (faults: FaultOptions = {}, ttl = 300) => {
    const g = await startGateway({ child: s.child, auth: 'oauth', oauth: { accessTokenTtlSec: ttl }, faults });
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
    const g = await startGateway({ child: s.child, auth: 'oauth', oauth: { autoApprove: true } });
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
