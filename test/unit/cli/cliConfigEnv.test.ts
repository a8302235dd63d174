// A server from a config entry: the entry's env goes over the shell's, --env over both, and --cwd applies to it too.
import { strict as assert } from 'node:assert';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../client/helpers';
import { buildCliIfNeeded, cli } from './cliRunner';

describe('mcp-workbench with a config entry: environment and working directory', function () {
  this.timeout(60_000);
  let dir: string;
  let config: string;
  before(() => {
    buildCliIfNeeded();
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcpwb-cli-config-')));
    config = join(dir, 'mcp.json');
    const server = { type: 'stdio', command: process.execPath, args: [join(ROOT, 'test', 'fixtures', 'servers', 'eras', 'env-echo.mjs')], env: { VARIANT: 'entry' } };
    writeFileSync(config, JSON.stringify({ servers: { echo: server } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const seen = async (extra: string[], env: Record<string, string>) => {
    const r = await cli(['call', 'env', '{"name":"VARIANT"}', '--json', '--config', config, '--server', 'echo', ...extra], { env });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).structuredContent as { value: string; cwd: string };
  };

  it("the entry's env wins over the shell's, --env over the entry's", async () => {
    assert.equal((await seen([], { VARIANT: 'shell' })).value, 'entry');
    assert.equal((await seen(['--env', 'VARIANT=flag'], { VARIANT: 'shell' })).value, 'flag');
  });

  it('--cwd sets the working directory of a config entry', async () => {
    assert.equal((await seen(['--cwd', dir], {})).cwd, dir);
  });

  it('--cwd naming no directory is a usage error in every command, verify included', async () => {
    const trace = join(dir, 'tools.mcptrace');
    assert.equal((await cli(['tools', '--record', trace, '--config', config, '--server', 'echo'])).code, 0);
    const badCwd = ['--cwd', join(dir, 'no-such-dir')];
    for (const args of [['tools', ...badCwd, '--config', config, '--server', 'echo'], ['verify', trace, ...badCwd, '--', process.execPath, '-e', '0']]) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, /--cwd .*no-such-dir: no such directory\./, `${args[0]}: ${r.stdout}`);
    }
  });
});
