// The one stdio process layer against real child processes: framing, decoding, diagnostics, limits, environment and
// stopping the whole process group.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { LineFramer } from '../../../src/core/process/lineFramer';
import { responseIdOf, StdioProcessTransport } from '../../../src/core/process/stdioProcessTransport';
import { liveProcessCount } from '../../../src/core/process/liveProcesses';
import { alive } from '../processChecks';

const dir = mkdtempSync(join(tmpdir(), 'mcpwb-proc-'));

function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('StdioProcessTransport', () => {
  it('decodes a multi-byte character split across two stdout chunks', async () => {
    // The € (E2 82 AC) is cut after its first byte, and the two halves are written 50 ms apart.
    const file = script(
      'split.mjs',
      `const line = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { text: 'a€b' } }) + '\\n');
       const cut = line.indexOf(0xe2) + 1;
       process.stdout.write(line.subarray(0, cut));
       setTimeout(() => process.stdout.write(line.subarray(cut)), 50);
       setTimeout(() => {}, 300);`,
    );
    const got: JSONRPCMessage[] = [];
    const t = new StdioProcessTransport({ command: process.execPath, args: [file] });
    t.onmessage = (m) => got.push(m);
    await t.start();
    await until(() => got.length === 1);
    assert.equal((got[0] as unknown as { params: { text: string } }).params.text, 'a€b');
    await t.close();
  });

  it('keeps non-JSON stdout lines as diagnostics and goes on', async () => {
    const file = script('noisy.mjs', `console.log('hello from the server'); console.log('{"not":"jsonrpc"}'); console.log(JSON.stringify({ jsonrpc: '2.0', method: 'x' })); setTimeout(() => {}, 300);`);
    const bad: string[] = [];
    const got: JSONRPCMessage[] = [];
    const t = new StdioProcessTransport({ command: process.execPath, args: [file] }, { onNonJsonLine: (line) => bad.push(line) });
    t.onmessage = (m) => got.push(m);
    await t.start();
    await until(() => got.length === 1);
    assert.deepEqual(bad, ['hello from the server', '{"not":"jsonrpc"}']);
    assert.deepEqual(t.nonJsonLines, bad);
    await t.close();
  });

  it('drops a message over the limit and says how big it was, then reads the next one', async () => {
    const file = script('big.mjs', `process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'big', params: { s: 'x'.repeat(300000) } }) + '\\n'); process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'small' }) + '\\n'); setTimeout(() => {}, 300);`);
    const got: string[] = [];
    const errors: Error[] = [];
    const t = new StdioProcessTransport({ command: process.execPath, args: [file], maxMessageBytes: 100_000 });
    t.onmessage = (m) => got.push((m as { method: string }).method);
    t.onerror = (e) => errors.push(e);
    await t.start();
    await until(() => got.length === 1);
    assert.deepEqual(got, ['small']);
    assert.ok(t.oversize && t.oversize.bytes > 300_000, `oversize recorded: ${JSON.stringify(t.oversize)}`);
    assert.match(errors[0].message, /message of 293\.\d KiB, over the limit of 97\.7 KiB/);
    await t.close();
  });

  it('answers a request whose response was over the limit with an error naming the size, at once', async () => {
    const file = script('bigreply.mjs', `process.stdin.on('data', () => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: 7, result: { s: 'x'.repeat(300000) } }) + '\\n')); setTimeout(() => {}, 2000);`);
    const got: JSONRPCMessage[] = [];
    const t = new StdioProcessTransport({ command: process.execPath, args: [file], maxMessageBytes: 100_000 });
    t.onmessage = (m) => got.push(m);
    await t.start();
    await t.send({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'big' } });
    await until(() => got.length === 1);
    const reply = got[0] as unknown as { id: number; error: { message: string; data: { bytes: number } } };
    assert.equal(reply.id, 7);
    assert.match(reply.error.message, /over the limit of 97\.7 KiB.*--max-message-size/);
    assert.ok(reply.error.data.bytes > 300_000);
    await t.close();
  });

  it('finds a response id at either end of an over-long line, and never in a request', () => {
    assert.equal(responseIdOf('{"jsonrpc":"2.0","id":12,"result":{"a":', ''), 12);
    assert.equal(responseIdOf('{"result":{"content":[{"id":3', '"x"}]},"jsonrpc":"2.0","id":"abc"}'), 'abc');
    assert.equal(responseIdOf('{"jsonrpc":"2.0","method":"notifications/message","params":{"id":1', '}}'), undefined);
  });

  it('passes the inherited environment plus its own variables, and the working directory', async () => {
    const out = join(dir, 'env.json');
    const file = script('env.mjs', `require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ a: process.env.MCPWB_INHERITED, b: process.env.MCPWB_OWN, cwd: process.cwd() }));`.replace('require', '(await import("node:module")).createRequire(import.meta.url)'));
    process.env.MCPWB_INHERITED = 'from-parent';
    try {
      const t = new StdioProcessTransport({ command: process.execPath, args: [file], env: { MCPWB_OWN: 'own' }, cwd: tmpdir() });
      await t.start();
      await t.settle(5000);
      assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { a: 'from-parent', b: 'own', cwd: tmpdir() });
      await t.close();
    } finally {
      delete process.env.MCPWB_INHERITED;
    }
  });

  it('stops a server started through a shell wrapper, grandchild included, and resolves close promptly', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const file = script('sleeper.mjs', `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`.replace('require', '(await import("node:module")).createRequire(import.meta.url)'));
    const t = new StdioProcessTransport({ command: 'sh', args: ['-c', `"${process.execPath}" "${file}"; true`] });
    let closed = 0;
    t.onclose = () => closed++;
    await t.start();
    await until(() => {
      try {
        return readFileSync(pidFile, 'utf8').length > 0;
      } catch {
        return false;
      }
    });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(grandchild));
    const started = Date.now();
    await t.close();
    assert.ok(Date.now() - started < 2500, `close took ${Date.now() - started} ms`);
    await until(() => !alive(grandchild), 3000);
    assert.equal(closed, 1);
    assert.equal(t.exit?.stopped, true);
  });

  it('reports a server that exits on its own, with its stderr tail', async () => {
    const file = script('crash.mjs', `console.error('boom: bad config'); process.exit(3);`);
    const exits: unknown[] = [];
    const t = new StdioProcessTransport({ command: process.execPath, args: [file] }, { onExit: (e) => exits.push(e) });
    let closed = false;
    t.onclose = () => (closed = true);
    // Other suites in the same mocha process may still hold servers; only this one's untracking is measured.
    const before = liveProcessCount();
    await t.start();
    assert.equal(liveProcessCount(), before + 1);
    await until(() => closed);
    assert.deepEqual(exits, [{ code: 3, signal: null, stopped: false }]);
    assert.deepEqual(t.stderrTail, ['boom: bad config']);
    assert.equal(liveProcessCount(), before);
  });

  it('rejects start with the spawn error for a missing command, and close() then resolves', async () => {
    const t = new StdioProcessTransport({ command: '/no/such/command' });
    await assert.rejects(t.start(), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    await t.close();
  });

  it('the SDK sees it as a stdio transport (stderr and pid accessors)', () => {
    const t = new StdioProcessTransport({ command: 'true' });
    assert.ok('stderr' in t && 'pid' in t);
  });

  it('a process that exits mid-line still has its last line read', async () => {
    const file = script('partial.mjs', `process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'last' }));`);
    const got: string[] = [];
    const t = new StdioProcessTransport({ command: process.execPath, args: [file] });
    t.onmessage = (m) => got.push((m as { method: string }).method);
    let closed = false;
    t.onclose = () => (closed = true);
    await t.start();
    await until(() => closed);
    assert.deepEqual(got, ['last']);
  });
});

describe('LineFramer', () => {
  it('reports an over-long line once with its whole size, across chunks', () => {
    const lines: string[] = [];
    const over: number[] = [];
    const f = new LineFramer((l) => lines.push(l), 10, (bytes) => over.push(bytes));
    f.push(Buffer.from('short\n0123456789'));
    f.push(Buffer.from('abcdef'));
    f.push(Buffer.from('ghi\nnext\n'));
    assert.deepEqual(lines, ['short', 'next']);
    assert.deepEqual(over, [19]);
  });

  it('never splits a UTF-8 character, whatever the chunk boundaries', () => {
    const text = '€😀ü中';
    const bytes = Buffer.from(text + '\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const lines: string[] = [];
      const f = new LineFramer((l) => lines.push(l));
      f.push(bytes.subarray(0, cut));
      f.push(bytes.subarray(cut));
      assert.deepEqual(lines, [text], `cut at ${cut}`);
    }
  });
});

after(() => {
  execFileSync('rm', ['-rf', dir]);
});
