// Secrets never reach a trace file in clear: a header token, an env value and a bearer-looking string in a message.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redact, redactedMarker, Redactor } from '../../../src/core/traffic/redact';
import { TraceWriter } from '../../../src/core/traffic/traceWriter';

describe('redaction', () => {
  it('marks secrets with a stable sha256 prefix so equal secrets stay comparable', () => {
    assert.match(redactedMarker('abc'), /^<redacted:[0-9a-f]{8}>$/);
    assert.equal(redactedMarker('abc'), redactedMarker('abc'));
    assert.notEqual(redactedMarker('abc'), redactedMarker('abd'));
  });

  it('redacts secret keys, bearer strings, JWTs and vendor keys, and leaves ordinary text alone', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const out = redact({
      headers: { Authorization: 'Bearer abcdefgh12345678', 'Content-Type': 'application/json' },
      text: `use Bearer zzzzzzzzzzzz1 and ${jwt} and ghp_${'a'.repeat(36)} please`,
      nested: [{ client_secret: 's3cr3t-value' }],
      plain: 'the quick brown fox jumps over the lazy dog',
      count: 42,
    });
    assert.equal(out.headers['Content-Type'], 'application/json');
    assert.match(out.headers.Authorization, /^<redacted:[0-9a-f]{8}>$/);
    assert.doesNotMatch(out.text, /zzzzzzzzzzzz1|dozjgNry|ghp_a/);
    assert.equal((out.text.match(/<redacted:/g) ?? []).length, 3);
    assert.match(out.nested[0].client_secret, /^<redacted:/);
    assert.equal(out.plain, 'the quick brown fox jumps over the lazy dog');
    assert.equal(out.count, 42);
  });

  it('hides known secret values wherever they appear, longest first', () => {
    const r = new Redactor({ secrets: ['hunter2hunter2', 'hunter2hunter2-extended'] });
    const s = r.string('a=hunter2hunter2-extended b=hunter2hunter2');
    assert.doesNotMatch(s, /hunter2/);
    assert.equal(s, `a=${redactedMarker('hunter2hunter2-extended')} b=${redactedMarker('hunter2hunter2')}`);
  });

  it('never writes a header token, an env value or a bearer-looking string to the trace file in clear', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwb-redact-'));
    try {
      const file = join(dir, 'r.mcptrace');
      const headerToken = 'tok_9f8e7d6c5b4a3210';
      const envValue = 'db-password-Zq81xx';
      const bearer = 'Bearer q1w2e3r4t5y6u7i8o9p0';
      const w = new TraceWriter(file, {
        target: { transport: 'streamable-http', url: 'http://127.0.0.1:1/mcp', headers: { Authorization: `Bearer ${headerToken}`, 'X-Api-Key': headerToken }, env: { DB_PASSWORD: envValue } },
      });
      w.write({ type: 'http', t: 1, status: 200, headers: { 'set-cookie': 'sid=abcdef123456', 'content-type': 'text/event-stream' } });
      w.write({ type: 'message', t: 2, dir: 'send', msg: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'q', arguments: { note: `my password is ${envValue}`, auth: bearer } } } });
      w.write({ type: 'stderr', t: 3, text: `connecting with token ${headerToken} and ${bearer}` });
      w.close();
      const text = readFileSync(file, 'utf8');
      for (const secret of [headerToken, envValue, 'q1w2e3r4t5y6u7i8o9p0', 'abcdef123456']) assert.ok(!text.includes(secret), `${secret} leaked`);
      assert.ok(text.includes(redactedMarker(envValue)), 'env value is marked, not dropped');
      assert.ok(text.includes(redactedMarker(headerToken)), 'header token is marked where it reappears');
      assert.ok(text.includes('DB_PASSWORD'), 'env names stay readable');
      assert.ok(text.includes('text/event-stream'), 'ordinary headers stay readable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('redaction fast path', () => {
  // fast-check: the scan-first path must give exactly what the full walk gives, for any JSON value.
  it('json() equals stringify(value()) for arbitrary values with secrets, tokens and secret keys mixed in', async () => {
    const fc = await import('fast-check');
    const secret = 'pa"ss\\word-123';
    const r = new Redactor({ secrets: [secret] });
    const leaf = fc.oneof(fc.string(), fc.constant(secret), fc.constant(`x ${secret} y`), fc.constant('Bearer abcdefgh12345678'), fc.integer(), fc.boolean(), fc.constant(null));
    const key = fc.oneof(fc.string(), fc.constantFrom('authorization', 'Set-Cookie', 'github_token', 'progressToken', 'client_secret', 'name'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const fast = r.json(v);
        assert.equal(fast, JSON.stringify(r.value(v)));
        assert.ok(!fast.includes(JSON.stringify(secret).slice(1, -1)), 'the secret never appears');
      }),
      { numRuns: 500 },
    );
  });
});
