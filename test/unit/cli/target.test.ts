// CLI argument handling: how a target is named, shared options, JSON operands, and config targets with variables.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from '../../../src/cli/cliError';
import { parseCommonArgs, parseJsonArguments, resolveTargetSpec } from '../../../src/cli/target';
import { resolveServerEntry, workspaceFolderOf } from '../../../src/core/client/resolveTarget';

function usageError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof CliError && e.exitCode === EXIT.usage && message.test(e.message));
}

describe('CLI target and options', () => {
  it('takes a URL as the first positional and keeps the rest as operands', () => {
    const a = parseCommonArgs(['http://127.0.0.1:3000/mcp', 'echo', '{"a":1}', '--header', 'Authorization: Bearer x', '--transport', 'sse', '--json'])!;
    assert.deepEqual(a.target, { kind: 'url', url: 'http://127.0.0.1:3000/mcp', transport: 'sse', headers: { Authorization: 'Bearer x' } });
    assert.deepEqual(a.positionals, ['echo', '{"a":1}']);
    assert.equal(a.json, true);
  });

  it('takes everything after -- as the server command line, options included', () => {
    const a = parseCommonArgs(['echo', '--timeout', '5000', '--env', 'A=1', '--', 'node', 'server.js', '--port', '3', '--json'])!;
    assert.deepEqual(a.target, { kind: 'command', command: 'node', args: ['server.js', '--port', '3', '--json'], env: { A: '1' }, cwd: undefined });
    assert.deepEqual(a.positionals, ['echo']);
    assert.equal(a.timeoutMs, 5000);
    assert.equal(a.json, false);
  });

  it('takes --config with --server and --input values', () => {
    const a = parseCommonArgs(['--config', 'mcp.json', '--server', 'db', '--input', 'token=abc', '--record', 'x.mcptrace', '--log-level', 'debug'])!;
    assert.deepEqual(a.target, { kind: 'config', file: 'mcp.json', server: 'db', inputValues: { token: 'abc' }, headers: {}, env: {} });
    assert.equal(a.record, 'x.mcptrace');
    assert.equal(a.logLevel, 'debug');
  });

  it('returns undefined for --help', () => assert.equal(parseCommonArgs(['--help']), undefined));

  it('refuses bad usage with one sentence', () => {
    usageError(() => parseCommonArgs([]), /No server given/);
    usageError(() => parseCommonArgs(['http://x/mcp', '--', 'node']), /Two servers given \(command and url\)/);
    usageError(() => parseCommonArgs(['--config', 'a.json']), /--config and --server go together/);
    usageError(() => parseCommonArgs(['http://x', '--timeout', 'soon']), /--timeout must be a positive number/);
    usageError(() => parseCommonArgs(['http://x', '--log-level', 'loud']), /--log-level must be one of/);
    usageError(() => parseCommonArgs(['http://x', '--header', 'NoColon']), /--header "NoColon" is not a header/);
    usageError(() => parseCommonArgs(['http://x', '--transport', 'ws']), /--transport must be/);
    usageError(() => parseCommonArgs(['http://x', '--frobnicate']), /Unknown option '--frobnicate'/);
  });

  it('parses JSON operands as objects only', () => {
    assert.deepEqual(parseJsonArguments('{"a":[1]}', 'tool arguments'), { a: [1] });
    assert.deepEqual(parseJsonArguments(undefined, 'tool arguments'), {});
    usageError(() => parseJsonArguments('{a:1}', 'tool arguments'), /not valid JSON/);
    usageError(() => parseJsonArguments('[1,2]', 'tool arguments'), /must be a JSON object/);
  });
});

describe('config targets and variables', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcpwb-cfg-'));
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(
      join(dir, '.vscode', 'mcp.json'),
      `{
  // JSONC with comments, as VS Code writes it
  "inputs": [{ "id": "api-key", "type": "promptString", "description": "API key", "password": true }],
  "servers": {
    "local": { "command": "node", "args": ["\${workspaceFolder}/server.js"], "env": { "KEY": "\${input:api-key}", "HOME_DIR": "\${env:MCPWB_TEST_HOME}" }, "cwd": "sub" },
    "remote": { "type": "http", "url": "http://127.0.0.1:9/mcp", "headers": { "Authorization": "Bearer \${input:api-key}" } }
  }
}`,
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the workspace folder above .vscode', () => assert.equal(workspaceFolderOf(join(dir, '.vscode', 'mcp.json')), dir));

  it('resolves ${workspaceFolder}, ${env:...} and ${input:...} from --input, and a relative cwd', async () => {
    process.env.MCPWB_TEST_HOME = '/home/tester';
    const t = await resolveTargetSpec({ kind: 'config', file: join(dir, '.vscode', 'mcp.json'), server: 'local', inputValues: { 'api-key': 's3cret' }, headers: {}, env: {} });
    assert.equal(t.kind, 'stdio');
    if (t.kind !== 'stdio') return;
    assert.deepEqual(t.args, [`${dir}/server.js`]);
    assert.deepEqual(t.env, { KEY: 's3cret', HOME_DIR: '/home/tester' });
    assert.equal(t.cwd, join(dir, 'sub'));
  });

  it('asks the pluggable prompt once per input and reuses the answer', async () => {
    const asked: string[] = [];
    const t = await resolveTargetSpec({ kind: 'config', file: join(dir, '.vscode', 'mcp.json'), server: 'remote', inputValues: {}, headers: {}, env: {} }, async (input) => {
      asked.push(`${input.id}:${input.password}`);
      return 'from-prompt';
    });
    assert.deepEqual(asked, ['api-key:true']);
    assert.equal(t.kind === 'http' && t.headers?.Authorization, 'Bearer from-prompt');
  });

  it('fails with a clear sentence when an input has no value and nobody can be asked', async () => {
    await assert.rejects(resolveTargetSpec({ kind: 'config', file: join(dir, '.vscode', 'mcp.json'), server: 'remote', inputValues: {}, headers: {}, env: {} }), /needs \$\{input:api-key\} \(API key\), and no value was given/);
  });

  it('names the servers a config has when the one asked for is missing', async () => {
    await assert.rejects(resolveTargetSpec({ kind: 'config', file: join(dir, '.vscode', 'mcp.json'), server: 'nope', inputValues: {}, headers: {}, env: {} }), (e: CliError) => /no server named "nope"/.test(e.message) && /"local", "remote"/.test(e.hint ?? ''));
  });

  it('expands Claude-style ${VAR} and ${VAR:-default}', async () => {
    delete process.env.MCPWB_UNSET;
    const t = await resolveServerEntry({ name: 's', transport: 'stdio', command: 'x', args: ['${MCPWB_UNSET:-fallback}', '${HOME}'] }, { env: { HOME: '/h' } });
    assert.deepEqual(t.kind === 'stdio' && t.args, ['fallback', '/h']);
    await assert.rejects(resolveServerEntry({ name: 's', transport: 'stdio', command: 'x', args: ['${MCPWB_UNSET}'] }, { env: {} }), /environment variable MCPWB_UNSET is not set/);
  });
});
