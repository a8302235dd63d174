// Runs the manifest language server in-process over a pair of streams and talks LSP to it like an editor.
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import {
  CodeAction,
  CodeActionRequest,
  CodeLens,
  CodeLensRequest,
  CompletionList,
  CompletionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbol,
  DocumentSymbolRequest,
  Hover,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, ServerRuntime } from '../../../src/server/manifestServer';
import type { ManifestEnvironment } from '../../../src/core/manifest/validateManifest';
import { ManifestReportRequest, ManifestReportResult, ManifestServerOptions, ManifestStatusNotification, ManifestStatusParams } from '../../../src/shared/lspMessages';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  at: number;
}

export class LspSession {
  readonly published: Published[] = [];
  readonly statuses: ManifestStatusParams[] = [];
  private readonly docs = new Map<string, TextDocument>();
  private waiters: (() => void)[] = [];

  private constructor(readonly client: ProtocolConnection) {
    client.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.published.push({ uri: p.uri, version: p.version, diagnostics: p.diagnostics, at: performance.now() });
      this.wake();
    });
    client.onNotification(ManifestStatusNotification.method, (p: ManifestStatusParams) => {
      this.statuses.push(p);
      this.wake();
    });
  }

  static async start(options: ManifestServerOptions = {}, environment?: Partial<ManifestEnvironment>, workspaceFolder?: string): Promise<LspSession> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const runtime: ServerRuntime = {
      environment: () => ({
        readFile: async () => undefined,
        pathValue: '',
        platform: 'linux',
        ...environment,
      }),
      envNames: () => ['HOME', 'GITHUB_TOKEN', 'PATH'],
    };
    startServer(createConnection(toServer, toClient), runtime);
    const client = createProtocolConnection(toClient, toServer);
    client.listen();
    const session = new LspSession(client);
    await client.sendRequest(InitializeRequest.type, {
      // No processId: the server would otherwise poll for our pid forever.
      processId: null,
      rootUri: workspaceFolder ? pathToFileURL(workspaceFolder).href : null,
      capabilities: {},
      workspaceFolders: workspaceFolder ? [{ uri: pathToFileURL(workspaceFolder).href, name: 'ws' }] : null,
      initializationOptions: options,
    });
    await client.sendNotification(InitializedNotification.type, {});
    return session;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `pred` holds, re-checked on every message; rejects after `ms`. */
  async waitFor<T>(pred: () => T | undefined | false, ms = 15_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The latest diagnostics for a document version (waits for them). */
  async diagnostics(uri: string, version?: number, pred: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const v = version ?? this.docs.get(uri)?.version;
    return this.waitFor(() => {
      const mine = this.published.filter((p) => p.uri === uri && (v === undefined || p.version === v));
      const last = mine[mine.length - 1];
      return last && pred(last.diagnostics) ? last.diagnostics : undefined;
    }, 15_000, `diagnostics of ${uri}@${v}`);
  }

  async open(uri: string, text: string, languageId = 'json'): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (version + 1). */
  async change(uri: string, text: string): Promise<number> {
    const old = this.docs.get(uri)!;
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
    return doc.version;
  }

  /** Applies LSP text edits like an editor would and sends the result. */
  async applyEdits(uri: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): Promise<string> {
    const text = TextDocument.applyEdits(this.docs.get(uri)!, edits);
    await this.change(uri, text);
    return text;
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  async close(uri: string): Promise<void> {
    await this.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  completion(uri: string, line: number, character: number): Promise<CompletionList> {
    return this.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } }) as Promise<CompletionList>;
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0].range;
    return this.client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }) as Promise<CodeAction[]>;
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as Promise<DocumentSymbol[]>;
  }

  codeLenses(uri: string): Promise<CodeLens[]> {
    return this.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as Promise<CodeLens[]>;
  }

  report(uri: string): Promise<ManifestReportResult> {
    return this.client.sendRequest(ManifestReportRequest.method, { uri });
  }

  /** Stops talking to the server. The streams stay open: vscode-languageserver exits the process when its input ends. */
  dispose(): void {
    this.client.dispose();
  }
}

/** Position of the first occurrence of `needle` in `text` (plus an offset into it). */
export function positionOf(text: string, needle: string, plus = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, i + plus);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
