// Checks that look at the machine: command on PATH (with hints), the sibling package.json's mcpName, and server
// names defined in two config files of a workspace. Real files in a temporary folder.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { commandHint } from '../../../src/core/manifest/commandLookup';
import { nodeEnvironment, validateEnvironment, validateManifest } from '../../../src/core/manifest/validateManifest';
import type { ManifestEnvironment } from '../../../src/core/manifest/validateManifest';

describe('environment checks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(file: string, text: string, env: ManifestEnvironment): Promise<{ code: string; message: string; path: string }[]> {
    const report = await validateManifest(file, text);
    return validateEnvironment(report.document!, env);
  }

  it('finds commands on PATH and absolute paths, and reports the missing ones', async () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'tool'), '#!/bin/sh\n');
    chmodSync(path.join(bin, 'tool'), 0o755);
    writeFileSync(path.join(bin, 'not-executable'), 'x');
    const env = { ...nodeEnvironment(), pathValue: bin, platform: 'linux' as const };
    const text = JSON.stringify({ mcpServers: { a: { command: 'tool' }, b: { command: path.join(bin, 'tool') }, c: { command: 'missing-tool' }, d: { command: path.join(bin, 'not-executable') }, e: { command: '${HOME}/x' } } });
    const found = await run(path.join(dir, '.mcp.json'), text, env);
    assert.deepEqual(found.map((d) => [d.code, d.path]), [
      ['client-command-not-found', '/mcpServers/c/command'],
      ['client-command-not-found', '/mcpServers/d/command'],
    ]);
    assert.match(found[0].message, /"missing-tool" is not found on PATH/);
    assert.match(found[1].message, /does not exist or is not executable/);
  });

  it('explains npx on Windows and version-managed Node', () => {
    assert.match(commandHint('npx', { pathValue: 'C:\\Windows', platform: 'win32' })!, /"command": "cmd"/);
    assert.match(commandHint('node', { pathValue: '/home/u/.nvm/versions/node/v22/bin:/usr/bin', platform: 'linux' })!, /version-managed here \(\.nvm\)/);
    assert.match(commandHint('npx', { pathValue: '/usr/bin', platform: 'darwin' })!, /nvm, fnm or volta/);
    assert.equal(commandHint('python3', { pathValue: '/usr/bin', platform: 'linux' }), undefined);
  });

  it('compares server.json "name" with mcpName in the sibling package.json', async () => {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@example/weather', mcpName: 'io.github.example/weather-server' }));
    const text = JSON.stringify({ $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json', name: 'io.github.example/weather', description: 'd', version: '1.0.0' });
    const found = await run(path.join(dir, 'server.json'), text, nodeEnvironment());
    assert.deepEqual(found.map((d) => d.code), ['registry-mcp-name']);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@example/weather', mcpName: 'io.github.example/weather' }));
    assert.deepEqual(await run(path.join(dir, 'server.json'), text, nodeEnvironment()), []);
  });

  it('reports a server name that another config file of the workspace also defines', async () => {
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { github: { type: 'http', url: 'https://x.example/mcp' } } }));
    const env = { ...nodeEnvironment([dir]), pathValue: '' };
    const text = JSON.stringify({ servers: { github: { type: 'http', url: 'https://x.example/mcp' }, other: { type: 'http', url: 'https://y.example/mcp' } } });
    const found = await run(path.join(dir, '.vscode', 'mcp.json'), text, env);
    assert.deepEqual(found.map((d) => [d.code, d.path]), [['client-duplicate-server', '/servers/github']]);
  });

  it('stops early when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await validateManifest(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { a: { command: 'missing-tool' } } }));
    assert.deepEqual(await validateEnvironment(report.document!, { ...nodeEnvironment(), pathValue: '' }, controller.signal), []);
  });
});
