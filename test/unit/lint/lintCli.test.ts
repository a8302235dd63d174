// `mcp-workbench lint` as a user runs it (the built dist/cli.js) against real stdio servers: the cost table,
// a poisoned description failing the run, and drift reported against a hashes file.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(__dirname, 'fixtures', 'catalogueServer.mjs');

function lint(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mcp-workbench lint', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI) || process.env.MCPWB_CLI_REBUILD !== '0') {
      const r = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], banner: { js: '#!/usr/bin/env node' }, sourcemap: 'linked', logLevel: 'error' })`], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-lint-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the context cost of the demo server, biggest tool first, and exits 0', () => {
    const r = lint(['--', process.execPath, join(ROOT, 'demo', 'server.mjs')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^7 tools, about \d+ tokens of context$/m);
    const rows = r.stdout.split('\n').slice(1, 8).map((l) => l.trim().split(/\s+/)[0]);
    assert.equal(rows[0], 'create_order', r.stdout);
  });

  it('fails on a poisoned description and shows the excerpt', () => {
    const r = lint(['--', process.execPath, FIXTURE, 'poisoned']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /error hidden-instructions add:/);
    assert.match(r.stdout, /error reads-secrets add:/);
    const j = lint(['--json', '--', process.execPath, FIXTURE, 'poisoned']);
    const report = JSON.parse(j.stdout);
    assert.equal(report.toolCount, 2);
    assert.ok(report.findings.some((f: { code: string }) => f.code === 'hidden-instructions'));
  });

  it('writes a hashes file and reports a tool whose definition changed since', () => {
    const hashes = join(dir, 'hashes.json');
    const first = lint([hashes, '--', process.execPath, FIXTURE, 'clean']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(hashes, 'utf8'))).sort(), ['add', 'echo']);
    const second = lint([hashes, '--', process.execPath, FIXTURE, 'changed']);
    assert.equal(second.code, 0, 'a change is a warning');
    assert.match(second.stdout, /warning tool-changed add: The definition of "add" changed since the last connection \(description\)/);
    assert.doesNotMatch(second.stdout, /tool-changed echo/);
  });

  it('refuses a hashes file it did not write, in one sentence', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[1,2]');
    const r = lint([bad, '--', process.execPath, FIXTURE, 'clean']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a hashes file written by "mcp-workbench lint"/);
  });
});
