// Where VS Code keeps the user's own mcp.json: the User folder above this extension's global storage.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UserConfigContext } from '../core/manifest/configLocations';

export function userConfigContext(context: vscode.ExtensionContext): UserConfigContext {
  // globalStorageUri is <user data>/User/globalStorage/<publisher.name>
  const globalStorage = context.globalStorageUri.fsPath;
  const userDir = path.dirname(path.dirname(globalStorage));
  return { vscodeUserDir: path.basename(userDir) === 'User' ? userDir : undefined };
}
