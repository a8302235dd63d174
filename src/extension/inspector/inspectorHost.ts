// VS Code's side of the inspector controller: file watchers, dialogs, the browser, language models and the
// workspace folders. The controller itself (inspectorController.ts) has no `vscode` import and is unit-tested.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CreateMessageRequest } from '@modelcontextprotocol/client';
import { readSettings } from '../settings';
import type { Disposable, InspectorHost } from './hostApi';

export const vscodeInspectorHost: InspectorHost = {
  defaultRoots: () => (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name })),
  requestTimeoutMs: () => readSettings().requestTimeoutMs,
  watch(globs, changed): Disposable {
    const watchers: vscode.Disposable[] = [];
    for (const glob of globs) {
      const patterns = path.isAbsolute(glob) ? [glob] : (vscode.workspace.workspaceFolders ?? []).map((f) => new vscode.RelativePattern(f, glob));
      for (const p of patterns) {
        const w = vscode.workspace.createFileSystemWatcher(p);
        w.onDidChange(changed);
        w.onDidCreate(changed);
        w.onDidDelete(changed);
        watchers.push(w);
      }
    }
    return { dispose: () => watchers.splice(0).forEach((w) => w.dispose()) };
  },
  openBrowser: (url) => void vscode.env.openExternal(vscode.Uri.parse(url.toString())),
  async confirmAndOpen(url) {
    const open = 'Open';
    const choice = await vscode.window.showInformationMessage(`The server asks to open ${url.toString()}`, { modal: true }, open);
    if (choice !== open) return false;
    return vscode.env.openExternal(vscode.Uri.parse(url.toString()));
  },
  async chooseTraceFile(suggestedName) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, '.mcp-traces', suggestedName) : undefined,
      filters: { 'MCP trace': ['mcptrace'] },
      title: 'Save the traffic as a trace',
    });
    return uri?.fsPath;
  },
  displayPath: (file) => vscode.workspace.asRelativePath(file),
  async listModels() {
    try {
      return (await vscode.lm.selectChatModels()).map((m) => m.id);
    } catch {
      return [];
    }
  },
  draftWithModel: (params, model) => draftWithModel(params, model),
};

/** Drafts a reply to a sampling request with a VS Code language model; the developer still approves it. */
export async function draftWithModel(params: CreateMessageRequest['params'], modelId: string, token?: vscode.CancellationToken): Promise<{ text: string; model: string }> {
  const [model] = await vscode.lm.selectChatModels({ id: modelId });
  if (!model) throw new Error(`The language model "${modelId}" is not available.`);
  const messages: vscode.LanguageModelChatMessage[] = [];
  if (params.systemPrompt) messages.push(vscode.LanguageModelChatMessage.User(params.systemPrompt));
  for (const m of params.messages) {
    const blocks = Array.isArray(m.content) ? m.content : [m.content];
    const text = blocks.map((b) => ((b as { type: string }).type === 'text' ? (b as { text: string }).text : `[${(b as { type: string }).type} content]`)).join('\n');
    messages.push(m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(text) : vscode.LanguageModelChatMessage.User(text));
  }
  const response = await model.sendRequest(messages, {}, token ?? new vscode.CancellationTokenSource().token);
  let text = '';
  for await (const chunk of response.text) text += chunk;
  return { text, model: model.id };
}
