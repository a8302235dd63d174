// Custom messages between the manifest language server and the extension, declared once for both sides.
// Each has a `method` (what goes over the wire) and a `type` (typed helpers of vscode-languageserver-protocol).
// Namespaces on purpose: `X.method` / `X.type` is the convention of vscode-eslint's customMessages.ts.
/* eslint-disable @typescript-eslint/no-namespace */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** What the server detected for a document: shown in the status bar while the document is active. */
export interface ManifestStatusParams {
  uri: string;
  /** null: the file is not an MCP manifest or config, and the server stays silent about it. */
  kind: string | null;
  kindLabel?: string;
  schemaId?: string;
  schemaLabel?: string;
  /** Whether the editor validates the schema itself (VS Code's own mcp.json schema). */
  hostValidatesSchema?: boolean;
  errors: number;
  warnings: number;
}

export namespace ManifestStatusNotification {
  export const method = 'mcpWorkbench/manifestStatus';
  export const type = new NotificationType<ManifestStatusParams>(method);
}

export interface ManifestReportParams {
  uri: string;
}

export interface ManifestReportResult {
  kind: string | null;
  schemaId: string | null;
  /** Every current diagnostic including hints and the environment checks that have finished. */
  diagnostics: { code: string; severity: string; message: string; path: string; line: number; character: number }[];
  /** Whether the slower environment checks (PATH, sibling files) have finished for this version. */
  complete: boolean;
}

/** The server's current findings for a document, by code: for tests and for "copy diagnostics" commands. */
export namespace ManifestReportRequest {
  export const method = 'mcpWorkbench/manifestReport';
  export const type = new RequestType<ManifestReportParams, ManifestReportResult, void>(method);
}

/** Initialization options the extension passes to the server. */
export interface ManifestServerOptions {
  /** The editor validates .vscode/mcp.json against its own schema (true inside VS Code). */
  hostValidatesVsCodeMcp?: boolean;
  /** Run the checks that touch the machine (PATH lookups, sibling package.json). Default true. */
  environmentChecks?: boolean;
}
