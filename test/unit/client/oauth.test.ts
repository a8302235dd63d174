// OAuth and bearer tokens against a real authorization server: the project's gateway in OAuth mode (RFC 9728
// discovery, dynamic registration, PKCE S256, short-lived tokens with refresh) in front of the demo server.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, Gateway } from '../../../src/core/gateway/gateway';
import { ConnectionError } from '../../../src/core/client/connectionError';
import { MemoryOAuthStore } from '../../../src/core/client/oauth';
import { Session } from '../../../src/core/client/session';
import type { ConnectionState } from '../../../src/core/client/types';
import { TraceWriter } from '../../../src/core/traffic/traceWriter';
import { ROOT } from './helpers';

const DEMO = { command: process.execPath, args: [join(ROOT, 'demo', 'server.mjs')] };

describe('Session with OAuth and bearer tokens (gateway in front of the demo server)', function () {
  this.timeout(30000);
  let gateway: Gateway | undefined;
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mcpwb-oauth-'))));
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in headlessly (discovery, registration, PKCE), calls tools, and refreshes an expired token', async () => {
    // Two seconds: short enough to expire within the test, long enough that a busy machine does not expire the
    // refreshed token before the retried request arrives.
    gateway = await startGateway({ child: DEMO, auth: 'oauth', oauth: { autoApprove: true, accessTokenTtlSec: 2 } });
    const store = new MemoryOAuthStore();
    const states: ConnectionState[] = [];
    const session = new Session();
    session.on('state', (s) => states.push(s.state));
    const file = join(dir, 'oauth.mcptrace');
    const writer = new TraceWriter(file, { target: Session.traceTarget({ kind: 'http', url: gateway.url }) });
    try {
      await session.connect({ kind: 'http', url: gateway.url, transport: 'streamable-http' }, { oauth: { mode: 'headless', store }, trace: writer });
      assert.deepEqual(states, ['connecting', 'authorizing', 'connected']);
      assert.ok((await session.listTools()).some((t) => t.name === 'echo'));
      const firstToken = (store.get(`${gateway.url}#tokens`) as { access_token: string }).access_token;
      await new Promise((r) => setTimeout(r, 3000)); // the access token expires
      const result = await session.callTool('echo', { text: 'after refresh' });
      assert.match(JSON.stringify(result.content), /after refresh/);
      const secondToken = (store.get(`${gateway.url}#tokens`) as { access_token: string }).access_token;
      assert.notEqual(secondToken, firstToken, 'a new access token was obtained');
      writer.close();
      const trace = readFileSync(file, 'utf8');
      assert.ok(!trace.includes(firstToken) && !trace.includes(secondToken), 'no access token in the trace');
      assert.match(trace, /"type":"http","t":[\d.]+,"method":"POST","url":"[^"]+","status":401/);
      assert.match(trace, /oauth-protected-resource/);
    } finally {
      await session.close();
      writer.close();
    }
  });

  it('signs in through the loopback redirect catcher with a pluggable browser step', async () => {
    gateway = await startGateway({ child: DEMO, auth: 'oauth', oauth: { autoApprove: true } });
    const opened: string[] = [];
    const session = new Session();
    try {
      await session.connect(
        { kind: 'http', url: gateway.url },
        {
          oauth: {
            mode: 'loopback',
            // A stand-in for the browser: follows the redirects, which end at the catcher on 127.0.0.1.
            openBrowser: async (url) => {
              opened.push(url.toString());
              void fetch(url, { redirect: 'follow' }).then((r) => r.text());
            },
          },
        },
      );
      assert.equal(opened.length, 1);
      const authUrl = new URL(opened[0]);
      assert.equal(authUrl.searchParams.get('code_challenge_method'), 'S256');
      assert.match(authUrl.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      await session.ping();
    } finally {
      await session.close();
    }
  });

  it('signs in again in a later session whose loopback catcher got another port (and registers for the new redirect URI)', async () => {
    gateway = await startGateway({ child: DEMO, auth: 'oauth', oauth: { autoApprove: true } });
    const store = new MemoryOAuthStore();
    const browser = async (url: URL) => void fetch(url, { redirect: 'follow' }).then((r) => r.text());
    const redirects: string[] = [];
    const clientIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const session = new Session();
      try {
        await session.connect({ kind: 'http', url: gateway.url }, { oauth: { mode: 'loopback', store, openBrowser: (u) => (redirects.push(u.searchParams.get('redirect_uri')!), browser(u)) } });
        await session.ping();
      } finally {
        await session.close();
      }
      clientIds.push((store.get(`${gateway.url}#client`) as { client_id: string }).client_id);
      store.set(`${gateway.url}#tokens`, undefined); // forget the tokens, keep the client registration
    }
    assert.equal(redirects.length, 2);
    assert.notEqual(redirects[0], redirects[1], 'each session caught the redirect on its own port');
    // This gateway accepts any loopback port (RFC 8252); stricter servers do not, so the client registers again.
    assert.notEqual(clientIds[0], clientIds[1], 'a new registration for the new redirect URI');
  });

  it('starts no loopback catcher when the server does not ask for a sign-in', async () => {
    gateway = await startGateway({ child: DEMO, auth: 'none' });
    const session = new Session();
    let opened = 0;
    try {
      await session.connect({ kind: 'http', url: gateway.url }, { oauth: { mode: 'loopback', openBrowser: () => void opened++ } });
      await session.ping();
      // Private state, checked on purpose: a listening port per connect would be a leak nobody sees.
      assert.equal((session as unknown as { catcher?: unknown }).catcher, undefined);
      assert.equal(opened, 0);
    } finally {
      await session.close();
    }
  });

  it('uses a bearer token given as a header, and diagnoses its absence as 401 with the challenge', async () => {
    gateway = await startGateway({ child: DEMO, auth: 'token' });
    const session = new Session();
    await session.connect({ kind: 'http', url: gateway.url, headers: { Authorization: `Bearer ${gateway.token}` } });
    await session.ping();
    await session.close();
    const without = new Session();
    await assert.rejects(without.connect({ kind: 'http', url: gateway.url }), (e: ConnectionError) => e.code === 'unauthorized' && e.details.status === 401 && /Authorization: Bearer/.test(e.hint ?? ''));
  });
});
