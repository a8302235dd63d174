// The manifest language server over the protocol: diagnostics as you type, completion, hover, quick fixes,
// outline, code lenses, status, and silence for files that are not ours.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspSession, positionOf } from './lspHarness';
import { validatedByVsCode } from '../../../src/server/manifestAnalyzer';

const SERVER_JSON = `{
  "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  "name": "io.github.example/weather",
  "description": "Weather forecasts for MCP clients.",
  "version": "^1.2.3",
  "remotes": [
    { "type": "streamable-http", "url": "https://mcp.example.com/{tenant}/mcp" }
  ]
}
`;

const VSCODE_MCP = `{
  "servers": {
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": { "Authorization": "Bearer \${input:github-token}" }
    },
    "local": { "command": "node", "args": ["server.js"], "enviroment": {} }
  },
  "inputs": []
}
`;

describe('manifest language server (LSP over streams)', function () {
  this.timeout(40_000);
  let lsp: LspSession;
  const dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-ls-'));
  const uri = (rel: string): string => pathToFileURL(path.join(dir, rel)).href;

  beforeEach(async () => {
    lsp = await LspSession.start({ hostValidatesVsCodeMcp: false, environmentChecks: false });
  });
  afterEach(() => lsp.dispose());
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes registry diagnostics for server.json and clears them after the quick fixes', async () => {
    const u = uri('server.json');
    await lsp.open(u, SERVER_JSON);
    const diags = await lsp.diagnostics(u, 1);
    const codes = diags.map((d) => d.code).sort();
    assert.deepEqual(codes, ['registry-url-variable', 'registry-version-range']);
    const range = diags.find((d) => d.code === 'registry-version-range')!;
    assert.equal(range.severity, DiagnosticSeverity.Error);
    assert.deepEqual(range.range.start, positionOf(SERVER_JSON, '"^1.2.3"'));

    for (const code of ['registry-version-range', 'registry-url-variable']) {
      const current = await lsp.diagnostics(u);
      const d = current.find((x) => x.code === code)!;
      const actions = await lsp.codeActions(u, [d]);
      assert.ok(actions.length >= 1, `no quick fix for ${code}`);
      assert.ok(actions[0].isPreferred);
      await lsp.applyEdits(u, actions[0].edit!.changes![u]);
    }
    const after = await lsp.diagnostics(u);
    assert.deepEqual(after.map((d) => d.code), []);
    assert.match(lsp.text(u), /"version": "1\.2\.3"/);
    assert.match(lsp.text(u), /"variables": \{\s*"tenant": \{/);
  });

  it('reports an undefined ${input:} and a key typo in .vscode/mcp.json, with fixes', async () => {
    const u = uri('.vscode/mcp.json');
    await lsp.open(u, VSCODE_MCP);
    const diags = await lsp.diagnostics(u, 1);
    const byCode = new Map(diags.map((d) => [String(d.code), d]));
    assert.ok(byCode.has('client-input-undefined'), JSON.stringify(diags));
    assert.ok(byCode.has('client-key-typo'));
    assert.match(String(byCode.get('client-key-typo')!.message), /did you mean "env"/);
    const [add] = await lsp.codeActions(u, [byCode.get('client-input-undefined')!]);
    const text = await lsp.applyEdits(u, add.edit!.changes![u]);
    const inputs = JSON.parse(text).inputs;
    assert.deepEqual(inputs, [{ type: 'promptString', id: 'github-token', description: 'github-token', password: true }]);
    const [rename] = await lsp.codeActions(u, [(await lsp.diagnostics(u)).find((d) => d.code === 'client-key-typo')!]);
    await lsp.applyEdits(u, rename.edit!.changes![u]);
    assert.deepEqual((await lsp.diagnostics(u)).map((d) => d.code), []);
  });

  it('inside VS Code leaves schema errors of mcp.json to VS Code: duplicates become hints', async () => {
    const hosted = await LspSession.start({ hostValidatesVsCodeMcp: true, environmentChecks: false });
    try {
      const u = uri('.vscode/mcp.json');
      await hosted.open(u, VSCODE_MCP);
      const diags = await hosted.diagnostics(u, 1);
      assert.equal(diags.find((d) => d.code === 'client-key-typo')?.severity, DiagnosticSeverity.Hint);
      assert.equal(diags.find((d) => d.code === 'client-input-undefined')?.severity, DiagnosticSeverity.Error);
      assert.ok(!diags.some((d) => d.code === 'schema'));
      const status = await hosted.waitFor(() => hosted.statuses.find((s) => s.uri === u));
      assert.equal(status.hostValidatesSchema, true);
    } finally {
      hosted.dispose();
    }
  });

  it('knows which mcp.json files VS Code validates itself', () => {
    assert.equal(validatedByVsCode('file:///p/.vscode/mcp.json', '/p/.vscode/mcp.json'), true);
    assert.equal(validatedByVsCode('vscode-userdata:/home/u/.config/Code/User/mcp.json', '/home/u/.config/Code/User/mcp.json'), true);
    assert.equal(validatedByVsCode('file:///home/u/.config/Code/User/profiles/abc/mcp.json', '/home/u/.config/Code/User/profiles/abc/mcp.json'), true);
    assert.equal(validatedByVsCode('file:///p/tools/mcp.json', '/p/tools/mcp.json'), false);
    assert.equal(validatedByVsCode('file:///p/.cursor/mcp.json', '/p/.cursor/mcp.json'), false);
    assert.equal(validatedByVsCode('file:///p/.vscode/settings.json', '/p/.vscode/settings.json'), false);
  });

  it('gives a precise syntax diagnostic for a file that does not parse, then recovers', async () => {
    const u = uri('claude_desktop_config.json');
    const text = '{\n  "mcpServers": {\n    "a": { "command": "node", }\n  }\n}\n';
    await lsp.open(u, text);
    const diags = await lsp.diagnostics(u, 1);
    assert.deepEqual(diags.map((d) => d.code), ['strict-json']);
    assert.deepEqual(diags[0].range.start, positionOf(text, '", }', 1));
    await lsp.change(u, '{ "mcpServers": { "a": { "command": ');
    const broken = await lsp.diagnostics(u, 2);
    assert.ok(broken.some((d) => d.code === 'syntax-error'));
    await lsp.change(u, '{ "mcpServers": { "a": { "command": "node" } } }');
    assert.deepEqual(await lsp.diagnostics(u, 3), []);
  });

  it('answers a document nested thousands of levels deep with one sentence, and keeps serving', async () => {
    const u = uri('.mcp.json');
    await lsp.open(u, `{"mcpServers":{"a":{"command":"x","env":${'['.repeat(20000)}${']'.repeat(20000)}}}}`);
    const diags = await lsp.diagnostics(u, 1);
    assert.deepEqual(diags.map((d) => d.code), ['not-checked']);
    assert.match(String(diags[0].message), /^The file could not be checked: its JSON is nested too deeply/);
    assert.equal(await lsp.hover(u, 0, 3), null);
    await lsp.change(u, '{ "mcpServers": { "a": { "command": "node" } } }');
    assert.deepEqual(await lsp.diagnostics(u, 2), []);
  });

  it('stays silent about JSON files that are not MCP manifests', async () => {
    const u = uri('.vscode/settings.json');
    await lsp.open(u, '{ "editor.tabSize": 2, }');
    assert.deepEqual(await lsp.diagnostics(u, 1), []);
    const status = await lsp.waitFor(() => lsp.statuses.find((s) => s.uri === u));
    assert.equal(status.kind, null);
    assert.equal(await lsp.hover(u, 0, 4), null);
    assert.deepEqual(await lsp.codeLenses(u), []);
    const m = uri('manifest.json');
    await lsp.open(m, '{ "manifest_version": 3, "name": "a chrome extension" }');
    assert.deepEqual(await lsp.diagnostics(m, 1), []);
  });

  it('detects MCPB manifest.json and Gemini settings.json by content and names the schema in the status', async () => {
    const m = uri('bundle/manifest.json');
    await lsp.open(m, JSON.stringify({ manifest_version: '0.3', name: 'x', version: '1.0.0', description: 'd', author: { name: 'a' }, server: { type: 'node', entry_point: 'server/index.js', mcp_config: { command: 'node', args: ['${__dirname}/server/index.js', '${user_config.api_key}'] } } }, null, 2));
    const diags = await lsp.diagnostics(m, 1);
    assert.deepEqual(diags.map((d) => d.code), ['mcpb-user-config']);
    const status = await lsp.waitFor(() => lsp.statuses.find((s) => s.uri === m));
    assert.equal(status.kind, 'mcpb');
    assert.equal(status.schemaId, 'mcpb@0.3');
    const g = uri('.gemini/settings.json');
    await lsp.open(g, '{ "mcpServers": { "s": { "httpUrl": "https://example.com/sse" } } }');
    assert.deepEqual((await lsp.diagnostics(g, 1)).map((d) => d.code), ['client-sse-endpoint']);
  });

  it('completes ${input:} ids and environment names, and schema enum values', async () => {
    const u = uri('.vscode/mcp.json');
    const text = '{\n  "servers": { "s": { "command": "x", "env": { "A": "${input:" } } },\n  "inputs": [{ "id": "api-key", "type": "promptString" }]\n}\n';
    await lsp.open(u, text);
    const p = positionOf(text, '${input:', '${input:'.length);
    const list = await lsp.completion(u, p.line, p.character);
    assert.deepEqual(list.items.map((i) => i.label), ['api-key']);
    const envText = text.replace('${input:', '${env:GI');
    await lsp.change(u, envText);
    const p2 = positionOf(envText, '${env:GI', '${env:GI'.length);
    const envList = await lsp.completion(u, p2.line, p2.character);
    assert.ok(envList.items.some((i) => i.label === 'GITHUB_TOKEN'));

    const s = uri('srv/server.json');
    const sj = '{\n  "name": "io.github.a/b", "description": "d", "version": "1.0.0",\n  \n  "remotes": [{ "type": "sse", "url": "https://a.example/sse" }],\n  "icons": [{ "src": "https://a.example/i.png", "theme": "" }]\n}\n';
    await lsp.open(s, sj);
    const p3 = positionOf(sj, '"theme": ""', '"theme": "'.length);
    const enumList = await lsp.completion(s, p3.line, p3.character);
    const labels = enumList.items.map((i) => i.label.replace(/"/g, ''));
    assert.deepEqual(labels.sort(), ['dark', 'light']);
    const keys = await lsp.completion(s, 2, 2);
    const keyLabels = keys.items.map((i) => i.label);
    for (const k of ['title', 'websiteUrl', 'repository', 'packages']) assert.ok(keyLabels.includes(k), `missing ${k} in ${keyLabels}`);
    assert.ok(!keyLabels.includes('name'), 'offers a key that is already there');
  });

  it('offers new-server snippets where a server name goes', async () => {
    const u = uri('snippets/.mcp.json');
    const text = '{\n  "mcpServers": {\n    \n  }\n}\n';
    await lsp.open(u, text);
    const list = await lsp.completion(u, 2, 4);
    const byLabel = new Map(list.items.map((i) => [i.label, i]));
    assert.ok(byLabel.has('New stdio server') && byLabel.has('New HTTP server'), [...byLabel.keys()].join(', '));
    const http = byLabel.get('New HTTP server')!;
    assert.match((http.textEdit as { newText: string }).newText, /"type": "http",\n\t"url": "\$\{2:https:\/\/example\.com\/mcp\}"/);
    const outside = await lsp.completion(u, 0, 1);
    assert.ok(!outside.items.some((i) => i.label === 'New stdio server'), 'snippet offered at the top level');
  });

  it('shows the schema documentation on hover', async () => {
    const u = uri('hover/server.json');
    await lsp.open(u, SERVER_JSON);
    const p = positionOf(SERVER_JSON, '"description"', 3);
    const h = await lsp.hover(u, p.line, p.character);
    assert.ok(h, 'no hover');
    const value = JSON.stringify(h!.contents);
    assert.match(value, /at most 100 characters/);
    assert.match(value, /server\.json 2025-12-11/);
  });

  it('outlines servers and puts Inspect / Serve / Record lenses over each one', async () => {
    const u = uri('lens/.mcp.json');
    const text = JSON.stringify({ mcpServers: { local: { command: 'node', args: ['a.js'] }, remote: { type: 'http', url: 'https://example.com/mcp' } } }, null, 2);
    await lsp.open(u, text);
    const symbols = await lsp.symbols(u);
    assert.equal(symbols[0].name, 'mcpServers');
    assert.deepEqual(symbols[0].children!.map((c) => [c.name, c.detail]), [['local', 'node a.js'], ['remote', 'https://example.com/mcp']]);
    const lenses = await lsp.codeLenses(u);
    const file = path.join(dir, 'lens/.mcp.json');
    assert.deepEqual(
      lenses.map((l) => [l.command!.title, l.command!.command, (l.command!.arguments![0] as { name: string }).name, (l.command!.arguments![0] as { file: string }).file]),
      [
        ['Inspect', 'mcpWorkbench.inspectServer', 'local', file],
        ['Serve over HTTP', 'mcpWorkbench.gateway.serve', 'local', file],
        ['Record', 'mcpWorkbench.recordServer', 'local', file],
        ['Inspect', 'mcpWorkbench.inspectServer', 'remote', file],
        ['Record', 'mcpWorkbench.recordServer', 'remote', file],
      ],
    );
    assert.equal(lenses[0].range.start.line, positionOf(text, '"local"').line);
  });

  it('publishes the last version only when edits arrive faster than validation', async () => {
    const u = uri('burst/.mcp.json');
    const servers: Record<string, unknown> = {};
    for (let i = 0; i < 1500; i++) servers[`s${i}`] = { command: 'node', args: [`server-${i}.js`], env: { PORT: String(3000 + i) } };
    const big = (broken: boolean): string => JSON.stringify({ mcpServers: { ...servers, last: broken ? { args: ['x'] } : { command: 'node' } } }, null, 2);
    await lsp.open(u, big(true));
    await lsp.diagnostics(u, 1);
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 20; i++) sends.push(lsp.change(u, big(i % 2 === 0)));
    const versions = await Promise.all(sends);
    const last = versions[versions.length - 1];
    const final = await lsp.diagnostics(u, last);
    assert.deepEqual(final.map((d) => d.code), []);
    const published = lsp.published.filter((p) => p.uri === u).map((p) => p.version!);
    assert.ok(published.length < 21, `every edit was validated separately (${published.length})`);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), 'published versions went backwards');
  });
});

