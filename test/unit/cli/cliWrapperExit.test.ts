// Servers behind a shell wrapper (the shape of npx, uvx, `sh -c "node server.js; true"`): verify exits promptly
// and leaves no process behind; a mock started behind a wrapper by a client ends when the client closes it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from '../../../src/core/client';
import { ROOT } from '../client/helpers';
import { buildCliIfNeeded, CLI, cli } from './cliRunner';

const ERAS = join(ROOT, 'test', 'fixtures', 'servers', 'eras');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/** A shell line whose node grandchild writes its pid to `pidFile`, then runs `module` (an ES module). */
function writePidThen(pidFile: string, module: string, argv: string[] = []): string {
  const script = `import { writeFileSync } from 'node:fs'; writeFileSync('${pidFile}', String(process.pid)); process.argv.splice(1, Infinity, ...${JSON.stringify([module, ...argv]).replace(/"/g, "'")}); await import('${pathToFileURL(module).href}');`;
  return `"${process.execPath}" --input-type=module -e "${script}" ; true`;
}

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
    const r = await cli(['verify', trace, '--', 'sh', '-c', writePidThen(pidFile, join(ERAS, 'both.mjs'))], { timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.ms < 8000, `verify took ${r.ms} ms`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(await gone(pid, 3000), `the server (pid ${pid}) is gone after verify`);
  });

  it('a mock behind a wrapper answers a client and ends with it', async () => {
    const pidFile = join(dir, 'mock.pid');
    const session = new Session();
    await session.connect({ kind: 'stdio', command: 'sh', args: ['-c', writePidThen(pidFile, CLI, ['mock', trace])] }, { protocol: '2025-11-25' });
    const result = await session.callTool('echo', { text: 'hi' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'hi' }]);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await session.close();
    assert.ok(await gone(pid, 3000), `the mock (pid ${pid}) is gone after the client closed`);
  });
});
