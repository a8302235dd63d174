import { strict as assert } from 'node:assert';
import { NetworkEntries, oauthStepOf } from '../../../src/extension/inspector/networkEntries';

describe('Network view entries', () => {
  it('keeps method, URL, status, content type, timing and the Mcp-* headers; redacts the session id and secrets', () => {
    const n = new NetworkEntries(['s3cr3t-header-value']);
    const e = n.entry(
      {
        type: 'http',
        t: 12,
        method: 'POST',
        url: 'http://127.0.0.1:4000/mcp?api_key=abcdefgh123&x=1',
        status: 200,
        durationMs: 3.5,
        headers: { 'content-type': 'text/event-stream', 'mcp-session-id': 'sess-123456789', 'mcp-protocol-version': '2025-11-25', 'x-echo': 'got s3cr3t-header-value' },
      },
      12,
    );
    assert.equal(e.method, 'POST');
    assert.equal(e.status, 200);
    assert.equal(e.durationMs, 3.5);
    assert.equal(e.contentType, 'text/event-stream');
    assert.equal(e.mcpHeaders['mcp-protocol-version'], '2025-11-25');
    assert.match(e.mcpHeaders['mcp-session-id'], /^<redacted:[0-9a-f]{8}>$/);
    assert.doesNotMatch(JSON.stringify(e), /sess-123456789|s3cr3t-header-value|abcdefgh123/);
    assert.match(e.url, /x=1/);
    assert.equal(e.oauthStep, undefined);
  });

  it('names the OAuth step of each request of the flow', () => {
    assert.equal(oauthStepOf('POST', 'http://h/mcp', 401, { 'www-authenticate': 'Bearer resource_metadata="x"' }), 'challenge (401, WWW-Authenticate)');
    assert.equal(oauthStepOf('GET', 'http://h/.well-known/oauth-protected-resource/mcp', 200, {}), 'protected resource metadata (RFC 9728)');
    assert.equal(oauthStepOf('GET', 'http://h/.well-known/oauth-authorization-server', 200, {}), 'authorization server metadata (RFC 8414)');
    assert.equal(oauthStepOf('GET', 'http://h/.well-known/openid-configuration', 200, {}), 'OpenID provider configuration');
    assert.equal(oauthStepOf('POST', 'http://h/register', 201, {}), 'dynamic client registration (RFC 7591)');
    assert.equal(oauthStepOf('POST', 'http://h/token', 200, {}), 'token request');
    assert.equal(oauthStepOf('POST', 'http://h/mcp', 403, { 'www-authenticate': 'Bearer error="insufficient_scope"' }), 'step-up (403, insufficient_scope)');
    assert.equal(oauthStepOf('POST', 'http://h/mcp', 200, {}), undefined);
  });
});
