// Manifest language server inside a real extension host: broken .vscode/mcp.json and server.json of the demo
// workspace get our diagnostics, a quick fix from the code action provider removes them, the status names the
// kind and schema, and code lenses only name commands that exist.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getApi, waitFor, workspacePath } from './helpers';

const SOURCE = 'mcp-workbench';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function replaceText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit was not applied');
}

async function quickFix(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // The API command may or may not echo the diagnostics an action fixes; when it does, they must match.
  const fix = actions.find((a) => a.edit && (!a.diagnostics?.length || a.diagnostics.some((d) => codeOf(d) === codeOf(diagnostic))));
  assert.ok(fix, `no quick fix with an edit for ${codeOf(diagnostic)} among: ${actions.map((a) => `${a.title} (edit: ${!!a.edit}, diagnostics: ${a.diagnostics?.map(codeOf)})`).join(', ')}`);
  return fix;
}

describe('manifest language server in the editor', function () {
  this.timeout(60_000);
  const restore: { doc: vscode.TextDocument; text: string }[] = [];

  after(async () => {
    for (const r of restore) {
      await replaceText(r.doc, r.text);
      await r.doc.save();
    }
  });

  async function openManifest(...parts: string[]): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(workspacePath(...parts));
    await vscode.window.showTextDocument(doc);
    restore.push({ doc, text: doc.getText() });
    return doc;
  }

  it('reports an undefined ${input:} in .vscode/mcp.json and the quick fix clears it', async () => {
    const api = await getApi();
    await api.manifests.ready;
    const doc = await openManifest('.vscode', 'mcp.json');
    const broken = doc.getText().replace('"command": "node",', '"command": "node",\n      "env": { "DEMO_TOKEN": "${input:demo-token}" },');
    assert.notStrictEqual(broken, doc.getText(), 'demo mcp.json changed shape; update this test');
    await replaceText(doc, broken);
    const diag = await waitFor(() => ours(doc.uri).find((d) => codeOf(d) === 'client-input-undefined'), 'client-input-undefined on .vscode/mcp.json', 20_000);
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diag.message, /\$\{input:demo-token\} refers to no entry in "inputs"/);
    const status = await waitFor(() => api.manifests.status(doc.uri), 'status of mcp.json');
    assert.strictEqual(status.kind, 'vscode-mcp');
    assert.strictEqual(status.hostValidatesSchema, true);

    const fix = await quickFix(doc, diag);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitFor(() => !ours(doc.uri).some((d) => d.severity <= vscode.DiagnosticSeverity.Warning) || undefined, 'diagnostics of mcp.json to clear', 20_000);
    assert.match(doc.getText(), /"id": "demo-token"/);
  });

  it('reports a version range and a remote on localhost in server.json, and the quick fix clears the range', async () => {
    const api = await getApi();
    const doc = await openManifest('server.json');
    const broken = doc.getText().replace('"version": "0.1.0",', '"version": "^0.1.0",').replace('https://demo.mcp-workbench.example.com/mcp', 'http://localhost:3000/mcp');
    await replaceText(doc, broken);
    const range = await waitFor(() => ours(doc.uri).find((d) => codeOf(d) === 'registry-version-range'), 'registry-version-range on server.json', 20_000);
    const codes = ours(doc.uri).map(codeOf).sort();
    assert.deepStrictEqual(codes, ['registry-remote-localhost', 'registry-version-range']);
    const status = await waitFor(() => api.manifests.status(doc.uri), 'status of server.json');
    assert.strictEqual(status.schemaId, 'server.json@2025-12-11');

    const fix = await quickFix(doc, range);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitFor(() => (ours(doc.uri).map(codeOf).join() === 'registry-remote-localhost' ? true : undefined), 'only registry-remote-localhost left', 20_000);
    assert.match(doc.getText(), /"version": "0\.1\.0"/);
  });

  it('puts code lenses over servers that name only registered commands', async () => {
    const doc = await vscode.workspace.openTextDocument(workspacePath('.vscode', 'mcp.json'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const expectAny = ['mcpWorkbench.inspectServer', 'mcpWorkbench.gateway.serve', 'mcpWorkbench.recordServer'].some((c) => registered.has(c));
    // VS Code adds its own lenses to mcp.json (start/stop a server); only ours are checked here.
    const ourLenses = async (): Promise<vscode.CodeLens[]> =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).filter((l) => l.command?.command.startsWith('mcpWorkbench.'));
    const lenses = expectAny ? await waitFor(async () => ((await ourLenses()).length ? ourLenses() : undefined), 'our code lenses on mcp.json', 20_000) : await ourLenses();
    for (const l of lenses) {
      assert.ok(l.command && registered.has(l.command.command), `lens for unregistered ${l.command?.command}`);
      // Arguments are not always passed through the API command; when they are, they name this server.
      const arg = l.command.arguments?.[0] as { file: string; name: string } | undefined;
      if (arg) assert.deepStrictEqual(arg, { file: doc.uri.fsPath, name: 'demo' });
    }
    if (registered.has('mcpWorkbench.inspectServer')) assert.ok(lenses.some((l) => l.command?.title === 'Inspect'), 'Inspect lens missing although the command exists');
  });
});
