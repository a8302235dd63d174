// Every diagnostic code: a document that must produce it, the corrected document that must not, and (where the
// check offers one) the quick fix, applied as an editor would, that makes the finding go away.
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_CODES, DiagnosticCode } from '../../../src/core/manifest/diagnosticCodes';
import { validateManifest } from '../../../src/core/manifest/validateManifest';
import type { ConfigKind } from '../../../src/core/manifest/configKinds';

const CURRENT = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const SERVER = { $schema: CURRENT, name: 'io.github.example/weather', description: 'Weather forecasts.', version: '1.0.0', repository: { url: 'https://github.com/example/weather', source: 'github' } };
const NPM = { registryType: 'npm', identifier: '@example/weather', version: '1.0.0', transport: { type: 'stdio' } };
const MCPB = { manifest_version: '0.3', name: 'weather', version: '1.0.0', description: 'Weather.', author: { name: 'Example' }, server: { type: 'node', entry_point: 'server/index.js', mcp_config: { command: 'node', args: ['${__dirname}/server/index.js'] } } };

const j = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';
const server = (patch: Record<string, unknown>): string => j({ ...SERVER, ...patch });

interface Case {
  code: DiagnosticCode;
  file: string;
  kind?: ConfigKind;
  bad: string;
  good: string;
  /** The check offers a quick fix that removes the finding. */
  fix?: boolean;
}

