// Servers behind a shell wrapper (the shape of npx, uvx, `sh -c "node server.js; true"`): verify exits promptly
// and leaves no process behind; a mock started behind a wrapper by a client ends when the client closes it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../../src/core/client';
import { ROOT } from '../client/helpers';
import { gone, nodeBehindShell } from '../processChecks';
import { buildCliIfNeeded, CLI, cli } from './cliRunner';

const ERAS = join(ROOT, 'test', 'fixtures', 'servers', 'eras');

describe('mcp-workbench behind shell wrappers', function () {
  this.timeout(60_000);
  let dir: string;
  let trace: string;
  before(async () => {
    buildCliIfNeeded();
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-wrapper-'));
    trace = join(dir, 'echo.mcptrace');
    const rec = await cli(['call', 'echo', '{"text":"hi"}', '--record', trace, '--', process.execPath, join(ERAS, 'both.mjs')]);
    assert.equal(rec.code, 0, rec.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verify exits promptly after the replay, and the wrapped server is gone', async () => {
    const pidFile = join(dir, 'verify.pid');
    const r = await cli(['verify', trace, '--', 'sh', '-c', `${nodeBehindShell(pidFile, join(ERAS, 'both.mjs'))} ; true`], { timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.ms < 8000, `verify took ${r.ms} ms`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(await gone(pid, 3000), `the server (pid ${pid}) is gone after verify`);
  });

  it('a mock behind a wrapper answers a client and ends with it', async () => {
    const pidFile = join(dir, 'mock.pid');
    const session = new Session();
    await session.connect({ kind: 'stdio', command: 'sh', args: ['-c', `${nodeBehindShell(pidFile, CLI, ['mock', trace])} ; true`] }, { protocol: '2025-11-25' });
    const result = await session.callTool('echo', { text: 'hi' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'hi' }]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await session.close();
    assert.ok(await gone(pid, 3000), `the mock (pid ${pid}) is gone after the client closed`);
  });
});
