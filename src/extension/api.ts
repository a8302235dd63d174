// What activate() returns: used by the integration tests and by other extensions.
import type * as vscode from 'vscode';
import type { DiscoveredFile } from '../core/manifest/discoverServers';

export interface WorkbenchApi {
  /** Time activate() took, measured inside the extension host. */
  activationMs: number;
  output: vscode.LogOutputChannel;
  servers: { list(): Promise<DiscoveredFile[]>; refresh(): void };
}
