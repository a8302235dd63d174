// Which format a file is, where each client keeps its config, and discovery across workspace and user files.
import * as assert from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { detectKind, kindFromPath } from '../../../src/core/manifest/configKinds';
import { userConfigLocations } from '../../../src/core/manifest/configLocations';
import { discoverServers } from '../../../src/core/manifest/discoverServers';

describe('configKinds', () => {
  it('knows each format by its file name', () => {
    const cases: [string, string | undefined][] = [
      ['/w/.vscode/mcp.json', 'vscode-mcp'],
      ['C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json', 'vscode-mcp'],
      ['/w/.cursor/mcp.json', 'cursor'],
      ['C:\\w\\.cursor\\mcp.json', 'cursor'],
      ['/w/.mcp.json', 'claude-code'],
      ['/h/.config/Claude/claude_desktop_config.json', 'claude-desktop'],
      ['/h/.codeium/windsurf/mcp_config.json', 'windsurf'],
      ['/w/server.json', 'server-json'],
      ['/w/manifest.json', undefined],
      ['/w/settings.json', undefined],
      ['/w/package.json', undefined],
    ];
    for (const [p, kind] of cases) assert.strictEqual(kindFromPath(p), kind, p);
  });

  it('looks at the content for ambiguous names', () => {
    assert.strictEqual(detectKind('/h/.gemini/settings.json', { mcpServers: {} }), 'gemini');
    assert.strictEqual(detectKind('/h/.config/zed/settings.json', { context_servers: {} }), 'zed');
    assert.strictEqual(detectKind('/w/.vscode/settings.json', { 'editor.tabSize': 2 }), undefined);
    assert.strictEqual(detectKind('/w/manifest.json', { manifest_version: '0.3', server: {} }), 'mcpb');
    assert.strictEqual(detectKind('/w/manifest.json', { dxt_version: '0.1', server: {} }), 'mcpb');
    assert.strictEqual(detectKind('/w/manifest.json', { manifest_version: 3, name: 'a browser extension' }), undefined);
    assert.strictEqual(detectKind('/w/manifest.json', ['not', 'an', 'object']), undefined);
    // The name wins over content where the name is decisive.
    assert.strictEqual(detectKind('/w/.mcp.json', { servers: {} }), 'claude-code');
  });
});