const CASES: Case[] = [
  // Syntax and structure
  { code: 'not-checked', file: '.mcp.json', bad: `{"mcpServers":{"a":{"command":"x","env":${'['.repeat(20000)}${']'.repeat(20000)}}}}`, good: j({ mcpServers: { a: { command: 'x' } } }) },
  { code: 'not-checked', file: 'server.json', bad: '{"name":"a\u0000b"}', good: server({}) },
  { code: 'syntax-error', file: '.vscode/mcp.json', bad: '{ "servers": { "a": { "command": "x" }\n', good: '{ "servers": { "a": { "command": "x" } } }\n' },
  { code: 'syntax-error', file: 'claude_desktop_config.json', bad: '  \n', good: '{ "mcpServers": {} }\n', fix: true },
  { code: 'strict-json', file: '.mcp.json', bad: '{\n  // local servers\n  "mcpServers": { "a": { "command": "x" } }\n}\n', good: '{\n  "mcpServers": { "a": { "command": "x" } }\n}\n', fix: true },
  { code: 'strict-json', file: 'claude_desktop_config.json', bad: '{ "mcpServers": { "a": { "command": "x", } } }', good: '{ "mcpServers": { "a": { "command": "x" } } }', fix: true },
  { code: 'duplicate-key', file: '.cursor/mcp.json', bad: '{ "mcpServers": { "a": { "command": "x" }, "a": { "command": "y" } } }', good: '{ "mcpServers": { "a": { "command": "x" }, "b": { "command": "y" } } }', fix: true },
  { code: 'not-an-object', file: '.mcp.json', bad: j({ mcpServers: { a: 'npx -y pkg' } }), good: j({ mcpServers: { a: { command: 'npx', args: ['-y', 'pkg'] } } }) },
  { code: 'schema', file: 'claude_desktop_config.json', bad: j({ mcpServers: { a: { command: 'x', env: { N: 1 } } } }), good: j({ mcpServers: { a: { command: 'x', env: { N: '1' } } } }) },
  { code: 'schema', file: 'bundle/manifest.json', bad: j({ ...MCPB, author: { email: 'a@example.com' } }), good: j({ ...MCPB, author: { name: 'A', email: 'a@example.com' } }) },
  { code: 'unknown-key', file: 'bundle/manifest.json', bad: j({ ...MCPB, tags: ['x'] }), good: j({ ...MCPB, keywords: ['x'] }), fix: true },
  { code: 'schema-missing', file: 'server.json', bad: j({ ...SERVER, $schema: undefined }), good: server({}), fix: true },
  { code: 'schema-unknown', file: 'server.json', bad: server({ $schema: 'https://static.modelcontextprotocol.io/schemas/2025-11-25/server.schema.json' }), good: server({}), fix: true },
  { code: 'schema-deprecated', file: 'server.json', bad: server({ $schema: 'https://static.modelcontextprotocol.io/schemas/2025-10-17/server.schema.json' }), good: server({}), fix: true },
  { code: 'schema-draft', file: 'server.json', bad: server({ $schema: 'https://static.modelcontextprotocol.io/schemas/draft/server.schema.json' }), good: server({}), fix: true },
  { code: 'placeholder-value', file: 'claude_desktop_config.json', bad: j({ mcpServers: { a: { command: 'x', env: { API_KEY: 'YOUR_API_KEY' } } } }), good: j({ mcpServers: { a: { command: 'x', env: { API_KEY: 'k' } } } }) },
  // Registry server.json
  { code: 'registry-name-format', file: 'server.json', bad: server({ name: 'weather' }), good: server({}), fix: true },
  { code: 'registry-name-format', file: 'server.json', bad: server({ name: 'io.github.example/weather server' }), good: server({}), fix: true },
  { code: 'registry-version-latest', file: 'server.json', bad: server({ packages: [{ ...NPM, version: 'latest' }] }), good: server({ packages: [NPM] }), fix: true },
  { code: 'registry-version-range', file: 'server.json', bad: server({ version: '^1.0.0' }), good: server({}), fix: true },
  { code: 'registry-description-length', file: 'server.json', bad: server({ description: 'x'.repeat(101) }), good: server({ description: 'x'.repeat(100) }) },
  { code: 'registry-title-length', file: 'server.json', bad: server({ title: 't'.repeat(101) }), good: server({ title: 'Weather' }) },
  { code: 'registry-remote-https', file: 'server.json', bad: server({ remotes: [{ type: 'sse', url: 'http://mcp.example.com/sse' }] }), good: server({ remotes: [{ type: 'sse', url: 'https://mcp.example.com/sse' }] }), fix: true },
  { code: 'registry-remote-localhost', file: 'server.json', bad: server({ remotes: [{ type: 'streamable-http', url: 'http://127.0.0.1:3000/mcp' }] }), good: server({ remotes: [{ type: 'streamable-http', url: 'https://mcp.example.com/mcp' }] }) },
  { code: 'registry-url-variable', file: 'server.json', bad: server({ remotes: [{ type: 'streamable-http', url: 'https://mcp.example.com/{tenant}/mcp' }] }), good: server({ remotes: [{ type: 'streamable-http', url: 'https://mcp.example.com/{tenant}/mcp', variables: { tenant: { description: 't' } } }] }), fix: true },
  { code: 'registry-url-variable', file: 'server.json', bad: server({ packages: [{ ...NPM, packageArguments: [{ type: 'named', name: '--token', value: '{token}' }] }] }), good: server({ packages: [{ ...NPM, packageArguments: [{ type: 'named', name: '--token', value: '{token}', variables: { token: { isSecret: true } } }] }] }), fix: true },
  { code: 'registry-type-unsupported', file: 'server.json', bad: server({ packages: [{ ...NPM, registryType: 'docker', identifier: 'example/weather' }] }), good: server({ packages: [{ ...NPM, registryType: 'oci', identifier: 'example/weather' }] }), fix: true },
  { code: 'registry-base-url', file: 'server.json', bad: server({ packages: [{ ...NPM, registryBaseUrl: 'https://npm.example.com' }] }), good: server({ packages: [{ ...NPM, registryBaseUrl: 'https://registry.npmjs.org' }] }), fix: true },
  { code: 'registry-identifier', file: 'server.json', bad: server({ packages: [{ ...NPM, identifier: 'my package' }] }), good: server({ packages: [NPM] }) },
  { code: 'registry-argument', file: 'server.json', bad: server({ packages: [{ ...NPM, packageArguments: [{ type: 'named', name: '--port 8080' }] }] }), good: server({ packages: [{ ...NPM, packageArguments: [{ type: 'named', name: '--port', value: '8080' }] }] }), fix: true },
  { code: 'registry-transport-url', file: 'server.json', bad: server({ packages: [{ ...NPM, transport: { type: 'stdio', url: 'http://localhost:3000/mcp' } }] }), good: server({ packages: [NPM] }), fix: true },
  { code: 'registry-transport-url', file: 'server.json', bad: server({ packages: [{ ...NPM, transport: { type: 'streamable-http' } }] }), good: server({ packages: [{ ...NPM, transport: { type: 'streamable-http', url: 'http://localhost:3000/mcp' } }] }) },
  { code: 'registry-meta-size', file: 'server.json', bad: server({ _meta: { 'io.modelcontextprotocol.registry/publisher-provided': { blob: 'x'.repeat(5000) } } }), good: server({ _meta: { 'io.modelcontextprotocol.registry/publisher-provided': { build: '1' } } }) },
  { code: 'registry-repository-url', file: 'server.json', bad: server({ repository: { url: 'https://github.com/example/weather/tree/main', source: 'github' } }), good: server({}), fix: true },
  { code: 'registry-icon-https', file: 'server.json', bad: server({ icons: [{ src: 'http://example.com/icon.png' }] }), good: server({ icons: [{ src: 'https://example.com/icon.png' }] }), fix: true },
  { code: 'registry-runtime-hint', file: 'server.json', bad: server({ packages: [{ ...NPM, runtimeArguments: [{ type: 'positional', value: '-y' }] }] }), good: server({ packages: [{ ...NPM, runtimeHint: 'npx', runtimeArguments: [{ type: 'positional', value: '-y' }] }] }) },
  { code: 'registry-legacy-key', file: 'server.json', bad: server({ website_url: 'https://example.com' }), good: server({ websiteUrl: 'https://example.com' }), fix: true },
  { code: 'unknown-key', file: 'server.json', bad: server({ websiteURL: 'https://example.com' }), good: server({ websiteUrl: 'https://example.com' }), fix: true },
  // Client configs
  { code: 'client-root-key', file: 'claude_desktop_config.json', bad: j({ servers: { a: { command: 'x' } } }), good: j({ mcpServers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-root-key', file: '.vscode/mcp.json', bad: j({ mcpServers: { a: { command: 'x' } } }), good: j({ servers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-foreign-key', file: '.codeium/windsurf/mcp_config.json', bad: j({ mcpServers: { a: { url: 'https://example.com/mcp' } } }), good: j({ mcpServers: { a: { serverUrl: 'https://example.com/mcp' } } }), fix: true },
  { code: 'client-root-key', file: '.config/zed/settings.json', kind: 'zed', bad: j({ mcpServers: { a: { command: { path: 'node', args: ['s.js'] } } } }), good: j({ context_servers: { a: { command: { path: 'node', args: ['s.js'] } } } }), fix: true },
  { code: 'client-no-command', file: '.config/zed/settings.json', bad: j({ context_servers: { a: { source: 'custom', args: ['s.js'] } } }), good: j({ context_servers: { a: { source: 'custom', command: 'node', args: ['s.js'] } } }) },
  { code: 'client-unknown-root-key', file: '.gemini/settings.json', bad: j({ mcpServerz: true, mcpServers: { a: { command: 'x' } } }), good: j({ mcpServers: { a: { command: 'x' } } }) },
  { code: 'client-legacy-key', file: '.gemini/settings.json', bad: j({ autoAccept: true, mcpServers: { a: { command: 'x' } } }), good: j({ tools: { autoAccept: true }, mcpServers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-key-ignored', file: '.gemini/settings.json', bad: j({ mcpServers: { a: { httpUrl: 'https://example.com/mcp', url: 'https://example.com/mcp' } } }), good: j({ mcpServers: { a: { httpUrl: 'https://example.com/mcp' } } }), fix: true },
  { code: 'client-key-ignored', file: '.gemini/settings.json', bad: j({ mcpServers: { a: { command: 'x', includeTools: ['t'], excludeTools: ['t'] } } }), good: j({ mcpServers: { a: { command: 'x', includeTools: ['t'] } } }) },
  { code: 'client-server-filter', file: '.gemini/settings.json', bad: j({ mcp: { excluded: ['a'] }, mcpServers: { a: { command: 'x' } } }), good: j({ mcp: { excluded: [] }, mcpServers: { a: { command: 'x' } } }) },
  { code: 'client-server-filter', file: '.gemini/settings.json', bad: j({ mcp: { allowed: ['b'] }, mcpServers: { a: { command: 'x' } } }), good: j({ mcp: { allowed: ['a'] }, mcpServers: { a: { command: 'x' } } }) },
  { code: 'client-root-key', file: '.cursor/mcp.json', bad: j({ mcpServer: { a: { command: 'x' } } }), good: j({ mcpServers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-root-key', file: '.cursor/mcp.json', bad: j({ a: { command: 'x' }, b: { url: 'https://example.com/mcp' } }), good: j({ mcpServers: { a: { command: 'x' }, b: { url: 'https://example.com/mcp' } } }), fix: true },
  { code: 'client-root-key', file: '.vscode/mcp.json', bad: j({ mcp: { servers: { a: { command: 'x' } } } }), good: j({ servers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-root-key', file: '.mcp.json', bad: j({ name: 'tools' }), good: j({ mcpServers: {} }) },
  { code: 'client-root-key', file: '.gemini/settings.json', bad: j({ ui: { theme: 'GitHub' }, mcp_servers: { a: { command: 'x' } } }), good: j({ ui: { theme: 'GitHub' }, mcpServers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-root-key', file: '.config/zed/settings.json', bad: j({ theme: 'One Dark', servers: { a: { command: 'x' } } }), good: j({ theme: 'One Dark', context_servers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-root-key', file: 'claude_desktop_config.json', bad: j({ mcpServers: [{ name: 'a', command: 'x' }, { name: 'b', command: 'y', args: ['1'] }] }), good: j({ mcpServers: { a: { command: 'x' }, b: { command: 'y', args: ['1'] } } }), fix: true },
  { code: 'client-unknown-key', file: '.mcp.json', bad: j({ mcpServers: { a: { command: 'x', alwaysAllow: ['t'] } } }), good: j({ mcpServers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-unknown-key', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x', sandboxEnabled: true, sandbox: { network: { allowedDomains: ['a.example.com'] } } } } }), good: j({ servers: { a: { command: 'x', sandboxEnabled: true } }, sandbox: { network: { allowedDomains: ['a.example.com'] } } }), fix: true },
  { code: 'client-key-typo', file: '.cursor/mcp.json', bad: j({ mcpServers: { a: { comand: 'x' } } }), good: j({ mcpServers: { a: { command: 'x' } } }), fix: true },
  { code: 'client-key-typo', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x', enviroment: { A: '1' } } } }), good: j({ servers: { a: { command: 'x', env: { A: '1' } } } }), fix: true },
  { code: 'client-foreign-key', file: '.cursor/mcp.json', bad: j({ mcpServers: { a: { serverUrl: 'https://example.com/mcp' } } }), good: j({ mcpServers: { a: { url: 'https://example.com/mcp' } } }), fix: true },
  { code: 'client-foreign-key', file: '.vscode/mcp.json', bad: j({ servers: { a: { type: 'streamable-http', url: 'https://example.com/mcp' } } }), good: j({ servers: { a: { type: 'http', url: 'https://example.com/mcp' } } }), fix: true },
  { code: 'client-no-command', file: '.mcp.json', bad: j({ mcpServers: { a: { args: ['-y', 'pkg'] } } }), good: j({ mcpServers: { a: { command: 'npx', args: ['-y', 'pkg'] } } }) },
  { code: 'client-no-command', file: '.mcp.json', bad: j({ mcpServers: { a: { url: 'https://example.com/mcp' } } }), good: j({ mcpServers: { a: { type: 'http', url: 'https://example.com/mcp' } } }), fix: true },
  { code: 'client-stdio-url', file: '.vscode/mcp.json', bad: j({ servers: { a: { type: 'stdio', command: 'node', url: 'http://localhost:3000/mcp' } } }), good: j({ servers: { a: { type: 'stdio', command: 'node' } } }), fix: true },
  { code: 'client-http-no-url', file: '.vscode/mcp.json', bad: j({ servers: { a: { type: 'http' } } }), good: j({ servers: { a: { type: 'http', url: 'https://example.com/mcp' } } }) },
  { code: 'client-remote-unsupported', file: 'claude_desktop_config.json', bad: j({ mcpServers: { a: { command: 'x', url: 'https://example.com/sse' } } }), good: j({ mcpServers: { a: { command: 'x' } } }) },
  { code: 'client-sse-endpoint', file: '.gemini/settings.json', bad: j({ mcpServers: { a: { httpUrl: 'https://example.com/sse' } } }), good: j({ mcpServers: { a: { url: 'https://example.com/sse' } } }), fix: true },
  { code: 'client-input-undefined', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x', env: { T: '${input:token}' } } } }), good: j({ servers: { a: { command: 'x', env: { T: '${input:token}' } } }, inputs: [{ type: 'promptString', id: 'token', description: 'Token', password: true }] }), fix: true },
  { code: 'client-input-unused', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x' } }, inputs: [{ type: 'promptString', id: 'token' }] }), good: j({ servers: { a: { command: 'x' } }, inputs: [] }), fix: true },
  { code: 'client-input-duplicate', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x', args: ['${input:t}'] } }, inputs: [{ type: 'promptString', id: 't', description: 'T' }, { type: 'promptString', id: 't', description: 'T' }] }), good: j({ servers: { a: { command: 'x', args: ['${input:t}'] } }, inputs: [{ type: 'promptString', id: 't', description: 'T' }] }), fix: true },
  { code: 'client-variable-syntax', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x', args: ['$HOME/data'] } } }), good: j({ servers: { a: { command: 'x', args: ['${env:HOME}/data'] } } }), fix: true },
  { code: 'client-variable-syntax', file: '.mcp.json', bad: j({ mcpServers: { a: { command: 'x', env: { K: '${env:API_KEY}' } } } }), good: j({ mcpServers: { a: { command: 'x', env: { K: '${API_KEY}' } } } }), fix: true },
  { code: 'client-secret-literal', file: '.vscode/mcp.json', bad: j({ servers: { a: { command: 'x', env: { GITHUB_TOKEN: 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' } } } }), good: j({ servers: { a: { command: 'x', env: { GITHUB_TOKEN: '${input:a-github-token}' } } }, inputs: [{ type: 'promptString', id: 'a-github-token', description: 'GitHub token', password: true }] }), fix: true },
  { code: 'client-secret-literal', file: '.mcp.json', bad: j({ mcpServers: { a: { type: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer sk-' + 'Zq8rT2vLm4Wn6Yp0Ks3Hd5Jf7Gb9Cx1' } } } }), good: j({ mcpServers: { a: { type: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer ${API_TOKEN}' } } } }) },
  { code: 'client-args-one-string', file: '.mcp.json', bad: j({ mcpServers: { a: { command: 'npx', args: '-y @scope/pkg --port 3000' } } }), good: j({ mcpServers: { a: { command: 'npx', args: ['-y', '@scope/pkg', '--port', '3000'] } } }), fix: true },
  { code: 'client-args-one-string', file: '.cursor/mcp.json', bad: j({ mcpServers: { a: { command: 'node', args: ['server.js', '--port 3000'] } } }), good: j({ mcpServers: { a: { command: 'node', args: ['server.js', '--port', '3000'] } } }), fix: true },
  { code: 'client-command-line', file: '.cursor/mcp.json', bad: j({ mcpServers: { a: { command: 'npx -y @scope/pkg' } } }), good: j({ mcpServers: { a: { command: 'npx', args: ['-y', '@scope/pkg'] } } }), fix: true },
  // MCPB
  { code: 'mcpb-version-missing', file: 'manifest.json', kind: 'mcpb', bad: j({ ...MCPB, manifest_version: undefined }), good: j(MCPB), fix: true },
  { code: 'mcpb-dxt-version', file: 'manifest.json', bad: j({ ...MCPB, manifest_version: undefined, dxt_version: '0.3' }), good: j(MCPB), fix: true },
  { code: 'mcpb-version-unknown', file: 'manifest.json', bad: j({ ...MCPB, manifest_version: '0.9' }), good: j(MCPB), fix: true },
  { code: 'mcpb-user-config', file: 'manifest.json', bad: j({ ...MCPB, server: { ...MCPB.server, mcp_config: { command: 'node', args: ['${user_config.api_kye}'] } }, user_config: { api_key: { type: 'string', title: 'Key', description: 'The API key' } } }), good: j({ ...MCPB, server: { ...MCPB.server, mcp_config: { command: 'node', args: ['${user_config.api_key}'] } }, user_config: { api_key: { type: 'string', title: 'Key', description: 'The API key' } } }), fix: true },
  { code: 'mcpb-user-config-unused', file: 'manifest.json', bad: j({ ...MCPB, user_config: { api_key: { type: 'string', title: 'Key', description: 'The API key' } } }), good: j({ ...MCPB, server: { ...MCPB.server, mcp_config: { command: 'node', args: ['${user_config.api_key}'] } }, user_config: { api_key: { type: 'string', title: 'Key', description: 'The API key' } } }) },
  { code: 'mcpb-icon', file: 'manifest.json', bad: j({ ...MCPB, icon: 'https://example.com/icon.png' }), good: j({ ...MCPB, icon: 'icon.png' }) },
  { code: 'mcpb-entry-point', file: 'manifest.json', bad: j({ ...MCPB, server: { ...MCPB.server, entry_point: '../server/index.js' } }), good: j(MCPB) },
];

/** Checks that look at the machine; they have their own tests (environmentChecks.test.ts and the server tests). */
const ENVIRONMENT_CODES: DiagnosticCode[] = ['client-command-not-found', 'registry-mcp-name', 'client-duplicate-server'];

async function codes(file: string, text: string, kind?: ConfigKind): Promise<string[]> {
  return (await validateManifest('/ws/' + file, text, { kind })).diagnostics.map((d) => d.code);
}

describe('manifest checks, one code at a time', () => {
  for (const c of CASES) {
    describe(`${c.code} (${c.file})`, () => {
      it('fails the broken document', async () => {
        const found = await codes(c.file, c.bad, c.kind);
        assert.ok(found.includes(c.code), `expected ${c.code}, got [${found.join(', ')}]`);
      });
      it('passes the corrected document', async () => {
        const found = await codes(c.file, c.good, c.kind);
        assert.deepEqual(found, [], `corrected document still has [${found.join(', ')}]`);
      });
      if (c.fix) {
        it('has a quick fix that removes the finding', async () => {
          const report = await validateManifest('/ws/' + c.file, c.bad, { kind: c.kind });
          const d = report.diagnostics.find((x) => x.code === c.code)!;
          assert.ok(d.fixes?.length, 'no fix offered');
          const fixed = TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, c.bad), d.fixes![0].edits);
          const after = (await validateManifest('/ws/' + c.file, fixed, { kind: c.kind })).diagnostics.filter((x) => x.code === c.code && x.path === d.path);
          assert.deepEqual(after.map((x) => x.message), [], `after "${d.fixes![0].title}":\n${fixed}`);
        });
      }
    });
  }

  it('covers every documented code', () => {
    const covered = new Set<string>([...CASES.map((c) => c.code), ...ENVIRONMENT_CODES]);
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((k) => !covered.has(k));
    assert.deepEqual(missing, []);
  });

  it('never emits a code it does not document', async () => {
    for (const c of CASES) for (const code of await codes(c.file, c.bad, c.kind)) assert.ok(code in DIAGNOSTIC_CODES, `undocumented code ${code}`);
  });
});
