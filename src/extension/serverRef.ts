// How commands name a server: from the Servers view (a tree node), a code lens or another command ({ file, name }).
import * as vscode from 'vscode';
import { readServerEntries, ServerEntry } from '../core/manifest/serverEntries';

export interface ServerRef {
  /** Absolute path of the config or manifest file. */
  file: string;
  /** The server's name as listed by readServerEntries (for server.json: the derived name). */
  name: string;
}

export interface ResolvedServer {
  ref: ServerRef;
  entry: ServerEntry;
  /** The workspace folder that holds the file, for ${workspaceFolder} and relative cwd. */
  folder?: vscode.WorkspaceFolder;
}

/** Accepts a Servers view node ({ type: 'server', file: { file }, server }) or a ServerRef. */
export function toServerRef(arg: unknown): ServerRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, any>;
  if (a.type === 'server' && a.file && a.server) return { file: String(a.file.file), name: String(a.server.name) };
  if (typeof a.file === 'string' && typeof a.name === 'string') return { file: a.file, name: a.name };
  return undefined;
}

/** Reads the file again (the editor's unsaved text wins) so a command always acts on the current definition. */
export async function resolveServer(ref: ServerRef): Promise<ResolvedServer> {
  const uri = vscode.Uri.file(ref.file);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = readServerEntries(ref.file, text);
  if (parsed.error) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${parsed.error}`);
  const entry = parsed.servers.find((s) => s.name === ref.name);
  if (!entry) throw new Error(`No server named "${ref.name}" in ${vscode.workspace.asRelativePath(uri)}.`);
  return { ref, entry, folder: vscode.workspace.getWorkspaceFolder(uri) };
}