describe('configLocations', () => {
  it('lists each client\'s user config for Linux, macOS and Windows', () => {
    const saved = process.env.XDG_CONFIG_HOME;
    delete process.env.XDG_CONFIG_HOME;
    try {
      const linux = userConfigLocations({ home: '/home/u', platform: 'linux' }).map((l) => `${l.kind} ${l.path}`);
      assert.deepStrictEqual(linux, [
        'claude-desktop /home/u/.config/Claude/claude_desktop_config.json',
        'claude-code /home/u/.claude.json',
        'cursor /home/u/.cursor/mcp.json',
        'windsurf /home/u/.codeium/windsurf/mcp_config.json',
        'gemini /home/u/.gemini/settings.json',
      ]);
      const mac = userConfigLocations({ home: '/Users/u', platform: 'darwin' });
      assert.strictEqual(mac[0].path, '/Users/u/Library/Application Support/Claude/claude_desktop_config.json');
      const win = userConfigLocations({ home: 'C:/Users/u', platform: 'win32', appData: 'C:/Users/u/AppData/Roaming' });
      assert.strictEqual(win[0].path, path.join('C:/Users/u/AppData/Roaming', 'Claude', 'claude_desktop_config.json'));
    } finally {
      if (saved !== undefined) process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it('puts VS Code\'s user mcp.json first when the editor says where its User folder is', () => {
    const list = userConfigLocations({ home: '/home/u', platform: 'linux', vscodeUserDir: '/home/u/.config/Code/User' });
    assert.deepStrictEqual([list[0].kind, list[0].path, list[0].label], ['vscode-mcp', '/home/u/.config/Code/User/mcp.json', 'VS Code (user)']);
  });
});

describe('discoverServers', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    const f = path.join(root, rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text);
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mcpwb-discover-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads every workspace config that exists, in a stable order, with broken files as errors', async () => {
    write('ws/.vscode/mcp.json', '{ "servers": { "demo": { "command": "node", "args": ["s.js"] } } }');
    write('ws/.mcp.json', '{ "mcpServers": { "broken": ');
    write('ws/.cursor/mcp.json', '{ "mcpServers": { "c": { "url": "http://localhost:1/mcp" } } }');
    write('ws/server.json', JSON.stringify({ name: 'io.github.a/b', packages: [{ registryType: 'npm', identifier: 'b', transport: { type: 'stdio' } }] }));
    const files = await discoverServers([path.join(root, 'ws')], false);
    assert.deepStrictEqual(files.map((f) => [path.relative(root, f.file), f.kind, f.scope, f.servers.map((s) => s.name).join(','), Boolean(f.error)]), [
      ['ws/.vscode/mcp.json', 'vscode-mcp', 'workspace', 'demo', false],
      ['ws/.mcp.json', 'claude-code', 'workspace', '', true],
      ['ws/.cursor/mcp.json', 'cursor', 'workspace', 'c', false],
      ['ws/server.json', 'server-json', 'workspace', 'io.github.a/b', false],
    ]);
    assert.match(files[1].error!, /^Cannot parse: line 1, column \d+/);
  });

  it('covers several workspace folders and skips the ones without configs', async () => {
    write('a/.mcp.json', '{ "mcpServers": { "x": { "command": "x" } } }');
    mkdirSync(path.join(root, 'empty'));
    write('b/.vscode/mcp.json', '{ "servers": {} }');
    const files = await discoverServers([path.join(root, 'a'), path.join(root, 'empty'), path.join(root, 'b')], false);
    assert.deepStrictEqual(files.map((f) => path.relative(root, f.file)), ['a/.mcp.json', 'b/.vscode/mcp.json']);
  });

  it('adds user-level configs that exist, hiding files that merely share the name', async () => {
    const home = path.join(root, 'home');
    write('home/.config/Claude/claude_desktop_config.json', '{ "mcpServers": { "d": { "command": "uvx", "args": ["x"] } } }');
    write('home/.claude.json', '{ "numStartups": 3, "projects": {} }'); // Claude Code state without servers: hidden
    write('home/.gemini/settings.json', '{ "theme": "Dracula" }'); // Gemini settings without servers: hidden
    write('home/.cursor/mcp.json', '{ "mcpServers": { "cu": { "command": "c" } } }');
    write('vsuser/mcp.json', '{ "servers": { "mine": { "type": "http", "url": "https://m.example.com/mcp" } } }');
    const saved = process.env.XDG_CONFIG_HOME;
    delete process.env.XDG_CONFIG_HOME;
    try {
      const files = await discoverServers([], { home, platform: 'linux', vscodeUserDir: path.join(root, 'vsuser') });
      assert.deepStrictEqual(files.map((f) => [f.label, f.scope, f.servers.map((s) => s.name).join(',')]), [
        ['VS Code (user)', 'user', 'mine'],
        ['Claude Desktop', 'user', 'd'],
        ['Cursor (user)', 'user', 'cu'],
      ]);
    } finally {
      if (saved !== undefined) process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it('shows ~/.claude.json when it declares servers, and a broken one as an error', async () => {
    const home = path.join(root, 'home');
    write('home/.claude.json', '{ "mcpServers": { "cc": { "type": "http", "url": "https://c.example.com/mcp" } } }');
    let files = await discoverServers([], { home, platform: 'linux' });
    assert.deepStrictEqual(files.map((f) => [f.label, f.servers[0]?.name]), [['Claude Code (user)', 'cc']]);
    write('home/.claude.json', '{ "mcpServers": ');
    files = await discoverServers([], { home, platform: 'linux' });
    assert.strictEqual(files.length, 1);
    assert.match(files[0].error!, /^Cannot parse/);
  });

  it('reports a config path it cannot read instead of hiding it', async () => {
    mkdirSync(path.join(root, 'ws', '.mcp.json'), { recursive: true }); // a directory where a file is expected
    const files = await discoverServers([path.join(root, 'ws')], false);
    assert.strictEqual(files.length, 1);
    assert.match(files[0].error!, /^Cannot read: /);
  });
});
