// Foundation: the extension activates in a real extension host, registers its commands, and the Servers view
// lists the demo workspace's servers, shows broken files as errors and follows file changes.
import * as assert from 'node:assert';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { DiscoveredFile } from '../../src/core/manifest/discoverServers';
import { EXTENSION_ID, getApi, waitFor, workspacePath } from './helpers';

function fileNamed(files: DiscoveredFile[], suffix: string): DiscoveredFile | undefined {
  return files.find((f) => f.file.replace(/\\/g, '/').endsWith(suffix));
}

describe('extension activation', () => {
  it('activates and reports how long activate() took', async () => {
    const api = await getApi();
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `activationMs = ${api.activationMs}`);
    assert.ok(api.activationMs < 2_000, `activation took ${api.activationMs} ms`);
    console.log(`    activation time in the extension host: ${api.activationMs.toFixed(1)} ms`);
  });

  it('registers every command it contributes', async () => {
    await getApi();
    const contributed: { command: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    assert.ok(contributed.length >= 4);
  });
});

describe('Servers view', () => {
  const dotMcp = () => workspacePath('.mcp.json');
  const vscodeMcp = () => workspacePath('.vscode', 'mcp.json');
  let originalVscodeMcp: string;

  before(async () => {
    originalVscodeMcp = await fs.readFile(vscodeMcp(), 'utf8');
  });
  afterEach(async () => {
    await fs.writeFile(vscodeMcp(), originalVscodeMcp);
    await fs.rm(dotMcp(), { force: true });
    (await getApi()).servers.refresh();
  });

  it('lists the demo server from .vscode/mcp.json', async () => {
    const files = await (await getApi()).servers.list();
    const ws = fileNamed(files, '.vscode/mcp.json');
    assert.ok(ws, `no .vscode/mcp.json among ${files.map((f) => f.file).join(', ')}`);
    assert.strictEqual(ws.scope, 'workspace');
    assert.strictEqual(ws.error, undefined);
    const demo = ws.servers.find((s) => s.name === 'demo');
    assert.ok(demo, 'the demo server is listed');
    assert.strictEqual(demo.transport, 'stdio');
    assert.strictEqual(demo.command, 'node');
    assert.ok(demo.args?.some((a) => a.endsWith('server.mjs')), `args: ${demo.args}`);
  });

  it('lists user-level client configs (Claude Desktop in the test HOME)', async () => {
    const files = await (await getApi()).servers.list();
    const claude = fileNamed(files, 'Claude/claude_desktop_config.json');
    assert.ok(claude, `no Claude Desktop config among ${files.map((f) => f.file).join(', ')}`);
    assert.strictEqual(claude.scope, 'user');
    assert.deepStrictEqual(claude.servers.map((s) => `${s.name}:${s.transport}`).sort(), ['filesystem:stdio', 'remote-notes:http']);
  });

  it('lists VS Code\'s own user-level mcp.json (code-server keeps it in its user-data dir)', async function () {
    // Only the code-server launcher puts a user mcp.json in place; desktop runs use the real profile.
    if (!process.env.MCPWB_TEST_HOME || !process.env.MCPWB_CODE_SERVER) this.skip();
    const files = await (await getApi()).servers.list();
    const user = fileNamed(files, 'User/mcp.json');
    assert.ok(user, `no user-level mcp.json among ${files.map((f) => f.file).join(', ')}`);
    assert.deepStrictEqual([user.label, user.scope, user.servers.map((s) => `${s.name}:${s.transport}`)], ['VS Code (user)', 'user', ['user-level-echo:stdio']]);
  });

  it('shows a config file that does not parse as an error, not as an empty list', async () => {
    await fs.writeFile(dotMcp(), '{ "mcpServers": { "x": { "command": "node", } ');
    const api = await getApi();
    const broken = await waitFor(async () => fileNamed(await api.servers.list(), '/.mcp.json'), 'the broken .mcp.json to be listed');
    assert.match(broken.error ?? '', /Cannot parse: line 1, column \d+/);
    assert.strictEqual(broken.kind, 'claude-code');
  });

  it('refreshes by itself when a config file changes on disk', async () => {
    const api = await getApi();
    await api.servers.list();
    const edited = originalVscodeMcp.replace('"servers": {', '"servers": {\n    "added-by-test": { "type": "http", "url": "http://127.0.0.1:9/mcp" },');
    assert.notStrictEqual(edited, originalVscodeMcp);
    await fs.writeFile(vscodeMcp(), edited);
    const added = await waitFor(async () => fileNamed(await api.servers.list(), '.vscode/mcp.json')?.servers.find((s) => s.name === 'added-by-test'), 'the new server to appear without a manual refresh');
    assert.strictEqual(added.transport, 'http');
    assert.strictEqual(added.url, 'http://127.0.0.1:9/mcp');
  });
});
