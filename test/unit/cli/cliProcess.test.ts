// The built CLI (dist/cli.js) as a user runs it: against the demo server over stdio and server-everything over
// Streamable HTTP, with --json, --record, exit codes and one-sentence errors.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../../../src/core/gateway/gateway';
import { readTrace } from '../../../src/core/traffic/traceReader';
import { ROOT, startEverythingHttp, stopProcess } from '../client/helpers';
import { buildCliIfNeeded, CLI, cli } from './cliRunner';

const DEMO = join(ROOT, 'demo', 'server.mjs');

describe('mcp-workbench CLI (dist/cli.js)', function () {
  this.timeout(60000);
  let http: { url: string; child: ChildProcess } | undefined;
  let dir: string;

  before(async () => {
    buildCliIfNeeded();
    http = await startEverythingHttp();
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-cli-'));
  });

  after(async () => {
    await stopProcess(http?.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints help for every client command', async () => {
    for (const cmd of ['tools', 'resources', 'templates', 'prompts', 'call', 'read', 'prompt', 'ping']) {
      const r = await cli([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`Usage: mcp-workbench ${cmd} `));
      assert.match(r.stdout, /--record <file\.mcptrace>/);
      assert.match(r.stdout, /Exit codes: 0 ok/);
    }
    const top = await cli(['--help']);
    for (const cmd of ['tools', 'call', 'ping']) assert.match(top.stdout, new RegExp(`\\n  ${cmd} `));
  });

  it('lists tools of the demo server over stdio, as text and as JSON', async () => {
    const r = await cli(['tools', '--', process.execPath, DEMO]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^echo\s+Echo$/m);
    const j = await cli(['tools', '--json', '--', process.execPath, DEMO]);
    const tools = JSON.parse(j.stdout);
    assert.ok(tools.some((t: { name: string; inputSchema: unknown }) => t.name === 'create_order' && t.inputSchema));
  });

  it('calls a tool over Streamable HTTP and prints its text', async () => {
    const r = await cli(['call', http!.url, 'echo', '{"message":"over http"}']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /over http/);
  });

  it('lists resources, templates and prompts, reads a resource and gets a prompt', async () => {
    const res = await cli(['resources', '--json', http!.url]);
    assert.equal(res.code, 0, res.stderr);
    const uri = JSON.parse(res.stdout)[0].uri as string;
    const read = await cli(['read', http!.url, uri, '--json']);
    assert.equal(read.code, 0, read.stderr);
    assert.equal(JSON.parse(read.stdout).contents[0].uri, uri);
    assert.equal((await cli(['templates', http!.url])).code, 0);
    const prompts = await cli(['prompts', http!.url]);
    assert.match(prompts.stdout, /args-prompt\s+\(city\*, state\)/);
    const prompt = await cli(['prompt', http!.url, 'args-prompt', '{"city":"Lyon"}']);
    assert.equal(prompt.code, 0, prompt.stderr);
    assert.match(prompt.stdout, /^user: .*Lyon/m);
  });

  it('pings with --json', async () => {
    const r = await cli(['ping', '--json', http!.url]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.ok, true);
    assert.equal(j.transport, 'streamable-http');
    assert.equal(j.protocolVersion, '2025-11-25');
  });

  it('records a trace with --record that the reader pairs up', async () => {
    const file = join(dir, 'call.mcptrace');
    const r = await cli(['call', 'echo', '{"text":"traced"}', '--record', file, '--', process.execPath, DEMO]);
    assert.equal(r.code, 0, r.stderr);
    const { header, events, problems } = await readTrace(file);
    assert.equal(problems.length, 0);
    assert.equal(header?.target.transport, 'stdio');
    const methods = events.filter((e) => e.type === 'message' && e.dir === 'send').map((e) => (e as { msg: { method?: string } }).msg.method);
    // auto finds the demo's 2026 era; `call` reads the tool's outputSchema from tools/list first.
    assert.equal(header?.era, '2026');
    assert.deepEqual(methods.filter(Boolean), ['server/discover', 'tools/list', 'tools/call']);
    assert.ok(events.some((e) => e.type === 'stderr'), 'stderr lines are recorded');
    assert.ok(events.some((e) => e.type === 'message' && e.dir === 'recv' && JSON.stringify(e.msg).includes('traced')));
  });

  it('exits 4 when the tool reports isError, 5 on a JSON-RPC error, 3 when it cannot connect, 2 on usage errors', async () => {
    const toolError = await cli(['call', 'echo', '{}', '--', process.execPath, DEMO]);
    assert.equal(toolError.code, 4, toolError.stderr);
    assert.match(toolError.stderr, /reported an error \(isError: true\)/);
    const protocol = await cli(['read', 'demo://does-not-exist', '--', process.execPath, DEMO]);
    assert.equal(protocol.code, 5, protocol.stderr);
    // SDK v2 servers answer an unknown resource with -32602 (2025-11-25 and 2026-07-28 alike).
    assert.match(protocol.stderr, /^mcp-workbench read: The server answered with JSON-RPC error -32602: Resource not found/m);
    const connection = await cli(['ping', '--', 'no-such-mcp-server-binary']);
    assert.equal(connection.code, 3);
    assert.match(connection.stderr, /^mcp-workbench ping: The command "no-such-mcp-server-binary" was not found on PATH/m);
    assert.match(connection.stderr, /^hint: /m);
    const usage = await cli(['call', http!.url]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Missing <tool>\./);
    for (const r of [toolError, protocol, connection, usage]) assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  it('shows the exit code and stderr tail when the server dies before initialize', async () => {
    const r = await cli(['tools', '--', process.execPath, join(ROOT, 'test', 'fixtures', 'servers', 'exits-early.mjs')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /exited with code 3 before answering initialize/);
    assert.match(r.stderr, /stderr \| Error: DATABASE_URL is not set/);
  });

  it('resolves --config/--server targets with --input, and fails in one sentence without a value and no terminal', async () => {
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    const config = join(dir, '.vscode', 'mcp.json');
    writeFileSync(config, JSON.stringify({ inputs: [{ id: 'greeting', type: 'promptString', description: 'Greeting' }], servers: { demo: { command: process.execPath, args: [DEMO], env: { GREETING: '${input:greeting}' } } } }));
    const ok = await cli(['ping', '--config', config, '--server', 'demo', '--input', 'greeting=hello']);
    assert.equal(ok.code, 0, ok.stderr);
    const missing = await cli(['ping', '--config', config, '--server', 'demo']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs \$\{input:greeting\} \(Greeting\), and no value was given\./);
    assert.match(missing.stderr, /hint: Give it with --input greeting=<value>/);
  });

  it('asks for ${input:...} on a terminal without echoing a password input', async function () {
    if (!existsSync('/usr/bin/script')) this.skip(); // util-linux's script gives the CLI a pseudo-terminal
    mkdirSync(join(dir, 'tty', '.vscode'), { recursive: true });
    const config = join(dir, 'tty', '.vscode', 'mcp.json');
    writeFileSync(config, JSON.stringify({ inputs: [{ id: 'greeting', type: 'promptString', description: 'Greeting', password: true }], servers: { demo: { command: process.execPath, args: [DEMO], env: { GREETING: '${input:greeting}' } } } }));
    const child = spawn('/usr/bin/script', ['-qec', `"${process.execPath}" "${CLI}" ping --config "${config}" --server demo`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let answered = false;
    child.stdout.on('data', (d) => {
      out += d;
      if (!answered && out.includes('Greeting:')) {
        answered = true;
        child.stdin.write('hello-secret\r');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    const code = await new Promise((r) => child.on('close', r));
    clearTimeout(timer);
    assert.equal(code, 0, out);
    assert.match(out, /pong from mcp-workbench-demo/);
    assert.ok(!out.includes('hello-secret'), 'the password is not echoed');
  });

  it('signs in with --oauth-headless against an auto-approving OAuth server', async () => {
    const gateway = await startGateway({ child: { command: process.execPath, args: [DEMO] }, auth: 'oauth', oauth: { autoApprove: true } });
    try {
      const r = await cli(['call', gateway.url, 'echo', '{"text":"signed in"}', '--oauth-headless']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /signed in/);
      const without = await cli(['ping', gateway.url]);
      assert.equal(without.code, 3);
      assert.match(without.stderr, /401 Unauthorized/);
      assert.match(without.stderr, /hint: Sign in with OAuth \(--oauth\)/);
    } finally {
      await gateway.close();
    }
  });

  it('prints server log messages with --log-level, and only then', async () => {
    const r = await cli(['call', 'echo', '{"text":"x"}', '--log-level', 'info', '--', process.execPath, DEMO]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^\[info\] demo: calling echo$/m);
    const quiet = await cli(['call', 'echo', '{"text":"x"}', '--', process.execPath, DEMO]);
    assert.doesNotMatch(quiet.stderr, /calling echo/);
  });

  it('records a failed connect too: the trace keeps the stderr lines and the close', async () => {
    const file = join(dir, 'failed.mcptrace');
    const r = await cli(['tools', '--record', file, '--', process.execPath, join(ROOT, 'test', 'fixtures', 'servers', 'exits-early.mjs')]);
    assert.equal(r.code, 3);
    const { events, problems } = await readTrace(file);
    assert.equal(problems.length, 0);
    // auto: the server exited during the server/discover probe, so it was started once more for the 2025 handshake;
    // the trace keeps both runs' stderr and says why there were two.
    const stderr = ['Loading config...', 'Error: DATABASE_URL is not set'];
    assert.deepEqual(events.filter((e) => e.type === 'stderr').map((e) => (e as { text: string }).text), [...stderr, ...stderr]);
    assert.ok(events.some((e) => e.type === 'note' && /second spawn/.test(e.text)));
    assert.match(r.stderr, /exited on both starts/);
    assert.ok(events.some((e) => e.type === 'transport' && e.event === 'close'));
  });
});
