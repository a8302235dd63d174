// The `serve` command as programs start it: real CLI processes (run from source with tsx), the --json contract,
// one-sentence usage errors, the token kept out of the served process's environment, and --exit-with-parent.
import { strict as assert } from 'node:assert';
import { spawn, ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { FIXTURE, processAlive, waitFor } from './gatewayTestKit';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const CLI_ARGS = ['--require', 'tsx/cjs', CLI, 'serve'];

function startCli(args: string[], env: Record<string, string> = {}): { proc: ChildProcess; lines: AsyncIterableIterator<string>; stderr: () => string } {
  const proc = spawn(process.execPath, [...CLI_ARGS, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  return { proc, lines, stderr: () => err };
}

async function nextJson(lines: AsyncIterableIterator<string>): Promise<any> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error('the CLI ended without the expected JSON line');
    try {
      return JSON.parse(value);
    } catch {
      // not JSON
    }
  }
}

function exitOf(proc: ChildProcess): Promise<number | null> {
  return proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise((r) => proc.once('exit', (code) => r(code)));
}

describe('mcp-workbench serve (CLI)', function () {
  this.timeout(60000);

  it('prints one ready line, serves the token it read from --token-env without passing it on, and stops on SIGTERM', async () => {
    const token = 't'.repeat(48);
    const { proc, lines } = startCli(['--json', '--token-env', 'GW_TEST_TOKEN', '--', process.execPath, FIXTURE], { GW_TEST_TOKEN: token });
    try {
      const ready = await nextJson(lines);
      assert.equal(ready.type, 'ready');
      assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      assert.equal(ready.token, token);
      assert.equal(ready.authMode, 'token');
      assert.equal(ready.pid, proc.pid);
      assert.match(ready.tokenId, /^tok_[0-9a-f]{12}$/);
      const client = new Client({ name: 'cli-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(ready.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      const env: any = await client.callTool({ name: 'env', arguments: { name: 'GW_TEST_TOKEN' } });
      assert.equal(env.content[0].text, 'unset', 'the served process must not see the gateway token');
      await client.close();
    } finally {
      proc.kill('SIGTERM');
    }
    let last = await nextJson(lines);
    while (last.type === 'stats') last = await nextJson(lines);
    assert.equal(last.type, 'stopped');
    assert.equal(await exitOf(proc), 0);
  });

  it('exits when its parent dies (--exit-with-parent), taking its server processes with it', async () => {
    // A parent that starts the gateway, reports both pids, then is killed with SIGKILL.
    const parentScript = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ${JSON.stringify([...CLI_ARGS, '--json', '--exit-with-parent', '--', process.execPath, FIXTURE])}, { stdio: ['pipe', 'pipe', 'inherit'] });
      g.stdout.on('data', (d) => process.stdout.write(d));
    `;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: parent.stdout! })[Symbol.asyncIterator]();
    const ready = await nextJson(lines);
    const client = new Client({ name: 'cli-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(ready.url), { requestInit: { headers: { authorization: `Bearer ${ready.token}` } } }));
    const serverPid = Number(((await client.callTool({ name: 'pid', arguments: {} })) as any).content[0].text);
    parent.kill('SIGKILL');
    await waitFor(() => !processAlive(ready.pid), 10000, 'the gateway to exit after its parent died');
    await waitFor(() => !processAlive(serverPid), 5000, 'the served process to exit with the gateway');
    await client.close().catch(() => {});
  });

  it('refuses bad usage with one sentence and exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Nothing to serve: give a command after --/],
      [['--auth', 'maybe', '--', 'x'], /--auth must be token, oauth or none/],
      [['--fault', 'gremlins', '--', 'x'], /Unknown fault "gremlins"/],
      [['--port', 'eighty', '--', 'x'], /--port needs a number/],
      [['--host', '0.0.0.0', '--', process.execPath, FIXTURE], /not a loopback address; pass --allow-remote/],
      [['--config', '/nonexistent/mcp.json', '--server', 'x'], /Cannot read \/nonexistent\/mcp.json: ENOENT/],
    ];
    // In parallel: each case is a separate process.
    await Promise.all(
      cases.map(async ([args, pattern]) => {
        const { proc, stderr } = startCli(args);
        const code = await exitOf(proc);
        assert.match(stderr(), pattern, `for ${args.join(' ')}`);
        assert.ok(!/\n\s+at /.test(stderr()), 'no stack trace');
        assert.equal(code, args.includes('--host') ? 3 : 2, `exit code for ${args.join(' ')}`);
      }),
    );
  });
});
