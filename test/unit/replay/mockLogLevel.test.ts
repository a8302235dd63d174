// mock replays the log messages recorded during a call at the level the client asked for, as the server would:
// logging/setLevel in 2025, the request's _meta in 2026-07-28.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../../src/core/client';
import { ROOT } from '../client/helpers';
import { buildCliIfNeeded, CLI, cli } from '../cli/cliRunner';

describe('mock and the client log level', function () {
  this.timeout(60_000);
  let dir: string;
  let trace: string;
  before(async () => {
    buildCliIfNeeded();
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-mock-log-'));
    trace = join(dir, 'slow.mcptrace');
    const rec = await cli(['call', 'slow', '{"steps":3,"stepMs":5}', '--log-level', 'debug', '--record', trace, '--', process.execPath, join(ROOT, 'test', 'fixtures', 'servers', 'eras', 'both.mjs')]);
    assert.equal(rec.code, 0, rec.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const protocol of ['2025-11-25', '2026-07-28'] as const) {
    it(`${protocol}: the info messages of a call reach a client at debug, not one at error`, async () => {
      const seen: Record<string, number> = {};
      for (const level of ['debug', 'error'] as const) {
        const session = new Session();
        let logs = 0;
        session.on('log', () => logs++);
        await session.connect({ kind: 'stdio', command: process.execPath, args: [CLI, 'mock', trace] }, { protocol });
        try {
          await session.setLogLevel(level);
          await session.callTool('slow', { steps: 3, stepMs: 5 });
          await new Promise((r) => setTimeout(r, 100));
          seen[level] = logs;
        } finally {
          await session.close();
        }
      }
      assert.deepEqual(seen, { debug: 3, error: 0 });
    });
  }
});
