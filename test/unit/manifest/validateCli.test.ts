// `mcp-workbench validate` as a user runs it: real files, the built CLI bundle as a child process.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

describe('mcp-workbench validate (CLI)', function () {
  this.timeout(30000);
  const dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-cli-'));
  const cli = path.join(dir, 'cli.js');
  const ws = path.join(dir, 'ws');

  before(async () => {
    await esbuild.build({ entryPoints: [path.resolve(__dirname, '../../../src/cli/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: cli, logLevel: 'silent', mainFields: ['module', 'main'] });
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    writeFileSync(path.join(ws, 'server.json'), JSON.stringify({ $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json', name: 'io.github.example/weather', description: 'Weather.', version: '^1.0.0' }, null, 2));
    writeFileSync(path.join(ws, '.vscode', 'mcp.json'), '{\n  // ok in JSONC\n  "servers": { "a": { "type": "http", "url": "https://example.com/mcp" } }\n}\n');
    writeFileSync(path.join(ws, 'notes.json'), '{ "hello": 1 }');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [cli, 'validate', ...args], { cwd: ws, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('prints JSON in the documented shape and exits 1 on errors', () => {
    const r = run('server.json', '--format', 'json', '--no-environment');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out, [
      {
        file: path.join(ws, 'server.json'),
        kind: 'server-json',
        schema: 'server.json@2025-12-11',
        diagnostics: [
          {
            code: 'registry-version-range',
            severity: 'error',
            message: 'The server version "^1.0.0" is a range; the registry needs one exact version such as "1.2.3".',
            path: '/version',
            range: { start: { line: 4, character: 13 }, end: { line: 4, character: 21 } },
          },
        ],
      },
    ]);
  });

  it('exits 0 for valid files and reports in text', () => {
    const r = run('.vscode/mcp.json', '--no-environment');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\.vscode\/mcp\.json: VS Code mcp\.json, schema VS Code mcp\.json - ok/);
    assert.match(r.stdout, /1 file\(s\) checked: 0 error\(s\)/);
  });

  it('expands globs, skips files that are not manifests, and honours --kind', () => {
    const r = run('**/*.json', '--no-environment');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /notes\.json: skipped, not a recognised MCP config/);
    assert.match(r.stdout, /server\.json:5:14 error registry-version-range/);
    const forced = run('notes.json', '--kind', 'claude-code', '--format', 'json', '--no-environment');
    assert.equal(forced.status, 0);
    assert.equal(JSON.parse(forced.stdout)[0].kind, 'claude-code');
  });

  it('answers bad input with one sentence and exit 2', () => {
    for (const [args, pattern] of [
      [['missing.json'], /missing\.json: no such file\./],
      [['server.json', '--format', 'xml'], /--format must be "text" or "json"/],
      [['server.json', '--kind', 'nope'], /unknown kind "nope"/],
      [[], /give at least one file or glob/],
      [['*.nothing'], /no file matches/],
    ] as [string[], RegExp][]) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'printed a stack trace');
    }
  });
});
