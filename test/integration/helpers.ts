// Helpers for integration tests running inside the extension host (see index.ts for how the suite runs).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension/api';

export const EXTENSION_ID = 'mcp-workbench.mcp-workbench';

/** Activates the extension (if needed) and returns what activate() returned. */
export async function getApi(): Promise<WorkbenchApi> {
  const ext = vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** The workspace folder of this run: a fresh copy of demo/. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite must run with the demo workspace open');
  return folder.uri.fsPath;
}

export function workspacePath(...parts: string[]): string {
  return path.join(workspaceRoot(), ...parts);
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
