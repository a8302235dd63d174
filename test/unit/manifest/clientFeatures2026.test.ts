// Client features of late 2026, as users write them: Claude Code headersHelper and ${VAR:-default}, Gemini CLI's
// nested settings, and server.json files on an older dated schema.
import { strict as assert } from 'node:assert';
import { validateManifest } from '../../../src/core/manifest/validateManifest';

const j = (v: unknown): string => JSON.stringify(v, null, 2);

async function findings(file: string, doc: unknown): Promise<string[]> {
  return (await validateManifest('/ws/' + file, j(doc))).diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`);
}

describe('Claude Code .mcp.json', () => {
  it('accepts headersHelper and ${VAR:-default} in every field Claude Code expands', async () => {
    const doc = {
      mcpServers: {
        api: { type: 'http', url: '${API_BASE_URL:-https://api.example.com}/mcp', headers: { Authorization: 'Bearer ${API_TOKEN:-}' }, headersHelper: '/usr/local/bin/get-headers --user $USER' },
        sse: { type: 'sse', url: 'https://${HOST:-localhost.example.com}/sse', headersHelper: 'node ./scripts/headers.js' },
        local: { command: '${HOME}/bin/server', args: ['--config', '${CONFIG:-./config.json}'], env: { LOG_LEVEL: '${LOG_LEVEL:-info}' } },
      },
    };
    assert.deepEqual(await findings('.mcp.json', doc), []);
  });

  it('accepts pre-configured OAuth, timeouts and WebSocket servers', async () => {
    const doc = {
      mcpServers: {
        jira: { type: 'http', url: 'https://mcp.example.com/mcp', oauth: { clientId: 'abc', callbackPort: 8080, scopes: 'read write' }, timeout: 60000 },
        events: { type: 'ws', url: 'wss://events.example.com/mcp' },
        local: { command: 'node', args: ['s.js'], timeout: 120000 },
      },
    };
    assert.deepEqual(await findings('.mcp.json', doc), []);
  });

  it('warns about "streamable-http", the server.json spelling, without calling the file invalid', async () => {
    assert.deepEqual(await findings('.mcp.json', { mcpServers: { a: { type: 'streamable-http', url: 'https://example.com/mcp' } } }), ['warning client-foreign-key /mcpServers/a/type']);
  });

  it('offers "http" for Cline\'s "streamableHttp"', async () => {
    const report = await validateManifest('/ws/.cursor/mcp.json', j({ mcpServers: { a: { type: 'streamableHttp', url: 'https://example.com/mcp' } } }));
    assert.deepEqual(report.diagnostics.map((d) => `${d.severity} ${d.code} ${d.fixes?.[0]?.title}`), ['warning client-foreign-key Use "http"']);
  });

  it('notes headersHelper on a stdio server, where Claude Code ignores it', async () => {
    assert.deepEqual(await findings('.mcp.json', { mcpServers: { a: { command: 'node', headersHelper: 'echo {}' } } }), ['warning client-unknown-key /mcpServers/a/headersHelper']);
  });

  it('offers ${VAR} for a bare $VAR, which Claude Code does not expand', async () => {
    const report = await validateManifest('/ws/.mcp.json', j({ mcpServers: { a: { command: 'node', args: ['--token', '$TOKEN'] } } }));
    const d = report.diagnostics.find((x) => x.code === 'client-variable-syntax');
    assert.equal(d?.severity, 'warning');
    assert.equal(d?.fixes?.[0].title, 'Use "${TOKEN}"');
  });
});

describe('Gemini CLI settings.json (nested layout)', () => {
  const servers = {
    docs: { httpUrl: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer $DOCS_TOKEN' }, timeout: 30000, trust: false },
    events: { url: 'https://events.example.com/sse', type: 'sse', description: 'Event stream' },
    remote: { url: 'https://api.example.com/mcp', type: 'http', includeTools: ['search', 'fetch'] },
    local: { command: 'python', args: ['-m', 'server'], cwd: './srv', env: { API_KEY: '$API_KEY' }, trust: true, excludeTools: ['delete_all'] },
  };

  it('accepts a v2 settings file with the mcp section, ui, tools and servers of every transport', async () => {
    const doc = { general: { vimMode: true }, ui: { theme: 'GitHub' }, tools: { autoAccept: false }, mcp: { allowed: ['docs', 'events', 'remote', 'local'], serverCommand: 'bin/mcp' }, mcpServers: servers };
    assert.deepEqual(await findings('.gemini/settings.json', doc), []);
  });

  it('moves a flat v1 key into the nested layout', async () => {
    const report = await validateManifest('/ws/.gemini/settings.json', j({ allowMCPServers: ['docs'], mcpServers: { docs: servers.docs } }));
    const d = report.diagnostics.find((x) => x.code === 'client-legacy-key');
    assert.match(d?.message ?? '', /"mcp\.allowed"/);
    assert.equal(d?.fixes?.[0].title, 'Move to "mcp.allowed"');
  });

  it('reports an unknown key in the mcp section, which the published schema refuses', async () => {
    assert.ok((await findings('.gemini/settings.json', { mcp: { allow: ['docs'] }, mcpServers: { docs: servers.docs } })).some((f) => f.startsWith('error schema /mcp')));
  });
});

describe('server.json on an older dated schema', () => {
  it('is a note that names what moving to the newest schema changes', async () => {
    const report = await validateManifest('/ws/server.json', j({ $schema: 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json', name: 'io.github.example/weather', description: 'Weather.', version: '1.0.0' }));
    const d = report.diagnostics.find((x) => x.code === 'schema-deprecated');
    assert.equal(d?.severity, 'info');
    assert.match(d!.message, /icons.*\(2025-10-11\)/);
    assert.match(d!.message, /remotes may define their URL \{variables\} \(2025-12-11\)/);
    assert.equal(report.diagnostics.filter((x) => x.severity === 'error').length, 0);
  });
});

describe('files that configure more than MCP servers', () => {
  it('leaves a Claude Desktop config with only app preferences alone', async () => {
    assert.deepEqual(await findings('claude_desktop_config.json', { globalShortcut: 'Ctrl+Space', preferences: { quickEntry: true } }), []);
  });

  it('accepts a Zed server provided by an extension, which has settings but no command', async () => {
    const doc = { context_servers: { 'mcp-server-github': { source: 'extension', settings: { github_personal_access_token: '${GITHUB_TOKEN}' } }, postgres: { settings: { database_url: 'postgres://localhost/db' } } } };
    assert.deepEqual((await findings('.config/zed/settings.json', doc)).filter((f) => f.startsWith('error')), []);
  });

  it('still reports a custom Zed server without a command', async () => {
    assert.deepEqual(await findings('.config/zed/settings.json', { context_servers: { mine: { source: 'custom', args: ['x'] } } }), ['error client-no-command /context_servers/mine']);
  });
});

describe('settings files without MCP servers', () => {
  it('leaves a Gemini CLI settings.json with no servers under any key unchecked', async () => {
    const report = await validateManifest('/ws/.gemini/settings.json', j({ theme: 'Default', autoAccept: true }));
    assert.equal(report.kind, undefined);
    assert.deepEqual(report.diagnostics, []);
  });
});

describe('misspelt keys', () => {
  it('are errors when the server cannot run as written, warnings when a setting is merely ignored', async () => {
    assert.deepEqual(await findings('claude_desktop_config.json', { mcpServers: { a: { command: 'node', arg: ['server.js'] } } }), ['error client-key-typo /mcpServers/a/arg']);
    assert.deepEqual(await findings('claude_desktop_config.json', { mcpServers: { a: { command: 'node', args: ['server.js'], enviroment: { A: '1' } } } }), ['warning client-key-typo /mcpServers/a/enviroment']);
    // VS Code's schema refuses any key it does not know.
    assert.deepEqual(await findings('.vscode/mcp.json', { servers: { a: { command: 'node', enviroment: { A: '1' } } } }), ['error client-key-typo /servers/a/enviroment']);
  });
});
