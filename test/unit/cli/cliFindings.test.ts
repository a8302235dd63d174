// What the CLI did with real servers before the move to SDK v2 and both eras, each as a test: wrappers that hung,
// orphans on SIGTERM, corrupted UTF-8, dropped server errors, size limits that looked like slow servers, raw
// validation dumps, unflagged outputSchema violations, unhelpful URL errors, questions with nobody to answer them,
// and environment variables that never reached the server.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../client/helpers';
import { buildCliIfNeeded, cli } from './cliRunner';
import { gone, nodeBehindShell } from '../processChecks';

const ERAS = join(ROOT, 'test', 'fixtures', 'servers', 'eras');
const server = (file: string) => ['--', process.execPath, join(ERAS, file)];

describe('mcp-workbench CLI with real servers of both eras', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    buildCliIfNeeded();
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-findings-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the tools of a 2026-only server with --protocol auto, and ping names the era', async () => {
    const tools = await cli(['tools', ...server('modern-only.mjs')]);
    assert.equal(tools.code, 0, tools.stderr);
    assert.match(tools.stdout, /^echo\b/m);
    const ping = await cli(['ping', '--json', ...server('modern-only.mjs')]);
    assert.equal(ping.code, 0, ping.stderr);
    const info = JSON.parse(ping.stdout);
    assert.equal(info.era, '2026');
    assert.equal(info.protocolVersion, '2026-07-28');
  });

  it('says the server only speaks 2026-07-28 when the 2025 handshake is forced, instead of "exited before answering"', async () => {
    const r = await cli(['tools', '--protocol', '2025-11-25', ...server('modern-only.mjs')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /only speaks 2026-07-28/);
    assert.match(r.stderr, /--protocol auto/);
    assert.doesNotMatch(r.stderr, /exited/);
  });

  it('exits promptly after success behind a shell wrapper, and leaves no process behind', async () => {
    const pidFile = join(dir, 'wrapped.pid');
    // The grandchild writes its pid; the shell waits for it, as `sh -c "node server.js; true"` does.
    for (const command of ['ping', 'call']) {
      const args = command === 'call' ? ['call', 'echo', '{"text":"hi"}'] : ['ping'];
      const r = await cli([...args, '--', 'sh', '-c', `${nodeBehindShell(pidFile, join(ERAS, 'both.mjs'))} ; true`], { timeoutMs: 15_000 });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.ms < 8000, `${command} took ${r.ms} ms`);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(await gone(pid, 3000), `the server (pid ${pid}) is gone after ${command}`);
    }
  });

  it('stops the server when the CLI gets SIGTERM mid-call, and exits 143', async () => {
    const pidFile = join(dir, 'sigterm.pid');
    let sent = false;
    const r = await cli(['call', 'slow', '{"steps":20,"stepMs":2000}', '--', 'sh', '-c', nodeBehindShell(pidFile, join(ERAS, 'both.mjs'))], {
      timeoutMs: 30_000,
      started: (child) => {
        const timer = setInterval(() => {
          try {
            if (readFileSync(pidFile, 'utf8') && !sent) {
              sent = true;
              clearInterval(timer);
              setTimeout(() => child.kill('SIGTERM'), 500);
            }
          } catch {
            // not started yet
          }
        }, 50);
      },
    });
    assert.ok(sent, 'SIGTERM was sent');
    assert.equal(r.code, 143, r.stderr);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(await gone(pid, 3000), `the server (pid ${pid}) is gone after SIGTERM`);
  });

  it('keeps 300,000 € intact through a shell wrapper (no U+FFFD from chunk boundaries)', async () => {
    const r = await cli(['call', 'euro', '--', 'sh', '-c', `"${process.execPath}" "${join(ERAS, 'euro.mjs')}"`]);
    assert.equal(r.code, 0, r.stderr);
    const text = r.stdout.trim();
    assert.equal(text.includes('\uFFFD'), false);
    assert.equal([...text].filter((c) => c === '€').length, 300_000);
  });

  it("shows the server's own error when it answers the connect with a JSON-RPC error", async () => {
    const r = await cli(['ping', ...server('init-error.mjs')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /answered the connect with an error: Database connection failed/);
    assert.match(r.stderr, /ECONNREFUSED 127\.0\.0\.1:5432/);
    assert.doesNotMatch(r.stderr, /exited with code 0/);
  });

  it('says a message exceeded the size limit, how big it was and how to raise it, without waiting for a timeout', async () => {
    const r = await cli(['call', 'big', '--max-message-size', '1000000', ...server('oversize.mjs')], { env: { OVERSIZE_BYTES: String(3_000_000) } });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /message of 2\.\d MiB, over the limit of 976\.6 KiB/);
    assert.match(r.stderr, /--max-message-size/);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
  });

  it('names the tool and the first problem of an invalid tools/list in one sentence; --verbose lists them all', async () => {
    const r = await cli(['tools', ...server('bad-schema.mjs')]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /^mcp-workbench tools: The server's tools\/list is invalid: tool "broken": inputSchema\.type: /m);
    assert.ok(r.stderr.split('\n').length < 6, r.stderr);
    const lint = await cli(['lint', ...server('bad-schema.mjs')]);
    assert.equal(lint.code, 1, lint.stderr);
    assert.match(lint.stdout, /error schema-invalid broken: Clients refuse this definition/);
  });

  it('says what is wrong with a URL instead of "No server given"', async () => {
    const bad = await cli(['tools', 'htp:/foo']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"htp:\/foo" is not an http:\/\/ or https:\/\/ URL/);
    const bare = await cli(['tools', 'localhost:3000/mcp']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /has no scheme/);
    assert.match(bare.stderr, /http:\/\/localhost:3000\/mcp/);
  });

  it('exits 7 and says so when structuredContent breaks the outputSchema, after printing the result', async () => {
    const r = await cli(['call', 'add', '{"a":1,"b":2}', ...server('output-violation.mjs')]);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stdout, /five/);
    assert.match(r.stderr, /does not match its outputSchema/);
  });

  it('without a terminal, names each question a tool asks and how to answer it; --input-response answers it', async () => {
    // 2026: the server's own key for the question; 2025: the method of the server's request.
    for (const [protocol, expectedKey] of [['auto', 'confirm'], ['2025-11-25', 'elicitation/create']]) {
      const r = await cli(['call', 'confirm', '{"action":"deploy"}', '--protocol', protocol, ...server('both.mjs')]);
      assert.equal(r.code, 6, `${protocol}: ${r.stderr}`);
      assert.match(r.stderr, /asks for input and there is no terminal to ask: \S+ \("Really deploy\?", fields: confirm\)/);
      assert.match(r.stderr, /--input-response \S+='\{"action":"accept","content":\{"confirm":true\}\}'/);
      const key = /--input-response (\S+)=/.exec(r.stderr)![1];
      assert.equal(key, expectedKey);
      const ok = await cli(['call', 'confirm', '{"action":"deploy"}', '--protocol', protocol, '--input-response', `${key}={"action":"accept","content":{"confirm":true}}`, ...server('both.mjs')]);
      assert.equal(ok.code, 0, `${protocol}: ${ok.stderr}`);
      // The method works as a key in both eras, so one command line records in either.
      const byMethod = await cli(['call', 'confirm', '{"action":"deploy"}', '--protocol', protocol, '--input-response', 'elicitation/create={"action":"accept","content":{"confirm":true}}', ...server('both.mjs')]);
      assert.equal(byMethod.code, 0, `${protocol}: ${byMethod.stderr}`);
    }
  });

  describe('the environment reaches the server from every command that starts one', () => {
    const commands: string[][] = [['ping'], ['tools'], ['resources'], ['templates'], ['prompts'], ['call', 'env', '{"name":"VARIANT"}'], ['lint']];
    for (const args of commands) {
      it(`${args[0]}: inherits the shell's VARIANT, adds --env, honours --cwd`, async () => {
        const inherited = await cli([...args, ...server('env-echo.mjs')], { env: { VARIANT: '2', REQUIRE_ENV: 'VARIANT' } });
        assert.equal(inherited.code, 0, inherited.stderr);
        const missing = await cli([...args, ...server('env-echo.mjs')], { env: { REQUIRE_ENV: 'MCPWB_NOT_SET_ANYWHERE' } });
        assert.equal(missing.code, 3, 'the fixture refuses to start without the variable: the test can fail');
        const added = await cli([...args, '--env', 'EXTRA=1', '--cwd', tmpdir(), ...server('env-echo.mjs')], { env: { REQUIRE_ENV: 'EXTRA', REQUIRE_CWD: tmpdir() } });
        assert.equal(added.code, 0, added.stderr);
      });
    }

    it("verify: the replayed server inherits the shell's VARIANT, gets --env and --cwd, and a missing one is a finding", async () => {
      const work = join(dir, 'env-work');
      mkdirSync(work, { recursive: true });
      const trace = join(dir, 'env.mcptrace');
      const rec = await cli(['call', 'env', '{"name":"VARIANT"}', '--record', trace, ...server('env-echo.mjs')], { cwd: work, env: { VARIANT: '2' } });
      assert.equal(rec.code, 0, rec.stderr);
      assert.equal(JSON.parse(rec.stdout).value, '2');
      const inherited = await cli(['verify', trace, ...server('env-echo.mjs')], { cwd: work, env: { VARIANT: '2', REQUIRE_ENV: 'VARIANT' } });
      assert.equal(inherited.code, 0, inherited.stdout + inherited.stderr);
      assert.match(inherited.stdout, /^PASS /);
      const refused = await cli(['verify', trace, ...server('env-echo.mjs')], { cwd: work, env: { REQUIRE_ENV: 'MCPWB_NOT_SET_ANYWHERE' } });
      assert.equal(refused.code, 3, 'the fixture refuses to start without the variable: the test can fail');
      const changed = await cli(['verify', trace, ...server('env-echo.mjs')], { cwd: work, env: { VARIANT: '' } });
      assert.equal(changed.code, 1, changed.stdout + changed.stderr);
      assert.match(changed.stdout, /\[answer-changed\] the answer to tools\/call env changed/);
      const added = await cli(['verify', trace, '--env', 'VARIANT=2', '--cwd', work, ...server('env-echo.mjs')], { env: { REQUIRE_CWD: work } });
      assert.equal(added.code, 0, added.stdout + added.stderr);
    });
  });

  describe('a Python server on the MCP Python SDK 2.x, behind a shell', () => {
    let python: string;
    before(function () {
      this.timeout(320_000);
      // The project's own script creates the cached venv (mcp from PyPI) on a clean machine.
      python = execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-python-mcp.mjs')], { encoding: 'utf8' }).trim();
    });
    const shell = () => ['--', 'sh', '-c', `"${python}" "${join(ROOT, 'test', 'fixtures', 'servers', 'python', 'server.py')}"`];

    for (const [protocol, expected] of [['auto', '2026-07-28'], ['2025-11-25', '2025-11-25']]) {
      it(`--protocol ${protocol}: the server says it was served in ${expected}, and text in every script survives`, async () => {
        const served = await cli(['call', 'protocol', '--protocol', protocol, ...shell()]);
        assert.equal(served.code, 0, served.stderr);
        assert.equal(served.stdout.trim(), expected);
        const text = 'Привет € 世界 🌍 שלום مرحبا';
        const echoed = await cli(['call', 'echo', JSON.stringify({ text }), '--protocol', protocol, ...shell()]);
        assert.equal(echoed.code, 0, echoed.stderr);
        assert.equal(echoed.stdout.trim(), text);
      });
    }
  });
});
