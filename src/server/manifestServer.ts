// The MCP manifest language server: wires LSP requests to the core checks. Built by main.ts with a connection
// and a runtime, so tests can run it in-process over a stream pair.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  Connection,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_KIND_LABELS } from '../core/manifest/configKinds';
import type { ManifestEnvironment } from '../core/manifest/validateManifest';
import { ManifestReportParams, ManifestReportRequest, ManifestReportResult, ManifestServerOptions, ManifestStatusNotification, ManifestStatusParams } from '../shared/lspMessages';
import { toLspDiagnostic } from './convert';
import { codeActions } from './features/codeActions';
import { serverCodeLenses } from './features/codeLenses';
import { complete } from './features/completion';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { DocumentState, ManifestAnalyzer } from './manifestAnalyzer';

export interface ServerRuntime {
  /** The machine the environment checks look at, for these workspace folders. */
  environment(workspaceFolders: string[]): ManifestEnvironment;
  /** Names of environment variables offered in completion. */
  envNames(): string[];
}

function filePath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
  let analyzer: ManifestAnalyzer | undefined;

  const sendStatus = (state: DocumentState): void => {
    const r = state.report;
    const all = analyzer ? analyzer.diagnostics(state) : r.diagnostics;
    const params: ManifestStatusParams = {
      uri: state.uri,
      kind: r.kind ?? null,
      kindLabel: r.kind ? CONFIG_KIND_LABELS[r.kind] : undefined,
      schemaId: r.schema?.id,
      schemaLabel: r.schema?.label,
      hostValidatesSchema: state.hostValidatesSchema,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
    };
    void connection.sendNotification(ManifestStatusNotification.method, params);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ManifestServerOptions;
    const folders = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((f): f is string => !!f);
    if (folders.length === 0 && params.rootUri) {
      const root = filePath(params.rootUri);
      if (root) folders.push(root);
    }
    analyzer = new ManifestAnalyzer({
      hostValidatesVsCodeMcp: options.hostValidatesVsCodeMcp === true,
      environment: options.environmentChecks === false ? undefined : runtime.environment(folders),
      publish: (state, diagnostics) => {
        void connection.sendDiagnostics({ uri: state.uri, version: state.version, diagnostics: diagnostics.map(toLspDiagnostic) });
        sendStatus(state);
      },
      log: (m) => connection.console.error(m),
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', '{', '$'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'mcp-workbench-manifests' },
    };
  });

  // A config file or package.json elsewhere in the workspace changed: duplicate names and mcpName may differ now.
  connection.onDidChangeWatchedFiles(() => analyzer?.refreshEnvironment());
  documents.onDidOpen((e) => analyzer?.schedule(e.document));
  documents.onDidChangeContent((e) => analyzer?.schedule(e.document));
  documents.onDidClose((e) => {
    analyzer?.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /** Current state for a request, analysing first if the queued run has not happened yet. */
  const stateOf = async (uri: string): Promise<{ doc: TextDocument; state: DocumentState } | undefined> => {
    const doc = documents.get(uri);
    if (!doc || !analyzer) return undefined;
    const state = await analyzer.analyzeNow(doc);
    return state.report.kind ? { doc, state } : undefined;
  };

  connection.onCompletion(async (p) => {
    const s = await stateOf(p.textDocument.uri);
    return s ? complete(s.doc, p.position, s.state, runtime.envNames) : null;
  });
  connection.onHover(async (p) => {
    const s = await stateOf(p.textDocument.uri);
    return s ? hover(s.doc, p.position, s.state) : null;
  });
  connection.onCodeAction(async (p) => {
    const s = await stateOf(p.textDocument.uri);
    return s && analyzer ? codeActions(p.textDocument.uri, p, analyzer.diagnostics(s.state)) : [];
  });
  connection.onDocumentSymbol(async (p) => {
    const s = await stateOf(p.textDocument.uri);
    return s ? documentSymbols(s.state.report) : [];
  });
  connection.onCodeLens(async (p) => {
    const s = await stateOf(p.textDocument.uri);
    return s ? serverCodeLenses(s.state.report, filePath(p.textDocument.uri)) : [];
  });
  connection.onRequest(ManifestReportRequest.method, async (p: ManifestReportParams): Promise<ManifestReportResult> => {
    const doc = documents.get(p.uri);
    if (!doc || !analyzer) return { kind: null, schemaId: null, diagnostics: [], complete: true };
    const state = await analyzer.analyzeNow(doc);
    return {
      kind: state.report.kind ?? null,
      schemaId: state.report.schema?.id ?? null,
      diagnostics: analyzer.diagnostics(state).map((d) => ({ code: d.code, severity: d.severity, message: d.message, path: d.path, line: d.range.start.line, character: d.range.start.character })),
      complete: state.environmentDone,
    };
  });

  documents.listen(connection);
  connection.listen();
}