describe('manifest language server environment checks', function () {
  this.timeout(40_000);
  it('merges "command not found on PATH" in after the fast diagnostics', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-path-'));
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'real-tool'), '#!/bin/sh\n');
    chmodSync(path.join(bin, 'real-tool'), 0o755);
    const lsp = await LspSession.start({}, { pathValue: bin, platform: 'linux' });
    try {
      const u = pathToFileURL(path.join(dir, '.cursor/mcp.json')).href;
      await lsp.open(u, JSON.stringify({ mcpServers: { a: { command: 'real-tool' }, b: { command: 'npx', args: ['-y', 'x'] } } }, null, 2));
      const merged = await lsp.diagnostics(u, 1, (d) => d.some((x) => x.code === 'client-command-not-found'));
      const notFound = merged.filter((d) => d.code === 'client-command-not-found');
      assert.equal(notFound.length, 1);
      assert.match(String(notFound[0].message), /"npx" is not found on PATH.*nvm, fnm or volta/);
      const firstPublish = lsp.published.find((p) => p.uri === u)!;
      assert.ok(!firstPublish.diagnostics.some((d) => d.code === 'client-command-not-found'), 'slow check blocked the first publish');
      const report = await lsp.report(u);
      assert.equal(report.complete, true);
    } finally {
      lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('flags the same server name in two workspace config files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-dup-'));
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { shared: { command: 'node' } } }));
    const { readFile } = await import('node:fs/promises');
    const lsp = await LspSession.start({}, {
      readFile: (f: string) => readFile(f, 'utf8').catch(() => undefined),
      workspaceConfigFiles: async () => [path.join(dir, '.mcp.json'), path.join(dir, '.vscode/mcp.json')],
      pathValue: '/usr/bin:/bin',
    }, dir);
    try {
      const u = pathToFileURL(path.join(dir, '.vscode/mcp.json')).href;
      await lsp.open(u, JSON.stringify({ servers: { shared: { type: 'http', url: 'https://example.com/mcp' } } }, null, 2));
      const d = await lsp.diagnostics(u, 1, (ds) => ds.some((x) => x.code === 'client-duplicate-server'));
      assert.match(String(d.find((x) => x.code === 'client-duplicate-server')!.message), /also defined in .*\.mcp\.json/);
      // The other file changes on disk: the editor reports it, and the finding goes away without an edit here.
      writeFileSync(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { renamed: { command: 'node' } } }));
      await lsp.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(dir, '.mcp.json')).href, type: FileChangeType.Changed }] });
      await lsp.diagnostics(u, 1, (ds) => !ds.some((x) => x.code === 'client-duplicate-server'));
    } finally {
      lsp.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
