// The per-tier test counts of `npm test` come from `[counts]` lines; check they are read reliably, including
// from a real mocha run with the counting reporter.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('test-all counts', () => {
  it('sums every counts line, ignores lines that merely mention the prefix, and reports none as undefined', async () => {
    const { parseCounts } = await import('../../../scripts/lib/counts.mjs');
    assert.strictEqual(parseCounts('no counts here\n'), undefined);
    const text = [
      'noise [counts] not json',
      '[counts] {"tests":3,"passes":2,"failures":1,"pending":0}',
      '2026-01-01 [info] [counts] {"tests":4,"passes":3,"failures":0,"pending":1}',
    ].join('\n');
    assert.deepStrictEqual(parseCounts(text), { tests: 7, passes: 5, failures: 1, pending: 1 });
  });

  it('reads the counts a real mocha run prints with the counting reporter', async function () {
    this.timeout(30_000);
    const { parseCounts } = await import('../../../scripts/lib/counts.mjs');
    const dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-counts-'));
    try {
      const spec = path.join(dir, 'sample.test.js');
      writeFileSync(spec, "describe('s', () => { it('a', () => {}); it('b', () => { throw new Error('x'); }); it.skip('c', () => {}); });\n");
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--reporter', path.join(ROOT, 'scripts', 'lib', 'countingReporter.cjs'), spec], { encoding: 'utf8', cwd: ROOT });
      assert.strictEqual(r.status, 1, 'mocha exits with the number of failures');
      // mocha counts a pending test among its tests.
      assert.deepStrictEqual(parseCounts(r.stdout), { tests: 3, passes: 1, failures: 1, pending: 1 });
      assert.match(r.stdout, /1 passing/, 'the spec reporter output is still there');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
