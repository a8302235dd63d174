// Trace tools on input that is not a trace, tried as a new user would: a directory, an empty file, a header alone,
// a binary file, a text file, a missing file. For diff, verify and mock each is a usage error (exit 2) in one
// sentence, never EISDIR, a stack trace or "No changes"; a trace with hundreds of broken lines gets a few warnings
// and a count, not one line each; a last line cut off mid-write is one warning and the rest is used.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO } from './demoRecording';

const CLI = [process.execPath, '--import', 'tsx', path.join(REPO, 'src', 'cli', 'main.ts')];

function cli(args: string[]) {
  const r = spawnSync(CLI[0], [...CLI.slice(1), ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const header = { type: 'header', format: 'mcptrace', version: 1, createdAt: '2026-01-01T00:00:00.000Z', target: { transport: 'stdio', command: 'node' }, tool: { name: 't', version: '1' } };
const line = (x: unknown) => JSON.stringify(x) + '\n';
const call = (id: number, t: number) =>
  line({ type: 'message', t, dir: 'send', msg: { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text: `x${id}` } } } }) +
  line({ type: 'message', t: t + 1, dir: 'recv', msg: { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: `x${id}` }] } } });

describe('trace tools on bad input', function () {
  this.timeout(120_000);
  let dir: string;
  let good: string;
  const files: Record<string, string> = {};

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-bad-'));
    good = path.join(dir, 'good.mcptrace');
    writeFileSync(good, line(header) + call(1, 1) + call(2, 3));
    files.directory = path.join(dir, 'a-folder');
    mkdirSync(files.directory);
    files.empty = path.join(dir, 'empty.mcptrace');
    writeFileSync(files.empty, '');
    files.binary = path.join(dir, 'binary.mcptrace');
    writeFileSync(files.binary, Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7919) % 256)));
    files.headerOnly = path.join(dir, 'header.mcptrace');
    writeFileSync(files.headerOnly, line(header));
    files.text = path.join(dir, 'notes.txt');
    writeFileSync(files.text, 'these are my notes\nnot a trace\n');
    files.missing = path.join(dir, 'missing.mcptrace');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const expected: Record<string, RegExp> = {
    directory: /a-folder is a directory, not a trace file\.$/,
    empty: /empty\.mcptrace is empty, not a trace file\.$/,
    binary: /binary\.mcptrace is a binary file, not a trace/,
    headerOnly: /header\.mcptrace holds no recorded traffic/,
    text: /notes\.txt is not a trace: its first line is not JSON/,
    missing: /Cannot read \S*missing\.mcptrace: no such file\.$/,
  };

  for (const [name, sentence] of Object.entries(expected)) {
    it(`diff with a ${name} exits 2 with one sentence`, () => {
      const r = cli(['diff', files[name], good]);
      assert.strictEqual(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr.split('\n')[0], sentence);
      assert.ok(r.stderr.trim().split('\n').length <= 2, r.stderr);
      assert.strictEqual(r.stdout, '');
    });
  }

  // The server is never started: `node -e 0` would exit at once and make a server error of it.
  const commands: Record<string, (file: string) => string[]> = {
    verify: (file) => ['verify', file, '--', process.execPath, '-e', '0'],
    mock: (file) => ['mock', file],
  };
  for (const [command, args] of Object.entries(commands)) {
    it(`${command} of each kind of bad input exits 2 with one sentence on stderr, nothing on stdout`, () => {
      for (const [name, sentence] of Object.entries(expected)) {
        const r = cli(args(files[name]));
        assert.strictEqual(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
        assert.ok(r.stderr.startsWith(`mcp-workbench ${command}: `), `${name}: ${r.stderr}`);
        assert.match(r.stderr.split('\n')[0], sentence, name);
        assert.ok(r.stderr.trim().split('\n').length <= 2, `${name}: ${r.stderr}`);
        assert.strictEqual(r.stdout, '', name);
        assert.doesNotMatch(r.stderr, /EISDIR|ENOENT|\n\s+at /, name);
      }
    });
  }

  it('a last line cut off mid-write: one warning, the lines before it are used', () => {
    const cut = path.join(dir, 'cut.mcptrace');
    const whole = line(header) + call(1, 1) + call(2, 3);
    writeFileSync(cut, whole.slice(0, whole.length - 20));
    const r = cli(['diff', good, cut]);
    assert.strictEqual(r.code, 1, 'the cut call has no answer, so it is in one trace only');
    assert.match(r.stdout, /1 call in one trace only|1 calls in one trace only/);
    assert.deepStrictEqual(r.stderr.trim().split('\n'), [`warning: ${cut}: line 5 is cut off (the recording stopped mid-write); everything before it is intact`]);
  });

  it('mock of a directory, verify of a binary file: the same sentences, exit 2', () => {
    const m = cli(['mock', files.directory]);
    assert.strictEqual(m.code, 2, m.stderr);
    assert.match(m.stderr, /is a directory, not a trace file\./);
    assert.doesNotMatch(m.stderr, /EISDIR/);
    const v = cli(['verify', files.binary, '--', process.execPath, '-e', '0']);
    assert.strictEqual(v.code, 2, v.stderr);
    assert.match(v.stderr, /is a binary file, not a trace/);
    assert.ok(v.stdout.length < 200, 'no warnings on stdout');
  });

  it('caps repeated warnings: a few lines, then how many more', () => {
    const noisy = path.join(dir, 'noisy.mcptrace');
    writeFileSync(noisy, line(header) + call(1, 1) + 'garbage \u0001 line\n'.repeat(715) + call(2, 3));
    const r = cli(['diff', noisy, good]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    const warnings = r.stderr.trim().split('\n');
    assert.strictEqual(warnings.length, 4, r.stderr);
    assert.match(warnings[3], /… and 712 more lines that are not JSON$/);
    assert.ok(!r.stderr.includes('\u0001'), 'no raw control characters');
  });
});
