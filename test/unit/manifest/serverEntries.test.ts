// readServerEntries: every client config format and manifest kind, parsed into one ServerEntry shape.
import * as assert from 'node:assert';
import { describeEndpoint, readServerEntries, type ServerEntry } from '../../../src/core/manifest/serverEntries';

function byName(servers: ServerEntry[]): Record<string, ServerEntry> {
  return Object.fromEntries(servers.map((s) => [s.name, s]));
}

describe('readServerEntries: client configs', () => {
  it('reads a VS Code mcp.json with comments, trailing commas, inputs and every transport', () => {
    const text = `{
  // servers for this workspace
  "inputs": [{ "id": "token", "type": "promptString", "description": "API token", "password": true }],
  "servers": {
    "local": { "type": "stdio", "command": "node", "args": ["server.js", 3], "env": { "A": "1", "N": 2, "E": null }, "envFile": "\${workspaceFolder}/.env", "cwd": "sub" },
    "remote": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer \${input:token}" } },
    "legacy": { "type": "sse", "url": "https://example.com/sse", },
    "untyped-url": { "url": "https://example.com/other" },
  },
}`;
    const r = readServerEntries('/w/.vscode/mcp.json', text);
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.kind, 'vscode-mcp');
    const s = byName(r.servers);
    assert.deepStrictEqual(Object.keys(s), ['local', 'remote', 'legacy', 'untyped-url']);
    assert.deepStrictEqual(
      { t: s.local.transport, c: s.local.command, a: s.local.args, e: s.local.env, f: s.local.envFile, d: s.local.cwd },
      { t: 'stdio', c: 'node', a: ['server.js', '3'], e: { A: '1', N: '2', E: '' }, f: '${workspaceFolder}/.env', d: 'sub' },
    );
    assert.strictEqual(s.remote.transport, 'http');
    assert.deepStrictEqual(s.remote.headers, { Authorization: 'Bearer ${input:token}' });
    assert.strictEqual(s.legacy.transport, 'sse');
    assert.strictEqual(s['untyped-url'].transport, 'http');
    assert.deepStrictEqual(r.inputs, [{ id: 'token', type: 'promptString', description: 'API token', password: true, default: undefined, options: undefined }]);
    for (const e of r.servers) assert.strictEqual(e.problem, undefined, `${e.name}: ${e.problem}`);
  });

  it('answers a file nested thousands of levels deep with an error instead of throwing', () => {
    const r = readServerEntries('/p/.mcp.json', `{"mcpServers":{"a":${'['.repeat(20000)}${']'.repeat(20000)}}}`);
    assert.deepStrictEqual(r.servers, []);
    assert.match(r.error ?? '', /nested too deeply/);
  });

  it('records where each entry starts, for reveal and code lenses', () => {
    const text = '{\n  "servers": {\n    "a": { "command": "x" },\n\n    "b": {\n      "command": "y"\n    }\n  }\n}';
    const s = byName(readServerEntries('/w/.vscode/mcp.json', text).servers);
    assert.deepStrictEqual(s.a.position, { line: 2, character: 4 });
    assert.deepStrictEqual(s.b.position, { line: 4, character: 4 });
  });

  it('reads a Claude Code .mcp.json with stdio and remote entries', () => {
    const text = JSON.stringify({
      mcpServers: {
        fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'] },
        docs: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { 'X-Key': '${KEY:-}' } },
        events: { type: 'sse', url: 'https://mcp.example.com/sse' },
      },
    });
    const r = readServerEntries('/w/.mcp.json', text);
    assert.strictEqual(r.kind, 'claude-code');
    assert.deepStrictEqual(r.servers.map((s) => [s.name, s.transport, describeEndpoint(s)]), [
      ['fs', 'stdio', 'npx -y @modelcontextprotocol/server-filesystem .'],
      ['docs', 'http', 'https://mcp.example.com/mcp'],
      ['events', 'sse', 'https://mcp.example.com/sse'],
    ]);
  });

  it('reads a Claude Desktop config', () => {
    const text = JSON.stringify({ mcpServers: { sqlite: { command: 'uvx', args: ['mcp-server-sqlite', '--db-path', '/tmp/t.db'], env: { DEBUG: '1' } } }, globalShortcut: 'Ctrl+Space' });
    const r = readServerEntries('/home/u/.config/Claude/claude_desktop_config.json', text);
    assert.strictEqual(r.kind, 'claude-desktop');
    assert.deepStrictEqual(r.servers[0], { name: 'sqlite', transport: 'stdio', command: 'uvx', args: ['mcp-server-sqlite', '--db-path', '/tmp/t.db'], env: { DEBUG: '1' }, envFile: undefined, cwd: undefined, url: undefined, headers: undefined, position: { line: 0, character: 15 } });
  });

  it('reads a Cursor .cursor/mcp.json (url entries are HTTP)', () => {
    const text = JSON.stringify({ mcpServers: { web: { url: 'http://localhost:3000/mcp' }, cli: { command: 'python', args: ['-m', 'srv'] } } });
    const r = readServerEntries('/w/.cursor/mcp.json', text);
    assert.strictEqual(r.kind, 'cursor');
    assert.deepStrictEqual(r.servers.map((s) => `${s.name}:${s.transport}:${describeEndpoint(s)}`), ['web:http:http://localhost:3000/mcp', 'cli:stdio:python -m srv']);
  });

  it('reads Windsurf serverUrl entries as HTTP', () => {
    const text = JSON.stringify({ mcpServers: { remote: { serverUrl: 'https://w.example.com/mcp', headers: { A: 'b' } }, local: { command: 'node', args: ['x.js'] } } });
    const r = readServerEntries('/home/u/.codeium/windsurf/mcp_config.json', text);
    assert.strictEqual(r.kind, 'windsurf');
    const s = byName(r.servers);
    assert.strictEqual(s.remote.transport, 'http');
    assert.strictEqual(s.remote.url, 'https://w.example.com/mcp');
    assert.strictEqual(s.local.command, 'node');
  });

  it('reads Gemini CLI settings: httpUrl is Streamable HTTP, url is SSE', () => {
    const text = JSON.stringify({ theme: 'Default', mcpServers: { stream: { httpUrl: 'https://g.example.com/mcp' }, events: { url: 'https://g.example.com/sse' }, local: { command: 'node', args: ['s.js'], cwd: './srv', timeout: 30000 } } });
    const r = readServerEntries('/home/u/.gemini/settings.json', text);
    assert.strictEqual(r.kind, 'gemini');
    const s = byName(r.servers);
    assert.deepStrictEqual([s.stream.transport, s.stream.url], ['http', 'https://g.example.com/mcp']);
    assert.deepStrictEqual([s.events.transport, s.events.url], ['sse', 'https://g.example.com/sse']);
    assert.deepStrictEqual([s.local.transport, s.local.cwd], ['stdio', './srv']);
  });

  it('reads Zed context_servers in its three spellings', () => {
    const text = `{
  // Zed settings.json
  "theme": "One Dark",
  "context_servers": {
    "old": { "command": { "path": "node", "args": ["old.js"], "env": { "K": "v" } }, "settings": {} },
    "new": { "source": "custom", "command": "uvx", "args": ["new-server"] },
    "remote": { "url": "https://z.example.com/mcp" }
  }
}`;
    const r = readServerEntries('/home/u/.config/zed/settings.json', text);
    assert.strictEqual(r.kind, 'zed');
    const s = byName(r.servers);
    assert.deepStrictEqual([s.old.command, s.old.args, s.old.env], ['node', ['old.js'], { K: 'v' }]);
    assert.deepStrictEqual([s.new.command, s.new.args], ['uvx', ['new-server']]);
    assert.deepStrictEqual([s.remote.transport, s.remote.url], ['http', 'https://z.example.com/mcp']);
  });

  it('flags entries that cannot be launched as written, and keeps the rest', () => {
    const text = JSON.stringify({ servers: { nocmd: { type: 'stdio', args: ['x'] }, nourl: { type: 'http' }, stdioUrl: { type: 'stdio', url: 'https://x' }, notObject: 'npx foo', ok: { command: 'node' } } });
    const s = byName(readServerEntries('/w/.vscode/mcp.json', text).servers);
    assert.strictEqual(s.nocmd.problem, 'no command');
    assert.strictEqual(s.nourl.problem, 'type http needs a url');
    assert.strictEqual(s.stdioUrl.problem, 'has a url but type stdio');
    assert.strictEqual(s.notObject.problem, 'entry is not an object');
    assert.strictEqual(s.ok.problem, undefined);
  });

  it('still lists servers of a file that uses a neighbouring client\'s root key', () => {
    const r = readServerEntries('/w/.vscode/mcp.json', JSON.stringify({ mcpServers: { a: { command: 'node' } } }));
    assert.deepStrictEqual(r.servers.map((s) => s.name), ['a']);
  });
});

