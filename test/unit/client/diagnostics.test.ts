// Connection diagnostics: each way a connect commonly fails gives a ConnectionError with the failing step, one clear
// sentence and a hint. Real child processes and real HTTP servers.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../../../src/core/client/connectionError';
import { Session } from '../../../src/core/client/session';
import type { ConnectOptions, ConnectTarget } from '../../../src/core/client/types';
import { ROOT } from './helpers';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'servers');

async function failure(target: ConnectTarget, options: ConnectOptions = {}): Promise<ConnectionError> {
  const session = new Session();
  try {
    await session.connect(target, { connectTimeoutMs: 5000, ...options });
  } catch (e) {
    assert.ok(e instanceof ConnectionError, `expected a ConnectionError, got ${(e as Error).stack}`);
    assert.equal(session.state, 'failed');
    return e;
  }
  await session.close();
  throw new Error('connect succeeded');
}

function listen(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp` })));
}

describe('connection diagnostics', function () {
  this.timeout(20000);

  it('a command not on PATH: says where it looked, with the version-manager hint for node tools', async () => {
    const e = await failure({ kind: 'stdio', command: 'npx-that-does-not-exist', env: { PATH: '/usr/bin:/bin' } });
    assert.equal(e.step, 'spawn');
    assert.equal(e.code, 'command-not-found');
    assert.match(e.message, /"npx-that-does-not-exist" was not found on PATH \(searched 2 directories\)/);
    const e2 = await failure({ kind: 'stdio', command: 'npx', env: { PATH: '/nonexistent-dir' } });
    assert.equal(e2.code, 'command-not-found');
    assert.match(e2.hint ?? '', /version manager \(nvm, fnm, volta, asdf\)/);
  });

  it('a file that is not executable: permission denied with a chmod hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwb-eacces-'));
    try {
      const file = join(dir, 'server.sh');
      writeFileSync(file, '#!/bin/sh\necho hi\n');
      chmodSync(file, 0o644);
      const e = await failure({ kind: 'stdio', command: file });
      assert.equal(e.code, 'permission-denied');
      assert.match(e.message, /is not executable/);
      assert.match(e.hint ?? '', /chmod \+x/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing working directory is named as such', async () => {
    const e = await failure({ kind: 'stdio', command: process.execPath, cwd: '/no/such/dir' });
    assert.equal(e.code, 'spawn-failed');
    assert.match(e.message, /working directory \/no\/such\/dir does not exist/);
  });

  it('a process that exits before initialize: exit code and the tail of stderr', async () => {
    const e = await failure({ kind: 'stdio', command: process.execPath, args: [join(FIXTURES, 'exits-early.mjs')] });
    assert.equal(e.step, 'initialize');
    assert.equal(e.code, 'exited-early');
    assert.match(e.message, /exited with code 3 before answering initialize/);
    assert.equal(e.details.exitCode, 3);
    assert.deepEqual(e.details.stderrTail?.slice(-2), ['Loading config...', 'Error: DATABASE_URL is not set']);
  });

  it('non-JSON output on stdout: quotes the offending line', async () => {
    const e = await failure({ kind: 'stdio', command: process.execPath, args: [join(FIXTURES, 'noisy-stdout.mjs')] }, { connectTimeoutMs: 4000 });
    assert.equal(e.code, 'non-json-stdout');
    assert.match(e.message, /non-JSON output on stdout: "Starting my server v1\.2 on stdio\.\.\."/);
    assert.match(e.hint ?? '', /stderr/);
  });

  it('a stray stdout line from a working server is reported and skipped, not fatal', async () => {
    const session = new Session();
    const diagnostics: Array<{ line?: string }> = [];
    session.on('diagnostic', (d) => diagnostics.push(d));
    await session.connect({ kind: 'stdio', command: process.execPath, args: [join(FIXTURES, 'noisy-but-working.mjs')] });
    await session.ping();
    await session.close();
    assert.ok(diagnostics.some((d) => d.line === 'hello from a console.log'));
  });

  it('a protocol version the client does not support', async () => {
    const e = await failure({ kind: 'stdio', command: process.execPath, args: [join(FIXTURES, 'old-protocol.mjs')] });
    assert.equal(e.code, 'protocol-version');
    assert.match(e.message, /protocol version 1999-01-01/);
  });

  it('accepts the older protocol versions the SDK negotiates', async () => {
    for (const version of ['2025-06-18', '2025-03-26', '2024-11-05']) {
      const session = new Session();
      // The fixture ignores server/discover: `auto` takes it for a 2025 server once the probe times out.
      await session.connect({ kind: 'stdio', command: process.execPath, args: [join(FIXTURES, 'old-protocol.mjs'), version] }, { probeTimeoutMs: 500 });
      assert.equal(session.info.protocolVersion, version);
      await session.ping();
      await session.close();
    }
  });

  it('a server that never answers: timeout', async () => {
    const e = await failure({ kind: 'stdio', command: process.execPath, args: ['-e', 'process.stdin.resume(); setTimeout(() => {}, 20000)'] }, { connectTimeoutMs: 700 });
    assert.equal(e.step, 'timeout');
    assert.equal(e.code, 'timeout');
    assert.match(e.message, /within 0\.7 s/);
  });

  it('HTTP 401 quotes WWW-Authenticate and suggests OAuth or a bearer header', async () => {
    const { server, url } = await listen((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"' }).end();
    });
    try {
      const e = await failure({ kind: 'http', url, transport: 'streamable-http' });
      assert.equal(e.code, 'unauthorized');
      assert.equal(e.details.status, 401);
      assert.match(e.message, /401 Unauthorized \(WWW-Authenticate: Bearer resource_metadata=/);
      assert.match(e.hint ?? '', /--oauth|Authorization: Bearer/);
    } finally {
      server.close();
    }
  });

  it('HTTP 404 on Streamable HTTP suggests the other transport', async () => {
    const { server, url } = await listen((_req, res) => res.writeHead(404).end('not here'));
    try {
      const e = await failure({ kind: 'http', url, transport: 'streamable-http' });
      assert.equal(e.code, 'not-found');
      assert.match(e.hint ?? '', /--transport sse/);
      const e2 = await failure({ kind: 'http', url, transport: 'sse' });
      assert.equal(e2.code, 'not-found');
      assert.match(e2.hint ?? '', /--transport streamable-http/);
    } finally {
      server.close();
    }
  });

  it('HTTP 405 on Streamable HTTP with auto falls back to SSE, and says so when neither works', async () => {
    const seen: string[] = [];
    const { server, url } = await listen((req, res) => {
      seen.push(req.method!);
      res.writeHead(405).end();
    });
    try {
      const e = await failure({ kind: 'http', url, transport: 'auto' });
      // auto: the server/discover probe and the initialize POST (Streamable HTTP), then the SSE GET.
      assert.equal(seen[0], 'POST');
      assert.ok(seen.indexOf('GET') > 0, `tried POST (Streamable HTTP), then GET (SSE): ${seen.join(', ')}`);
      assert.equal(e.code, 'method-not-allowed');
      assert.match(e.hint ?? '', /Neither Streamable HTTP nor SSE/);
    } finally {
      server.close();
    }
  });

  it('nothing listening: connection refused', async () => {
    const { server, url } = await listen(() => undefined);
    await new Promise((r) => server.close(r));
    const e = await failure({ kind: 'http', url, transport: 'streamable-http' });
    assert.equal(e.code, 'network');
    assert.match(e.message, /connection refused/);
  });
});
