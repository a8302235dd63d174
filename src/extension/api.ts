// What activate() returns: used by the integration tests and by other extensions.
import type * as vscode from 'vscode';
import type { DiscoveredFile } from '../core/manifest/discoverServers';
import type { GatewaysApi } from './gateway/registerGateways';
import type { ManifestClientApi } from './languageClient';
import type { InspectorApi } from './inspector/registerInspector';
import type { ReplayApi } from './traceViewer/registerReplayFeatures';

export interface WorkbenchApi {
  /** Time activate() took, measured inside the extension host. */
  activationMs: number;
  output: vscode.LogOutputChannel;
  servers: { list(): Promise<DiscoveredFile[]>; refresh(): void };
  /** Gateways started with "Serve over HTTP" in this window. */
  gateways: GatewaysApi;
  /** The manifest language server: per-document status and current findings. */
  manifests: ManifestClientApi;
  /** Open inspector panels (tests drive their message protocol through InspectorPanel.receive/onDidPost). */
  inspector: InspectorApi;
  /** Trace viewer sessions, the Test Explorer's trace tests, recording, and the verify runner. */
  replay: ReplayApi;
}