describe('readServerEntries: registry server.json', () => {
  const doc = {
    $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    name: 'io.github.acme/weather',
    version: '1.2.0',
    packages: [
      { registryType: 'npm', identifier: '@acme/weather', version: '1.2.0', transport: { type: 'stdio' }, environmentVariables: [{ name: 'API_KEY', isSecret: true }, { name: 'REGION', default: 'eu' }] },
      { registryType: 'pypi', identifier: 'acme-weather', version: '1.2.0', runtimeHint: 'uvx', transport: { type: 'stdio' }, packageArguments: [{ type: 'named', name: '--port', value: '8080' }, { type: 'positional', valueHint: 'city' }] },
      { registryType: 'oci', identifier: 'docker.io/acme/weather', version: '1.2.0', runtimeArguments: [{ type: 'named', name: '-e', value: 'X=1' }], transport: { type: 'stdio' } },
      { registryType: 'nuget', identifier: 'Acme.Weather', version: '1.2.0', transport: { type: 'stdio' } },
      { registryType: 'npm', identifier: '@acme/weather-http', version: '1.2.0', transport: { type: 'streamable-http', url: 'http://localhost:{PORT}/mcp' } },
      { registryType: 'cargo', identifier: 'weather', transport: { type: 'stdio' } },
    ],
    remotes: [
      { type: 'streamable-http', url: 'https://weather.acme.com/mcp', headers: [{ name: 'Authorization', value: 'Bearer {token}' }] },
      { type: 'sse', url: 'https://weather.acme.com/sse' },
    ],
  };

  it('turns each package into the command a client would run, and each remote into a URL entry', () => {
    const r = readServerEntries('/w/server.json', JSON.stringify(doc, null, 2));
    assert.strictEqual(r.kind, 'server-json');
    assert.strictEqual(r.error, undefined);
    assert.deepStrictEqual(r.servers.map((s) => [s.name, s.transport, describeEndpoint(s), s.origin]), [
      ['io.github.acme/weather (npm)', 'stdio', 'npx -y @acme/weather@1.2.0', 'packages[0]'],
      ['io.github.acme/weather (pypi)', 'stdio', 'uvx acme-weather==1.2.0 --port 8080 <city>', 'packages[1]'],
      ['io.github.acme/weather (oci)', 'stdio', 'docker run -i --rm -e X=1 docker.io/acme/weather:1.2.0', 'packages[2]'],
      ['io.github.acme/weather (nuget)', 'stdio', 'dnx Acme.Weather@1.2.0 --yes', 'packages[3]'],
      ['io.github.acme/weather (npm)', 'http', 'http://localhost:{PORT}/mcp', 'packages[4]'],
      ['io.github.acme/weather (cargo)', 'stdio', '?', 'packages[5]'],
      ['io.github.acme/weather (remote http)', 'http', 'https://weather.acme.com/mcp', 'remotes[0]'],
      ['io.github.acme/weather (remote sse)', 'sse', 'https://weather.acme.com/sse', 'remotes[1]'],
    ]);
    assert.deepStrictEqual(r.servers[0].env, { API_KEY: '', REGION: 'eu' });
    assert.strictEqual(r.servers[5].problem, 'unknown registry type "cargo"');
    assert.deepStrictEqual(r.servers[6].headers, { Authorization: 'Bearer {token}' });
  });

  it('points each entry at its package or remote in the file', () => {
    const text = JSON.stringify(doc, null, 2);
    const r = readServerEntries('/w/server.json', text);
    const lines = text.split('\n');
    for (const s of r.servers) {
      assert.ok(s.position, `${s.origin} has a position`);
      assert.match(lines[s.position.line].slice(s.position.character), /^\{/, `${s.origin} points at an object start`);
    }
    assert.ok(r.servers[1].position!.line > r.servers[0].position!.line);
  });

  it('names a single package after the server', () => {
    const r = readServerEntries('/w/server.json', JSON.stringify({ name: 'io.github.a/b', packages: [{ registryType: 'npm', identifier: 'b', transport: { type: 'stdio' } }] }));
    assert.deepStrictEqual(r.servers.map((s) => [s.name, describeEndpoint(s)]), [['io.github.a/b', 'npx -y b']]);
  });
});

describe('readServerEntries: MCPB manifest.json', () => {
  it('detects an MCPB manifest by content and reads its mcp_config', () => {
    const text = JSON.stringify({ manifest_version: '0.3', name: 'hello', version: '1.0.0', author: { name: 'A' }, server: { type: 'node', entry_point: 'server/index.js', mcp_config: { command: 'node', args: ['${__dirname}/server/index.js'], env: { LOG: 'info' } } } });
    const r = readServerEntries('/w/bundle/manifest.json', text);
    assert.strictEqual(r.kind, 'mcpb');
    assert.deepStrictEqual(r.servers.map((s) => [s.name, s.transport, describeEndpoint(s), s.origin]), [['hello', 'stdio', 'node ${__dirname}/server/index.js', 'server.mcp_config']]);
    assert.deepStrictEqual(r.servers[0].env, { LOG: 'info' });
  });

  it('reports a bundle without mcp_config as a problem entry', () => {
    const r = readServerEntries('/w/manifest.json', JSON.stringify({ dxt_version: '0.1', name: 'old', server: { type: 'binary' } }));
    assert.strictEqual(r.kind, 'mcpb');
    assert.strictEqual(r.servers[0].problem, 'server.mcp_config is missing');
  });
});

describe('readServerEntries: files that are not usable', () => {
  it('reports a syntax error with its line and column, never an empty list without a reason', () => {
    const r = readServerEntries('/w/.mcp.json', '{\n  "mcpServers": {\n    "a": { "command": "node" \n  }\n');
    assert.strictEqual(r.kind, 'claude-code');
    assert.deepStrictEqual(r.servers, []);
    assert.match(r.error ?? '', /^Cannot parse: line \d+, column \d+: .+/);
  });

  it('reports an empty file, a non-object top level and an unknown format', () => {
    assert.strictEqual(readServerEntries('/w/.mcp.json', '').error, 'File is empty');
    assert.strictEqual(readServerEntries('/w/.mcp.json', '  \n').error, 'File is empty');
    assert.strictEqual(readServerEntries('/w/.mcp.json', '[1, 2]').error, 'Expected a JSON object at the top level');
    assert.strictEqual(readServerEntries('/w/settings.json', '{"editor.fontSize": 12}').error, 'Not a recognised MCP config or manifest');
  });

  it('reports a root key of the wrong type, and treats a missing one as no servers', () => {
    assert.strictEqual(readServerEntries('/w/.vscode/mcp.json', '{"servers": []}').error, '"servers" must be an object');
    const none = readServerEntries('/w/.vscode/mcp.json', '{"inputs": []}');
    assert.strictEqual(none.error, undefined);
    assert.deepStrictEqual(none.servers, []);
  });

  it('uses the kind it is told when the name says nothing', () => {
    const r = readServerEntries('/tmp/anything.json', JSON.stringify({ mcpServers: { a: { command: 'x' } } }), 'claude-desktop');
    assert.strictEqual(r.kind, 'claude-desktop');
    assert.strictEqual(r.servers.length, 1);
  });
});
