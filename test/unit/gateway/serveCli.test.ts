// The `serve` command as programs start it: real CLI processes (run from source with tsx), the --json contract,
// one-sentence usage errors, the served process's environment (inherited, plus --env, never the token), the check
// that the command starts before ready, and --exit-with-parent.
import { strict as assert } from 'node:assert';
import { spawn, ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { FIXTURE, processAlive, waitFor } from './gatewayTestKit';
import { parseServeArgs } from '../../../src/cli/commands/serve';
import { CliError } from '../../../src/cli/cliError';

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
    const { proc, lines } = startCli(['--json', '--token-env', 'GW_TEST_TOKEN', '--env', 'GW_ADDED=by --env', '--', process.execPath, FIXTURE], { GW_TEST_TOKEN: token, GW_INHERITED: 'from the shell' });
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
      const inherited: any = await client.callTool({ name: 'env', arguments: { name: 'GW_INHERITED' } });
      assert.equal(inherited.content[0].text, 'from the shell', 'the served process inherits the environment serve was started with');
      const added: any = await client.callTool({ name: 'env', arguments: { name: 'GW_ADDED' } });
      assert.equal(added.content[0].text, 'by --env');
      assert.deepEqual(ready.serverEras, { modern: ['2026-07-28'], legacy: '2025-11-25' }, 'the server was started once before ready');
      assert.ok(ready.acceptedVersions.includes('2025-11-25') && ready.acceptedVersions.includes('2026-07-28'), 'both eras accepted');
      await client.close();
    } finally {
      proc.kill('SIGTERM');
    }
    let last = await nextJson(lines);
    while (last.type === 'stats') last = await nextJson(lines);
    assert.equal(last.type, 'stopped');
    assert.equal(await exitOf(proc), 0);
  });

  it('serves a server named in a client config, with its variables and env resolved', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwb-serve-config-'));
    try {
      mkdirSync(join(ws, '.vscode'));
      writeFileSync(
        join(ws, '.vscode', 'mcp.json'),
        JSON.stringify({ servers: { fixture: { type: 'stdio', command: process.execPath, args: [FIXTURE], env: { FIXTURE_MARK: '${workspaceFolder}/mark' } } } }),
      );
      const { proc, lines, stderr } = startCli(['--json', '--config', join(ws, '.vscode', 'mcp.json'), '--server', 'fixture']);
      try {
        const ready = await nextJson(lines).catch((e) => {
          throw new Error(`${e.message}: ${stderr()}`);
        });
        assert.deepEqual(ready.command, [process.execPath, FIXTURE]);
        const client = new Client({ name: 'cli-test', version: '1' });
        await client.connect(new StreamableHTTPClientTransport(new URL(ready.url), { requestInit: { headers: { authorization: `Bearer ${ready.token}` } } }));
        const env: any = await client.callTool({ name: 'env', arguments: { name: 'FIXTURE_MARK' } });
        assert.equal(env.content[0].text, join(ws, 'mark'), '${workspaceFolder} is the folder that holds .vscode');
        await client.close();
      } finally {
        proc.kill('SIGTERM');
        await exitOf(proc);
      }
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
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

  it('refuses bad usage with one sentence: exit code 2 from the real CLI', async () => {
    const { proc, stderr } = startCli(['--auth', 'maybe', '--', 'x']);
    assert.equal(await exitOf(proc), 2);
    assert.match(stderr(), /^mcp-workbench serve: --auth must be token, oauth or none, not "maybe"\.\n/);
    assert.ok(!/\n\s+at /.test(stderr()), 'no stack trace');
  });

  it('checks that the command starts before printing ready: a missing command or a server that exits is one sentence, exit code 3', async () => {
    for (const [command, pattern] of [
      [['/no/such/command'], /^mcp-workbench serve: Checking that the server starts: Could not start the server process "\/no\/such\/command": spawn \/no\/such\/command ENOENT\.\n/],
      [['sh', '-c', 'echo missing API key >&2; exit 4'], /^mcp-workbench serve: Checking that the server starts: The server process "sh" exited with code 4\. Last stderr output: missing API key\n/],
    ] as Array<[string[], RegExp]>) {
      const { proc, lines, stderr } = startCli(['--json', '--', ...command]);
      assert.equal(await exitOf(proc), 3, stderr());
      assert.match(stderr(), pattern);
      assert.ok(!/\n\s+at /.test(stderr()), 'no stack trace');
      assert.equal((await lines.next()).done, true, 'nothing on stdout: no ready line');
    }
    const { proc, lines } = startCli(['--json', '--lazy', '--', '/no/such/command']);
    try {
      const ready = await nextJson(lines);
      assert.equal(ready.type, 'ready', '--lazy starts nothing before ready');
      assert.equal(ready.serverEras, null);
    } finally {
      proc.kill('SIGTERM');
      await exitOf(proc);
    }
  });

  it('OAuth mode: the approval code goes to its own terminal and to the editor reading --json; --auto-approve warns', async () => {
    const { proc, lines, stderr } = startCli(['--json', '--auth', 'oauth', '--', process.execPath, FIXTURE]);
    try {
      const ready = await nextJson(lines);
      const origin = new URL(ready.url).origin;
      const reg = await fetch(`${origin}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:9/cb'], client_name: 'cli-client', token_endpoint_auth_method: 'none' }) });
      const { client_id } = (await reg.json()) as { client_id: string };
      const page = await fetch(`${origin}/authorize?response_type=code&client_id=${client_id}&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&code_challenge=${'c'.repeat(43)}&code_challenge_method=S256`);
      assert.equal(page.status, 200);
      let line = await nextJson(lines);
      while (line.type === 'stats') line = await nextJson(lines);
      assert.equal(line.type, 'approval');
      assert.equal(line.client, 'cli-client');
      assert.match(line.code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      await waitFor(() => stderr().includes(`Approval code: ${line.code}`), 3000, 'the code on the terminal');
    } finally {
      proc.kill('SIGTERM');
      await exitOf(proc);
    }
    const auto = startCli(['--json', '--auth', 'oauth', '--auto-approve', '--', process.execPath, FIXTURE]);
    try {
      await nextJson(auto.lines);
      assert.match(auto.stderr(), /WARNING: --auto-approve: any local process can get an OAuth token without you/);
    } finally {
      auto.proc.kill('SIGTERM');
      await exitOf(auto.proc);
    }
  });

  it('names each usage error in one sentence', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^Nothing to serve: give a command after --/],
      [['--fault', 'gremlins', '--', 'x'], /^Unknown fault "gremlins"/],
      [['--port', 'eighty', '--', 'x'], /^--port needs a number of at least 0, not "eighty"\.$/],
      [['--config', '/nonexistent/mcp.json', '--server', 'x'], /^Cannot read \/nonexistent\/mcp\.json: ENOENT\.$/],
      [['--config', 'a.json'], /^--config and --server go together\.$/],
      [['--token-env', 'MCPWB_SURELY_UNSET', '--', 'x'], /^The environment variable MCPWB_SURELY_UNSET must hold a token of at least 32 characters\.$/],
      [['--bogus'], /^Unknown option '--bogus'/],
    ];
    for (const [args, pattern] of cases) {
      await assert.rejects(parseServeArgs(args), (e: Error) => {
        assert.ok(e instanceof CliError, `${args.join(' ')}: ${e.message}`);
        assert.match(e.message, pattern);
        assert.equal(e.exitCode, 2);
        return true;
      });
    }
  });
});
