// What the inspector controller asks of the editor around it, without naming the editor: VS Code's answer is
// inspectorHost.ts; the unit tests pass a fake.
import type { CreateMessageRequest } from '@modelcontextprotocol/client';
import type { RootView } from '../../shared/inspectorProtocol';

/** Persisted per-server settings (VS Code's workspaceState in the extension). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface Disposable {
  dispose(): void;
}

export interface InspectorHost {
  /** The roots offered by default (the workspace folders). */
  defaultRoots(): RootView[];
  requestTimeoutMs(): number | undefined;
  /** Calls `changed` when a file matching one of the globs changes. */
  watch(globs: string[], changed: () => void): Disposable;
  /** The OAuth browser step. */
  openBrowser(url: URL): void;
  /** Asks the developer, then opens an http(s)/mailto URL; resolves with whether it was opened. */
  confirmAndOpen(url: URL): Promise<boolean>;
  /** Where to save a trace, or undefined when the developer cancels. */
  chooseTraceFile(suggestedName: string): Promise<string | undefined>;
  /** A path as the developer should read it (relative to the workspace). */
  displayPath(file: string): string;
  /** Language models that can draft a sampling reply, and the draft itself. */
  listModels(): Promise<string[]>;
  draftWithModel(params: CreateMessageRequest['params'], model: string): Promise<unknown>;
}
