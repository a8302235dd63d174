// Runs the checks for open documents: the fast ones (syntax, schema, semantic) on every edit, then the slow
// environment checks, whose results are merged in when they arrive and dropped when the text moved on.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as jsonc from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ManifestDiagnostic, compareDiagnostics } from '../core/manifest/manifestDiagnostic';
import { ManifestEnvironment, ManifestReport, validateEnvironment, validateManifest } from '../core/manifest/validateManifest';

export interface DocumentState {
  uri: string;
  version: number;
  report: ManifestReport;
  /** Environment findings, located in the current text (re-anchored by JSON path after edits). */
  environment: ManifestDiagnostic[];
  /** Whether `environment` was computed for this exact version. */
  environmentDone: boolean;
  hostValidatesSchema: boolean;
  /** When the fast phase for this version was published (performance.now()). */
  publishedAt: number;
}

export interface AnalyzerOptions {
  hostValidatesVsCodeMcp: boolean;
  environment?: ManifestEnvironment;
  publish(state: DocumentState, diagnostics: ManifestDiagnostic[]): void;
  log?(message: string): void;
}

/** A file path for a document URI; untitled documents keep their name so the kind can still be detected. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      /* fall through */
    }
  }
  return decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:\/*/i, '/'));
}

function pointerToPath(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node a JSON pointer names in a tree, treating digit segments as indexes inside arrays. */
export function nodeAtPointer(root: jsonc.Node | undefined, pointer: string): jsonc.Node | undefined {
  let n = root;
  for (const seg of pointerToPath(pointer)) {
    if (!n) return undefined;
    if (n.type === 'array') n = n.children?.[Number(seg)];
    else if (n.type === 'object') n = n.children?.find((p) => p.children?.[0]?.value === seg)?.children?.[1];
    else return undefined;
  }
  return n;
}

/**
 * VS Code validates only its own MCP configs against its schema: .vscode/mcp.json and the user-level mcp.json
 * (in the user data folder or a profile). Any other mcp.json gets our schema findings.
 */
export function validatedByVsCode(uri: string, file: string): boolean {
  if (path.basename(file) !== 'mcp.json') return false;
  if (uri.startsWith('vscode-userdata:')) return true;
  const norm = file.replace(/\\/g, '/');
  return path.posix.basename(path.posix.dirname(norm)) === '.vscode' || /\/User\/(profiles\/[^/]+\/)?mcp\.json$/.test(norm);
}

/** How long file-change events may pile up before the environment checks run again. */
const REFRESH_MS = 100;

/** How long edits may pile up before a check runs; small enough not to be felt while typing. */
const COALESCE_MS = 4;

const REPORTED_ON_KEY = new Set(['client-duplicate-server']);

export class ManifestAnalyzer {
  private readonly states = new Map<string, DocumentState>();
  private readonly pending = new Map<string, TextDocument>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly latest = new Map<string, number>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AnalyzerOptions) {}

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  /**
   * Queues a document. The LSP connection handles one message per event-loop turn, so a short timer (not
   * setImmediate) lets a burst of edits land first; only the newest version of each document is then checked.
   */
  schedule(doc: TextDocument): void {
    this.pending.set(doc.uri, doc);
    this.latest.set(doc.uri, doc.version);
    this.flushTimer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  close(uri: string): void {
    this.pending.delete(uri);
    this.aborts.get(uri)?.abort();
    this.aborts.delete(uri);
    this.states.delete(uri);
    this.latest.delete(uri);
  }

  /** Runs the fast phase now (used by requests that need current results). */
  async analyzeNow(doc: TextDocument): Promise<DocumentState> {
    const existing = this.states.get(doc.uri);
    if (existing && existing.version === doc.version) return existing;
    this.pending.delete(doc.uri);
    return this.fastPhase(doc);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const docs = [...this.pending.values()];
    this.pending.clear();
    for (const doc of docs) {
      this.fastPhase(doc).catch((e) => this.options.log?.(`validation of ${doc.uri} failed: ${(e as Error).stack ?? e}`));
    }
  }

  private async fastPhase(doc: TextDocument): Promise<DocumentState> {
    const file = uriToPath(doc.uri);
    const text = doc.getText();
    const version = doc.version;
    const hostValidates = this.options.hostValidatesVsCodeMcp && validatedByVsCode(doc.uri, file);
    const report = await validateManifest(file, text, { hostValidatesSchema: hostValidates });
    const previous = this.states.get(doc.uri);
    const state: DocumentState = {
      uri: doc.uri,
      version,
      report,
      environment: previous ? this.reanchor(previous.environment, report) : [],
      environmentDone: false,
      hostValidatesSchema: hostValidates && report.kind === 'vscode-mcp',
      publishedAt: 0,
    };
    // A newer version may have been analysed, or queued, while this one awaited: never publish stale results.
    if (previous && previous.version > version) return previous;
    if ((this.latest.get(doc.uri) ?? version) > version) return state;
    this.states.set(doc.uri, state);
    this.publish(state);
    this.startEnvironmentPhase(state);
    return state;
  }

  private reanchor(found: ManifestDiagnostic[], report: ManifestReport): ManifestDiagnostic[] {
    const doc = report.document;
    if (!doc?.root) return [];
    const out: ManifestDiagnostic[] = [];
    for (const d of found) {
      const n = nodeAtPointer(doc.root, d.path);
      if (!n) continue;
      const target = REPORTED_ON_KEY.has(d.code) && n.parent?.type === 'property' ? n.parent.children![0] : n;
      out.push({ ...d, range: { start: doc.lines.positionAt(target.offset), end: doc.lines.positionAt(target.offset + target.length) } });
    }
    return out;
  }

  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** Re-runs the environment checks of every open document (another config file or package.json changed). */
  refreshEnvironment(): void {
    // A burst of file events (a branch switch, an install) triggers one run.
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      for (const state of this.states.values()) this.startEnvironmentPhase(state);
    }, REFRESH_MS);
  }

  private startEnvironmentPhase(state: DocumentState): void {
    this.aborts.get(state.uri)?.abort();
    const env = this.options.environment;
    const doc = state.report.document;
    if (!env || !doc) {
      state.environment = [];
      state.environmentDone = true;
      return;
    }
    const abort = new AbortController();
    this.aborts.set(state.uri, abort);
    validateEnvironment(doc, env, abort.signal).then(
      (found) => {
        if (abort.signal.aborted || this.states.get(state.uri) !== state) return;
        state.environment = found;
        state.environmentDone = true;
        this.aborts.delete(state.uri);
        this.publish(state);
      },
      (e) => this.options.log?.(`environment checks of ${state.uri} failed: ${(e as Error).message}`),
    );
  }

  diagnostics(state: DocumentState): ManifestDiagnostic[] {
    return [...state.report.diagnostics, ...state.environment].sort(compareDiagnostics);
  }

  private publish(state: DocumentState): void {
    state.publishedAt = performance.now();
    this.options.publish(state, this.diagnostics(state));
  }
}
