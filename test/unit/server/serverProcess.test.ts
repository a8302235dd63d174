// The bundled entry point (as dist/server.js is built) runs as its own process and answers over stdio.
import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

describe('language server process (bundled entry, stdio)', function () {
  this.timeout(30000);
  const dir = mkdtempSync(path.join(tmpdir(), 'mcpwb-srv-'));
  const bundle = path.join(dir, 'server.js');
  let child: ChildProcess | undefined;

  before(async () => {
    await esbuild.build({ entryPoints: [path.resolve(__dirname, '../../../src/server/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, logLevel: 'silent', mainFields: ['module', 'main'] });
  });
  after(() => {
    if (child && child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for an opened server.json and exits cleanly on shutdown/exit', async () => {
    child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const conn = createProtocolConnection(child.stdout!, child.stdin!);
    conn.listen();
    const got = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
    await conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null, initializationOptions: { environmentChecks: false } });
    await conn.sendNotification(InitializedNotification.type, {});
    const text = JSON.stringify({ $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json', name: 'no-namespace', description: 'd', version: 'latest' });
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'file:///tmp/x/server.json', languageId: 'json', version: 1, text } });
    const diags = await got;
    assert.deepEqual(diags.diagnostics.map((d) => d.code).sort(), ['registry-name-format', 'registry-version-latest']);
    await conn.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    await conn.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0, stderr);
    conn.dispose();
  });
});
