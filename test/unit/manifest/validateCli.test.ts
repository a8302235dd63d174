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
    // Read as a Claude Code .mcp.json, notes.json loads no server, which is an error.
    const forced = run('notes.json', '--kind', 'claude-code', '--format', 'json', '--no-environment');
    assert.equal(forced.status, 1);
    const entry = JSON.parse(forced.stdout)[0];
    assert.equal(entry.kind, 'claude-code');
    assert.deepEqual(entry.diagnostics.map((d: { code: string }) => d.code), ['client-root-key']);
  });

  it('gives every file its result or one sentence, whatever the input, and keeps the other files\' results', () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(path.join(bad, 'deep'), { recursive: true });
    mkdirSync(path.join(bad, 'bin'), { recursive: true });
    mkdirSync(path.join(bad, 'wide'), { recursive: true });
    mkdirSync(path.join(bad, 'utf16'), { recursive: true });
    writeFileSync(path.join(bad, 'deep', 'server.json'), '['.repeat(3000) + ']'.repeat(3000));
    // Deep, but by its name no manifest: skipped, as it would be if it could be read.
    writeFileSync(path.join(bad, 'deep', 'data.json'), '['.repeat(3000) + ']'.repeat(3000));
    writeFileSync(path.join(bad, 'deep', '.mcp.json'), `{"mcpServers":{"a":{"command":"x","env":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}}}`);
    writeFileSync(path.join(bad, 'bin', 'mcp.json'), Buffer.from([0x7b, 0x00, 0x01, 0xff, 0xfe, 0x22]));
    writeFileSync(path.join(bad, 'utf16', 'claude_desktop_config.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"mcpServers":{}}', 'utf16le')]));
    // Huge but real: 20,000 servers (about 2 MB).
    const servers = Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`s${i}`, { command: 'node', args: [`server${i}.js`] }]));
    writeFileSync(path.join(bad, 'wide', '.mcp.json'), JSON.stringify({ mcpServers: servers }));
    writeFileSync(path.join(bad, 'claude_desktop_config.json'), JSON.stringify({ mcpServers: { ok: { command: process.execPath } } }));
    // A deep .mcp.json at the workspace root is also read by the duplicate-server check of the other files.
    writeFileSync(path.join(bad, '.mcp.json'), `{"mcpServers":{"a":${'['.repeat(3000)}${']'.repeat(3000)}}}`);
    const r = spawnSync(process.execPath, [cli, 'validate', '**/*.json', '.mcp.json', '--format', 'json'], { cwd: bad, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'printed a stack trace');
    const byFile = new Map((JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; message: string }[] }[]).map((e) => [path.relative(bad, e.file), e.diagnostics]));
    assert.equal(byFile.size, 8);
    assert.deepEqual(byFile.get('deep/data.json'), []);
    const sentence = (f: string): string => byFile.get(f)!.find((d) => d.code === 'not-checked')?.message ?? '';
    assert.match(sentence('.mcp.json'), /nested too deeply/);
    assert.match(sentence('deep/server.json'), /^The file could not be checked: its JSON is nested too deeply[^\n]*\.$/);
    assert.match(sentence('deep/.mcp.json'), /nested too deeply/);
    assert.match(sentence('bin/mcp.json'), /not UTF-8|binary/);
    assert.match(sentence('utf16/claude_desktop_config.json'), /UTF-16/);
    assert.deepEqual(byFile.get('wide/.mcp.json'), []);
    assert.deepEqual(byFile.get('claude_desktop_config.json'), []);
    const text = spawnSync(process.execPath, [cli, 'validate', '**/*.json', '.mcp.json'], { cwd: bad, encoding: 'utf8', timeout: 60000 });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^claude_desktop_config\.json: Claude Desktop config, schema Claude Desktop config - ok$/m);
    assert.match(text.stdout, /7 file\(s\) checked: 5 error\(s\)/);
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
